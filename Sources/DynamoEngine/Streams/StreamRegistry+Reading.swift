import DynamoModel

// ListStreams, DescribeStream, GetShardIterator and GetRecords over the registry
// (streams.md §5.3, §6.1–6.3, §7, §8). Checks run in AWS's order: shape constraints, then
// semantic validation, then lookups.

extension StreamRegistry {
    /// The largest GetRecords page, measured as the records' JSON size.
    static let maximumPageBytes = 1_048_576

    // MARK: - ListStreams

    func listStreams(tableName: String?, limit: Int?, exclusiveStartStreamArn: String?, region: String) throws(DynamoError) -> ListStreamsOutput {
        if let limit { try StreamsValidation.checkRange(limit, at: "limit", min: 1, max: 100) }
        if let tableName { try StreamsValidation.checkTableName(tableName, at: "tableName") }
        var startKey: (label: String, arn: String)?
        if let exclusiveStartStreamArn {
            try StreamsValidation.checkLength(exclusiveStartStreamArn, at: "exclusiveStartStreamArn", min: 37, max: 1024)
            guard let parsed = StreamArn(exclusiveStartStreamArn) else { throw .validation("Invalid ExclusiveStartStreamArn") }
            startKey = (parsed.label, exclusiveStartStreamArn)
        }
        // Newest first; the order key (label, ARN) is derivable from an ARN alone, so a page
        // boundary stays well defined even if the start stream expired in between.
        var candidates = streams.values.filter { stream in
            stream.table.region == region && (tableName == nil || stream.table.tableName == tableName)
        }
        candidates.sort { ($0.label, $0.arn) > ($1.label, $1.arn) }
        if let startKey {
            candidates.removeAll { ($0.label, $0.arn) >= startKey }
        }
        let pageSize = limit ?? 100
        let page = candidates.prefix(pageSize)
        let listed = page.map { ListedStream(streamArn: $0.arn, tableName: $0.table.tableName, streamLabel: $0.label) }
        return ListStreamsOutput(streams: listed, lastEvaluatedStreamArn: candidates.count > pageSize ? page.last?.arn : nil)
    }

    // MARK: - DescribeStream

    func describeStream(streamArn: String, limit: Int?, exclusiveStartShardId: String?, shardFilter: ShardFilter?, region: String) throws(DynamoError) -> StreamDescription {
        try StreamsValidation.checkStreamArn(streamArn, at: "streamArn")
        if let limit { try StreamsValidation.checkRange(limit, at: "limit", min: 1, max: 100) }
        if let exclusiveStartShardId { try StreamsValidation.checkShardId(exclusiveStartShardId, at: "exclusiveStartShardId") }
        if let shardFilter { try StreamsValidation.checkShardId(shardFilter.shardId, at: "shardFilter.shardId") }
        let stream = try lookUp(streamArn, region: region)
        var shards = stream.shards[...]
        if let shardFilter {
            shards = shards.filter { $0.parentShardId == shardFilter.shardId }[...]
        }
        if let start = exclusiveStartShardId {
            // A well-formed id pages lexically (shard-id order is creation order); garbage ends the listing.
            if Self.isWellFormedShardId(start) {
                shards = shards.filter { $0.shardId > start }[...]
            } else {
                shards = []
            }
        }
        let pageSize = limit ?? 100
        let page = shards.prefix(pageSize)
        return StreamDescription(
            streamArn: stream.arn, streamLabel: stream.label, streamStatus: stream.status, streamViewType: stream.viewType,
            creationRequestDateTime: stream.createdAt, tableName: stream.table.tableName, keySchema: stream.table.keySchema,
            shards: page.map(Self.describe), lastEvaluatedShardId: shards.count > pageSize ? page.last?.shardId : nil
        )
    }

    static func describe(_ shard: StreamShard) -> ShardDescription {
        ShardDescription(
            shardId: shard.shardId, parentShardId: shard.parentShardId,
            startingSequenceNumber: SequenceNumber(shard.startingSequence),
            endingSequenceNumber: shard.endingSequence.map(SequenceNumber.init)
        )
    }

    static func isWellFormedShardId(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 37, id.hasPrefix("shardId-"), bytes[28] == UInt8(ascii: "-") else { return false }
        return bytes[8..<28].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    // MARK: - GetShardIterator

    func shardIterator(streamArn: String, shardId: String, type: ShardIteratorType, sequenceNumber: String?, now: VirtualInstant, region: String) throws(DynamoError) -> String {
        if type.needsSequenceNumber, sequenceNumber == nil {
            throw .validation("Must specify SequenceNumber with AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER")
        }
        if !type.needsSequenceNumber, sequenceNumber != nil {
            throw .validation("SequenceNumber is not allowed with TRIM_HORIZON or LATEST")
        }
        if let sequenceNumber { try StreamsValidation.checkLength(sequenceNumber, at: "sequenceNumber", min: 21, max: 40) }
        try StreamsValidation.checkShardId(shardId, at: "shardId")
        try StreamsValidation.checkStreamArn(streamArn, at: "streamArn")
        let stream = try lookUp(streamArn, region: region)
        guard let index = stream.shardIndex(id: shardId) else { throw Self.shardNotFound }
        let shard = stream.shards[index]
        let position: UInt64
        switch type {
        case .trimHorizon:
            position = shard.trimHorizonPosition
        case .latest:
            position = shard.latestPosition
        case .atSequenceNumber, .afterSequenceNumber:
            let upperBound = shard.endingSequence ?? stream.lastSequence
            guard let text = sequenceNumber, let number = SequenceNumber(text)?.value,
                number >= shard.startingSequence, number <= upperBound
            else { throw .validation("Invalid SequenceNumber for the shard") }
            if type == .atSequenceNumber, number == shard.startingSequence {
                // AT the shard's StartingSequenceNumber reads everything retained, even after trimming.
                position = max(number, shard.trimHorizonPosition)
            } else {
                position = type == .atSequenceNumber ? number : number + 1
            }
        }
        if let trimmed = shard.trimmedThrough, position <= trimmed { throw Self.trimmed }
        return iteratorCodec.encode(ShardIteratorToken(streamArn: stream.arn, shardOrdinal: shard.ordinal, position: position, issuedAt: now))
    }

    // MARK: - GetRecords

    func records(shardIterator: String, limit: Int?, now: VirtualInstant) throws(DynamoError) -> GetRecordsOutput {
        if let limit {
            if limit < 1 { throw StreamsValidation.constraint(String(limit), at: "limit", "Member must have value greater than or equal to 1") }
            if limit > 1000 { throw .validation("One or more parameter values were invalid: Limit should be less than or equal to 1000") }
        }
        try StreamsValidation.checkLength(shardIterator, at: "shardIterator", min: 1, max: 2048)
        guard let token = iteratorCodec.decode(shardIterator) else { throw .validation("Invalid ShardIterator") }
        if token.issuedAt + configuration.iteratorLifetime < now {
            throw DynamoError(.expiredIterator, "The provided iterator exceeds the maximum age allowed.")
        }
        guard let stream = streams[token.streamArn] else { throw Self.streamNotFound(token.streamArn) }
        guard let index = stream.shardIndex(ordinal: token.shardOrdinal) else { throw Self.shardNotFound }
        let shard = stream.shards[index]
        if let trimmed = shard.trimmedThrough, token.position <= trimmed { throw Self.trimmed }

        let maximumCount = limit ?? 1000
        let first = shard.firstIndex(atOrAfter: token.position)
        let end = shard.endIndex
        let (records, cursor): ([StreamRecord], Int) = shard.withRecords { stored in
            // First pass: the page's extent (Limit, then 1 MB, at least one record).
            var cursor = first
            var bytes = 0
            while cursor < end, cursor - first < maximumCount {
                bytes += stream.wireBytes(in: stored, at: cursor)
                if bytes > Self.maximumPageBytes, cursor > first { break }
                cursor += 1
            }
            // Second pass: build the records in place.
            // Each record is initialized in the page's storage (not built, copied and destroyed).
            let count = cursor - first
            let records = [StreamRecord](unsafeUninitializedCapacity: count) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                for i in 0..<count {
                    (base + i).initialize(to: stream.makeRecord(in: stored, at: first + i))
                }
                initialized = count
            }
            return (records, cursor)
        }
        // Read off the sequence number alone (`records.last` would copy the whole record).
        let nextPosition = records.isEmpty ? token.position : records[records.count - 1].sequenceNumber.value + 1
        // A closed shard read to its end has no NextShardIterator (absent, not empty).
        let isExhausted = !shard.isOpen && cursor == end
        let next = isExhausted
            ? nil
            : iteratorCodec.encode(ShardIteratorToken(streamArn: stream.arn, shardOrdinal: shard.ordinal, position: nextPosition, issuedAt: now))
        return GetRecordsOutput(records: records, nextShardIterator: next)
    }

    // MARK: - Monitor

    /// What the monitor shows of every stream, newest first.
    func summaries() -> [StreamSummary] {
        streams.values.sorted { ($0.label, $0.arn) > ($1.label, $1.arn) }.map { stream in
            StreamSummary(
                streamArn: stream.arn, streamLabel: stream.label, tableName: stream.table.tableName,
                region: stream.table.region, status: stream.status, viewType: stream.viewType,
                createdAt: stream.createdAt, disabledAt: stream.disabledAt,
                shards: stream.shards.indices.map { index in
                    let shard = stream.shards[index]
                    return ShardSummary(
                        shardId: shard.shardId, parentShardId: shard.parentShardId,
                        startingSequenceNumber: SequenceNumber(shard.startingSequence),
                        endingSequenceNumber: shard.endingSequence.map(SequenceNumber.init),
                        createdAt: shard.createdAt, closedAt: shard.closedAt, recordCount: shard.retainedCount,
                        retainedBytes: stream.retainedBytes(ofShardAt: index), oldestRecordAt: shard.oldestRetained?.time,
                        newestRecordAt: shard.newestRetained?.time, trimmedCount: shard.trimmedCount
                    )
                }
            )
        }
    }

    // MARK: - Helpers

    private func lookUp(_ arn: String, region: String) throws(DynamoError) -> ChangeStream {
        guard let stream = streams[arn], stream.table.region == region else { throw Self.streamNotFound(arn) }
        return stream
    }

    static let trimmed = DynamoError(.trimmedDataAccess, "The data you are trying to access has been trimmed")
}
