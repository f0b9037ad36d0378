import DynamoEngine
import DynamoModel
import Testing

struct QueryTests {
    let engine = makeEngine()

    init() throws {
        try makeTable(engine, "Num", sortType: .n)
        try makeTable(engine, "Str", sortType: .s)
        try makeTable(engine, "TabB", sortType: .b)
    }

    func partition(_ table: String, _ pk: String = "p", forward: Bool? = nil, limit: Int? = nil, start: AttributeMap? = nil, filter: String? = nil, values: [String: AttributeValue] = [:], select: Select? = nil, sortCondition: String? = nil) -> ReadInput {
        var all = values
        all[":pk"] = .s(pk)
        let condition = "pk = :pk" + (sortCondition.map { " AND " + $0 } ?? "")
        return ReadInput(
            tableName: table, keyConditionExpression: condition, filterExpression: filter,
            expressionParameters: ExpressionParameters(values: all), select: select, limit: limit,
            scanIndexForward: forward, exclusiveStartKey: start)
    }

    @Test func numberSortKeysSortNumerically() throws {
        for n in ["10", "-2", "1.5", "0", "2", "1e3", "-10", "0.001"] { try engine.put(["pk": .s("p"), "sk": num(n)], into: "Num") }
        let page = try engine.query(partition("Num"))
        #expect(page.items?.compactMap { $0["sk"]?.numberValue?.canonical } == ["-10", "-2", "0", "0.001", "1.5", "2", "10", "1000"])
        let reversed = try engine.query(partition("Num", forward: false))
        #expect(reversed.items?.compactMap { $0["sk"]?.numberValue?.canonical } == ["1000", "10", "2", "1.5", "0.001", "0", "-2", "-10"])
    }

    @Test func stringSortKeysSortByUTF8Bytes() throws {
        // Precomposed é (C3 A9) and e + combining acute (65 CC 81) are distinct keys; U+FF5E (EF BD 9E) sorts before 😀 (F0 9F 98 80).
        let keys = ["é", "e\u{301}", "Z", "a", "\u{FF5E}", "😀", "aa", "A"]
        for k in keys { try engine.put(["pk": .s("p"), "sk": .s(k)], into: "Str") }
        let page = try engine.query(partition("Str"))
        #expect(page.items?.compactMap { $0["sk"]?.stringValue }.map { Array($0.utf8) } == keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(page.count == 8)
    }

    @Test func canonicallyEquivalentStringsAreDistinctKeys() throws {
        try makeTable(engine, "Hash")
        try engine.put(["pk": .s("é"), "v": num(1)], into: "Hash")
        try engine.put(["pk": .s("e\u{301}"), "v": num(2)], into: "Hash")
        #expect(try engine.get(["pk": .s("é")], from: "Hash")?["v"] == num(1))
        #expect(try engine.get(["pk": .s("e\u{301}")], from: "Hash")?["v"] == num(2))
        #expect(try engine.scan(ReadInput(tableName: "Hash")).count == 2)
    }

    @Test func binarySortKeysSortByUnsignedBytes() throws {
        for b: [UInt8] in [[0xFF], [0x00, 0x01], [0x7F], [0x80], [0x00]] { try engine.put(["pk": .s("p"), "sk": .b(b)], into: "TabB") }
        let page = try engine.query(partition("TabB"))
        #expect(page.items?.map { $0["sk"] } == [.b([0x00]), .b([0x00, 0x01]), .b([0x7F]), .b([0x80]), .b([0xFF])])
    }

    @Test func sortKeyConditionsRestrictTheRange() throws {
        for i in 1...10 { try engine.put(["pk": .s("p"), "sk": num(i)], into: "Num") }
        try engine.put(["pk": .s("q"), "sk": num(5)], into: "Num")
        func sks(_ condition: String, _ values: [String: AttributeValue], forward: Bool? = nil) throws -> [String] {
            try engine.query(partition("Num", forward: forward, values: values, sortCondition: condition)).items?.compactMap { $0["sk"]?.numberValue?.canonical } ?? []
        }
        #expect(try sks("sk BETWEEN :a AND :b", [":a": num(3), ":b": num(5)]) == ["3", "4", "5"])
        #expect(try sks("sk < :a", [":a": num(3)]) == ["1", "2"])
        #expect(try sks(":a <= sk", [":a": num(9)]) == ["9", "10"])
        #expect(try sks("sk > :a", [":a": num(8)], forward: false) == ["10", "9"])
        #expect(try sks("sk = :a", [":a": num(7)]) == ["7"])
        for s in ["apple", "apricot", "banana", "ap"] { try engine.put(["pk": .s("p"), "sk": .s(s)], into: "Str") }
        let prefixed = try engine.query(partition("Str", values: [":pre": .s("ap")], sortCondition: "begins_with(sk, :pre)"))
        #expect(prefixed.items?.compactMap { $0["sk"]?.stringValue } == ["ap", "apple", "apricot"])
    }

    @Test func limitReturnsALastEvaluatedKeyEvenWhenNothingRemains() throws {
        for i in 1...3 { try engine.put(["pk": .s("p"), "sk": num(i), "x": num(i)], into: "Num") }
        let exact = try engine.query(partition("Num", limit: 3))
        #expect(exact.count == 3)
        #expect(exact.lastEvaluatedKey == ["pk": .s("p"), "sk": num(3)])
        let next = try engine.query(partition("Num", limit: 3, start: exact.lastEvaluatedKey))
        #expect(next.count == 0 && next.items == [] && next.lastEvaluatedKey == nil)
        let unbounded = try engine.query(partition("Num"))
        #expect(unbounded.lastEvaluatedKey == nil)
    }

    @Test(arguments: [true, false])
    func paginationReturnsEveryItemExactlyOnce(forward: Bool) throws {
        for i in 0..<23 { try engine.put(["pk": .s("p"), "sk": num(i)], into: "Num") }
        let pages = try engine.allPages(partition("Num", forward: forward, limit: 5), isQuery: true)
        #expect(pages.count == 5)
        let seen = pages.flatMap { $0.items ?? [] }.compactMap { $0["sk"]?.numberValue?.intValue }
        #expect(seen == (forward ? Array(0..<23) : Array((0..<23).reversed())))
    }

    @Test(arguments: [true, false])
    func paginationSurvivesTheDeletionOfTheStartItem(forward: Bool) throws {
        for i in 0..<10 { try engine.put(["pk": .s("p"), "sk": num(i)], into: "Num") }
        let first = try engine.query(partition("Num", forward: forward, limit: 4))
        let start = try #require(first.lastEvaluatedKey)
        try engine.delete(start, from: "Num")
        let rest = try engine.allPages(partition("Num", forward: forward, limit: 4, start: start), isQuery: true)
        let seen = (first.items ?? []).compactMap { $0["sk"]?.numberValue?.intValue } + rest.flatMap { $0.items ?? [] }.compactMap { $0["sk"]?.numberValue?.intValue }
        #expect(seen == (forward ? Array(0..<10) : Array((0..<10).reversed())))
    }

    @Test func pagesStopAtOneMegabyteIncludingTheItemThatCrossesIt() throws {
        let padding = String(repeating: "x", count: 99_990)
        for i in 0..<15 { try engine.put(["pk": .s("p"), "sk": num(i), "pad": .s(padding)], into: "Num") }
        let itemSize = (["pk": .s("p"), "sk": num(0), "pad": .s(padding)] as AttributeMap).itemSize
        let perPage = (1_048_576 + itemSize - 1) / itemSize  // the item that reaches 1 MB is included
        let first = try engine.query(partition("Num"))
        #expect(first.count == perPage)
        #expect(first.scannedCount == perPage)
        #expect(first.lastEvaluatedKey == ["pk": .s("p"), "sk": num(perPage - 1)])
        let second = try engine.query(partition("Num", start: first.lastEvaluatedKey))
        #expect(second.count == 15 - perPage)
        #expect(second.lastEvaluatedKey == nil)
    }

    @Test func filterAppliesAfterLimitSoAPageCanBeEmptyWithAKey() throws {
        for i in 0..<6 { try engine.put(["pk": .s("p"), "sk": num(i), "even": .bool(i % 2 == 0)], into: "Num") }
        let page = try engine.query(partition("Num", limit: 1, filter: "even = :f", values: [":f": .bool(false)]))
        #expect(page.count == 0)
        #expect(page.scannedCount == 1)
        #expect(page.items == [])
        #expect(page.lastEvaluatedKey == ["pk": .s("p"), "sk": num(0)])
        let all = try engine.allPages(partition("Num", limit: 2, filter: "even = :f", values: [":f": .bool(false)]), isQuery: true)
        #expect(all.reduce(0) { $0 + $1.count } == 3)
        #expect(all.reduce(0) { $0 + $1.scannedCount } == 6)
    }

    @Test func selectCountReturnsNoItems() throws {
        for i in 0..<4 { try engine.put(["pk": .s("p"), "sk": num(i)], into: "Num") }
        let page = try engine.query(partition("Num", select: .count))
        #expect(page.items == nil)
        #expect(page.count == 4 && page.scannedCount == 4)
        var withProjection = partition("Num", select: .count)
        withProjection.projectionExpression = "sk"
        #expect(caught { try engine.query(withProjection) } == .validation("1 validation error detected: Cannot specify the ProjectionExpression when choosing to get only the Count"))
    }

    @Test func projectionDoesNotAddKeys() throws {
        try engine.put(["pk": .s("p"), "sk": num(1), "a": num(1), "b": num(2)], into: "Num")
        var input = partition("Num")
        input.projectionExpression = "a"
        #expect(try engine.query(input).items == [["a": num(1)]])
    }

    @Test func queryFiltersMayNotReferenceKeys() {
        #expect(caught { try engine.query(partition("Num", filter: "sk > :z", values: [":z": num(0)])) } == .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"))
    }

    @Test func queryRequestErrors() {
        #expect(caught { try engine.query(ReadInput(tableName: "Num")) } == .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."))
        #expect(caught { try engine.query(partition("Num", limit: 0)) } == .validation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"))
        #expect(caught { try engine.query(ReadInput(tableName: "Num", keyConditionExpression: "pk = :v", expressionParameters: ExpressionParameters(values: [":v": num(1)]))) }
            == .validation("One or more parameter values were invalid: Condition parameter type does not match schema type"))
        #expect(caught { try engine.query(ReadInput(tableName: "Num", keyConditionExpression: "sk = :v", expressionParameters: ExpressionParameters(values: [":v": num(1)]))) }
            == .validation("Query condition missed key schema element: pk"))
        #expect(caught { try engine.query(ReadInput(tableName: "Num", keyConditionExpression: "pk = :v", expressionParameters: ExpressionParameters(values: [":v": .s("")]))) }
            == .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"))
        #expect(caught { try engine.query(ReadInput(tableName: "Num", indexName: "nope", keyConditionExpression: "pk = :v", expressionParameters: ExpressionParameters(values: [":v": .s("a")]))) }
            == .validation("The table does not have the specified index: nope"))
    }

    @Test func exclusiveStartKeyErrors() {
        #expect(caught { try engine.query(partition("Num", start: ["pk": .s("p")])) } == .validation("The provided starting key is invalid"))
        #expect(caught { try engine.query(partition("Num", start: ["pk": .s("p"), "sk": num(1), "x": num(1)])) } == .validation("The provided starting key is invalid"))
        #expect(caught { try engine.query(partition("Num", start: ["pk": .s("p"), "sk": .s("1")])) } == .validation("The provided starting key is invalid: The provided key element does not match the schema"))
        #expect(caught { try engine.query(partition("Num", start: ["pk": .s("other"), "sk": num(1)])) } == .validation("The provided starting key is outside query boundaries based on provided conditions"))
        #expect(caught { try engine.query(partition("Num", start: ["pk": .s("p"), "sk": num(1)], values: [":a": num(5)], sortCondition: "sk > :a")) }
            == .validation("The provided starting key does not match the range key predicate"))
    }

    @Test func consumedCapacityCountsItemsReadBeforeTheFilter() throws {
        for i in 0..<3 { try engine.put(["pk": .s("p"), "sk": num(i), "filler": .s(String(repeating: "x", count: 4000))], into: "Num") }
        var input = partition("Num", filter: "filler = :n", values: [":n": .s("none")])
        input.returnConsumedCapacity = .total
        input.consistentRead = true
        let page = try engine.query(input)
        #expect(page.count == 0)
        #expect(page.consumedCapacity?.capacityUnits == 3)
    }

    @Test func expressionParametersCountAcrossAllExpressionsOfTheRequest() throws {
        try engine.put(["pk": .s("p"), "sk": num(1), "v": num(1)], into: "Num")
        // :p used by the key condition, #v and :one only by the filter: all used.
        let page = try engine.query(ReadInput(tableName: "Num", keyConditionExpression: "pk = :p", filterExpression: "#v = :one", expressionParameters: ExpressionParameters(names: ["#v": "v"], values: [":p": .s("p"), ":one": num(1)])))
        #expect(page.count == 1)
        #expect(caught { try engine.query(ReadInput(tableName: "Num", keyConditionExpression: "pk = :p", expressionParameters: ExpressionParameters(names: ["#v": "v"], values: [":p": .s("p")]))) }
            == .validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#v}"))
    }

    @Test func selectRulesOnTables() {
        #expect(caught { try engine.query(partition("Num", select: .specificAttributes)) }?.code == .validation)
        #expect(caught { try engine.query(partition("Num", select: .allProjectedAttributes)) }?.code == .validation)
        var both = partition("Num", select: .allProjectedAttributes)
        both.indexName = "x"
        both.projectionExpression = "a"
        #expect(caught { try engine.query(both) } == .validation("Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES"))
    }

    @Test(arguments: [
        ("sk = :a", ["b"]), ("sk < :a", ["b"]), ("sk <= :a", ["b"]), ("sk > :a", ["b"]), ("sk >= :a", ["b"]),
        ("sk BETWEEN :a AND :b", ["ab", "b"]), ("begins_with(sk, :a)", ["a"]), ("begins_with(sk, :a)", ["ab"]),
        ("begins_with(sk, :a)", ["zz"]), ("sk < :a", [""]), ("sk BETWEEN :a AND :b", ["c", "a"]),
    ])
    func sortConditionsMatchABruteForceFilterInBothDirectionsAndAcrossPages(condition: String, bounds: [String]) throws {
        var keys: [String] = []
        for first in ["", "a", "ab", "b", "ba", "c"] {
            for second in ["", "a", "b", "bb", "é"] { keys.append(first + second) }
        }
        let distinct = Array(Set(keys)).filter { !$0.isEmpty }
        for k in distinct { try engine.put(["pk": .s("p"), "sk": .s(k)], into: "Str") }
        var values: [String: AttributeValue] = [":a": .s(bounds[0])]
        if bounds.count > 1 { values[":b"] = .s(bounds[1]) }
        if bounds[0].isEmpty { return }  // an empty key value is rejected, covered elsewhere
        let sorted = distinct.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let lo = bounds[0], hi = bounds.count > 1 ? bounds[1] : ""
        let expected = sorted.filter { k in
            let b = Array(k.utf8), a = Array(lo.utf8), h = Array(hi.utf8)
            switch condition {
            case "sk = :a": return b == a
            case "sk < :a": return b.lexicographicallyPrecedes(a)
            case "sk <= :a": return !a.lexicographicallyPrecedes(b)
            case "sk > :a": return a.lexicographicallyPrecedes(b)
            case "sk >= :a": return !b.lexicographicallyPrecedes(a)
            case "sk BETWEEN :a AND :b": return !b.lexicographicallyPrecedes(a) && !h.lexicographicallyPrecedes(b)
            default: return b.starts(with: a)
            }
        }
        if condition == "sk BETWEEN :a AND :b" && hi.utf8.lexicographicallyPrecedes(lo.utf8) {
            #expect(caught { try engine.query(partition("Str", values: values, sortCondition: condition)) }?.code == .validation)
            return
        }
        for forward in [true, false] {
            for limit in [nil, 1, 3] {
                let pages = try engine.allPages(partition("Str", forward: forward, limit: limit, values: values, sortCondition: condition), isQuery: true)
                let got = pages.flatMap { $0.items ?? [] }.compactMap { $0["sk"]?.stringValue }
                #expect(got == (forward ? expected : expected.reversed()), "\(condition) \(bounds) forward \(forward) limit \(String(describing: limit))")
            }
        }
    }
}
