import DynamoEngine
import DynamoModel
import Testing

struct DeleteItemTests {
    let engine = makeEngine()
    let key: AttributeMap = ["pk": .s("a")]

    init() throws {
        try makeTable(engine)
    }

    @Test func deleteRemovesTheItemAndReturnsItWithAllOld() throws {
        try engine.put(["pk": .s("a"), "v": num(1)])
        let output = try engine.deleteItem(DeleteItemInput(tableName: "Tab", key: key, returnValues: .allOld), region: testRegion)
        #expect(output.attributes == ["pk": .s("a"), "v": num(1)])
        #expect(try engine.get(key) == nil)
    }

    @Test func deletingAMissingItemSucceedsWithNoAttributes() throws {
        let output = try engine.deleteItem(DeleteItemInput(tableName: "Tab", key: key, returnValues: .allOld), region: testRegion)
        #expect(output.attributes == nil)
    }

    @Test func deleteReturnValuesAllowOnlyAllOldOrNone() {
        for rv in [ReturnValue.allNew, .updatedOld, .updatedNew] {
            #expect(caught { try engine.deleteItem(DeleteItemInput(tableName: "Tab", key: key, returnValues: rv), region: testRegion) } == .validation("ReturnValues can only be ALL_OLD or NONE"))
        }
    }

    @Test func conditionalDeleteKeepsTheItemWhenTheConditionFails() throws {
        let item: AttributeMap = ["pk": .s("a"), "v": num(1)]
        try engine.put(item)
        var input = DeleteItemInput(tableName: "Tab", key: key, conditionExpression: "v > :v", expressionParameters: ExpressionParameters(values: [":v": num(1)]))
        #expect(caught { try engine.deleteItem(input, region: testRegion) } == DynamoError(.conditionalCheckFailed, "The conditional request failed"))
        input.returnValuesOnConditionCheckFailure = .allOld
        #expect(caught { try engine.deleteItem(input, region: testRegion) } == DynamoError(.conditionalCheckFailed, "The conditional request failed", item: item))
        #expect(try engine.get(key) == item)
        input.conditionExpression = "v = :v"
        _ = try engine.deleteItem(input, region: testRegion)
        #expect(try engine.get(key) == nil)
    }

    @Test func deleteUpdatesIndexesAndCounts() throws {
        try makeTable(engine, "Gsi", extraDefinitions: [AttributeDefinition(attributeName: "g", attributeType: .s)], globalIndexes: [gsi("byG", hash: "g")])
        try engine.put(["pk": .s("a"), "g": .s("x")], into: "Gsi")
        try engine.delete(key, from: "Gsi")
        #expect(try engine.scan(ReadInput(tableName: "Gsi", indexName: "byG")).count == 0)
        let d = try engine.describeTable("Gsi", region: testRegion)
        #expect(d.itemCount == 0 && d.tableSizeBytes == 0)
        #expect(d.globalSecondaryIndexes.first?.itemCount == 0)
        #expect(d.globalSecondaryIndexes.first?.indexSizeBytes == 0)
    }
}
