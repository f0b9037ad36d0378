import DynamoEngine
import DynamoModel
import Testing

struct ChangeFeedTests {
    let engine = makeEngine()
    let recorder: ChangeRecorder

    init() throws {
        try makeTable(engine)
        recorder = try ChangeRecorder(engine)
    }

    func change(_ event: StreamEventName, _ pk: String, table: String = "Tab") -> Change {
        Change(table: table, eventName: event, keys: ["pk": .s(pk)])
    }

    @Test func putUpdateDeleteEmitInsertModifyRemove() async throws {
        try engine.put(["pk": .s("a"), "v": num(1)])
        try engine.put(["pk": .s("a"), "v": num(2)])
        try engine.update(["pk": .s("a")], "SET v = :v", values: [":v": num(3)])
        try engine.update(["pk": .s("b")], "SET v = :v", values: [":v": num(3)])
        try engine.update(["pk": .s("c")], nil)
        try engine.delete(["pk": .s("a")])
        #expect(try await recorder.changes() == [
            change(.insert, "a"), change(.modify, "a"), change(.modify, "a"), change(.insert, "b"), change(.insert, "c"), change(.remove, "a"),
        ])
    }

    @Test func noOpWritesEmitNothing() async throws {
        try engine.put(["pk": .s("a"), "v": num(1), "s": .ss(["x", "y"])])
        _ = try await recorder.changes()
        // Identical put (set order and number spelling do not matter).
        try engine.put(["pk": .s("a"), "v": num("1.0"), "s": .ss(["y", "x"])])
        // Update that changes nothing.
        try engine.update(["pk": .s("a")], "SET v = :v", values: [":v": num(1)])
        try engine.update(["pk": .s("a")], "REMOVE absent")
        try engine.update(["pk": .s("a")], nil)
        // Delete of a missing item; REMOVE-only update of a missing item.
        try engine.delete(["pk": .s("missing")])
        try engine.update(["pk": .s("missing")], "REMOVE v")
        // Failed condition.
        _ = caught { try engine.update(["pk": .s("a")], "SET v = :two", condition: "v = :two", values: [":two": num(2)]) }
        _ = caught { try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a")], conditionExpression: "attribute_not_exists(pk)"), region: testRegion) }
        _ = caught { try engine.deleteItem(DeleteItemInput(tableName: "Tab", key: ["pk": .s("a")], conditionExpression: "attribute_not_exists(pk)"), region: testRegion) }
        // Runtime update error.
        _ = caught { try engine.update(["pk": .s("a")], "SET v = v + :x", values: [":x": .s("x")]) }
        #expect(try await recorder.changes() == [])
        #expect(try engine.get(["pk": .s("a")]) == ["pk": .s("a"), "v": num(1), "s": .ss(["x", "y"])])
    }

    @Test func transactionsEmitOnlyForWritesAndOnlyWhenCommitted() async throws {
        try makeTable(engine, "TabU")
        try engine.put(["pk": .s("a")])
        _ = try await recorder.changes()
        let check = TransactWriteItem.conditionCheck(tableName: "Tab", key: ["pk": .s("a")], conditionExpression: "attribute_exists(pk)", expressionParameters: ExpressionParameters(), returnValuesOnConditionCheckFailure: nil)
        let put = TransactWriteItem.put(tableName: "TabU", item: ["pk": .s("n")], conditionExpression: nil, expressionParameters: ExpressionParameters(), returnValuesOnConditionCheckFailure: nil)
        let failing = TransactWriteItem.conditionCheck(tableName: "Tab", key: ["pk": .s("zz")], conditionExpression: "attribute_exists(pk)", expressionParameters: ExpressionParameters(), returnValuesOnConditionCheckFailure: nil)
        _ = caught { try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [put, failing]), region: testRegion) }
        #expect(try await recorder.changes() == [])
        _ = try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [check, put]), region: testRegion)
        #expect(try await recorder.changes() == [change(.insert, "n", table: "TabU")])
    }

    @Test func batchWriteEmitsPerChangedItem() async throws {
        try engine.put(["pk": .s("a")])
        try engine.put(["pk": .s("same"), "v": num(1)])
        _ = try await recorder.changes()
        _ = try engine.batchWriteItem(BatchWriteItemInput(requestItems: [(tableName: "Tab", requests: [
            .put(item: ["pk": .s("b")]), .delete(key: ["pk": .s("a")]), .delete(key: ["pk": .s("missing")]), .put(item: ["pk": .s("same"), "v": num(1)]),
        ])]), region: testRegion)
        #expect(try await recorder.changes() == [change(.insert, "b"), change(.remove, "a")])
    }

    @Test func deleteTableEmitsNoItemChanges() async throws {
        try engine.put(["pk": .s("a")])
        _ = try await recorder.changes()
        _ = try engine.deleteTable("Tab", region: testRegion)
        #expect(try await recorder.changes() == [])
    }

    @Test func changesCarryEveryKeyAttribute() async throws {
        try makeTable(engine, "Rng", sortType: .n)
        try engine.put(["pk": .s("a"), "sk": num(1), "v": num(1)], into: "Rng")
        #expect(try await recorder.changes() == [Change(table: "Rng", eventName: .insert, keys: ["pk": .s("a"), "sk": num(1)])])
    }

    @Test func arithmeticThatChangesNothingEmitsNothing() async throws {
        try engine.put(["pk": .s("a"), "n": num(5), "tags": .ss(["x"])])
        _ = try await recorder.changes()
        try engine.update(["pk": .s("a")], "ADD n :zero", values: [":zero": num(0)])
        try engine.update(["pk": .s("a")], "ADD tags :x", values: [":x": .ss(["x"])])
        try engine.update(["pk": .s("a")], "DELETE tags :y", values: [":y": .ss(["y"])])
        try engine.update(["pk": .s("a")], "SET n = if_not_exists(n, :one)", values: [":one": num(1)])
        #expect(try await recorder.changes() == [])
        try engine.update(["pk": .s("a")], "ADD n :one", values: [":one": num(1)])
        #expect(try await recorder.changes() == [change(.modify, "a")])
    }

    @Test func putReturnsTheOldItemEvenWhenNothingChanged() throws {
        try engine.put(["pk": .s("a"), "v": num(1)])
        let again = try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "v": num(1)], returnValues: .allOld), region: testRegion)
        #expect(again.attributes == ["pk": .s("a"), "v": num(1)])
    }
}
