import DynamoEngine
import DynamoModel
import Testing
@testable import WireProtocol

/// Operations through the dispatcher: response shapes and error bodies (dynamodb-core §1.4, §3).
struct OperationWireTests {
    let fixture = WireFixture()

    @Test func createTableAnswersATableDescriptionWithEpochSecondTimestamps() throws {
        let response = fixture.createTable("Orders", range: true)
        #expect(response.status == 200)
        let table = try #require(response.json?["TableDescription"])
        #expect(table["TableName"]?.stringValue == "Orders")
        #expect(table["TableStatus"]?.stringValue == "CREATING")
        guard case .number(let created)? = table["CreationDateTime"] else {
            Issue.record("CreationDateTime is not a number: \(response.text)")
            return
        }
        #expect(created == "1800000000")
        #expect(table["KeySchema"]?.text == #"[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]"#)
        #expect(table["ProvisionedThroughput"]?.text == #"{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0}"#)
        #expect(table["BillingModeSummary"]?["BillingMode"]?.stringValue == "PAY_PER_REQUEST")
        #expect(table["ItemCount"]?.intValue == 0)
        #expect(table["TableArn"]?.stringValue == "arn:aws:dynamodb:us-east-1:000000000000:table/Orders")
        #expect(table["StreamSpecification"] == nil)
        #expect(table["LocalSecondaryIndexes"] == nil)
        #expect(!response.text.contains("null"))

        let described = fixture.send("DescribeTable", #"{"TableName":"Orders"}"#)
        #expect(described.json?["Table"]?["TableStatus"]?.stringValue == "ACTIVE")
    }

    @Test func everyAttributeTypeRoundTrips() throws {
        fixture.createTable("Types")
        let item = #"{"pk":{"S":"k"},"s":{"S":"héllo"},"n":{"N":"-12.50"},"b":{"B":"AAEC"},"t":{"BOOL":true},"z":{"NULL":true},"m":{"M":{"x":{"L":[{"N":"1"},{"S":""}]}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["AA==","AQ=="]}}"#
        let put = fixture.send("PutItem", #"{"TableName":"Types","Item":\#(item)}"#)
        #expect(put.status == 200)
        #expect(put.text == "{}")
        let got = fixture.send("GetItem", #"{"TableName":"Types","Key":{"pk":{"S":"k"}}}"#)
        let returned = try #require(got.json?["Item"])
        #expect(try AttributeMap(dynamoJSON: returned) == AttributeMap(dynamoJSON: JSONValue.parse(item)))
        #expect(returned["n"]?["N"]?.stringValue == "-12.5")
        let missing = fixture.send("GetItem", #"{"TableName":"Types","Key":{"pk":{"S":"nope"}}}"#)
        #expect(missing.text == "{}")
    }

    @Test func missingTablesAreResourceNotFoundInTheDynamoNamespace() {
        let data = fixture.send("GetItem", #"{"TableName":"Missing","Key":{"pk":{"S":"a"}}}"#)
        #expect(data.status == 400)
        #expect(data.text == #"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}"#)
        let control = fixture.send("DescribeTable", #"{"TableName":"Missing"}"#)
        #expect(control.message == "Requested resource not found: Table: Missing not found")
    }

    @Test func conditionalFailuresCarryTheItemOnlyWhenAsked() throws {
        fixture.createTable("Cond")
        _ = fixture.send("PutItem", #"{"TableName":"Cond","Item":{"pk":{"S":"a"},"v":{"N":"1"}}}"#)
        let condition = #""ConditionExpression":"attribute_not_exists(pk)""#
        let plain = fixture.send("PutItem", #"{"TableName":"Cond","Item":{"pk":{"S":"a"}},\#(condition)}"#)
        #expect(plain.status == 400)
        #expect(plain.text == #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#)
        let withItem = fixture.send("PutItem", #"{"TableName":"Cond","Item":{"pk":{"S":"a"}},\#(condition),"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}"#)
        #expect(withItem.json?["Item"]?.text == #"{"pk":{"S":"a"},"v":{"N":"1"}}"#)
    }

    @Test func cancelledTransactionsCarryMessageAndReasons() throws {
        fixture.createTable("Txn")
        _ = fixture.send("PutItem", #"{"TableName":"Txn","Item":{"pk":{"S":"a"}}}"#)
        let body = #"{"TransactItems":[{"Put":{"TableName":"Txn","Item":{"pk":{"S":"b"}}}},{"ConditionCheck":{"TableName":"Txn","Key":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"}}]}"#
        let response = fixture.send("TransactWriteItems", body)
        #expect(response.status == 400)
        let json = try #require(response.json)
        #expect(json["__type"]?.stringValue == "com.amazonaws.dynamodb.v20120810#TransactionCanceledException")
        #expect(json["Message"]?.stringValue == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")
        #expect(json["CancellationReasons"]?.text == #"[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"}]"#)
        #expect(fixture.send("GetItem", #"{"TableName":"Txn","Key":{"pk":{"S":"b"}}}"#).text == "{}")
    }

    @Test func aTransactItemWithTwoActionsIsRejected() {
        let response = fixture.send("TransactWriteItems", #"{"TransactItems":[{"Put":{"TableName":"Txn","Item":{"pk":{"S":"b"}}},"Delete":{"TableName":"Txn","Key":{"pk":{"S":"b"}}}}]}"#)
        #expect(response.message == "TransactItems can only contain one of Check, Put, Update or Delete")
    }

    @Test func invalidExpressionAttributeValuesNameTheirKey() {
        fixture.createTable("Expr")
        let response = fixture.send("PutItem", #"{"TableName":"Expr","Item":{"pk":{"S":"a"}},"ConditionExpression":"v = :v","ExpressionAttributeValues":{":v":{"NS":[]}}}"#)
        #expect(response.errorType == "com.amazon.coral.validate#ValidationException")
        #expect(response.message == "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An number set  may not be empty for key :v")
    }

    @Test func invalidAttributeValuesAreValidationErrorsBeforeTableLookup() {
        let response = fixture.send("PutItem", #"{"TableName":"NoSuchTable","Item":{"pk":{"S":"a"},"x":{"SS":[]}}}"#)
        #expect(response.message == "One or more parameter values were invalid: An string set  may not be empty")
    }

    @Test func badExclusiveStartKeysArePrefixed() {
        fixture.createTable("Que")
        let response = fixture.send("Scan", #"{"TableName":"Que","ExclusiveStartKey":{"pk":{}}}"#)
        #expect(response.message == "The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        let number = fixture.send("Scan", #"{"TableName":"Que","ExclusiveStartKey":{"pk":{"N":"x"}}}"#)
        #expect(number.message == "The parameter cannot be converted to a numeric value: x")
    }

    @Test func queryPagesCarryCountsAndLastEvaluatedKey() throws {
        fixture.createTable("Pag", range: true)
        for i in 1...5 {
            _ = fixture.send("PutItem", #"{"TableName":"Pag","Item":{"pk":{"S":"h"},"sk":{"N":"\#(i)"}}}"#)
        }
        let page = fixture.send("Query", #"{"TableName":"Pag","KeyConditionExpression":"pk = :h","ExpressionAttributeValues":{":h":{"S":"h"}},"Limit":2}"#)
        let json = try #require(page.json)
        #expect(json["Count"]?.intValue == 2)
        #expect(json["ScannedCount"]?.intValue == 2)
        #expect(json["LastEvaluatedKey"]?.text == #"{"pk":{"S":"h"},"sk":{"N":"2"}}"#)
        let count = fixture.send("Query", #"{"TableName":"Pag","KeyConditionExpression":"pk = :h","ExpressionAttributeValues":{":h":{"S":"h"}},"Select":"COUNT","ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(count.json?["Items"] == nil)
        #expect(count.json?["Count"]?.intValue == 5)
        #expect(count.json?["ConsumedCapacity"]?["TableName"]?.stringValue == "Pag")
    }

    @Test func listTablesPaginates() throws {
        for name in ["aaa", "bbb", "ccc"] { fixture.createTable(name) }
        #expect(fixture.send("ListTables", #"{"Limit":2}"#).text == #"{"TableNames":["aaa","bbb"],"LastEvaluatedTableName":"bbb"}"#)
        #expect(fixture.send("ListTables", #"{"ExclusiveStartTableName":"bbb"}"#).text == #"{"TableNames":["ccc"]}"#)
    }

    @Test func timeToLiveIsEchoedAndDescribed() {
        fixture.createTable("TTL")
        let update = fixture.send("UpdateTimeToLive", #"{"TableName":"TTL","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}"#)
        #expect(update.text == #"{"TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}"#)
        let described = fixture.send("DescribeTimeToLive", #"{"TableName":"TTL"}"#)
        #expect(described.text == #"{"TimeToLiveDescription":{"TimeToLiveStatus":"ENABLED","AttributeName":"exp"}}"#)
    }

    @Test func mixingLegacyAndExpressionParametersIsRejected() {
        fixture.createTable("Leg")
        let mixed = fixture.send("GetItem", #"{"TableName":"Leg","Key":{"pk":{"S":"a"}},"AttributesToGet":["a"],"ProjectionExpression":"b"}"#)
        #expect(mixed.message == "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}")
    }

    @Test func batchWriteAndGetRoundTrip() throws {
        fixture.createTable("Bat")
        let write = fixture.send("BatchWriteItem", #"{"RequestItems":{"Bat":[{"PutRequest":{"Item":{"pk":{"S":"1"}}}},{"PutRequest":{"Item":{"pk":{"S":"2"}}}}]}}"#)
        #expect(write.text == #"{"UnprocessedItems":{}}"#)
        let read = fixture.send("BatchGetItem", #"{"RequestItems":{"Bat":{"Keys":[{"pk":{"S":"1"}},{"pk":{"S":"3"}}]}}}"#)
        let json = try #require(read.json)
        #expect(json["Responses"]?["Bat"]?.arrayValue?.count == 1)
        #expect(json["UnprocessedKeys"]?.text == "{}")
    }

    @Test func everyErrorCodeHasOneWireMapping() throws {
        for code in DynamoError.Code.allCases {
            let error = DynamoError(code, "text")
            let status = code == .internalServerError ? 500 : 400
            #expect(error.wireStatus == status, "\(code)")
            let body = try JSONValue.parse(error.wireBody)
            let type = try #require(body["__type"]?.stringValue)
            let capital = [.serialization, .transactionCanceled, .idempotentParameterMismatch].contains(code)
            #expect(body[capital ? "Message" : "message"]?.stringValue == "text", "\(code)")
            switch code {
            case .validation: #expect(type == "com.amazon.coral.validate#ValidationException")
            case .serialization, .unknownOperation, .missingAuthenticationToken: #expect(type.hasPrefix("com.amazon.coral.service#"))
            default: #expect(type == "com.amazonaws.dynamodb.v20120810#\(code.rawValue)")
            }
        }
    }
}

/// dynamodb-core §3.20: the cheap extras.
struct ExtraOperationTests {
    let fixture = WireFixture()

    @Test func describeEndpointsNamesTheHostAndDescribeLimitsAnswersAWSDefaults() {
        #expect(fixture.send("DescribeEndpoints", "{}").text == #"{"Endpoints":[{"Address":"127.0.0.1:8000","CachePeriodInMinutes":1440}]}"#)
        #expect(fixture.send("DescribeLimits", "{}").json?["TableMaxReadCapacityUnits"]?.intValue == 40000)
    }

    @Test func tagsAreAddedListedAndRemoved() throws {
        fixture.createTable("Tagged")
        let arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Tagged"
        #expect(fixture.send("TagResource", #"{"ResourceArn":"\#(arn)","Tags":[{"Key":"team","Value":"a"},{"Key":"env","Value":"dev"}]}"#).text == "{}")
        #expect(fixture.send("UntagResource", #"{"ResourceArn":"\#(arn)","TagKeys":["env"]}"#).status == 200)
        #expect(fixture.send("ListTagsOfResource", #"{"ResourceArn":"\#(arn)"}"#).text == #"{"Tags":[{"Key":"team","Value":"a"}]}"#)
    }

    @Test func updateTableEnablesAStreamAndDescribesIt() throws {
        fixture.createTable("Streamed")
        let response = fixture.send("UpdateTable", #"{"TableName":"Streamed","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}}"#)
        let table = try #require(response.json?["TableDescription"], "\(response.text)")
        #expect(table["StreamSpecification"]?.text == #"{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}"#)
        #expect(table["LatestStreamArn"]?.stringValue?.hasPrefix("arn:aws:dynamodb:us-east-1:000000000000:table/Streamed/stream/") == true)
        let again = fixture.send("UpdateTable", #"{"TableName":"Streamed","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}}"#)
        #expect(again.message == "Table already has an enabled stream: TableName: Streamed")
    }

    @Test func createTableWithIndexesDescribesThem() throws {
        let body = #"{"TableName":"Indexed","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}],"LocalSecondaryIndexes":[{"IndexName":"byPkG","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"g","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]}"#
        #expect(fixture.send("CreateTable", body).status == 200)
        let table = try #require(fixture.send("DescribeTable", #"{"TableName":"Indexed"}"#).json?["Table"])
        let gsi = try #require(table["GlobalSecondaryIndexes"]?.arrayValue?.first)
        #expect(gsi["IndexName"]?.stringValue == "byG")
        #expect(gsi["Projection"]?.text == #"{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}"#)
        #expect(gsi["IndexStatus"]?.stringValue == "ACTIVE")
        #expect(gsi["IndexArn"]?.stringValue == "arn:aws:dynamodb:us-east-1:000000000000:table/Indexed/index/byG")
        let lsi = try #require(table["LocalSecondaryIndexes"]?.arrayValue?.first)
        #expect(lsi["IndexStatus"] == nil)
        #expect(lsi["ProvisionedThroughput"] == nil)
    }
}
