import DynamoModel

/// One retained stream record, stored compactly.
///
/// Images are the `AttributeMap`s the table core handed over (copy-on-write arrays, so they share
/// storage with the table's items); `keys` is kept only when no retained image carries the key
/// attributes. The eventID, region and view type are derived when the record is read.
struct StoredStreamRecord: Sendable {
    var sequence: UInt64
    var time: VirtualInstant
    /// The new image when the record keeps one.
    let newImage: AttributeMap?
    /// The old image and the Keys map, when the record keeps them (see ``Rest``).
    private let rest: Rest?
    /// SizeBytes. Until the record is measured (see ``StreamShard/measurePending(_:)``) only
    /// the Keys map's part, and `wireBytes` carries ``pendingFlag``.
    var sizeBytes: UInt32
    /// Approximate length of the record's GetRecords JSON, for the 1 MB page cap; while pending,
    /// ``pendingFlag`` plus the Keys map's part.
    var wireBytes: UInt32

    /// Set in `wireBytes` of a record whose images are not measured yet.
    static let pendingFlag: UInt32 = 0x8000_0000
    let eventName: StreamEventName
    let isServiceDelete: Bool
    /// Positions of the key attributes in `newImage ?? oldImage` when `keys` is nil (Keys are
    /// rebuilt from them on read); ``noIndex`` for none.
    let hashIndex: UInt16
    let rangeIndex: UInt16

    /// No key position.
    static let noIndex: UInt16 = .max

    /// What a record keeps besides its new image, in one 16-byte field (so a record takes 64
    /// bytes): the old image, or a Keys map (records keeping no image the keys can be rebuilt
    /// from), or both behind one reference (a rare combination: see ``ChangeStream``'s append).
    private enum Rest: Sendable {
        case old(AttributeMap)
        case keys(AttributeMap)
        case oldAndKeys(OldAndKeys)
    }

    private final class OldAndKeys: Sendable {
        let old: AttributeMap
        let keys: AttributeMap

        init(old: AttributeMap, keys: AttributeMap) {
            self.old = old
            self.keys = keys
        }
    }

    init(
        sequence: UInt64, time: VirtualInstant, keys: AttributeMap?, newImage: AttributeMap?, oldImage: AttributeMap?,
        sizeBytes: UInt32, wireBytes: UInt32, eventName: StreamEventName, isServiceDelete: Bool, hashIndex: UInt16 = noIndex,
        rangeIndex: UInt16 = noIndex
    ) {
        self.sequence = sequence
        self.time = time
        self.newImage = newImage
        switch (oldImage, keys) {
        case (nil, nil): rest = nil
        case (let old?, nil): rest = .old(old)
        case (nil, let keys?): rest = .keys(keys)
        case (let old?, let keys?): rest = .oldAndKeys(OldAndKeys(old: old, keys: keys))
        }
        self.sizeBytes = sizeBytes
        self.wireBytes = wireBytes
        self.eventName = eventName
        self.isServiceDelete = isServiceDelete
        self.hashIndex = hashIndex
        self.rangeIndex = rangeIndex
    }

    /// The old image when the record keeps one.
    var oldImage: AttributeMap? {
        switch rest {
        case .old(let old): old
        case .oldAndKeys(let both): both.old
        case .keys, nil: nil
        }
    }

    /// The Keys map when no retained image carries the key attributes at `hashIndex`/`rangeIndex`.
    var keys: AttributeMap? {
        switch rest {
        case .keys(let keys): keys
        case .oldAndKeys(let both): both.keys
        case .old, nil: nil
        }
    }
}

/// One shard of a stream: its identity, lineage, sequence range and retained records.
///
/// Records live in one array in sequence order; trimming advances `head` (a binary search for the
/// cut) and the dead prefix is compacted away once it is at least half the array.
struct StreamShard: Sendable {
    /// Position in the stream's creation order; the iterator refers to the shard by it.
    let ordinal: UInt32
    let shardId: String
    let parentShardId: String?
    let createdAt: VirtualInstant
    /// The inclusive range of the partition-key hash space this shard owns while open.
    let hashRange: ClosedRange<UInt64>
    let startingSequence: UInt64
    private(set) var endingSequence: UInt64?
    private(set) var closedAt: VirtualInstant?
    private(set) var records: [StoredStreamRecord] = []
    /// Index of the oldest retained record in `records`.
    private(set) var head = 0
    /// Number of the newest record ever appended to this shard (survives trimming).
    private(set) var lastSequence: UInt64?
    /// Number of the newest trimmed record; positions at or below it have lost data.
    private(set) var trimmedThrough: UInt64?
    private(set) var trimmedCount = 0
    /// SizeBytes of the measured retained records, `records[head..<measuredEnd]`.
    private(set) var retainedBytes = 0
    /// Records from here on are not measured yet: appending leaves sizes to the first reader
    /// (GetRecords, the monitor, an observed append), so a write does not walk its images twice.
    private(set) var measuredEnd = 0
    /// Whole virtual second of the split-rate window and the records appended in it.
    private(set) var windowSecond: Int64 = .min
    private(set) var windowCount = 0

    init(ordinal: UInt32, shardId: String, parentShardId: String?, createdAt: VirtualInstant, hashRange: ClosedRange<UInt64>, startingSequence: UInt64) {
        self.ordinal = ordinal
        self.shardId = shardId
        self.parentShardId = parentShardId
        self.createdAt = createdAt
        self.hashRange = hashRange
        self.startingSequence = startingSequence
    }

    var isOpen: Bool { endingSequence == nil }
    var retainedCount: Int { records.count - head }
    var oldestRetained: StoredStreamRecord? { head < records.count ? records[head] : nil }
    var newestRetained: StoredStreamRecord? { head < records.count ? records[records.count - 1] : nil }

    /// The retained records, oldest first.
    var retained: ArraySlice<StoredStreamRecord> { records[head...] }

    /// Whether the shard has not received a record yet (its first record takes `startingSequence`).
    var isUnused: Bool { lastSequence == nil }

    /// Appends a record whose sequence number the stream assigned; returns the records counted in
    /// the current one-second rate window.
    /// The record is consumed (moved into storage, its images not retained again); inlined into
    /// the stream's append, which calls it once per streamed write.
    @inline(__always)
    mutating func append(_ record: consuming StoredStreamRecord) -> Int {
        let sequence = record.sequence
        precondition(isOpen, "append to a closed shard")
        precondition(lastSequence.map { sequence > $0 } ?? (sequence == startingSequence), "sequence numbers must increase")
        lastSequence = sequence
        let second = record.time.wholeEpochSeconds
        // A record measured at append right after measured ones extends the measured prefix.
        if record.wireBytes & StoredStreamRecord.pendingFlag == 0, measuredEnd == records.count {
            retainedBytes += Int(record.sizeBytes)
            measuredEnd = records.count + 1
        }
        if records.count == records.capacity, records.count >= 4096 {
            // Large shards grow eightfold rather than double: memory reserved but not yet written
            // is never touched (nor resident), and each regrowth touches fresh pages and copies
            // every record, so fewer, larger steps cost fewer page faults and copies per record.
            records.reserveCapacity(records.count * 8)
        }
        records.append(record)
        if second != windowSecond {
            windowSecond = second
            windowCount = 0
        }
        windowCount += 1
        return windowCount
    }

    /// Whether some retained record still lacks its sizes.
    var hasPending: Bool { measuredEnd < records.count }

    /// Fills in `sizeBytes` and `wireBytes` of every unmeasured record (each record is measured once).
    mutating func measurePending(_ measure: (inout StoredStreamRecord) -> Void) {
        measurePending(upTo: records.count, measure)
    }

    /// Fills in the sizes of the unmeasured records before index `end` of `records` (the measured
    /// records stay one prefix of the retained ones).
    mutating func measurePending(upTo end: Int, _ measure: (inout StoredStreamRecord) -> Void) {
        let end = min(end, records.count)
        let start = max(head, measuredEnd)
        guard start < end else { return }
        var bytes = 0
        for index in start..<end {
            measure(&records[index])
            bytes += Int(records[index].sizeBytes)
        }
        retainedBytes += bytes
        measuredEnd = end
    }

    /// Seals the shard at its last record (or at its start when it stayed empty).
    mutating func close(at now: VirtualInstant) {
        guard isOpen else { return }
        endingSequence = lastSequence ?? startingSequence
        closedAt = now
    }

    /// Drops the records created at or before `cutoff`; returns how many were dropped.
    mutating func trim(createdAtOrBefore cutoff: VirtualInstant) -> Int {
        // Records are in commit-time order, so the cut is found by binary search: the time spent
        // under the engine lock does not grow with the number of records trimmed.
        var low = head
        var high = records.count
        while low < high {
            let mid = (low + high) / 2
            if records[mid].time <= cutoff { low = mid + 1 } else { high = mid }
        }
        let index = low
        let count = index - head
        guard count > 0 else { return 0 }
        // Every measured record goes (the usual case after a long jump or idle time): all the
        // retained bytes, without visiting them; otherwise the trimmed measured ones are summed.
        var bytes = 0
        if index >= measuredEnd {
            bytes = retainedBytes
        } else {
            for i in head..<index { bytes += Int(records[i].sizeBytes) }
        }
        trimmedThrough = records[index - 1].sequence
        trimmedCount += count
        retainedBytes -= bytes
        head = index
        measuredEnd = max(measuredEnd, head)
        if head == records.count {
            let dead = records
            records = []
            Self.releaseInBackground(consume dead)
            head = 0
            measuredEnd = 0
        } else if head >= 1024, head * 2 >= records.count {
            // Copying the kept suffix costs at most what was trimmed (it is the smaller half).
            let all = records
            records = Array(all[head...])
            measuredEnd -= head
            head = 0
            Self.releaseInBackground(consume all)
        }
        return count
    }

    /// Drops the last reference to a large dead buffer off the engine lock: freeing the images of
    /// a million trimmed records is memory-bound work that writers should not wait for. Small
    /// buffers are released in place. The caller hands over its only reference.
    static func releaseInBackground(_ dead: consuming [StoredStreamRecord]) {
        guard dead.count >= 4096 else { return }
        BackgroundRelease.release(consume dead)
    }

    /// Index in `records` of the first retained record whose number is `>= position`.
    func firstIndex(atOrAfter position: UInt64) -> Int {
        var low = head
        var high = records.count
        if low < high, records[low].sequence >= position { return low }
        while low < high {
            let mid = (low + high) / 2
            if records[mid].sequence < position { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Calls `body` with the records storage (indices as in `records`), without copying records.
    func withRecords<R>(_ body: (UnsafeBufferPointer<StoredStreamRecord>) -> R) -> R {
        records.withUnsafeBufferPointer(body)
    }

    /// One past the last index of `records`.
    var endIndex: Int { records.count }

    /// Where a TRIM_HORIZON iterator starts: the oldest retained record, or the position after
    /// everything the shard ever held.
    var trimHorizonPosition: UInt64 {
        if let oldest = oldestRetained { return oldest.sequence }
        return lastSequence.map { $0 + 1 } ?? startingSequence
    }

    /// Where a LATEST iterator starts: just after the newest record (after the end when closed).
    var latestPosition: UInt64 {
        if let endingSequence { return endingSequence + 1 }
        return lastSequence.map { $0 + 1 } ?? startingSequence
    }

    func checkInvariants() {
        precondition(head <= records.count)
        var previous: UInt64 = 0
        for record in records[head...] {
            precondition(record.sequence > previous)
            precondition(record.sequence >= startingSequence)
            previous = record.sequence
        }
        if let endingSequence { precondition(endingSequence >= startingSequence) }
        precondition(head <= measuredEnd && measuredEnd <= records.count)
        precondition(retainedBytes == records[head..<measuredEnd].reduce(0) { $0 + Int($1.sizeBytes) })
    }
}
