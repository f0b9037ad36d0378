import DynamoModel
import Testing

/// The AWS CLI (`aws dynamodb … --endpoint-url`) against a live endpoint.
struct AWSCLITests {
    @Test func createPutGetScanAndListTablesThroughTheCLI() async throws {
        try await LiveEndpoint.with { endpoint in
            let created = try await endpoint.aws([
                "dynamodb", "create-table", "--table-name", "Music",
                "--attribute-definitions", "AttributeName=Artist,AttributeType=S", "AttributeName=Song,AttributeType=S",
                "--key-schema", "AttributeName=Artist,KeyType=HASH", "AttributeName=Song,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST",
            ])
            let table = try JSONValue.parse(created)["TableDescription"]
            #expect(table?["TableName"]?.stringValue == "Music")
            try await endpoint.aws(["dynamodb", "wait", "table-exists", "--table-name", "Music"])
            try await endpoint.aws([
                "dynamodb", "put-item", "--table-name", "Music",
                "--item", #"{"Artist":{"S":"No One You Know"},"Song":{"S":"Call Me Today"},"Year":{"N":"2015"}}"#,
            ])
            let got = try JSONValue.parse(try await endpoint.aws([
                "dynamodb", "get-item", "--table-name", "Music",
                "--key", #"{"Artist":{"S":"No One You Know"},"Song":{"S":"Call Me Today"}}"#,
            ]))
            #expect(got["Item"]?["Year"]?["N"]?.stringValue == "2015")
            let scanned = try JSONValue.parse(try await endpoint.aws(["dynamodb", "scan", "--table-name", "Music"]))
            #expect(scanned["Count"]?.intValue == 1)
            let listed = try JSONValue.parse(try await endpoint.aws(["dynamodb", "list-tables"]))
            #expect(listed["TableNames"]?.text == #"["Music"]"#)
        }
    }

    @Test func cliErrorsNameTheAWSErrorCode() async throws {
        try await LiveEndpoint.with { endpoint in
            let output = try await endpoint.aws(["dynamodb", "describe-table", "--table-name", "Nowhere"], expectFailure: true)
            #expect(output.contains("ResourceNotFoundException"), "\(output)")
            #expect(output.contains("Requested resource not found: Table: Nowhere not found"), "\(output)")
        }
    }
}
