/// A key attribute: its name and declared type (`S`, `N` or `B`).
public struct KeyAttribute: Sendable, Hashable {
    public var name: String
    public var type: String

    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// What observers (the monitor) see of one table.
public struct TableSummary: Sendable, Hashable {
    public var name: String
    public var region: String
    public var tableArn: String
    /// `CREATING`, `ACTIVE`, `UPDATING`, `DELETING`.
    public var status: String
    public var hashKey: KeyAttribute
    public var rangeKey: KeyAttribute?
    public var itemCount: Int
    public var sizeBytes: Int
    public var createdAt: VirtualInstant
    /// The enabled stream's view type; nil when no stream is enabled.
    public var streamViewType: StreamViewType?
    /// The most recent stream (enabled or not), as DescribeTable's `LatestStreamArn`.
    public var latestStreamArn: String?
    /// The TTL attribute when TTL is enabled.
    public var ttlAttribute: String?
    public var globalSecondaryIndexes: [String]
    public var localSecondaryIndexes: [String]
    /// Changes committed to this table since it was created (inserts, modifies, removes).
    public var writeCount: Int

    public init(
        name: String, region: String, tableArn: String, status: String, hashKey: KeyAttribute,
        rangeKey: KeyAttribute?, itemCount: Int, sizeBytes: Int, createdAt: VirtualInstant,
        streamViewType: StreamViewType?, latestStreamArn: String?, ttlAttribute: String?,
        globalSecondaryIndexes: [String], localSecondaryIndexes: [String], writeCount: Int
    ) {
        self.name = name
        self.region = region
        self.tableArn = tableArn
        self.status = status
        self.hashKey = hashKey
        self.rangeKey = rangeKey
        self.itemCount = itemCount
        self.sizeBytes = sizeBytes
        self.createdAt = createdAt
        self.streamViewType = streamViewType
        self.latestStreamArn = latestStreamArn
        self.ttlAttribute = ttlAttribute
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
        self.writeCount = writeCount
    }
}

/// What observers see of one shard.
public struct ShardSummary: Sendable, Hashable {
    public var shardId: String
    public var parentShardId: String?
    public var startingSequenceNumber: SequenceNumber
    /// Present once the shard is closed.
    public var endingSequenceNumber: SequenceNumber?
    public var createdAt: VirtualInstant
    public var closedAt: VirtualInstant?
    /// Records still retained (not trimmed).
    public var recordCount: Int
    /// Sum of the retained records' SizeBytes.
    public var retainedBytes: Int
    public var oldestRecordAt: VirtualInstant?
    public var newestRecordAt: VirtualInstant?
    /// Records trimmed so far by retention.
    public var trimmedCount: Int

    public var isClosed: Bool { endingSequenceNumber != nil }

    public init(
        shardId: String, parentShardId: String?, startingSequenceNumber: SequenceNumber,
        endingSequenceNumber: SequenceNumber?, createdAt: VirtualInstant, closedAt: VirtualInstant?,
        recordCount: Int, retainedBytes: Int, oldestRecordAt: VirtualInstant?, newestRecordAt: VirtualInstant?,
        trimmedCount: Int
    ) {
        self.shardId = shardId
        self.parentShardId = parentShardId
        self.startingSequenceNumber = startingSequenceNumber
        self.endingSequenceNumber = endingSequenceNumber
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.recordCount = recordCount
        self.retainedBytes = retainedBytes
        self.oldestRecordAt = oldestRecordAt
        self.newestRecordAt = newestRecordAt
        self.trimmedCount = trimmedCount
    }
}

/// What observers see of one stream (enabled, or disabled but not yet expired).
public struct StreamSummary: Sendable, Hashable {
    public var streamArn: String
    public var streamLabel: String
    public var tableName: String
    public var region: String
    public var status: StreamStatus
    public var viewType: StreamViewType
    public var createdAt: VirtualInstant
    public var disabledAt: VirtualInstant?
    /// Sorted by shard id (creation order, parents first).
    public var shards: [ShardSummary]

    public init(
        streamArn: String, streamLabel: String, tableName: String, region: String, status: StreamStatus,
        viewType: StreamViewType, createdAt: VirtualInstant, disabledAt: VirtualInstant?, shards: [ShardSummary]
    ) {
        self.streamArn = streamArn
        self.streamLabel = streamLabel
        self.tableName = tableName
        self.region = region
        self.status = status
        self.viewType = viewType
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.shards = shards
    }
}

/// A change the engine publishes to observers after it commits.
///
/// Observers subscribe with `engine.events(bufferingNewest:)`; a slow observer loses the oldest
/// buffered events (and can take a fresh snapshot), it never slows a writer.
public enum EngineEvent: Sendable {
    case tableCreated(table: String, region: String)
    case tableUpdated(table: String, region: String)
    case tableDeleted(table: String, region: String)
    /// Every committed item change, whether or not the table has a stream.
    case itemChanged(table: String, region: String, eventName: StreamEventName, keys: AttributeMap)
    case recordAppended(streamArn: String, shardId: String, record: StreamRecord)
    case shardOpened(streamArn: String, shardId: String, parentShardId: String?)
    case shardClosed(streamArn: String, shardId: String)
    case shardRemoved(streamArn: String, shardId: String)
    case recordsTrimmed(streamArn: String, shardId: String, count: Int)
    case streamStatusChanged(streamArn: String, tableName: String, status: StreamStatus)
    case streamRemoved(streamArn: String)
    /// The virtual clock was moved, paused or re-speeded by hand.
    case clockChanged
}
