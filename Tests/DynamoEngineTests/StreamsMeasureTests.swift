@testable import DynamoEngine
import DynamoModel
import Testing

/// SizeBytes of records measured at append (a put's item, measured with its size check) and of
/// records measured later by their first reader, mixed in one shard.
struct StreamsMeasureTests {
    let engine: Engine
    let region = "eu-central-1"

    init() {
        engine = Engine(clock: VirtualClock.manual(), configuration: EngineConfiguration())
    }

    func createTable(_ name: String, stream: StreamViewType) throws -> String {
        let description = try engine.createTable(
            CreateTableInput(
                tableName: name,
                attributeDefinitions: [AttributeDefinition(attributeName: "pk", attributeType: .s), AttributeDefinition(attributeName: "sk", attributeType: .n)],
                keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash), KeySchemaElement(attributeName: "sk", keyType: .range)],
                billingMode: .payPerRequest,
                streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: stream)
            ),
            region: region
        )
        return try #require(description.latestStreamArn)
    }

    func readEverything(_ arn: String, limit: Int) throws -> [StreamRecord] {
        var out: [StreamRecord] = []
        let shards = try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: region).shards
        for shard in shards {
            var iterator: String? = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .trimHorizon, sequenceNumber: nil, region: region)
            while let current = iterator {
                let page = try engine.getRecords(shardIterator: current, limit: limit, region: region)
                out += page.records
                if page.records.isEmpty { break }
                iterator = page.nextShardIterator
            }
        }
        return out
    }

    func item(_ i: Int) throws -> AttributeMap {
        [
            "pk": .s("customer#\(i % 3)"), "sk": .n(DynamoNumber(i * 10)), "name": .s("Zoë \(i)"), "ok": .bool(i % 2 == 0),
            "none": .null, "score": .n(DynamoNumber(-i * 1000)), "ratio": .n(try DynamoNumber(parsing: "0.\(i)5")),
            "tags": .ss(["a", "b\(i)"]), "blob": .b([UInt8](repeating: 7, count: i)), "nested": .m(["l": .l([.s("x"), .n(DynamoNumber(i))])]),
        ]
    }

    @Test(arguments: [StreamViewType.newImage, .newAndOldImages, .oldImage, .keysOnly])
    func sizeBytesIsExactWhetherARecordIsMeasuredAtAppendOrOnRead(_ viewType: StreamViewType) throws {
        let arn = try createTable("Mixed", stream: viewType)
        for i in 0..<12 {
            // Puts (measured at append unless an old image is retained), updates and batch
            // writes (measured on read), interleaved in one shard.
            _ = try engine.putItem(PutItemInput(tableName: "Mixed", item: try item(i)), region: region)
            if i % 3 == 1 {
                _ = try engine.updateItem(
                    UpdateItemInput(
                        tableName: "Mixed", key: ["pk": .s("customer#\(i % 3)"), "sk": .n(DynamoNumber(i * 10))],
                        updateExpression: "SET extra = :v", expressionParameters: ExpressionParameters(values: [":v": .s("more \(i)")])),
                    region: region)
            }
            if i % 4 == 2 {
                _ = try engine.batchWriteItem(BatchWriteItemInput(requestItems: [(tableName: "Mixed", requests: [.put(item: try item(100 + i))])]), region: region)
            }
            if i % 5 == 4 {
                _ = try engine.putItem(PutItemInput(tableName: "Mixed", item: try item(i - 1)), region: region)
            }
        }
        // The monitor's retained bytes first (it measures every pending record), then the pages.
        let retained = engine.streamSummaries().filter { $0.streamArn == arn }.flatMap(\.shards).reduce(0) { $0 + $1.retainedBytes }
        let records = try readEverything(arn, limit: 5)
        #expect(records.count > 12)
        for record in records {
            let expected = record.keys.itemSize + (record.newImage?.itemSize ?? 0) + (record.oldImage?.itemSize ?? 0)
            #expect(record.sizeBytes == expected)
        }
        #expect(retained == records.reduce(0) { $0 + $1.sizeBytes })
    }
}
