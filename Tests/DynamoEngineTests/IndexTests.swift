import DynamoEngine
import DynamoModel
import Testing

struct IndexTests {
    let engine = makeEngine()
    static let invalid = "One or more parameter values were invalid: "

    init() throws {
        try makeTable(
            engine, sortType: .n,
            extraDefinitions: [
                AttributeDefinition(attributeName: "g", attributeType: .s), AttributeDefinition(attributeName: "gs", attributeType: .n),
                AttributeDefinition(attributeName: "l", attributeType: .s),
            ],
            localIndexes: [SecondaryIndexDefinition(indexName: "byL", keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash), KeySchemaElement(attributeName: "l", keyType: .range)], projection: Projection(projectionType: .keysOnly))],
            globalIndexes: [
                gsi("all", hash: "g", range: "gs"),
                gsi("keys", hash: "g", projection: Projection(projectionType: .keysOnly)),
                gsi("incl", hash: "g", projection: Projection(projectionType: .include, nonKeyAttributes: ["extra"])),
            ])
        try engine.put(["pk": .s("a"), "sk": num(1), "g": .s("red"), "gs": num(3), "l": .s("z"), "extra": num(1), "spare": num(1)])
        try engine.put(["pk": .s("a"), "sk": num(2), "g": .s("red"), "gs": num(1), "l": .s("y"), "extra": num(2), "spare": num(2)])
        try engine.put(["pk": .s("b"), "sk": num(1), "g": .s("red"), "gs": num(2), "extra": num(3)])
        try engine.put(["pk": .s("c"), "sk": num(1), "g": .s("blue")])
        try engine.put(["pk": .s("d"), "sk": num(1), "spare": num(4)])  // in no GSI: sparse
    }

    func red(_ index: String, limit: Int? = nil, start: AttributeMap? = nil, projection: String? = nil, select: Select? = nil, forward: Bool? = nil) -> ReadInput {
        ReadInput(tableName: "Tab", indexName: index, keyConditionExpression: "g = :g", projectionExpression: projection, expressionParameters: ExpressionParameters(values: [":g": .s("red")]), select: select, limit: limit, scanIndexForward: forward, exclusiveStartKey: start)
    }

    @Test func gsiQueryOrdersByTheIndexSortKey() throws {
        let page = try engine.query(red("all"))
        #expect(page.items?.map { $0["gs"] } == [num(1), num(2), num(3)])
        #expect(page.items?.first == ["pk": .s("a"), "sk": num(2), "g": .s("red"), "gs": num(1), "l": .s("y"), "extra": num(2), "spare": num(2)])
        let reversed = try engine.query(red("all", forward: false))
        #expect(reversed.items?.map { $0["gs"] } == [num(3), num(2), num(1)])
    }

    @Test func gsiIsSparse() throws {
        #expect(try engine.scan(ReadInput(tableName: "Tab", indexName: "all")).count == 3)  // c has no gs
        #expect(try engine.scan(ReadInput(tableName: "Tab", indexName: "byL")).count == 2)
        // Removing the index key removes the entry; adding it adds one.
        try engine.update(["pk": .s("c"), "sk": num(1)], "REMOVE g")
        try engine.update(["pk": .s("d"), "sk": num(1)], "SET g = :g, gs = :n", values: [":g": .s("red"), ":n": num(0)])
        #expect(try engine.query(red("all")).items?.map { $0["pk"] } == [.s("d"), .s("a"), .s("b"), .s("a")])
        #expect(try engine.scan(ReadInput(tableName: "Tab", indexName: "keys")).count == 4)
    }

    @Test func keysOnlyAndIncludeProjections() throws {
        let keys = try engine.query(red("keys"))
        #expect(keys.items?.allSatisfy { Set($0.names) == ["pk", "sk", "g"] } == true)
        let incl = try engine.query(red("incl"))
        #expect(Set(incl.items?.flatMap(\.names) ?? []) == ["pk", "sk", "g", "extra"])
        // The LSI fetches non-projected attributes from the table for ALL_ATTRIBUTES.
        let lsi = try engine.query(ReadInput(tableName: "Tab", indexName: "byL", keyConditionExpression: "pk = :p", expressionParameters: ExpressionParameters(values: [":p": .s("a")]), select: .allAttributes))
        #expect(lsi.items?.map { $0["spare"] } == [num(2), num(1)])
        let lsiProjected = try engine.query(ReadInput(tableName: "Tab", indexName: "byL", keyConditionExpression: "pk = :p", expressionParameters: ExpressionParameters(values: [":p": .s("a")])))
        #expect(lsiProjected.items?.map { Set($0.names) } == [["pk", "sk", "l"], ["pk", "sk", "l"]])
        let lsiSpecific = try engine.query(ReadInput(tableName: "Tab", indexName: "byL", keyConditionExpression: "pk = :p", projectionExpression: "spare", expressionParameters: ExpressionParameters(values: [":p": .s("a")])))
        #expect(lsiSpecific.items == [["spare": num(2)], ["spare": num(1)]])
    }

    @Test func gsiProjectionErrors() {
        #expect(caught { try engine.query(red("keys", select: .allAttributes)) } == .validation(Self.invalid + "Select type ALL_ATTRIBUTES is not supported for global secondary index keys because its projection type is not ALL"))
        #expect(caught { try engine.query(red("incl", projection: "spare")) } == .validation(Self.invalid + "Global secondary index incl does not project [spare]"))
        var consistent = red("all")
        consistent.consistentRead = true
        #expect(caught { try engine.query(consistent) } == .validation("Consistent reads are not supported on global secondary indexes"))
        #expect(caught { try engine.scan(ReadInput(tableName: "Tab", select: .allProjectedAttributes)) } != nil)
    }

    @Test func indexLastEvaluatedKeyCarriesTableAndIndexKeysAndPaginates() throws {
        let first = try engine.query(red("all", limit: 1))
        #expect(first.lastEvaluatedKey == ["pk": .s("a"), "sk": num(2), "g": .s("red"), "gs": num(1)])
        let pages = try engine.allPages(red("all", limit: 1), isQuery: true)
        #expect(pages.flatMap { $0.items ?? [] }.map { $0["gs"] } == [num(1), num(2), num(3)])
        let scanPages = try engine.allPages(ReadInput(tableName: "Tab", indexName: "keys", limit: 1), isQuery: false)
        #expect(scanPages.flatMap { $0.items ?? [] }.count == 4)
        #expect(scanPages.first?.lastEvaluatedKey.map { Set($0.names) } == ["pk", "sk", "g"])
        #expect(caught { try engine.query(red("all", start: ["pk": .s("a"), "sk": num(2)])) } == .validation("The provided starting key is invalid"))
    }

    @Test func manyItemsMayShareAGsiKey() throws {
        try makeTable(engine, "Dup", extraDefinitions: [AttributeDefinition(attributeName: "g", attributeType: .s)], globalIndexes: [gsi("byG", hash: "g")])
        for i in 0..<10 { try engine.put(["pk": .s("k\(i)"), "g": .s("same")], into: "Dup") }
        let pages = try engine.allPages(ReadInput(tableName: "Dup", indexName: "byG", keyConditionExpression: "g = :g", expressionParameters: ExpressionParameters(values: [":g": .s("same")]), limit: 3), isQuery: true)
        // Entries sharing an index key are ordered by the table key.
        #expect(pages.flatMap { $0.items ?? [] }.compactMap { $0["pk"]?.stringValue } == (0..<10).map { "k\($0)" })
    }

    @Test func indexQueryFiltersMayNotUseIndexKeys() {
        var input = red("all")
        input.filterExpression = "gs > :z"
        input.expressionParameters.values?[":z"] = num(0)
        #expect(caught { try engine.query(input) } == .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: gs"))
    }

    @Test func lsiQueryWithSortConditionPaginatesPastADeletedStartItem() throws {
        for i in 0..<8 { try engine.put(["pk": .s("z"), "sk": num(i), "l": .s("v\(i)")]) }
        let input = ReadInput(tableName: "Tab", indexName: "byL", keyConditionExpression: "pk = :p AND l >= :from", expressionParameters: ExpressionParameters(values: [":p": .s("z"), ":from": .s("v2")]), limit: 2)
        let first = try engine.query(input)
        #expect(first.items?.map { $0["l"] } == [.s("v2"), .s("v3")])
        let start = try #require(first.lastEvaluatedKey)
        #expect(start == ["pk": .s("z"), "sk": num(3), "l": .s("v3")])
        try engine.delete(["pk": .s("z"), "sk": num(3)])
        var next = input
        next.exclusiveStartKey = start
        let rest = try engine.allPages(next, isQuery: true)
        #expect(rest.flatMap { $0.items ?? [] }.map { $0["l"] } == [.s("v4"), .s("v5"), .s("v6"), .s("v7")])
    }

    @Test func parallelIndexScanCoversEveryIndexedItemOnce() throws {
        var seen: [AttributeValue] = []
        for segment in 0..<3 {
            seen += try engine.allPages(ReadInput(tableName: "Tab", indexName: "keys", limit: 1, segment: segment, totalSegments: 3), isQuery: false).flatMap { $0.items ?? [] }.compactMap { $0["pk"] }
        }
        #expect(seen.count == 4)
    }

    @Test func lsiScanFetchesNonProjectedAttributesFromTheTable() throws {
        let all = try engine.scan(ReadInput(tableName: "Tab", indexName: "byL", select: .allAttributes))
        #expect(Set(all.items?.compactMap { $0["spare"] } ?? []) == [num(1), num(2)])
        let specific = try engine.scan(ReadInput(tableName: "Tab", indexName: "byL", projectionExpression: "spare"))
        #expect(Set(specific.items ?? []) == [["spare": num(1)], ["spare": num(2)]])
        let projected = try engine.scan(ReadInput(tableName: "Tab", indexName: "byL"))
        #expect(projected.items?.allSatisfy { Set($0.names) == ["pk", "sk", "l"] } == true)
    }
}
