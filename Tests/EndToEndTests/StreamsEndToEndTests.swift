import DynamoModel
import Testing

/// DynamoDB Streams end to end: boto3's `dynamodbstreams` client and the AWS CLI against a live
/// endpoint (spec streams.md §2–8, §13). Each test starts its own server and virtual clock; the
/// scripts live in `Scripts/streams_*.py` and share `streams_support.py`.
struct StreamsEndToEndTests {
    @Test func everyRecordOfEveryShardMatchesTheWritesAcrossARollover() async throws {
        try await LiveEndpoint.runScenario("streams_all_records")
    }

    @Test func writesThatChangeNothingProduceNoRecords() async throws {
        try await LiveEndpoint.runScenario("streams_no_op_writes")
    }

    @Test func eachViewTypeCarriesExactlyItsImagesForInsertModifyAndRemove() async throws {
        try await LiveEndpoint.runScenario("streams_view_types")
    }

    @Test func latestAtAndAfterSequenceNumberIteratorsStartExactlyWhereTheySay() async throws {
        try await LiveEndpoint.runScenario("streams_positions")
    }

    @Test func reenablingAStreamKeepsTheDisabledOneReadableAndListed() async throws {
        try await LiveEndpoint.runScenario("streams_reenable")
    }

    @Test func recordsOlderThanTwentyFourHoursAreTrimmedAndDisabledStreamsDisappear() async throws {
        try await LiveEndpoint.runScenario("streams_retention")
    }

    @Test func iteratorsExpireAfterFifteenMinutesAndTamperedOnesAreRejected() async throws {
        try await LiveEndpoint.runScenario("streams_iterators")
    }

    @Test func timeToLiveDeletionsAreRemoveRecordsFromTheService() async throws {
        try await LiveEndpoint.runScenario("streams_ttl")
    }

    @Test func limitsAreValidatedAndDescribeStreamPagesThroughEveryShard() async throws {
        try await LiveEndpoint.runScenario("streams_limits")
    }

    @Test func awsCLIListsDescribesAndReadsAStream() async throws {
        try await LiveEndpoint.with { endpoint in
            let region = ["--region", "eu-west-1"]
            let created = try JSONValue.parse(try await endpoint.aws([
                "dynamodb", "create-table", "--table-name", "CliFeed",
                "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                "--key-schema", "AttributeName=pk,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST",
                "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES",
            ] + region))
            let latestArn = try #require(created["TableDescription"]?["LatestStreamArn"]?.stringValue)
            #expect(latestArn.hasPrefix("arn:aws:dynamodb:eu-west-1:"))
            try await endpoint.aws(["dynamodb", "wait", "table-exists", "--table-name", "CliFeed"] + region)
            for item in [#"{"pk":{"S":"a"},"v":{"N":"1"}}"#, #"{"pk":{"S":"a"},"v":{"N":"2"}}"#] {
                try await endpoint.aws(["dynamodb", "put-item", "--table-name", "CliFeed", "--item", item] + region)
            }
            try await endpoint.aws(["dynamodb", "delete-item", "--table-name", "CliFeed", "--key", #"{"pk":{"S":"a"}}"#] + region)

            let listed = try JSONValue.parse(try await endpoint.aws(["dynamodbstreams", "list-streams", "--table-name", "CliFeed"] + region))
            let streams = try #require(listed["Streams"]?.arrayValue)
            #expect(streams.count == 1)
            let arn = try #require(streams.first?["StreamArn"]?.stringValue)
            #expect(arn == latestArn)
            #expect(streams.first?["TableName"]?.stringValue == "CliFeed")

            let described = try JSONValue.parse(try await endpoint.aws(["dynamodbstreams", "describe-stream", "--stream-arn", arn] + region))
            let description = try #require(described["StreamDescription"])
            #expect(description["StreamStatus"]?.stringValue == "ENABLED")
            #expect(description["StreamViewType"]?.stringValue == "NEW_AND_OLD_IMAGES")
            #expect(description["KeySchema"]?.text == #"[{"AttributeName":"pk","KeyType":"HASH"}]"#)
            let shardId = try #require(description["Shards"]?.arrayValue?.first?["ShardId"]?.stringValue)

            let iterator = try JSONValue.parse(try await endpoint.aws([
                "dynamodbstreams", "get-shard-iterator", "--stream-arn", arn, "--shard-id", shardId,
                "--shard-iterator-type", "TRIM_HORIZON",
            ] + region))
            let shardIterator = try #require(iterator["ShardIterator"]?.stringValue)
            let page = try JSONValue.parse(try await endpoint.aws(["dynamodbstreams", "get-records", "--shard-iterator", shardIterator] + region))
            let records = try #require(page["Records"]?.arrayValue)
            try #require(records.map { $0["eventName"]?.stringValue ?? "?" } == ["INSERT", "MODIFY", "REMOVE"])
            #expect(records.allSatisfy { $0["awsRegion"]?.stringValue == "eu-west-1" })
            #expect(records.allSatisfy { $0["eventVersion"]?.stringValue == "1.1" })
            #expect(records.allSatisfy { $0["dynamodb"]?["ApproximateCreationDateTime"] != nil })
            #expect(records[1]["dynamodb"]?["OldImage"]?["v"]?["N"]?.stringValue == "1")
            #expect(records[1]["dynamodb"]?["NewImage"]?["v"]?["N"]?.stringValue == "2")
            #expect(records[2]["dynamodb"]?["OldImage"]?["v"]?["N"]?.stringValue == "2")
            #expect(records[2]["dynamodb"]?["NewImage"] == nil)
            #expect(page["NextShardIterator"]?.stringValue != nil)

            let missing = try await endpoint.aws([
                "dynamodbstreams", "get-shard-iterator", "--stream-arn", arn,
                "--shard-id", "shardId-00000001700000000000-deadbeef", "--shard-iterator-type", "LATEST",
            ] + region, expectFailure: true)
            #expect(missing.contains("ResourceNotFoundException"), "\(missing)")
        }
    }
}
