import DynamoModel

/// What the monitor needs from the engine. The executable adapts `DynamoEngine` to it; tests use
/// an in-memory fake. MonitorUI never imports the engine itself.
public protocol MonitorEngine: Sendable {
    /// The engine's virtual clock (shown in the header, moved by the clock keys).
    var clock: VirtualClock { get }
    /// Every table, sorted by name.
    func tableSummaries() -> [TableSummary]
    /// Every stream (enabled, or disabled but not yet expired), shards sorted parents first.
    func streamSummaries() -> [StreamSummary]
    /// How many retained records of a shard were created before `instant` (so expire before `instant + 24 h`).
    func recordCount(streamArn: String, shardId: String, createdBefore instant: VirtualInstant) -> Int
    /// The newest retained records across all streams, oldest first (to fill Flow at start-up).
    func recentRecords(limit: Int) -> [FlowRecord]
    /// Where each stream reader (Lambda mapping, KCL worker) stands; empty when there are none.
    func readerPositions() -> [ReaderPosition]
    /// One page of a Scan, in key order.
    func scanPage(table: String, startKey: AttributeMap?, limit: Int) throws(DynamoError) -> (items: [AttributeMap], lastKey: AttributeMap?)
    /// PutItem.
    func putItem(table: String, item: AttributeMap) throws(DynamoError)
    /// UpdateItem with an update expression and `ExpressionAttributeValues`.
    func updateItem(table: String, key: AttributeMap, updateExpression: String, values: [String: AttributeValue]) throws(DynamoError)
    /// DeleteItem.
    func deleteItem(table: String, key: AttributeMap) throws(DynamoError)
    /// CreateTable (on-demand), with a stream when `streamViewType` is given.
    func createTable(name: String, hashKey: KeyAttribute, rangeKey: KeyAttribute?, streamViewType: StreamViewType?) throws(DynamoError)
    /// UpdateTable's StreamSpecification: enable with a view type, or disable with nil.
    func setStream(table: String, viewType: StreamViewType?) throws(DynamoError)
    /// The change feed (see `EngineEvent`); the oldest events are dropped when the buffer is full.
    func events(bufferingNewest: Int) -> AsyncStream<EngineEvent>
    /// Called after the monitor moved the clock by hand (pause, speed, jump): the engine tells
    /// every observer (`.clockChanged`) and runs what falls due at the new time (trims, rollovers,
    /// expiries) right away.
    func clockDidChange()
}

/// A stream record as Flow lists it: the record plus where it came from.
public struct FlowRecord: Sendable, Hashable {
    public var tableName: String
    public var streamArn: String
    public var shardId: String
    public var record: StreamRecord

    public init(tableName: String, streamArn: String, shardId: String, record: StreamRecord) {
        self.tableName = tableName
        self.streamArn = streamArn
        self.shardId = shardId
        self.record = record
    }

    /// The table name inside a stream ARN (`arn:aws:dynamodb:…:table/Orders/stream/…` → `Orders`).
    public static func tableName(fromStreamArn arn: String) -> String {
        let parts = arn.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 2 ? String(parts[1]) : arn
    }
}

/// Where one reader of a stream stands in a shard.
public struct ReaderPosition: Sendable, Hashable {
    /// A short name: `audit`, `kcl:w1`.
    public var reader: String
    public var streamArn: String
    public var shardId: String
    /// The last sequence number processed; nil before the first record.
    public var sequenceNumber: SequenceNumber?
    /// Creation time of the oldest record the reader has not yet processed; nil when caught up.
    public var oldestUnreadAt: VirtualInstant?
    /// Records behind the shard's newest record.
    public var recordsBehind: Int

    public init(reader: String, streamArn: String, shardId: String, sequenceNumber: SequenceNumber?, oldestUnreadAt: VirtualInstant?, recordsBehind: Int) {
        self.reader = reader
        self.streamArn = streamArn
        self.shardId = shardId
        self.sequenceNumber = sequenceNumber
        self.oldestUnreadAt = oldestUnreadAt
        self.recordsBehind = recordsBehind
    }
}

/// Everything the summary screens show, taken in one go from a ``MonitorEngine``.
public struct MonitorSnapshot: Sendable, Hashable {
    public var takenAt: VirtualInstant
    public var tables: [TableSummary]
    public var streams: [StreamSummary]
    /// Per `streamArn + "|" + shardId`: records that expire within the next hour.
    public var expiringWithinHour: [String: Int]
    public var readers: [ReaderPosition]

    public init(takenAt: VirtualInstant, tables: [TableSummary] = [], streams: [StreamSummary] = [], expiringWithinHour: [String: Int] = [:], readers: [ReaderPosition] = []) {
        self.takenAt = takenAt
        self.tables = tables
        self.streams = streams
        self.expiringWithinHour = expiringWithinHour
        self.readers = readers
    }

    /// The retention period of DynamoDB Streams.
    public static let retention: Duration = .seconds(24 * 3600)

    /// Reads a snapshot from `engine`.
    public static func take(from engine: some MonitorEngine) -> MonitorSnapshot {
        let now = engine.clock.now
        let streams = engine.streamSummaries()
        var expiring: [String: Int] = [:]
        let horizon = now - retention + .seconds(3600)
        for stream in streams {
            for shard in stream.shards where shard.recordCount > 0 {
                if let oldest = shard.oldestRecordAt, oldest >= horizon { continue }
                expiring[stream.streamArn + "|" + shard.shardId] = engine.recordCount(streamArn: stream.streamArn, shardId: shard.shardId, createdBefore: horizon)
            }
        }
        return MonitorSnapshot(takenAt: now, tables: engine.tableSummaries(), streams: streams, expiringWithinHour: expiring, readers: engine.readerPositions())
    }
}
