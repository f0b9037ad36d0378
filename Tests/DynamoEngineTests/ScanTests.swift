import DynamoEngine
import DynamoModel
import Testing

struct ScanTests {
    let engine = makeEngine()

    init() throws {
        try makeTable(engine, sortType: .n)
        for p in 0..<20 {
            for s in 0..<3 { try engine.put(["pk": .s("p\(p)"), "sk": num(s), "v": num(p * 10 + s)]) }
        }
    }

    func ids(_ pages: [ReadOutput]) -> [Int] {
        pages.flatMap { $0.items ?? [] }.compactMap { $0["v"]?.numberValue?.intValue }
    }

    @Test func scanReturnsEveryItemWithPartitionsContiguousAndSorted() throws {
        let page = try engine.scan(ReadInput(tableName: "Tab"))
        #expect(page.count == 60 && page.scannedCount == 60 && page.lastEvaluatedKey == nil)
        let items = page.items ?? []
        #expect(Set(ids([page])).count == 60)
        // Each partition appears as one run, sorted by sort key.
        var runs: [AttributeValue] = []
        for item in items where runs.last != item["pk"] { runs.append(item["pk"] ?? .null) }
        #expect(runs.count == 20)
        for i in stride(from: 0, to: items.count, by: 3) {
            #expect(items[i..<i + 3].map { $0["sk"] } == [num(0), num(1), num(2)])
        }
        // The order is deterministic.
        #expect(try engine.scan(ReadInput(tableName: "Tab")).items == items)
    }

    @Test(arguments: [1, 4, 7, 60, 100])
    func paginatedScanReturnsEveryItemExactlyOnce(limit: Int) throws {
        let pages = try engine.allPages(ReadInput(tableName: "Tab", limit: limit), isQuery: false)
        #expect(ids(pages).sorted() == ids([try engine.scan(ReadInput(tableName: "Tab"))]).sorted())
        #expect(ids(pages) == ids([try engine.scan(ReadInput(tableName: "Tab"))]))
        if limit == 60 { #expect(pages.count == 2 && pages[1].count == 0) }
    }

    @Test func paginatedScanSurvivesDeletionOfTheStartItemAndItsPartition() throws {
        let full = ids([try engine.scan(ReadInput(tableName: "Tab"))])
        let first = try engine.scan(ReadInput(tableName: "Tab", limit: 3))
        let start = try #require(first.lastEvaluatedKey)
        // Delete the whole partition the start key belongs to.
        for s in 0..<3 { try engine.delete(["pk": start["pk"] ?? .null, "sk": num(s)]) }
        let rest = try engine.allPages(ReadInput(tableName: "Tab", limit: 5, exclusiveStartKey: start), isQuery: false)
        #expect(ids([first]) + ids(rest) == full)
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func parallelSegmentsPartitionTheItemsExactly(totalSegments: Int) throws {
        var all: [Int] = []
        for segment in 0..<totalSegments {
            let pages = try engine.allPages(ReadInput(tableName: "Tab", limit: 2, segment: segment, totalSegments: totalSegments), isQuery: false)
            let items = pages.flatMap { $0.items ?? [] }
            // A partition never spans segments: each segment holds whole partitions.
            let counts = Dictionary(grouping: items, by: { $0["pk"]?.stringValue ?? "" }).mapValues(\.count)
            #expect(counts.values.allSatisfy { $0 == 3 })
            all += ids(pages)
        }
        #expect(all.count == 60)
        #expect(Set(all).count == 60)
    }

    @Test func segmentErrors() {
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", segment: 0)) } == .validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present"))
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", totalSegments: 2)) } == .validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present"))
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", segment: 2, totalSegments: 2)) } == .validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2"))
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", segment: 0, totalSegments: 0)) } == .validation("1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1"))
    }

    @Test func exclusiveStartKeyFromAnotherSegmentIsRejected() throws {
        let first = try engine.scan(ReadInput(tableName: "Tab", limit: 1, segment: 0, totalSegments: 4))
        let start = try #require(first.lastEvaluatedKey)
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", limit: 1, exclusiveStartKey: start, segment: 1, totalSegments: 4)) }
            == .validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 4 Segment: 1"))
    }

    @Test func scanFiltersMayUseKeysAndCountAfterTheLimit() throws {
        let page = try engine.scan(ReadInput(tableName: "Tab", filterExpression: "sk = :one", expressionParameters: ExpressionParameters(values: [":one": num(1)])))
        #expect(page.count == 20 && page.scannedCount == 60)
        let limited = try engine.scan(ReadInput(tableName: "Tab", filterExpression: "v < :zero", expressionParameters: ExpressionParameters(values: [":zero": num(0)]), limit: 10))
        #expect(limited.count == 0 && limited.scannedCount == 10 && limited.lastEvaluatedKey != nil)
    }

    @Test func selectCountAndProjection() throws {
        let count = try engine.scan(ReadInput(tableName: "Tab", select: .count))
        #expect(count.items == nil && count.count == 60)
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", projectionExpression: "v", select: .count)) } == .validation("Cannot specify the ProjectionExpression when choosing to get only the Count"))
        let projected = try engine.scan(ReadInput(tableName: "Tab", projectionExpression: "v", limit: 1))
        #expect(projected.items?.first?.names == ["v"])
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", expressionParameters: ExpressionParameters(values: [":x": num(1)]))) } == .validation("ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null"))
    }

    @Test func scanPagesStopAtOneMegabyte() throws {
        try makeTable(engine, "Big")
        let padding = String(repeating: "y", count: 200_000)
        for i in 0..<12 { try engine.put(["pk": .s("k\(i)"), "pad": .s(padding)], into: "Big") }
        let pages = try engine.allPages(ReadInput(tableName: "Big", select: .count), isQuery: false)
        #expect(pages.first?.scannedCount == 6)  // 6 × ~200 KB crosses 1 MB
        #expect(pages.reduce(0) { $0 + $1.count } == 12)
    }
}
