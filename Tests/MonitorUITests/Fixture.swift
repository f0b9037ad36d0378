import DynamoModel
import MonitorUI
import Testing

/// The deterministic workspace every golden screen is drawn from.
enum Fixture {
    /// 2026-11-27T18:42:07Z.
    static let now = VirtualInstant(epochSeconds: 1_795_804_927)
    static let streamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-11-27T16:00:00.000"
    static let sessionsArn = "arn:aws:dynamodb:us-east-1:000000000000:table/Sessions/stream/2026-11-27T17:00:00.000"

    static func table(_ name: String, hash: KeyAttribute, range: KeyAttribute?, view: StreamViewType?, items: Int = 0, size: Int = 0, ttl: String? = nil, writes: Int = 0) -> TableSummary {
        TableSummary(
            name: name, region: "us-east-1", tableArn: "arn:aws:dynamodb:us-east-1:000000000000:table/\(name)", status: "ACTIVE",
            hashKey: hash, rangeKey: range, itemCount: items, sizeBytes: size, createdAt: now - .seconds(86_400 * 3),
            streamViewType: view, latestStreamArn: view == nil ? nil : "arn:aws:dynamodb:us-east-1:000000000000:table/\(name)/stream/x",
            ttlAttribute: ttl, globalSecondaryIndexes: [], localSecondaryIndexes: [], writeCount: writes)
    }

    static let tables: [TableSummary] = [
        table("Inventory", hash: KeyAttribute(name: "sku", type: "S"), range: nil, view: nil, items: 4002, size: 1_100_000),
        table("Orders", hash: KeyAttribute(name: "pk", type: "S"), range: KeyAttribute(name: "sk", type: "N"), view: .newAndOldImages, items: 12_408, size: 2_300_000),
        table("Sessions", hash: KeyAttribute(name: "sid", type: "S"), range: nil, view: .keysOnly, items: 311, size: 61_000, ttl: "ttl"),
    ]

    static func shard(_ id: String, parent: String?, start: UInt64, end: UInt64?, records: Int, oldestAgo: Double?, newestAgo: Double?, trimmed: Int = 0) -> ShardSummary {
        ShardSummary(
            shardId: id, parentShardId: parent, startingSequenceNumber: SequenceNumber(start),
            endingSequenceNumber: end.map(SequenceNumber.init), createdAt: now - .seconds(86_000), closedAt: end == nil ? nil : now - .seconds(3600),
            recordCount: records, retainedBytes: records * 212, oldestRecordAt: oldestAgo.map { now - .seconds($0) },
            newestRecordAt: newestAgo.map { now - .seconds($0) }, trimmedCount: trimmed)
    }

    static let root = "shardId-00001764259200000-a1b2c3d4"
    static let childA = "shardId-00001764273600000-e5f6a7b8"
    static let childB = "shardId-00001764273600001-77aa88bb"
    static let leafA = "shardId-00001764288000000-c9d0e1f2"
    static let leafB = "shardId-00001764288000001-a3b4c5d6"

    static let streams: [StreamSummary] = [
        StreamSummary(
            streamArn: streamArn, streamLabel: "2026-11-27T16:00:00.000", tableName: "Orders", region: "us-east-1", status: .enabled,
            viewType: .newAndOldImages, createdAt: now - .seconds(90_000), disabledAt: nil,
            shards: [
                shard(root, parent: nil, start: 1, end: 5120, records: 5120, oldestAgo: 85_260, newestAgo: 70_000, trimmed: 12_311),
                shard(childA, parent: root, start: 5121, end: 9876, records: 4756, oldestAgo: 70_860, newestAgo: 11_600),
                shard(childB, parent: root, start: 5122, end: 9650, records: 4311, oldestAgo: 70_860, newestAgo: 11_600),
                shard(leafA, parent: childA, start: 9877, end: nil, records: 2031, oldestAgo: 11_520, newestAgo: 1),
                shard(leafB, parent: childA, start: 9878, end: nil, records: 1998, oldestAgo: 11_520, newestAgo: 0),
            ]),
        StreamSummary(
            streamArn: sessionsArn, streamLabel: "2026-11-27T17:00:00.000", tableName: "Sessions", region: "us-east-1", status: .enabled,
            viewType: .keysOnly, createdAt: now - .seconds(6000), disabledAt: nil,
            shards: [shard("shardId-00001764262800000-0f0f0f0f", parent: nil, start: 20_000, end: nil, records: 42, oldestAgo: 5000, newestAgo: 1)]),
    ]

    static let readers: [ReaderPosition] = [
        ReaderPosition(reader: "audit", streamArn: streamArn, shardId: root, sequenceNumber: SequenceNumber(4410), oldestUnreadAt: now - .seconds(85_260), recordsBehind: 710),
        ReaderPosition(reader: "kcl:w1", streamArn: streamArn, shardId: leafA, sequenceNumber: SequenceNumber(9990), oldestUnreadAt: nil, recordsBehind: 0),
    ]

    static func record(_ event: StreamEventName, seq: UInt64, secondsAgo: Double, keys: AttributeMap, old: AttributeMap?, new: AttributeMap?, view: StreamViewType = .newAndOldImages, shard: String = leafA, table: String = "Orders", arn: String = streamArn) -> FlowRecord {
        FlowRecord(tableName: table, streamArn: arn, shardId: shard, record: StreamRecord(
            eventID: String(format: seq), eventName: event, awsRegion: "us-east-1", approximateCreationDateTime: now - .seconds(secondsAgo),
            keys: keys, newImage: new, oldImage: old, sequenceNumber: SequenceNumber(seq), sizeBytes: 212 + Int(seq % 300), streamViewType: view, isServiceDelete: false))
    }

    private static func String(format seq: UInt64) -> Swift.String { Swift.String(repeating: "a", count: 28) + Swift.String(seq % 10_000) }

    static let oldOrder: AttributeMap = [
        "pk": .s("user#17"), "sk": .n(DynamoNumber(1688)), "status": .s("PENDING"), "total": .n(DynamoNumber(41)),
        "coupon": .s("WELCOME10"), "address": .m(["city": .s("Lyon"), "zip": .s("69001")]), "note": .s("fragile"),
    ]
    static let newOrder: AttributeMap = [
        "pk": .s("user#17"), "sk": .n(DynamoNumber(1688)), "status": .s("SHIPPED"), "total": .n(DynamoNumber(44)),
        "shippedAt": .s("2026-11-27T18:42:06Z"), "address": .m(["city": .s("Paris"), "zip": .s("69001")]), "note": .s("fragile"),
    ]

    static let records: [FlowRecord] = [
        record(.insert, seq: 9877, secondsAgo: 1, keys: ["pk": .s("user#42"), "sk": .n(DynamoNumber(1701))], old: nil,
               new: ["pk": .s("user#42"), "sk": .n(DynamoNumber(1701)), "status": .s("PENDING"), "total": .n(DynamoNumber(12))]),
        record(.modify, seq: 9878, secondsAgo: 1, keys: ["pk": .s("user#17"), "sk": .n(DynamoNumber(1688))], old: oldOrder, new: newOrder),
        record(.remove, seq: 9879, secondsAgo: 0, keys: ["pk": .s("user#03"), "sk": .n(DynamoNumber(1502))],
               old: ["pk": .s("user#03"), "sk": .n(DynamoNumber(1502)), "status": .s("CANCELLED")], new: nil, shard: leafB),
        record(.modify, seq: 20_001, secondsAgo: 0, keys: ["sid": .s("s-9f3a")], old: nil, new: nil, view: .keysOnly,
               shard: "shardId-00001764262800000-0f0f0f0f", table: "Sessions", arn: sessionsArn),
    ]

    static let orderItems: [AttributeMap] = (0..<8).map { i in
        [
            "pk": .s("user#\(10 + i)"), "sk": .n(DynamoNumber(1600 + i * 7)), "status": .s(["PENDING", "PAID", "SHIPPED"][i % 3]),
            "total": .n(DynamoNumber(10 + i * 3)), "city": .s(["Lyon", "Paris", "東京"][i % 3]),
        ]
    }

    static var snapshot: MonitorSnapshot {
        MonitorSnapshot(takenAt: now, tables: tables, streams: streams, expiringWithinHour: [streamArn + "|" + root: 710], readers: readers)
    }

    /// A state with the fixture loaded, at `size`, on the Tables screen.
    static func state(_ size: GridSize, readOnly: Bool = false) -> MonitorState {
        var s = MonitorState(size: size, now: now, clockSpeed: 60, isReadOnly: readOnly, endpoint: "127.0.0.1:8000")
        _ = s.handle(.snapshot(snapshot))
        _ = s.handle(.records(records))
        _ = s.handle(.tick(now: now, speed: 60, realTime: .seconds(1)))
        return s
    }

    /// Presses keys in order, returning all effects.
    /// Presses keys in order, checking the state's invariants after each.
    @discardableResult
    static func press(_ state: inout MonitorState, _ keys: KeyPress..., sourceLocation: SourceLocation = #_sourceLocation) -> [MonitorEffect] {
        var effects: [MonitorEffect] = []
        for key in keys {
            effects += state.handle(.input(.key(key)))
            let broken = state.invariantViolations()
            #expect(broken.isEmpty, "after \(key): \(broken)", sourceLocation: sourceLocation)
        }
        return effects
    }

    static func type(_ state: inout MonitorState, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for c in text {
            _ = state.handle(.input(.key(.character(c))))
            let broken = state.invariantViolations()
            #expect(broken.isEmpty, "after \(c): \(broken)", sourceLocation: sourceLocation)
        }
    }
}
