import DynamoModel

/// Every stream of the engine (all regions), with shards, records, iterators and retention.
///
/// A value living inside `EngineState`, mutated only under the engine's lock. The table core
/// calls ``createStream(for:viewType:now:sink:)``, ``disableStream(arn:now:sink:)`` and
/// ``append(_:toStream:sink:)`` in commit order; the engine calls ``maintain(now:sink:)`` whenever
/// ``nextMaintenanceDue`` has passed.
struct StreamRegistry: Sendable {
    let configuration: EngineConfiguration
    /// How long ENABLING and DISABLING last before ENABLED / DISABLED (0: the transition happens
    /// within the same call, but both statuses are still published).
    var statusTransitionDelay: Duration = .zero

    private(set) var streams: [String: ChangeStream] = [:] {
        // Any change of the dictionary drops the append cache (`append` restores it afterwards).
        didSet { appendTarget = nil }
    }
    /// Index in `streams` of the stream the latest append went to, so consecutive appends to one
    /// stream skip hashing its ARN (its key is compared instead: one pointer check for the same
    /// string). Valid only while `streams` is unchanged but for that stream's value, which keeps
    /// indices valid; kept as an index alone, so restoring it costs no reference counting.
    private var appendTarget: Dictionary<String, ChangeStream>.Index?
    /// Whether some record was appended since ``measureAllPending()``.
    private var hasPendingRecords = false
    /// Millis of the newest label per table (region/account/name), so labels never repeat.
    private var lastLabelMillis: [String: Int64] = [:]
    private var cachedNextDue: VirtualInstant?
    let iteratorCodec: ShardIteratorCodec

    init(configuration: EngineConfiguration) {
        self.configuration = configuration
        iteratorCodec = ShardIteratorCodec()
    }

    // MARK: - Lifecycle

    /// Creates a new stream for `table` (CreateTable/UpdateTable enabling it) and returns its ARN and label.
    mutating func createStream(for table: StreamTableInfo, viewType: StreamViewType, now: VirtualInstant, sink: inout EventSink) -> (arn: String, label: String) {
        let tableKey = "\(table.region)/\(table.accountId)/\(table.tableName)"
        let millis = max(now.epochMilliseconds, (lastLabelMillis[tableKey] ?? .min) &+ 1)
        lastLabelMillis[tableKey] = millis
        let label = VirtualInstant(nanosecondsSinceEpoch: millis * 1_000_000).streamLabel
        let arn = "\(table.tableArn)/stream/\(label)"
        var stream = ChangeStream(arn: arn, label: label, table: table, viewType: viewType, createdAt: now)
        stream.openShard(parent: nil, hashRange: 0...UInt64.max, now: now, sink: &sink)
        sink.emit(.streamStatusChanged(streamArn: arn, tableName: table.tableName, status: .enabling))
        if statusTransitionDelay > .zero {
            stream.setStatus(.enabling, dueAt: now + statusTransitionDelay)
        } else {
            stream.setStatus(.enabled, dueAt: nil)
            sink.emit(.streamStatusChanged(streamArn: arn, tableName: table.tableName, status: .enabled))
        }
        streams[arn] = stream
        recomputeNextDue()
        return (arn, label)
    }

    /// Disables a stream (UpdateTable disabling it, or DeleteTable): closes its open shards.
    ///
    /// The stream stays listed and readable for the retention period, then vanishes.
    mutating func disableStream(arn: String, now: VirtualInstant, sink: inout EventSink) {
        guard var stream = streams[arn], stream.status == .enabling || stream.status == .enabled else { return }
        streams[arn] = nil
        stream.closeAllShards(now: now, sink: &sink)
        stream.markDisabled(at: now)
        sink.emit(.streamStatusChanged(streamArn: arn, tableName: stream.table.tableName, status: .disabling))
        if statusTransitionDelay > .zero {
            stream.setStatus(.disabling, dueAt: now + statusTransitionDelay)
        } else {
            stream.setStatus(.disabled, dueAt: nil)
            sink.emit(.streamStatusChanged(streamArn: arn, tableName: stream.table.tableName, status: .disabled))
        }
        streams[arn] = stream
        recomputeNextDue()
    }

    /// Appends the record for one committed change to the stream (called in commit order, under the engine lock).
    mutating func append(_ change: ItemChange, toStream arn: String, sink: inout EventSink) {
        append(
            change.eventName, keys: change.keys, old: change.oldImage, new: change.newImage, newMeasure: nil,
            time: change.time, isServiceDelete: change.isServiceDelete, toStream: arn, sink: &sink
        )
    }

    /// ``append(_:toStream:sink:)`` of a change given by its parts, as the table core has them.
    /// - Parameters:
    ///   - keys: the Keys map when the caller has it; nil: the stream reads Keys off the images
    ///     (it remembers their positions in a retained image and rebuilds Keys on read).
    ///   - old, new: the whole item before and after (by event type, whatever the view type);
    ///     borrowed: the stream retains only the images its view type keeps.
    ///   - newMeasure: `new.measure` when the write path has it (the record is then measured at
    ///     append without walking the image again); nil: measured later.
    mutating func append(
        _ eventName: StreamEventName, keys: AttributeMap?, old: borrowing AttributeMap?, new: borrowing AttributeMap?,
        newMeasure: ItemMeasure?, time: VirtualInstant, isServiceDelete: Bool, toStream arn: String, sink: inout EventSink
    ) {
        let index: Dictionary<String, ChangeStream>.Index
        if let target = appendTarget, streams.keys[target] == arn {
            index = target
        } else {
            guard let found = streams.index(forKey: arn) else { return }
            index = found
        }
        // In place through the values view: no lookup, no copy. Mutating a value keeps the
        // dictionary's indices valid, so the target is remembered again after `didSet` cleared it.
        let outcome = streams.values[index].ingest(
            eventName, keys: keys, old: old, new: new, newMeasure: newMeasure, time: time, isServiceDelete: isServiceDelete,
            splitThreshold: configuration.shardSplitThreshold, sink: &sink
        )
        appendTarget = index
        hasPendingRecords = true
        guard let outcome else { return }
        if outcome.startedRetention { lowerNextDue(to: time + configuration.streamRetention) }
        if outcome.didSplit { lowerNextDue(to: time + configuration.shardRolloverInterval) }
    }

    /// Fills in the sizes of every record appended since the last call (appending leaves them to
    /// the first reader); the monitor calls this first (GetRecords measures just its page), so each
    /// record is measured once.
    mutating func measureAllPending() {
        guard hasPendingRecords else { return }
        hasPendingRecords = false
        var index = streams.startIndex
        while index != streams.endIndex {
            streams.values[index].measureAllPending()
            streams.formIndex(after: &index)
        }
    }

    /// Fills in the sizes of the records GetRecords with this iterator and limit reads (see
    /// ``ChangeStream/measurePending(shardAt:position:limit:)``); does nothing for an iterator
    /// or limit GetRecords rejects, leaving the error to it.
    mutating func measurePending(forIterator shardIterator: String, limit: Int?) {
        guard hasPendingRecords, let token = iteratorCodec.decode(shardIterator),
              let streamIndex = streams.index(forKey: token.streamArn),
              let shard = streams.values[streamIndex].shardIndex(ordinal: token.shardOrdinal)
        else { return }
        let limit = limit ?? 1000
        guard limit >= 1, limit <= 1000 else { return }
        streams.values[streamIndex].measurePending(shardAt: shard, position: token.position, limit: limit)
    }

    // MARK: - Maintenance

    /// The earliest virtual time at which ``maintain(now:sink:)`` has something to do.
    var nextMaintenanceDue: VirtualInstant? { cachedNextDue }

    /// Rollover, splits, status transitions, trimming and expiry that are due at `now`.
    mutating func maintain(now: VirtualInstant, sink: inout EventSink) {
        let retention = configuration.streamRetention
        let retentionCutoff = now - retention
        // Only the streams with something due are taken out and put back.
        let due = streams.values.compactMap { stream in
            stream.nextDue(retention: retention, rollover: configuration.shardRolloverInterval).flatMap { $0 <= now ? stream.arn : nil }
        }
        for arn in due {
            guard var stream = streams.removeValue(forKey: arn) else { continue }
            if let due = stream.transitionDueAt, due <= now {
                let next: StreamStatus = stream.status == .enabling ? .enabled : .disabled
                stream.setStatus(next, dueAt: nil)
                sink.emit(.streamStatusChanged(streamArn: arn, tableName: stream.table.tableName, status: next))
            }
            if stream.status == .enabling || stream.status == .enabled {
                for index in stream.shards.indices where stream.shards[index].isOpen {
                    if stream.shards[index].createdAt + configuration.shardRolloverInterval <= now {
                        stream.rollOver(shardAt: index, now: now, sink: &sink)
                    }
                }
            }
            _ = stream.trim(createdAtOrBefore: retentionCutoff, sink: &sink)
            stream.removeExpiredShards(closedAtOrBefore: retentionCutoff, sink: &sink)
            if stream.status == .disabled, let disabledAt = stream.disabledAt, disabledAt + retention <= now {
                stream.removeAllShards(sink: &sink)
                sink.emit(.streamRemoved(streamArn: arn))
                continue
            }
            streams[arn] = stream
        }
        recomputeNextDue()
    }

    private mutating func lowerNextDue(to instant: VirtualInstant) {
        if let current = cachedNextDue, current <= instant { return }
        cachedNextDue = instant
    }

    private mutating func recomputeNextDue() {
        cachedNextDue = streams.values.compactMap { stream in
            stream.nextDue(retention: configuration.streamRetention, rollover: configuration.shardRolloverInterval)
        }.min()
    }

    // MARK: - Admin hooks

    /// Closes every open shard of a stream and opens one child for each (the admin rollover).
    mutating func forceRollover(streamArn: String, now: VirtualInstant, sink: inout EventSink) throws(DynamoError) {
        guard var stream = streams.removeValue(forKey: streamArn) else { throw Self.streamNotFound(streamArn) }
        defer {
            streams[streamArn] = stream
            recomputeNextDue()
        }
        guard stream.status == .enabled || stream.status == .enabling else {
            throw .validation("Stream is not enabled: \(streamArn)")
        }
        for index in stream.shards.indices where stream.shards[index].isOpen {
            stream.rollOver(shardAt: index, now: now, sink: &sink)
        }
    }

    /// Splits one open shard into two children (the admin split).
    mutating func splitShard(streamArn: String, shardId: String, now: VirtualInstant, sink: inout EventSink) throws(DynamoError) {
        guard var stream = streams.removeValue(forKey: streamArn) else { throw Self.streamNotFound(streamArn) }
        defer {
            streams[streamArn] = stream
            recomputeNextDue()
        }
        guard let index = stream.shardIndex(id: shardId) else { throw Self.shardNotFound }
        guard stream.shards[index].isOpen else { throw .validation("Shard is closed: \(shardId)") }
        stream.split(shardAt: index, now: now, sink: &sink)
    }

    // MARK: - Errors

    static func streamNotFound(_ arn: String) -> DynamoError {
        .notFound("Requested resource not found: Stream: \(arn) not found")
    }

    static let shardNotFound = DynamoError.notFound("Requested resource not found: Shard does not exist")

    func checkInvariants() {
        for (arn, stream) in streams {
            precondition(arn == stream.arn)
            stream.checkInvariants()
        }
    }
}
