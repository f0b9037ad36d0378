import DynamoModel
import Testing
import WireProtocol

/// Pre-expression parameters (dynamodb-core §3.19), translated to expressions.
struct LegacyParameterTests {
    let fixture = WireFixture()

    init() {
        fixture.createTable("Legacy", range: true)
        for i in 1...6 {
            _ = fixture.send("PutItem", #"{"TableName":"Legacy","Item":{"pk":{"S":"h"},"sk":{"N":"\#(i)"},"color":{"S":"\#(i % 2 == 0 ? "red" : "blue")"},"n":{"N":"\#(i * 10)"}}}"#)
        }
    }

    @Test func attributesToGetProjects() {
        let response = fixture.send("GetItem", #"{"TableName":"Legacy","Key":{"pk":{"S":"h"},"sk":{"N":"2"}},"AttributesToGet":["color","missing"]}"#)
        #expect(response.text == #"{"Item":{"color":{"S":"red"}}}"#)
        let duplicate = fixture.send("GetItem", #"{"TableName":"Legacy","Key":{"pk":{"S":"h"},"sk":{"N":"2"}},"AttributesToGet":["a","a"]}"#)
        #expect(duplicate.message == "One or more parameter values were invalid: Duplicate value in attribute name: a")
    }

    @Test func expectedBecomesAConditionExpression() {
        let key = #""pk":{"S":"h"},"sk":{"N":"1"}"#
        let notExists = fixture.send("PutItem", #"{"TableName":"Legacy","Item":{\#(key)},"Expected":{"pk":{"Exists":false}}}"#)
        #expect(notExists.errorType == "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException")
        let matching = fixture.send("PutItem", #"{"TableName":"Legacy","Item":{\#(key),"color":{"S":"green"}},"Expected":{"color":{"Value":{"S":"blue"}},"n":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"5"},{"N":"15"}]}}}"#)
        #expect(matching.status == 200, "\(matching.text)")
        let either = fixture.send("DeleteItem", #"{"TableName":"Legacy","Key":{\#(key)},"ConditionalOperator":"OR","Expected":{"color":{"Value":{"S":"nope"}},"missing":{"ComparisonOperator":"NULL"}}}"#)
        #expect(either.status == 200, "\(either.text)")
    }

    @Test(arguments: [
        (#"{"a":{"Exists":true,"ComparisonOperator":"EQ","Value":{"S":"x"}}}"#, "One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a"),
        (#"{"a":{"Exists":true}}"#, "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a"),
        (#"{"a":{}}"#, "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a"),
        (#"{"a":{"Exists":false,"Value":{"S":"x"}}}"#, "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a"),
        (#"{"a":{"AttributeValueList":[{"S":"x"}]}}"#, "One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a"),
        (#"{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"x"}]}}"#, "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator"),
    ])
    func invalidExpectedEntriesGetAWSMessages(_ expected: String, _ message: String) {
        let response = fixture.send("PutItem", #"{"TableName":"Legacy","Item":{"pk":{"S":"x"},"sk":{"N":"1"}},"Expected":\#(expected)}"#)
        #expect(response.message == message)
    }

    @Test func attributeUpdatesBecomeAnUpdateExpression() throws {
        let response = fixture.send("UpdateItem", #"{"TableName":"Legacy","Key":{"pk":{"S":"h"},"sk":{"N":"3"}},"AttributeUpdates":{"color":{"Action":"DELETE"},"n":{"Action":"ADD","Value":{"N":"5"}},"tags":{"Value":{"SS":["a","b"]}},"log":{"Action":"ADD","Value":{"L":[{"S":"x"}]}}},"ReturnValues":"ALL_NEW"}"#)
        let attributes = try #require(response.json?["Attributes"], "\(response.text)")
        #expect(attributes["color"] == nil)
        #expect(attributes["n"]?["N"]?.stringValue == "35")
        #expect(attributes["tags"]?["SS"]?.arrayValue?.count == 2)
        #expect(attributes["log"]?.text == #"{"L":[{"S":"x"}]}"#)
        let bad = fixture.send("UpdateItem", #"{"TableName":"Legacy","Key":{"pk":{"S":"h"},"sk":{"N":"3"}},"AttributeUpdates":{"color":{"Action":"ADD","Value":{"S":"x"}}}}"#)
        #expect(bad.message == "One or more parameter values were invalid: ADD action is not supported for the type S")
        let noValue = fixture.send("UpdateItem", #"{"TableName":"Legacy","Key":{"pk":{"S":"h"},"sk":{"N":"3"}},"AttributeUpdates":{"color":{"Action":"PUT"}}}"#)
        #expect(noValue.message == "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified")
    }

    @Test func keyConditionsAndFiltersQuery() throws {
        let response = fixture.send("Query", #"{"TableName":"Legacy","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"h"}]},"sk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"2"},{"N":"5"}]}},"QueryFilter":{"color":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"red"}]}}}"#)
        let json = try #require(response.json, "\(response.text)")
        #expect(json["Count"]?.intValue == 2, "\(response.text)")
        #expect(json["ScannedCount"]?.intValue == 4)
        let notIndexable = fixture.send("Query", #"{"TableName":"Legacy","KeyConditions":{"pk":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"h"}]}}}"#)
        #expect(notIndexable.message == "Attempted conditional constraint is not an indexable operation")
    }

    @Test func scanFilterJoinsWithTheConditionalOperator() throws {
        let response = fixture.send("Scan", #"{"TableName":"Legacy","ConditionalOperator":"OR","ScanFilter":{"n":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"60"}]},"sk":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"},{"N":"2"}]}},"AttributesToGet":["sk"]}"#)
        let json = try #require(response.json, "\(response.text)")
        #expect(json["Count"]?.intValue == 3, "\(response.text)")
        #expect(json["Items"]?.arrayValue?.allSatisfy { $0.objectMembers?.count == 1 } == true)
    }
}
