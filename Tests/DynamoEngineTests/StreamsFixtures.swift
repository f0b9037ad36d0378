@testable import DynamoEngine
import DynamoModel
import Testing

/// Helpers for the Streams tests: a registry driven by hand, as a value, with a hand-moved time.
struct StreamsHarness {
    var registry: StreamRegistry
    var now: VirtualInstant
    var sink = EventSink(isActive: true)
    let table: StreamTableInfo
    /// Whether every write re-checks the registry's invariants (off for bulk tests: it is O(records)).
    var checksEveryWrite = true

    static let start = VirtualInstant(nanosecondsSinceEpoch: 1_800_000_000_123_000_000)

    init(configuration: EngineConfiguration = EngineConfiguration(), rangeKey: Bool = false, tableName: String = "Orders", region: String = "eu-west-1") {
        registry = StreamRegistry(configuration: configuration)
        now = Self.start
        var schema = [KeySchemaElement(attributeName: "pk", keyType: .hash)]
        if rangeKey { schema.append(KeySchemaElement(attributeName: "sk", keyType: .range)) }
        table = StreamTableInfo(
            tableName: tableName, region: region, accountId: "123456789012",
            tableArn: "arn:aws:dynamodb:\(region):123456789012:table/\(tableName)", keySchema: schema
        )
    }

    mutating func advance(_ duration: Duration) {
        now = now + duration
        registry.maintain(now: now, sink: &sink)
        registry.checkInvariants()
    }

    mutating func createStream(_ viewType: StreamViewType = .newAndOldImages) -> String {
        let arn = registry.createStream(for: table, viewType: viewType, now: now, sink: &sink).arn
        registry.checkInvariants()
        return arn
    }

    mutating func write(_ arn: String, _ event: StreamEventName, keys: AttributeMap, old: AttributeMap? = nil, new: AttributeMap? = nil, serviceDelete: Bool = false) {
        let change = ItemChange(
            tableName: table.tableName, region: table.region, eventName: event, keys: keys,
            oldImage: old, newImage: new, time: now, isServiceDelete: serviceDelete
        )
        registry.append(change, toStream: arn, sink: &sink)
        if checksEveryWrite { registry.checkInvariants() }
    }

    /// Puts `{pk: key, n: value}` as an INSERT.
    mutating func insert(_ arn: String, _ key: String, value: Int = 1) {
        let item: AttributeMap = ["pk": .s(key), "n": .n(DynamoNumber(value))]
        write(arn, .insert, keys: ["pk": .s(key)], new: item)
    }

    func describe(_ arn: String, limit: Int? = nil, after: String? = nil, filter: ShardFilter? = nil) throws(DynamoError) -> StreamDescription {
        try registry.describeStream(streamArn: arn, limit: limit, exclusiveStartShardId: after, shardFilter: filter, region: table.region)
    }

    func iterator(_ arn: String, shard: String, _ type: ShardIteratorType, _ sequence: String? = nil) throws(DynamoError) -> String {
        try registry.shardIterator(streamArn: arn, shardId: shard, type: type, sequenceNumber: sequence, now: now, region: table.region)
    }

    func read(_ iterator: String, limit: Int? = nil) throws(DynamoError) -> GetRecordsOutput {
        try registry.records(shardIterator: iterator, limit: limit, now: now)
    }

    /// Reads a shard from TRIM_HORIZON to its current end.
    func readAll(_ arn: String, shard: String) throws(DynamoError) -> [StreamRecord] {
        var iterator: String? = try self.iterator(arn, shard: shard, .trimHorizon)
        var out: [StreamRecord] = []
        while let current = iterator {
            let page = try read(current)
            out += page.records
            if page.records.isEmpty { break }
            iterator = page.nextShardIterator
        }
        return out
    }

    /// Takes the events collected so far.
    mutating func drainEvents() -> [EngineEvent] {
        defer { sink.events = [] }
        return sink.events
    }
}

/// Runs `body` and returns the DynamoError it threw, or nil.
func streamsError<R>(_ body: () throws(DynamoError) -> R) -> DynamoError? {
    do throws(DynamoError) {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

extension EngineEvent {
    /// A compact, comparable rendering for assertions.
    var streamsTag: String {
        switch self {
        case .recordAppended(_, _, let record): "append \(record.eventName.rawValue)"
        case .shardOpened(_, _, let parent): parent == nil ? "open root" : "open child"
        case .shardClosed: "close"
        case .shardRemoved: "remove shard"
        case .recordsTrimmed(_, _, let count): "trim \(count)"
        case .streamStatusChanged(_, _, let status): status.rawValue
        case .streamRemoved: "remove stream"
        default: "other"
        }
    }
}
