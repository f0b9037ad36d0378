import DynamoEngine
import DynamoModel
import Testing

struct TransactionTests {
    let engine = makeEngine()
    static let none = ExpressionParameters()

    init() throws {
        try makeTable(engine, "TabA")
        try makeTable(engine, "TabB")
        try engine.put(["pk": .s("x"), "v": num(1)], into: "TabA")
        try engine.put(["pk": .s("y"), "v": num(1)], into: "TabB")
    }

    func transact(_ items: [TransactWriteItem], token: String? = nil) throws(DynamoError) {
        _ = try engine.transactWriteItems(TransactWriteItemsInput(transactItems: items, clientRequestToken: token), region: testRegion)
    }

    static func put(_ table: String, _ item: AttributeMap, condition: String? = nil, values: [String: AttributeValue]? = nil) -> TransactWriteItem {
        .put(tableName: table, item: item, conditionExpression: condition, expressionParameters: ExpressionParameters(values: values), returnValuesOnConditionCheckFailure: nil)
    }

    static func update(_ table: String, _ key: AttributeMap, _ expression: String, condition: String? = nil, values: [String: AttributeValue]? = nil, returnOld: Bool = false) -> TransactWriteItem {
        .update(tableName: table, key: key, updateExpression: expression, conditionExpression: condition, expressionParameters: ExpressionParameters(values: values), returnValuesOnConditionCheckFailure: returnOld ? .allOld : nil)
    }

    static func check(_ table: String, _ key: AttributeMap, _ condition: String, values: [String: AttributeValue]? = nil, returnOld: Bool = false) -> TransactWriteItem {
        .conditionCheck(tableName: table, key: key, conditionExpression: condition, expressionParameters: ExpressionParameters(values: values), returnValuesOnConditionCheckFailure: returnOld ? .allOld : nil)
    }

    static func delete(_ table: String, _ key: AttributeMap) -> TransactWriteItem {
        .delete(tableName: table, key: key, conditionExpression: nil, expressionParameters: none, returnValuesOnConditionCheckFailure: nil)
    }

    @Test func allWritesApplyWhenEveryConditionHolds() throws {
        try transact([
            Self.update("TabA", ["pk": .s("x")], "SET v = v + :one", condition: "v = :one", values: [":one": num(1)]),
            Self.put("TabA", ["pk": .s("new")], condition: "attribute_not_exists(pk)"),
            Self.delete("TabB", ["pk": .s("y")]),
            Self.check("TabB", ["pk": .s("z")], "attribute_not_exists(pk)"),
        ])
        #expect(try engine.get(["pk": .s("x")], from: "TabA")?["v"] == num(2))
        #expect(try engine.get(["pk": .s("new")], from: "TabA") != nil)
        #expect(try engine.get(["pk": .s("y")], from: "TabB") == nil)
        #expect(try engine.get(["pk": .s("z")], from: "TabB") == nil)
    }

    @Test func cancellationReportsReasonsInOrderAndAppliesNothing() throws {
        let error = try #require(caught {
            try transact([
                Self.put("TabA", ["pk": .s("new")]),
                Self.check("TabA", ["pk": .s("x")], "v = :two", values: [":two": num(2)], returnOld: true),
                Self.delete("TabB", ["pk": .s("y")]),
                Self.update("TabB", ["pk": .s("w")], "SET v = v + :one", values: [":one": num(1)]),
                Self.check("TabB", ["pk": .s("missing")], "attribute_exists(pk)", returnOld: true),
            ])
        })
        #expect(error.code == .transactionCanceled)
        #expect(error.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, ValidationError, ConditionalCheckFailed]")
        #expect(error.cancellationReasons == [
            .init(code: "None"),
            .init(code: "ConditionalCheckFailed", message: "The conditional request failed", item: ["pk": .s("x"), "v": num(1)]),
            .init(code: "None"),
            .init(code: "ValidationError", message: "The provided expression refers to an attribute that does not exist in the item"),
            .init(code: "ConditionalCheckFailed", message: "The conditional request failed"),
        ])
        #expect(try engine.get(["pk": .s("new")], from: "TabA") == nil)
        #expect(try engine.get(["pk": .s("y")], from: "TabB") != nil)
    }

    @Test func staticErrorsArePlainValidationExceptions() {
        #expect(caught { try transact([Self.put("TabA", ["pk": .s("x")]), Self.delete("TabA", ["pk": .s("x")])]) } == .validation("Transaction request cannot include multiple operations on one item"))
        #expect(caught { try transact([Self.check("TabA", ["pk": .s("x")], "attribute_exists(pk)"), Self.update("TabA", ["pk": .s("x")], "SET v = :v", values: [":v": num(1)])]) }
            == .validation("Transaction request cannot include multiple operations on one item"))
        #expect(caught { try transact([Self.put("TabA", ["nokey": .s("x")])]) } == .validation("One or more parameter values were invalid: Missing the key pk in the item"))
        #expect(caught { try transact([Self.delete("TabA", ["pk": num(1)])]) } == .validation("The provided key element does not match the schema"))
        #expect(caught { try transact([Self.update("TabA", ["pk": .s("x")], "SET pk = :v", values: [":v": .s("z")])]) }
            == .validation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"))
        #expect(caught { try transact([Self.put("TabA", ["pk": .s("q")]), Self.delete("Missing", ["pk": .s("x")])]) } == .notFound("Requested resource not found"))
        #expect(caught { try transact([]) } == .validation("1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"))
        #expect(caught { try transact((0..<101).map { Self.put("TabA", ["pk": .s("k\($0)")]) }) }?.message.hasSuffix("at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100") == true)
        #expect(caught { try engine.get(["pk": .s("q")], from: "TabA") } == nil)
    }

    @Test func clientRequestTokenMakesTheTransactionIdempotent() throws {
        let items = [Self.update("TabA", ["pk": .s("x")], "SET v = v + :one", values: [":one": num(1)])]
        try transact(items, token: "token-1")
        try transact(items, token: "token-1")
        #expect(try engine.get(["pk": .s("x")], from: "TabA")?["v"] == num(2))
        let other = [Self.update("TabA", ["pk": .s("x")], "SET v = v + :two", values: [":two": num(2)])]
        #expect(caught { try transact(other, token: "token-1") }?.code == .idempotentParameterMismatch)
        // After ten minutes the token is forgotten.
        engine.clock.advance(by: .seconds(601))
        try transact(items, token: "token-1")
        #expect(try engine.get(["pk": .s("x")], from: "TabA")?["v"] == num(3))
    }

    @Test func transactGetItemsReturnsASnapshotInRequestOrder() throws {
        let output = try engine.transactGetItems(
            [
                TransactGetItem(tableName: "TabB", key: ["pk": .s("y")]),
                TransactGetItem(tableName: "TabA", key: ["pk": .s("missing")]),
                TransactGetItem(tableName: "TabA", key: ["pk": .s("x")], projectionExpression: "v"),
            ],
            returnConsumedCapacity: nil, region: testRegion)
        #expect(output.responses == [["pk": .s("y"), "v": num(1)], nil, ["v": num(1)]])
        #expect(caught { try engine.transactGetItems([TransactGetItem(tableName: "TabA", key: ["pk": .s("x")]), TransactGetItem(tableName: "TabA", key: ["pk": .s("x")])], returnConsumedCapacity: nil, region: testRegion) }
            == .validation("Transaction request cannot include multiple operations on one item"))
    }
}
