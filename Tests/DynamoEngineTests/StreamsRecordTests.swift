@testable import DynamoEngine
import DynamoModel
import Testing

/// Record contents: view-type matrix, SizeBytes, sequence numbers, eventID, identity formats.
struct StreamsRecordTests {
    struct MatrixCase: Sendable, CustomStringConvertible {
        var viewType: StreamViewType
        var event: StreamEventName
        var hasNew: Bool
        var hasOld: Bool
        var description: String { "\(viewType.rawValue) \(event.rawValue)" }
    }

    static let matrix: [MatrixCase] = [
        MatrixCase(viewType: .keysOnly, event: .insert, hasNew: false, hasOld: false),
        MatrixCase(viewType: .keysOnly, event: .modify, hasNew: false, hasOld: false),
        MatrixCase(viewType: .keysOnly, event: .remove, hasNew: false, hasOld: false),
        MatrixCase(viewType: .newImage, event: .insert, hasNew: true, hasOld: false),
        MatrixCase(viewType: .newImage, event: .modify, hasNew: true, hasOld: false),
        MatrixCase(viewType: .newImage, event: .remove, hasNew: false, hasOld: false),
        MatrixCase(viewType: .oldImage, event: .insert, hasNew: false, hasOld: false),
        MatrixCase(viewType: .oldImage, event: .modify, hasNew: false, hasOld: true),
        MatrixCase(viewType: .oldImage, event: .remove, hasNew: false, hasOld: true),
        MatrixCase(viewType: .newAndOldImages, event: .insert, hasNew: true, hasOld: false),
        MatrixCase(viewType: .newAndOldImages, event: .modify, hasNew: true, hasOld: true),
        MatrixCase(viewType: .newAndOldImages, event: .remove, hasNew: false, hasOld: true),
    ]

    @Test(arguments: matrix)
    func recordsCarryExactlyTheImagesTheViewTypeIncludes(_ c: MatrixCase) throws {
        var h = StreamsHarness(rangeKey: true)
        let arn = h.createStream(c.viewType)
        let keys: AttributeMap = ["pk": .s("a"), "sk": .n(DynamoNumber(1))]
        let old: AttributeMap = ["pk": .s("a"), "sk": .n(DynamoNumber(1)), "v": .s("old")]
        let new: AttributeMap = ["pk": .s("a"), "sk": .n(DynamoNumber(1)), "v": .s("new")]
        switch c.event {
        case .insert: h.write(arn, .insert, keys: keys, new: new)
        case .modify: h.write(arn, .modify, keys: keys, old: old, new: new)
        case .remove: h.write(arn, .remove, keys: keys, old: old)
        }
        let shard = try #require(h.describe(arn).shards.first)
        let record = try #require(h.readAll(arn, shard: shard.shardId).first)
        #expect(record.eventName == c.event)
        #expect(record.keys == keys)
        #expect(record.newImage == (c.hasNew ? new : nil))
        #expect(record.oldImage == (c.hasOld ? old : nil))
        #expect(record.streamViewType == c.viewType)
        #expect(record.awsRegion == "eu-west-1")
        let expectedSize = keys.itemSize + (c.hasNew ? new.itemSize : 0) + (c.hasOld ? old.itemSize : 0)
        #expect(record.sizeBytes == expectedSize)
    }

    /// Keys given with the change and images that do not carry the key attributes: the record
    /// keeps the Keys map beside whichever images the view type keeps (alone, with the new image,
    /// with the old image, or with both), and reads back exactly what was written.
    @Test(arguments: matrix)
    func keysKeptBesideImagesThatLackTheKeyAttributes(_ c: MatrixCase) throws {
        var h = StreamsHarness(rangeKey: true)
        let arn = h.createStream(c.viewType)
        let keys: AttributeMap = ["pk": .s("a"), "sk": .n(DynamoNumber(1))]
        let old: AttributeMap = ["v": .s("old"), "w": .n(DynamoNumber(7))]
        let new: AttributeMap = ["v": .s("new")]
        switch c.event {
        case .insert: h.write(arn, .insert, keys: keys, new: new)
        case .modify: h.write(arn, .modify, keys: keys, old: old, new: new)
        case .remove: h.write(arn, .remove, keys: keys, old: old)
        }
        let shard = try #require(h.describe(arn).shards.first)
        let record = try #require(h.readAll(arn, shard: shard.shardId).first)
        #expect(record.keys == keys)
        #expect(record.newImage == (c.hasNew ? new : nil))
        #expect(record.oldImage == (c.hasOld ? old : nil))
        #expect(record.sizeBytes == keys.itemSize + (c.hasNew ? new.itemSize : 0) + (c.hasOld ? old.itemSize : 0))
    }

    /// A retained record takes one 64-byte slot of its shard's storage (the memory target per
    /// retained record counts on it), whatever it keeps.
    @Test func aStoredRecordTakesSixtyFourBytes() {
        #expect(MemoryLayout<StoredStreamRecord>.stride == 64)
    }

    @Test func sizeBytesMatchesTheWorkedExamplesOfTheSpec() throws {
        // KEYS_ONLY, key Username="Fred" → 12 for every event.
        var keysOnly = StreamsHarness()
        let a = keysOnly.createStream(.keysOnly)
        let fred: AttributeMap = ["Username": .s("Fred")]
        keysOnly.write(a, .insert, keys: fred, new: fred)
        keysOnly.write(a, .modify, keys: fred, old: fred, new: fred.merging(["x": .s("y")]))
        keysOnly.write(a, .remove, keys: fred, old: fred)
        let shardA = try #require(keysOnly.describe(a).shards.first).shardId
        #expect(try keysOnly.readAll(a, shard: shardA).map(\.sizeBytes) == [12, 12, 12])

        // NEW_AND_OLD_IMAGES: INSERT {id:"Fred"} → 12; MODIFY to {id, name:"Fred"} → 26.
        var both = StreamsHarness()
        let b = both.createStream(.newAndOldImages)
        let id: AttributeMap = ["id": .s("Fred")]
        both.write(b, .insert, keys: id, new: id)
        both.write(b, .modify, keys: id, old: id, new: ["id": .s("Fred"), "name": .s("Fred")])
        let shardB = try #require(both.describe(b).shards.first).shardId
        #expect(try both.readAll(b, shard: shardB).map(\.sizeBytes) == [12, 26])

        // NEW_IMAGE INSERT with a 6-byte binary → 27 + (27 + 16) = 70.
        var binary = StreamsHarness()
        let c = binary.createStream(.newImage)
        let key: AttributeMap = ["my_partition_key": .s("hello world")]
        binary.write(c, .insert, keys: key, new: ["my_partition_key": .s("hello world"), "binary_key": .b([1, 2, 3, 4, 5, 6])])
        let shardC = try #require(binary.describe(c).shards.first).shardId
        #expect(try binary.readAll(c, shard: shardC).map(\.sizeBytes) == [70])

        // API example: KEYS_ONLY, ForumName + Subject → 41.
        var forum = StreamsHarness()
        let d = forum.createStream(.keysOnly)
        forum.write(d, .insert, keys: ["ForumName": .s("DynamoDB"), "Subject": .s("DynamoDB Thread 3")], new: nil)
        let shardD = try #require(forum.describe(d).shards.first).shardId
        #expect(try forum.readAll(d, shard: shardD).map(\.sizeBytes) == [41])
    }

    @Test func sequenceNumbersIncreaseAndTheFirstRecordTakesTheShardsStartingNumber() throws {
        var h = StreamsHarness()
        let arn = h.createStream()
        for i in 0..<50 { h.insert(arn, "k\(i)") }
        let shard = try #require(h.describe(arn).shards.first)
        let records = try h.readAll(arn, shard: shard.shardId)
        #expect(records.count == 50)
        #expect(records.first?.sequenceNumber == shard.startingSequenceNumber)
        for (earlier, later) in zip(records, records.dropFirst()) {
            #expect(earlier.sequenceNumber < later.sequenceNumber)
            #expect(earlier.sequenceNumber.description < later.sequenceNumber.description)
        }
        for record in records {
            let text = record.sequenceNumber.description
            #expect(text.count == 21)
            #expect(text.first == "1")
            #expect(text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
        }
    }

    @Test func eventIDsAre32LowerCaseHexAndDistinct() throws {
        var h = StreamsHarness()
        let arn = h.createStream()
        for i in 0..<200 { h.insert(arn, "k\(i)") }
        let shard = try #require(h.describe(arn).shards.first)
        let records = try h.readAll(arn, shard: shard.shardId)
        let ids = records.map(\.eventID)
        #expect(Set(ids).count == 200)
        for id in ids {
            #expect(id.utf8.count == 32)
            #expect(id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        }
        // Reading twice gives the same ids (they are derived, not stored).
        #expect(try h.readAll(arn, shard: shard.shardId).map(\.eventID) == ids)
    }

    @Test func arnLabelAndShardIdHaveAWSFormatsWithRealCreationMillis() throws {
        var h = StreamsHarness()
        let arn = h.createStream()
        #expect(arn == "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2027-01-15T08:00:00.123")
        let shard = try #require(h.describe(arn).shards.first)
        #expect(shard.shardId.hasPrefix("shardId-00000001800000000123-"))
        #expect(shard.shardId.count == 37)
        #expect(StreamRegistry.isWellFormedShardId(shard.shardId))
        #expect(shard.parentShardId == nil)
        #expect(shard.endingSequenceNumber == nil)
    }

    @Test func aSecondEnableInTheSameMillisecondGetsTheNextLabel() throws {
        var h = StreamsHarness()
        let first = h.createStream()
        h.registry.disableStream(arn: first, now: h.now, sink: &h.sink)
        let second = h.createStream()
        #expect(first != second)
        #expect(second.hasSuffix("/stream/2027-01-15T08:00:00.124"))
        let listed = try h.registry.listStreams(tableName: "Orders", limit: nil, exclusiveStartStreamArn: nil, region: "eu-west-1")
        #expect(listed.streams.map(\.streamArn) == [second, first])
    }

    @Test func approximateCreationTimeKeepsFullPrecisionAndTTLDeletesAreMarked() throws {
        var h = StreamsHarness()
        let arn = h.createStream(.oldImage)
        let item: AttributeMap = ["pk": .s("a"), "ttl": .n(DynamoNumber(5))]
        h.write(arn, .remove, keys: ["pk": .s("a")], old: item, serviceDelete: true)
        let shard = try #require(h.describe(arn).shards.first)
        let record = try #require(h.readAll(arn, shard: shard.shardId).first)
        #expect(record.isServiceDelete)
        #expect(record.approximateCreationDateTime == h.now)
        #expect(record.approximateCreationDateTime.wholeEpochSeconds == 1_800_000_000)
        #expect(record.oldImage == item)
    }

    @Test func appendedRecordsArePublishedWithTheirShard() throws {
        var h = StreamsHarness()
        let arn = h.createStream()
        _ = h.drainEvents()
        h.insert(arn, "a")
        let events = h.drainEvents()
        #expect(events.count == 1)
        guard case .recordAppended(let eventArn, let shardId, let record) = try #require(events.first) else {
            Issue.record("expected recordAppended")
            return
        }
        #expect(eventArn == arn)
        #expect(shardId == (try h.describe(arn).shards.first?.shardId))
        #expect(record.keys == ["pk": .s("a")])
    }

    @Test func noEventsAreBuiltWhenNobodyListens() {
        var h = StreamsHarness()
        h.sink = EventSink(isActive: false)
        let arn = h.createStream()
        h.insert(arn, "a")
        #expect(h.sink.events.isEmpty)
    }
}

extension AttributeMap {
    func merging(_ other: AttributeMap) -> AttributeMap {
        var copy = self
        for entry in other { copy[entry.name] = entry.value }
        return copy
    }
}
