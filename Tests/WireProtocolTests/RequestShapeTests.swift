import DynamoModel
import Testing
import WireProtocol

/// dynamodb-core §1.5 (member types → SerializationException) and §1.7 (constraints).
struct RequestShapeTests {
    let fixture = WireFixture()

    static let typeErrors: [(operation: String, body: String, message: String)] = [
        ("ListTables", #"{"Limit":"5"}"#, "STRING_VALUE cannot be converted to Integer"),
        ("ListTables", #"{"Limit":true}"#, "TRUE_VALUE cannot be converted to Integer"),
        ("ListTables", #"{"Limit":[]}"#, "Unrecognized collection type class java.lang.Integer"),
        ("ListTables", #"{"Limit":{}}"#, "Start of structure or map found where not expected"),
        ("ListTables", #"{"ExclusiveStartTableName":12}"#, "NUMBER_VALUE cannot be converted to String"),
        ("ListTables", #"{"ExclusiveStartTableName":1.5}"#, "DECIMAL_VALUE cannot be converted to String"),
        ("ListTables", #"{"ExclusiveStartTableName":false}"#, "FALSE_VALUE cannot be converted to String"),
        ("ListTables", #"{"ExclusiveStartTableName":["a"]}"#, "Unrecognized collection type class java.lang.String"),
        ("UpdateTable", #"{"TableName":"abc","ProvisionedThroughput":{"ReadCapacityUnits":"5","WriteCapacityUnits":5}}"#, "STRING_VALUE cannot be converted to Long"),
        ("GetItem", #"{"TableName":"abc","Key":{},"ConsistentRead":"yes"}"#, "Unexpected token received from parser"),
        ("GetItem", #"{"TableName":"abc","Key":{},"ConsistentRead":1}"#, "NUMBER_VALUE cannot be converted to Boolean"),
        ("PutItem", #"{"TableName":"abc","Item":"x"}"#, "Unexpected field type"),
        ("PutItem", #"{"TableName":"abc","Item":[]}"#, "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":"x"}}"#, "Unexpected value type in payload"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":[]}}"#, "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"N":123}}}"#, "NUMBER_VALUE cannot be converted to String"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"S":true}}}"#, "TRUE_VALUE cannot be converted to String"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"SS":"x"}}}"#, "Unexpected field type"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"L":{}}}}"#, "Start of structure or map found where not expected"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"M":{"b":1}}}}"#, "Unexpected value type in payload"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"B":true}}}"#, "only base-64-encoded strings are convertible to bytes"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"B":"23456"}}}"#, "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"BS":["=+/="]}}}"#, "Invalid last non-pad Base64 character dectected"),
        ("PutItem", #"{"TableName":"abc","Item":{"a":{"NULL":"true"}}}"#, "Unexpected token received from parser"),
        ("CreateTable", #"{"TableName":"abc","KeySchema":{}}"#, "Start of structure or map found where not expected"),
        ("CreateTable", #"{"TableName":"abc","KeySchema":["x"]}"#, "Unexpected value type in payload"),
        ("CreateTable", #"{"TableName":"abc","StreamSpecification":"on"}"#, "Unexpected field type"),
        ("CreateTable", #"{"TableName":"abc","StreamSpecification":[]}"#, "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.StreamSpecification"),
    ]

    @Test(arguments: typeErrors)
    func wrongMemberTypesAreSerializationExceptionsWithCapitalMessage(_ c: (operation: String, body: String, message: String)) throws {
        let response = fixture.send(c.operation, c.body)
        #expect(response.status == 400)
        let json = try #require(response.json)
        #expect(json["__type"]?.stringValue == "com.amazon.coral.service#SerializationException")
        #expect(json["Message"]?.stringValue == c.message)
        #expect(json["message"] == nil)
    }

    @Test func nullMembersCountAsAbsentAndUnknownMembersAreIgnored() {
        let response = fixture.send("ListTables", #"{"Limit":null,"Whatever":{"x":[1]}}"#)
        #expect(response.status == 200)
    }

    @Test func typeErrorsWinOverConstraintErrors() {
        let response = fixture.send("ListTables", #"{"ExclusiveStartTableName":"a","Limit":"x"}"#)
        #expect(response.message == "STRING_VALUE cannot be converted to Integer")
    }

    static let constraintErrors: [(operation: String, body: String, message: String)] = [
        ("DescribeTable", #"{"TableName":"ab"}"#,
         "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"),
        ("DescribeTable", #"{}"#, "The parameter 'TableName' is required but was not present in the request"),
        ("CreateTable", #"{"AttributeDefinitions":[],"KeySchema":[]}"#, "The parameter 'TableName' is required but was not present in the request"),
        ("ListTables", #"{"Limit":0}"#,
         "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        ("ListTables", #"{"Limit":2147483647,"ExclusiveStartTableName":"89hls;;f;d"}"#,
         "2 validation errors detected: Value '2147483647' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100; Value '89hls;;f;d' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
        ("GetItem", #"{}"#,
         "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null; Value null at 'key' failed to satisfy constraint: Member must not be null"),
        ("PutItem", #"{"TableName":"abc","Item":{},"ReturnValues":"SOME"}"#,
         "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"),
        ("Query", #"{"TableName":"abc","Select":"ALL","ReturnConsumedCapacity":"x"}"#,
         "2 validation errors detected: Value 'ALL' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; Value 'x' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"),
        ("CreateTable", #"{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"X"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASHY"}],"BillingMode":"PAY_PER_REQUEST"}"#,
         "2 validation errors detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]; Value 'HASHY' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"),
        ("CreateTable", #"{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"ALL"},"BillingMode":"PAY_PER_REQUEST"}"#,
         "1 validation error detected: Value 'ALL' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]"),
        ("UpdateTable", #"{"TableName":"abc","StreamSpecification":{"StreamViewType":"NEW_IMAGE"}}"#,
         "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"),
        ("BatchGetItem", #"{"RequestItems":{"abc":{"Keys":[]}}}"#,
         "1 validation error detected: Value '[]' at 'requestItems.abc.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        ("UpdateTimeToLive", #"{"TableName":"abc","TimeToLiveSpecification":{"Enabled":true,"AttributeName":""}}"#,
         "1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        ("TransactWriteItems", #"{"TransactItems":[]}"#,
         "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        ("Scan", #"{"TableName":"abc","Segment":-1,"TotalSegments":0}"#,
         "2 validation errors detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0"),
    ]

    @Test(arguments: constraintErrors)
    func constraintFailuresAreValidationExceptionsInAWSFormat(_ c: (operation: String, body: String, message: String)) throws {
        let response = fixture.send(c.operation, c.body)
        #expect(response.status == 400)
        #expect(response.errorType == "com.amazon.coral.validate#ValidationException")
        #expect(response.message == c.message)
    }

    @Test func constraintErrorsComeBeforeTableLookup() {
        let response = fixture.send("GetItem", #"{"TableName":"missing-table","Key":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"ALL"}"#)
        #expect(response.errorType == "com.amazon.coral.validate#ValidationException")
    }

    @Test func atMostTenConstraintErrorsAreReported() throws {
        let names = (1...12).map { #"{"Key":"","Value":"v\#($0)"}"# }.joined(separator: ",")
        let response = fixture.send("TagResource", #"{"ResourceArn":"arn:x","Tags":[\#(names)]}"#)
        let message = try #require(response.message)
        #expect(message.hasPrefix("10 validation errors detected: "))
        #expect(message.components(separatedBy: "; ").count == 10)
    }

    @Test func tableArnsAreAcceptedAsTableNames() {
        fixture.createTable("Orders")
        let response = fixture.send("DescribeTable", #"{"TableName":"arn:aws:dynamodb:us-east-1:000000000000:table/Orders"}"#)
        #expect(response.status == 200)
    }

    @Test func batchWriteOverTwentyFiveRequestsInOneTableIsAMapValueConstraint() throws {
        let puts = (1...26).map { #"{"PutRequest":{"Item":{"pk":{"S":"\#($0)"}}}}"# }.joined(separator: ",")
        let response = fixture.send("BatchWriteItem", #"{"RequestItems":{"abc":[\#(puts)]}}"#)
        let message = try #require(response.message)
        #expect(message.hasPrefix("1 validation error detected: Value '{abc=["))
        #expect(message.hasSuffix("at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"))
    }
}

extension String {
    func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
