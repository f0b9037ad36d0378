import DynamoModel

// The typed requests and responses of the DynamoDB Streams API (DynamoDBStreams_20120810),
// Swift-cased after the AWS shapes. `WireProtocol` decodes JSON into these and encodes results.

/// `ShardIteratorType` of GetShardIterator.
public enum ShardIteratorType: String, Sendable, Hashable, CaseIterable {
    /// The oldest record still retained in the shard.
    case trimHorizon = "TRIM_HORIZON"
    /// Just after the newest record at the time of the call.
    case latest = "LATEST"
    /// The record with the given sequence number, or the first one after it.
    case atSequenceNumber = "AT_SEQUENCE_NUMBER"
    /// The first record with a number strictly greater than the given one.
    case afterSequenceNumber = "AFTER_SEQUENCE_NUMBER"

    /// Whether the type needs a `SequenceNumber`.
    public var needsSequenceNumber: Bool { self == .atSequenceNumber || self == .afterSequenceNumber }
}

/// `ShardFilter` of DescribeStream: only the children of one shard.
public struct ShardFilter: Sendable, Hashable {
    /// `ShardFilterType`; DynamoDB Streams knows only `CHILD_SHARDS`.
    public enum FilterType: String, Sendable, Hashable, CaseIterable {
        case childShards = "CHILD_SHARDS"
    }

    public var type: FilterType
    /// The parent whose children are wanted.
    public var shardId: String

    public init(type: FilterType = .childShards, shardId: String) {
        self.type = type
        self.shardId = shardId
    }
}

/// One entry of ListStreams' `Streams`.
public struct ListedStream: Sendable, Hashable {
    public var streamArn: String
    public var tableName: String
    public var streamLabel: String

    public init(streamArn: String, tableName: String, streamLabel: String) {
        self.streamArn = streamArn
        self.tableName = tableName
        self.streamLabel = streamLabel
    }
}

/// The result of ListStreams.
public struct ListStreamsOutput: Sendable, Hashable {
    /// Newest first.
    public var streams: [ListedStream]
    /// Present when the page was cut by `Limit`: pass it as `ExclusiveStartStreamArn`.
    public var lastEvaluatedStreamArn: String?

    public init(streams: [ListedStream], lastEvaluatedStreamArn: String?) {
        self.streams = streams
        self.lastEvaluatedStreamArn = lastEvaluatedStreamArn
    }
}

/// One `Shard` of DescribeStream.
public struct ShardDescription: Sendable, Hashable {
    public var shardId: String
    /// Absent for the first generation.
    public var parentShardId: String?
    public var startingSequenceNumber: SequenceNumber
    /// Present once the shard is closed.
    public var endingSequenceNumber: SequenceNumber?

    public init(shardId: String, parentShardId: String?, startingSequenceNumber: SequenceNumber, endingSequenceNumber: SequenceNumber?) {
        self.shardId = shardId
        self.parentShardId = parentShardId
        self.startingSequenceNumber = startingSequenceNumber
        self.endingSequenceNumber = endingSequenceNumber
    }
}

/// DescribeStream's `StreamDescription`.
public struct StreamDescription: Sendable, Hashable {
    public var streamArn: String
    public var streamLabel: String
    public var streamStatus: StreamStatus
    public var streamViewType: StreamViewType
    /// When the stream was enabled (millisecond precision on the wire).
    public var creationRequestDateTime: VirtualInstant
    public var tableName: String
    public var keySchema: [KeySchemaElement]
    /// Sorted by shard id: creation order, parents before children.
    public var shards: [ShardDescription]
    /// Present when the page was cut by `Limit`: pass it as `ExclusiveStartShardId`.
    public var lastEvaluatedShardId: String?

    public init(
        streamArn: String, streamLabel: String, streamStatus: StreamStatus, streamViewType: StreamViewType,
        creationRequestDateTime: VirtualInstant, tableName: String, keySchema: [KeySchemaElement],
        shards: [ShardDescription], lastEvaluatedShardId: String?
    ) {
        self.streamArn = streamArn
        self.streamLabel = streamLabel
        self.streamStatus = streamStatus
        self.streamViewType = streamViewType
        self.creationRequestDateTime = creationRequestDateTime
        self.tableName = tableName
        self.keySchema = keySchema
        self.shards = shards
        self.lastEvaluatedShardId = lastEvaluatedShardId
    }
}

/// The result of GetRecords.
public struct GetRecordsOutput: Sendable, Hashable {
    /// Always present; empty when nothing is available.
    public var records: [StreamRecord]
    /// Absent once a closed shard has been read to its end; always present on an open shard.
    public var nextShardIterator: String?

    public init(records: [StreamRecord], nextShardIterator: String?) {
        self.records = records
        self.nextShardIterator = nextShardIterator
    }
}

/// The constraint-violation texts of the Streams API (dynamodb-core.md §1.7).
enum StreamsValidation {
    static func constraint(_ value: String, at path: String, _ constraint: String) -> DynamoError {
        .validation("1 validation error detected: Value '\(value)' at '\(path)' failed to satisfy constraint: \(constraint)")
    }

    static func checkLength(_ value: String, at path: String, min: Int, max: Int) throws(DynamoError) {
        let length = value.count
        if length < min { throw constraint(value, at: path, "Member must have length greater than or equal to \(min)") }
        if length > max { throw constraint(value, at: path, "Member must have length less than or equal to \(max)") }
    }

    static func checkRange(_ value: Int, at path: String, min: Int, max: Int) throws(DynamoError) {
        if value < min { throw constraint(String(value), at: path, "Member must have value greater than or equal to \(min)") }
        if value > max { throw constraint(String(value), at: path, "Member must have value less than or equal to \(max)") }
    }

    static func checkTableName(_ name: String, at path: String) throws(DynamoError) {
        try checkLength(name, at: path, min: 3, max: 255)
        let valid = name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2E || c == 0x2D
        }
        if !valid { throw constraint(name, at: path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+") }
    }

    /// Checks a stream ARN's length and shape (`arn:aws…:dynamodb:<region>:<12 digits>:table/<name>/stream/<label>`).
    static func checkStreamArn(_ arn: String, at path: String) throws(DynamoError) {
        try checkLength(arn, at: path, min: 37, max: 1024)
        guard StreamArn(arn) != nil else { throw .validation("Invalid StreamArn") }
    }

    static func checkShardId(_ shardId: String, at path: String) throws(DynamoError) {
        try checkLength(shardId, at: path, min: 28, max: 65)
    }
}

/// The parts of a stream ARN.
struct StreamArn: Hashable {
    var region: String
    var accountId: String
    var tableName: String
    var label: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "dynamodb" else { return nil }
        let region = parts[3]
        guard !region.isEmpty, region.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else { return nil }
        let account = parts[4]
        guard account.utf8.count == 12, account.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let resource = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard resource.count == 4, resource[0] == "table", resource[2] == "stream", !resource[1].isEmpty, !resource[3].isEmpty else { return nil }
        self.region = String(region)
        accountId = String(account)
        tableName = String(resource[1])
        label = String(resource[3])
    }
}
