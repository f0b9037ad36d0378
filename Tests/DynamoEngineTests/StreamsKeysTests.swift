@testable import DynamoEngine
import DynamoModel
import Testing

/// Keys and SizeBytes of records written through the engine with no observer attached (the path
/// where a record keeps only its key positions and is measured by the first reader), and the
/// eventID text and the integer measure behind SizeBytes.
struct StreamsKeysTests {
    let engine = Engine(clock: VirtualClock.manual(), configuration: EngineConfiguration())
    let region = "eu-central-1"

    /// A table keyed by `pk` (S), plus `sk` (N) when `rangeKey` is set.
    func createTable(_ name: String, rangeKey: Bool, stream: StreamViewType) throws -> String {
        var definitions = [AttributeDefinition(attributeName: "pk", attributeType: .s)]
        var schema = [KeySchemaElement(attributeName: "pk", keyType: .hash)]
        if rangeKey {
            definitions.append(AttributeDefinition(attributeName: "sk", attributeType: .n))
            schema.append(KeySchemaElement(attributeName: "sk", keyType: .range))
        }
        let table = try engine.createTable(
            CreateTableInput(
                tableName: name, attributeDefinitions: definitions, keySchema: schema, billingMode: .payPerRequest,
                streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: stream)
            ),
            region: region
        )
        return try #require(table.latestStreamArn)
    }

    func readEverything(_ arn: String) throws -> [StreamRecord] {
        var out: [StreamRecord] = []
        let shards = try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: region).shards
        for shard in shards {
            var iterator: String? = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .trimHorizon, sequenceNumber: nil, region: region)
            while let current = iterator {
                let page = try engine.getRecords(shardIterator: current, limit: 7, region: region)
                out += page.records
                if page.records.isEmpty { break }
                iterator = page.nextShardIterator
            }
        }
        return out
    }

    /// Items of changing shapes: key attributes at different positions among the names
    /// (names sorting before, between and after them), and shapes that repeat.
    static func items() -> [AttributeMap] {
        [
            ["pk": .s("a"), "sk": .n(DynamoNumber(1)), "z": .s("x")],
            ["pk": .s("b"), "sk": .n(DynamoNumber(2)), "z": .s("y")],
            ["aa": .bool(true), "pk": .s("c"), "q": .null, "sk": .n(DynamoNumber(30)), "zz": .n(DynamoNumber(5))],
            ["pk": .s("d"), "sk": .n(DynamoNumber(-4))],
            ["aa": .bool(false), "pk": .s("e"), "q": .s("w"), "sk": .n(DynamoNumber(500)), "zz": .n(DynamoNumber(6))],
            ["a": .s(String(repeating: "v", count: 40)), "pk": .s("f"), "sk": .n(DynamoNumber(1_000_000))],
            ["pk": .s("a"), "sk": .n(DynamoNumber(1)), "z": .s("x2"), "zzz": .l([.s("1"), .n(DynamoNumber(2))])],
        ]
    }

    static func keys(of item: AttributeMap, rangeKey: Bool) -> AttributeMap {
        var keys: AttributeMap = ["pk": item["pk"] ?? .null]
        if rangeKey { keys["sk"] = item["sk"] ?? .null }
        return keys
    }

    @Test(arguments: [StreamViewType.newAndOldImages, .newImage, .oldImage, .keysOnly])
    func keysAndSizeBytesMatchTheItemsWhateverTheirShape(viewType: StreamViewType) throws {
        let arn = try createTable("Shapes", rangeKey: true, stream: viewType)
        var expected: [(keys: AttributeMap, size: Int)] = []
        var current: [AttributeMap: AttributeMap] = [:]
        for item in Self.items() {
            _ = try engine.putItem(PutItemInput(tableName: "Shapes", item: item), region: region)
            let keys = Self.keys(of: item, rangeKey: true)
            let old = current[keys]
            current[keys] = item
            var size = keys.itemSize
            if viewType == .newImage || viewType == .newAndOldImages { size += item.itemSize }
            if viewType == .oldImage || viewType == .newAndOldImages { size += old?.itemSize ?? 0 }
            expected.append((keys, size))
        }
        // A removal: Keys come off the old image (or are kept when no image is retained).
        let removedKeys = Self.keys(of: Self.items()[2], rangeKey: true)
        _ = try engine.deleteItem(DeleteItemInput(tableName: "Shapes", key: removedKeys), region: region)
        var removedSize = removedKeys.itemSize
        if viewType == .oldImage || viewType == .newAndOldImages { removedSize += Self.items()[2].itemSize }
        expected.append((removedKeys, removedSize))

        let records = try readEverything(arn)
        try #require(records.count == expected.count)
        for (record, want) in zip(records, expected) {
            #expect(record.keys == want.keys)
            #expect(record.keys.names == ["pk", "sk"])
            #expect(record.sizeBytes == want.size)
        }
    }

    @Test func aModifyOnAnOldImageStreamTakesKeysFromTheOldImageWhenShapesDiffer() throws {
        let arn = try createTable("Old", rangeKey: true, stream: .oldImage)
        _ = try engine.putItem(PutItemInput(tableName: "Old", item: ["pk": .s("k"), "sk": .n(DynamoNumber(7))]), region: region)
        _ = try engine.putItem(PutItemInput(tableName: "Old", item: ["a": .s("1"), "b": .s("2"), "pk": .s("k"), "sk": .n(DynamoNumber(7))]), region: region)
        let records = try readEverything(arn)
        try #require(records.count == 2)
        #expect(records[1].eventName == .modify)
        #expect(records[1].keys == ["pk": .s("k"), "sk": .n(DynamoNumber(7))])
        #expect(records[1].oldImage == ["pk": .s("k"), "sk": .n(DynamoNumber(7))])
        #expect(records[1].newImage == nil)
    }

    @Test func aHashOnlyTableGetsHashOnlyKeys() throws {
        let arn = try createTable("HashOnly", rangeKey: false, stream: .newAndOldImages)
        for item: AttributeMap in [["pk": .s("x"), "v": .n(DynamoNumber(1))], ["a": .null, "pk": .s("y")], ["pk": .s("z")]] {
            _ = try engine.putItem(PutItemInput(tableName: "HashOnly", item: item), region: region)
        }
        let records = try readEverything(arn)
        #expect(records.map(\.keys) == [["pk": .s("x")], ["pk": .s("y")], ["pk": .s("z")]])
        let x: AttributeMap = ["pk": .s("x"), "v": .n(DynamoNumber(1))]
        let y: AttributeMap = ["a": .null, "pk": .s("y")]
        let z: AttributeMap = ["pk": .s("z")]
        let keys: [AttributeMap] = [["pk": .s("x")], ["pk": .s("y")], ["pk": .s("z")]]
        #expect(records.map(\.sizeBytes) == [keys[0].itemSize + x.itemSize, keys[1].itemSize + y.itemSize, keys[2].itemSize + z.itemSize])
    }

    @Test func keyNamesMatchByteForByteNotByCanonicalEquivalence() throws {
        // Canonically equivalent, same UTF-8 length, different bytes; the other one sorts first.
        let keyName = "a\u{316}\u{301}"
        let lookalike = "a\u{301}\u{316}"
        let table = try engine.createTable(
            CreateTableInput(
                tableName: "Marks", attributeDefinitions: [AttributeDefinition(attributeName: keyName, attributeType: .s)],
                keySchema: [KeySchemaElement(attributeName: keyName, keyType: .hash)], billingMode: .payPerRequest,
                streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newImage)
            ),
            region: region
        )
        let arn = try #require(table.latestStreamArn)
        let item = AttributeMap([(lookalike, AttributeValue.s("decoy")), (keyName, .s("key"))])
        _ = try engine.putItem(PutItemInput(tableName: "Marks", item: item), region: region)
        let records = try readEverything(arn)
        try #require(records.count == 1)
        #expect(records[0].keys == AttributeMap([(keyName, AttributeValue.s("key"))]))
    }

    @Test func pagesReadFromTheMiddleFirstStillGiveExactSizesAndRetainedBytes() throws {
        let arn = try createTable("Pages", rangeKey: true, stream: .newAndOldImages)
        var items: [AttributeMap] = []
        for i in 0..<40 {
            let item: AttributeMap = ["pk": .s("p\(i % 3)"), "sk": .n(DynamoNumber(i)), "v": .s(String(repeating: "x", count: i))]
            items.append(item)
            _ = try engine.putItem(PutItemInput(tableName: "Pages", item: item), region: region)
        }
        let expected = items.map { Self.keys(of: $0, rangeKey: true).itemSize + $0.itemSize }
        let shard = try #require(try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: region).shards.first)
        // Read records 20...24 first (nothing measured yet), then 30..., then everything. One
        // shard's records take consecutive numbers from its starting sequence number.
        for (start, limit) in [(20, 5), (30, 3), (0, 2), (38, 1000)] {
            let sequence = SequenceNumber(shard.startingSequenceNumber.value + UInt64(start))
            let iterator = try engine.getShardIterator(
                streamArn: arn, shardId: shard.shardId, type: .atSequenceNumber,
                sequenceNumber: sequence.description, region: region
            )
            let page = try engine.getRecords(shardIterator: iterator, limit: limit, region: region)
            #expect(page.records.map(\.sizeBytes) == Array(expected[start..<min(40, start + limit)]))
        }
        let all = try readEverything(arn)
        #expect(all.map(\.sizeBytes) == expected)
        let summary = try #require(engine.streamSummaries().first { $0.streamArn == arn })
        #expect(summary.shards.reduce(0) { $0 + $1.retainedBytes } == expected.reduce(0, +))
    }

    @Test func integerMeasuresAgreeWithTheModelsSizeAndText() {
        var values: [Int] = [0, 1, -1, 9, 10, -10, 99, 100, 101, 1000, 123_456, 1_000_000, 999_999_999, .max, .min, .max - 1, .min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power, power - 1, power + 1, -power, 7 * power / 10]
        }
        var generator = SplitMix64(seed: 7)
        values += (0..<300).map { _ in Int(bitPattern: UInt(truncatingIfNeeded: generator.next())) >> Int(generator.next() % 60) }
        for value in values {
            let number = DynamoNumber(value)
            let measure = ItemMeasure.number(number)
            #expect(measure.size == number.storageSize, "size of \(value)")
            #expect(measure.textLength == number.canonical.utf8.count, "text length of \(value)")
        }
    }

    @Test func eventIDTextIsThirtyTwoZeroPaddedLowerCaseHexDigits() {
        func reference(_ value: UInt64) -> String {
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        let samples: [(UInt64, UInt64)] = [
            (0, 0), (.max, .max), (0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210), (1, 0xA),
            (0x9A9A_0F0F_F0F0_1234, 0x0000_0000_FFFF_FFFF), (0xDEAD_BEEF_0000_0001, 0x8000_0000_0000_0000),
        ]
        var generator = SplitMix64(seed: 42)
        let random = (0..<200).map { _ in (generator.next(), generator.next()) }
        for (high, low) in samples + random {
            #expect(StreamEventID(high: high, low: low).text == reference(high) + reference(low))
        }
    }
}
