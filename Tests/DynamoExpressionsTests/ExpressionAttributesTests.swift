import DynamoExpressions
import DynamoModel
import Testing

struct ExpressionAttributesTests {
    @Test(arguments: [
        ([:], nil, "ExpressionAttributeNames must not be empty"),
        (nil, [:], "ExpressionAttributeValues must not be empty"),
        ([:], [:], "ExpressionAttributeNames must not be empty"),
        (["n": "a"], nil, #"ExpressionAttributeNames contains invalid key: Syntax error; key: "n""#),
        (["#": "a"], nil, ##"ExpressionAttributeNames contains invalid key: Syntax error; key: "#""##),
        (["#a-b": "a"], nil, ##"ExpressionAttributeNames contains invalid key: Syntax error; key: "#a-b""##),
        ([":a": "a"], nil, #"ExpressionAttributeNames contains invalid key: Syntax error; key: ":a""#),
        (nil, ["v": .s("a")], #"ExpressionAttributeValues contains invalid key: Syntax error; key: "v""#),
        (nil, [":": .s("a")], #"ExpressionAttributeValues contains invalid key: Syntax error; key: ":""#),
        (nil, [":a.b": .s("a")], #"ExpressionAttributeValues contains invalid key: Syntax error; key: ":a.b""#),
        (["#ok": "a"], ["#v": .s("a")], ##"ExpressionAttributeValues contains invalid key: Syntax error; key: "#v""##),
        (["#bad key": "a"], ["v": .s("a")], ##"ExpressionAttributeNames contains invalid key: Syntax error; key: "#bad key""##),
    ] as [([String: String]?, [String: AttributeValue]?, String)])
    func malformedMapsAreRejected(names: [String: String]?, values: [String: AttributeValue]?, expected: String) {
        let message = Fixtures.message { () throws(DynamoError) in _ = try ExpressionAttributes(names: names, values: values) }
        #expect(message == expected)
    }

    @Test func placeholderKeysMayStartWithDigitsOrUnderscores() throws {
        _ = try ExpressionAttributes(names: ["#1": "a", "#_": "b", "#A_9": "c"], values: [":1": .null, ":_x": .null])
    }

    @Test func unusedNamesAreReportedBeforeUnusedValues() throws {
        var attributes = try ExpressionAttributes(
            names: ["#a": "a", "#b": "b", "#used": "u"], values: [":v": .s("x"), ":w": .s("y")])
        _ = try ConditionExpression.parse("#used = :w", kind: .condition, attributes: &attributes)
        let names = Fixtures.message { () throws(DynamoError) in try attributes.checkAllUsed() }
        #expect(names == "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}")
        _ = try ProjectionExpression.parse("#a, #b", attributes: &attributes)
        let values = Fixtures.message { () throws(DynamoError) in try attributes.checkAllUsed() }
        #expect(values == "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}")
    }

    @Test func usageCountsAcrossAllExpressionsOfTheRequest() throws {
        var attributes = try ExpressionAttributes(names: ["#n": "n", "#p": "p"], values: [":one": .n(DynamoNumber(1))])
        _ = try UpdateExpression.parse("SET #n = :one", attributes: &attributes)
        _ = try ConditionExpression.parse("attribute_exists(#p)", kind: .condition, attributes: &attributes)
        try attributes.checkAllUsed()
    }

    @Test func absentMapsHaveNothingUnused() throws {
        try ExpressionAttributes(names: nil, values: nil).checkAllUsed()
        try ExpressionAttributes().checkAllUsed()
    }
}
