import DynamoModel

// The DynamoDB Streams API of the engine (DynamoDBStreams_20120810), as the wire and in-process
// consumers call it. Every call runs under the engine lock after any due maintenance (rollover,
// trimming, expiry), so what it reads is consistent with the virtual clock.

extension Engine {
    /// ListStreams: every non-expired stream of `region` (including DISABLED ones and those of
    /// deleted tables), newest first.
    ///
    /// - Parameters:
    ///   - tableName: Only the streams of this table (an unknown table gives an empty list).
    ///   - limit: Page size, 1…100 (default 100).
    ///   - exclusiveStartStreamArn: The previous page's `lastEvaluatedStreamArn`.
    ///   - region: The request's region.
    /// - Throws: `ValidationException` for a bad limit, table name or start ARN.
    public func listStreams(tableName: String?, limit: Int?, exclusiveStartStreamArn: String?, region: String) throws(DynamoError) -> ListStreamsOutput {
        try withState { state, _ throws(DynamoError) in
            try state.streams.listStreams(tableName: tableName, limit: limit, exclusiveStartStreamArn: exclusiveStartStreamArn, region: region)
        }
    }

    /// DescribeStream: status, key schema and one page of shards sorted by shard id.
    ///
    /// - Parameters:
    ///   - streamArn: The stream.
    ///   - limit: Shards per page, 1…100 (default 100).
    ///   - exclusiveStartShardId: The previous page's `lastEvaluatedShardId`; an unknown id
    ///     pages by shard-id order, a malformed one gives an empty page.
    ///   - shardFilter: `CHILD_SHARDS` of one shard.
    ///   - region: The request's region.
    /// - Throws: `ValidationException` (`Invalid StreamArn`, constraints),
    ///   `ResourceNotFoundException` for an unknown or expired stream.
    public func describeStream(streamArn: String, limit: Int?, exclusiveStartShardId: String?, shardFilter: ShardFilter?, region: String) throws(DynamoError) -> StreamDescription {
        try withState { state, _ throws(DynamoError) in
            try state.streams.describeStream(streamArn: streamArn, limit: limit, exclusiveStartShardId: exclusiveStartShardId, shardFilter: shardFilter, region: region)
        }
    }

    /// GetShardIterator: an opaque iterator (`<StreamArn>|1|<blob>`) valid for
    /// ``EngineConfiguration/iteratorLifetime`` of virtual time.
    ///
    /// - Parameters:
    ///   - streamArn: The stream.
    ///   - shardId: A shard of that stream (open, or closed but not yet expired).
    ///   - type: Where to start reading.
    ///   - sequenceNumber: Required with AT/AFTER_SEQUENCE_NUMBER, forbidden otherwise.
    ///   - region: The request's region.
    /// - Throws: `ValidationException` (missing/forbidden/out-of-range sequence number, bad ids),
    ///   `ResourceNotFoundException` (stream or shard), `TrimmedDataAccessException` for a
    ///   position before the shard's trim horizon.
    public func getShardIterator(streamArn: String, shardId: String, type: ShardIteratorType, sequenceNumber: String?, region: String) throws(DynamoError) -> String {
        let now = clock.now
        return try withState { state, _ throws(DynamoError) in
            try state.streams.shardIterator(streamArn: streamArn, shardId: shardId, type: type, sequenceNumber: sequenceNumber, now: now, region: region)
        }
    }

    /// GetRecords: up to `limit` records (and at most 1 MB) from the iterator's position.
    ///
    /// `nextShardIterator` is always present on an open shard (pointing at the same position
    /// when nothing is new) and absent once a closed shard is read to its end. An iterator can
    /// be reused until it expires.
    ///
    /// - Parameters:
    ///   - shardIterator: From ``getShardIterator(streamArn:shardId:type:sequenceNumber:region:)``
    ///     or a previous call's `nextShardIterator`.
    ///   - limit: 1…1000 (default 1000).
    ///   - region: The request's region (the iterator itself names its stream).
    /// - Throws: `ValidationException` (`Invalid ShardIterator`, limit), `ExpiredIteratorException`,
    ///   `TrimmedDataAccessException`, `ResourceNotFoundException` once the shard or stream expired.
    public func getRecords(shardIterator: String, limit: Int?, region: String) throws(DynamoError) -> GetRecordsOutput {
        let now = clock.now
        return try withState { state, _ throws(DynamoError) in
            // The page is measured just before it is read, while its images are fresh in the cache.
            state.streams.measurePending(forIterator: shardIterator, limit: limit)
            return try state.streams.records(shardIterator: shardIterator, limit: limit, now: now)
        }
    }

    /// Every stream with its shard forest, for the monitor (newest stream first).
    public func streamSummaries() -> [StreamSummary] {
        (try? withState { state, _ in
            state.streams.measureAllPending()
            return state.streams.summaries()
        }) ?? []
    }

    /// Admin hook: closes every open shard of a stream and opens one child for each, as the
    /// periodic rollover does.
    /// - Throws: `ResourceNotFoundException` for an unknown stream, `ValidationException` when it is not enabled.
    public func forceRollover(streamArn: String) throws(DynamoError) {
        let now = clock.now
        try withState { state, sink throws(DynamoError) in
            try state.streams.forceRollover(streamArn: streamArn, now: now, sink: &sink)
        }
    }

    /// Admin hook: splits one open shard into two children that halve its hash range.
    /// - Throws: `ResourceNotFoundException` for an unknown stream or shard, `ValidationException` for a closed shard.
    public func splitShard(streamArn: String, shardId: String) throws(DynamoError) {
        let now = clock.now
        try withState { state, sink throws(DynamoError) in
            try state.streams.splitShard(streamArn: streamArn, shardId: shardId, now: now, sink: &sink)
        }
    }
}
