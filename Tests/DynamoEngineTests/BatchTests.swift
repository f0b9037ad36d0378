import DynamoEngine
import DynamoModel
import Testing

struct BatchTests {
    let engine = makeEngine()

    init() throws {
        try makeTable(engine, "TabA")
        try makeTable(engine, "TabB", sortType: .n)
    }

    func write(_ items: [(String, [WriteRequest])]) throws(DynamoError) -> BatchWriteItemOutput {
        try engine.batchWriteItem(BatchWriteItemInput(requestItems: items.map { (tableName: $0.0, requests: $0.1) }), region: testRegion)
    }

    func get(_ items: [(String, KeysAndAttributes)]) throws(DynamoError) -> BatchGetItemOutput {
        try engine.batchGetItem(BatchGetItemInput(requestItems: items.map { (tableName: $0.0, keysAndAttributes: $0.1) }), region: testRegion)
    }

    @Test func batchWritePutsAndDeletesAcrossTables() throws {
        try engine.put(["pk": .s("old")], into: "TabA")
        let output = try write([
            ("TabA", [.put(item: ["pk": .s("x"), "v": num(1)]), .delete(key: ["pk": .s("old")])]),
            ("TabB", [.put(item: ["pk": .s("y"), "sk": num(1)])]),
        ])
        #expect(output.unprocessedItems.isEmpty)
        #expect(try engine.get(["pk": .s("x")], from: "TabA") == ["pk": .s("x"), "v": num(1)])
        #expect(try engine.get(["pk": .s("old")], from: "TabA") == nil)
        #expect(try engine.get(["pk": .s("y"), "sk": num(1)], from: "TabB") != nil)
    }

    @Test func batchWriteAllowsAtMost25RequestsInTotal() throws {
        let puts = (0..<13).map { WriteRequest.put(item: ["pk": .s("k\($0)")]) }
        let sortedPuts = (0..<13).map { WriteRequest.put(item: ["pk": .s("k"), "sk": num($0)]) }
        #expect(caught { try write([("TabA", puts), ("TabB", sortedPuts)]) } == .validation("Too many items requested for the BatchWriteItem call"))
        #expect(try engine.scan(ReadInput(tableName: "TabA")).count == 0)
        _ = try write([("TabA", puts), ("TabB", Array(sortedPuts.prefix(12)))])
        #expect(try engine.scan(ReadInput(tableName: "TabA")).count == 13)
        #expect(caught { try write([]) } == .validation("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"))
    }

    @Test func batchWriteRejectsDuplicateKeysInOneTable() {
        let duplicates: [[WriteRequest]] = [
            [.put(item: ["pk": .s("x")]), .put(item: ["pk": .s("x"), "v": num(1)])],
            [.put(item: ["pk": .s("x")]), .delete(key: ["pk": .s("x")])],
            [.delete(key: ["pk": .s("x")]), .delete(key: ["pk": .s("x")])],
        ]
        for requests in duplicates {
            #expect(caught { try write([("TabA", requests)]) } == .validation("Provided list of item keys contains duplicates"))
        }
        // The same key in two tables is fine.
        #expect(caught { try write([("TabA", [.put(item: ["pk": .s("x")])]), ("TabB", [.put(item: ["pk": .s("x"), "sk": num(1)])])]) } == nil)
    }

    @Test func batchWriteValidatesEverythingBeforeWritingAnything() throws {
        let valid = WriteRequest.put(item: ["pk": .s("good")])
        #expect(caught { try write([("TabA", [valid, .put(item: ["nokey": .s("x")])])]) } == .validation("The provided key element does not match the schema"))
        #expect(caught { try write([("TabA", [valid, .put(item: ["pk": num(1)])])]) } == .validation("The provided key element does not match the schema"))
        #expect(caught { try write([("TabA", [valid, .delete(key: ["pk": .s("a"), "x": num(1)])])]) } == .validation("The provided key element does not match the schema"))
        #expect(caught { try write([("TabA", [valid]), ("Missing", [valid])]) } == .notFound("Requested resource not found"))
        #expect(caught { try write([("TabA", [valid]), ("Missing", [.put(item: ["pk": .s("big"), "p": .s(String(repeating: "x", count: 409_600))])])]) } == .validation("Item size has exceeded the maximum allowed size"))
        #expect(try engine.get(["pk": .s("good")], from: "TabA") == nil)
    }

    @Test func batchGetReturnsFoundItemsAndOmitsMissingOnes() throws {
        try engine.put(["pk": .s("x"), "v": num(1), "w": num(2)], into: "TabA")
        try engine.put(["pk": .s("y"), "sk": num(1)], into: "TabB")
        let output = try get([
            ("TabA", KeysAndAttributes(keys: [["pk": .s("x")], ["pk": .s("missing")]], projectionExpression: "v")),
            ("TabB", KeysAndAttributes(keys: [["pk": .s("nope"), "sk": num(1)]])),
        ])
        #expect(output.responses.count == 2)
        #expect(output.responses.first { $0.tableName == "TabA" }?.items == [["v": num(1)]])
        #expect(output.responses.first { $0.tableName == "TabB" }?.items == [])
        #expect(output.unprocessedKeys.isEmpty)
    }

    @Test func batchGetLimitsAndDuplicates() {
        let keys = (0..<51).map { ["pk": .s("k\($0)")] as AttributeMap }
        let sortedKeys = (0..<50).map { ["pk": .s("k"), "sk": num($0)] as AttributeMap }
        #expect(caught { try get([("TabA", KeysAndAttributes(keys: keys)), ("TabB", KeysAndAttributes(keys: sortedKeys))]) } == .validation("Too many items requested for the BatchGetItem call"))
        #expect(caught { try get([("TabA", KeysAndAttributes(keys: Array(keys.prefix(50)))), ("TabB", KeysAndAttributes(keys: sortedKeys))]) } == nil)
        #expect(caught { try get([("TabA", KeysAndAttributes(keys: [["pk": .s("x")], ["pk": .s("x")]]))]) } == .validation("Provided list of item keys contains duplicates"))
        #expect(caught { try get([("TabA", KeysAndAttributes(keys: [["pk": .s("x"), "sk": num(1)]]))]) } == .validation("The provided key element does not match the schema"))
        #expect(caught { try get([("Missing", KeysAndAttributes(keys: [["pk": .s("x")]]))]) } == .notFound("Requested resource not found"))
    }
}
