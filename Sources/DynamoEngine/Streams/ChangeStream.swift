import DynamoModel

/// One stream of one table: status, shard forest, the stream-wide sequence counter.
///
/// Sequence numbers come from one counter per stream, so a child shard's numbers are always
/// larger than its parent's. Shards are kept in creation order, which is also shard-id order
/// (creation millis are made strictly increasing per stream).
struct ChangeStream: Sendable {
    let arn: String
    let label: String
    let table: StreamTableInfo
    let viewType: StreamViewType
    let createdAt: VirtualInstant
    private(set) var status: StreamStatus = .enabling
    private(set) var disabledAt: VirtualInstant?
    /// When an ENABLING / DISABLING status turns into ENABLED / DISABLED.
    private(set) var transitionDueAt: VirtualInstant?
    private(set) var shards: [StreamShard] = []
    /// The last sequence number handed out (to a shard start or a record).
    private(set) var lastSequence: UInt64 = 0
    private var nextOrdinal: UInt32 = 0
    private var lastShardMillis: Int64 = .min
    /// Open shards by hash range: (range, index into `shards`), sorted by range.
    private var routes: [(range: ClosedRange<UInt64>, index: Int)] = []
    private let eventIDSalt: (UInt64, UInt64)
    private let hashKeyName: String?
    private let rangeKeyName: String?
    /// The key attribute names in `AttributeMap` order, shared by the Keys maps built on read.
    private let sortedKeyNames: [String]
    /// Whether the hash key sorts before the range key (decides the order of the Keys values).
    private let hashKeyFirst: Bool
    /// Where the key attributes sit in the names array the latest appended image used (stored
    /// items of a table share one names array, so this is found once, not per write); a negative
    /// hash position: nothing cached.
    private var keyPositionNames: [String] = []
    private var keyPositionHash = -1
    private var keyPositionRange: Int?
    /// UTF-8 lengths of the key attribute names (0 without one).
    private let hashKeyNameCount: Int
    private let rangeKeyNameCount: Int
    /// ``envelopeWireBytes`` plus this stream's table name and region.
    private let envelopeWireBytes: Int

    init(arn: String, label: String, table: StreamTableInfo, viewType: StreamViewType, createdAt: VirtualInstant) {
        self.arn = arn
        self.label = label
        self.table = table
        self.viewType = viewType
        self.createdAt = createdAt
        var generator = SystemRandomNumberGenerator()
        eventIDSalt = (generator.next(), generator.next())
        hashKeyName = table.keySchema.first { $0.keyType == .hash }?.attributeName
        rangeKeyName = table.keySchema.first { $0.keyType == .range }?.attributeName
        let names = [hashKeyName, rangeKeyName].compactMap { $0 }
        sortedKeyNames = names.sorted { $0.utf8Compare($1) < 0 }
        hashKeyFirst = sortedKeyNames.first == hashKeyName
        hashKeyNameCount = hashKeyName?.utf8.count ?? 0
        rangeKeyNameCount = rangeKeyName?.utf8.count ?? 0
        envelopeWireBytes = Self.envelopeWireBytes + table.tableName.utf8.count + table.region.utf8.count
    }

    var openShardCount: Int { routes.count }

    // MARK: - Status

    mutating func setStatus(_ status: StreamStatus, dueAt: VirtualInstant?) {
        self.status = status
        transitionDueAt = dueAt
    }

    mutating func markDisabled(at now: VirtualInstant) {
        disabledAt = now
    }

    /// The earliest time this stream has maintenance due: a status transition, a rollover, a
    /// trim, a closed shard's or the disabled stream's expiry.
    func nextDue(retention: Duration, rollover: Duration) -> VirtualInstant? {
        var due = transitionDueAt
        func consider(_ instant: VirtualInstant) {
            if let current = due, current <= instant { return }
            due = instant
        }
        if let disabledAt { consider(disabledAt + retention) }
        let isLive = status == .enabled || status == .enabling
        for shard in shards {
            if let oldest = shard.oldestRetained { consider(oldest.time + retention) }
            if let closedAt = shard.closedAt {
                consider(closedAt + retention)
            } else if isLive {
                consider(shard.createdAt + rollover)
            }
        }
        return due
    }

    // MARK: - Shards

    /// Index in `shards` of the shard with `ordinal`.
    func shardIndex(ordinal: UInt32) -> Int? {
        var low = 0
        var high = shards.count
        while low < high {
            let mid = (low + high) / 2
            if shards[mid].ordinal < ordinal { low = mid + 1 } else { high = mid }
        }
        return low < shards.count && shards[low].ordinal == ordinal ? low : nil
    }

    func shardIndex(id: String) -> Int? {
        shards.firstIndex { $0.shardId == id }
    }

    /// Opens a shard owning `hashRange`; returns its index.
    @discardableResult
    mutating func openShard(parent: String?, hashRange: ClosedRange<UInt64>, now: VirtualInstant, sink: inout EventSink) -> Int {
        let millis = max(now.epochMilliseconds, lastShardMillis &+ 1)
        lastShardMillis = millis
        lastSequence += 1
        let shardId = Self.makeShardId(millis: millis)
        let shard = StreamShard(
            ordinal: nextOrdinal, shardId: shardId, parentShardId: parent,
            createdAt: VirtualInstant(nanosecondsSinceEpoch: max(now.nanosecondsSinceEpoch, millis * 1_000_000)),
            hashRange: hashRange, startingSequence: lastSequence
        )
        nextOrdinal += 1
        shards.append(shard)
        rebuildRoutes()
        sink.emit(.shardOpened(streamArn: arn, shardId: shardId, parentShardId: parent))
        return shards.count - 1
    }

    /// Closes an open shard without children (disable, or the parent half of a rollover/split).
    mutating func closeShard(at index: Int, now: VirtualInstant, sink: inout EventSink) {
        guard shards[index].isOpen else { return }
        shards[index].close(at: now)
        rebuildRoutes()
        sink.emit(.shardClosed(streamArn: arn, shardId: shards[index].shardId))
    }

    /// Replaces an open shard by one child with the same hash range: the child is registered
    /// before the parent gets its EndingSequenceNumber.
    mutating func rollOver(shardAt index: Int, now: VirtualInstant, sink: inout EventSink) {
        guard shards[index].isOpen else { return }
        let parent = shards[index]
        openShard(parent: parent.shardId, hashRange: parent.hashRange, now: now, sink: &sink)
        closeShard(at: index, now: now, sink: &sink)
    }

    /// Splits an open shard into two children that halve its hash range (a one-hash shard rolls over).
    mutating func split(shardAt index: Int, now: VirtualInstant, sink: inout EventSink) {
        guard shards[index].isOpen else { return }
        let parent = shards[index]
        let range = parent.hashRange
        guard range.lowerBound < range.upperBound else {
            rollOver(shardAt: index, now: now, sink: &sink)
            return
        }
        let middle = range.lowerBound + (range.upperBound - range.lowerBound) / 2
        openShard(parent: parent.shardId, hashRange: range.lowerBound...middle, now: now, sink: &sink)
        openShard(parent: parent.shardId, hashRange: (middle + 1)...range.upperBound, now: now, sink: &sink)
        closeShard(at: index, now: now, sink: &sink)
    }

    /// Closes every open shard (stream disabled or table deleted).
    mutating func closeAllShards(now: VirtualInstant, sink: inout EventSink) {
        for index in shards.indices where shards[index].isOpen {
            closeShard(at: index, now: now, sink: &sink)
        }
    }

    /// Trims expired records of every shard; returns how many were trimmed.
    mutating func trim(createdAtOrBefore cutoff: VirtualInstant, sink: inout EventSink) -> Int {
        var total = 0
        for index in shards.indices {
            guard let oldest = shards[index].oldestRetained, oldest.time <= cutoff else { continue }
            let count = shards[index].trim(createdAtOrBefore: cutoff)
            total += count
            sink.emit(.recordsTrimmed(streamArn: arn, shardId: shards[index].shardId, count: count))
        }
        return total
    }

    /// Removes closed shards whose retention has run out (all their records are gone by then).
    mutating func removeExpiredShards(closedAtOrBefore cutoff: VirtualInstant, sink: inout EventSink) {
        let expired = shards.filter { shard in shard.closedAt.map { $0 <= cutoff } ?? false }
        guard !expired.isEmpty else { return }
        shards.removeAll { shard in shard.closedAt.map { $0 <= cutoff } ?? false }
        rebuildRoutes()
        for shard in expired { sink.emit(.shardRemoved(streamArn: arn, shardId: shard.shardId)) }
    }

    /// Removes every shard (the stream itself expires).
    mutating func removeAllShards(sink: inout EventSink) {
        for shard in shards { sink.emit(.shardRemoved(streamArn: arn, shardId: shard.shardId)) }
        shards = []
        routes = []
    }

    private mutating func rebuildRoutes() {
        routes = shards.indices.filter { shards[$0].isOpen }.map { (shards[$0].hashRange, $0) }
        routes.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A shard id in AWS's format: `shardId-<20-digit creation millis>-<8 hex>`.
    static func makeShardId(millis: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        let suffix = UInt32.random(in: .min ... .max, using: &generator)
        let digits = String(millis)
        let hex = String(suffix, radix: 16)
        return "shardId-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "-"
            + String(repeating: "0", count: 8 - hex.count) + hex
    }

    // MARK: - Appending

    /// Appends the record of one committed change to the open shard owning its partition key.
    /// - Returns: the shard index and the records in that shard's current one-second window, or
    ///   nil when no shard is open (the stream is being disabled).
    ///
    /// The images are borrowed: only those the view type keeps are retained, by the stored
    /// record, and nothing else of the change is copied.
    mutating func append(
        _ eventName: StreamEventName, keys: AttributeMap?, old: borrowing AttributeMap?, new: borrowing AttributeMap?,
        newMeasure: ItemMeasure?, time: VirtualInstant, isServiceDelete: Bool, sink: inout EventSink
    ) -> (index: Int, windowCount: Int)? {
        guard !routes.isEmpty else { return nil }
        // Which images the record keeps; the images stay borrowed until the record takes its
        // references, so the write path retains each kept image once and copies nothing else.
        let keepsNew = viewType.includesNewImage && eventName != .remove && new != nil
        let keepsOld = viewType.includesOldImage && eventName != .insert && old != nil
        var storedKeys: AttributeMap?
        var hashIndex = StoredStreamRecord.noIndex
        var rangeIndex = StoredStreamRecord.noIndex
        // Keys: read back on demand from the image a reader rebuilds them from (only their
        // positions are stored), or kept as a map when no retained image carries them.
        var keysMeasure = (size: 0, wire: 0)
        var partitionKey: AttributeValue?
        let positions = keepsNew ? keyPositions(in: new) : keepsOld ? keyPositions(in: old) : nil
        if let positions {
            hashIndex = UInt16(positions.hash)
            rangeIndex = positions.range.map(UInt16.init) ?? StoredStreamRecord.noIndex
            // Measured in place: the key values are not copied out of the image.
            keysMeasure = keepsNew ? keyMeasure(of: new, at: positions) : keyMeasure(of: old, at: positions)
            if routes.count > 1 { partitionKey = keepsNew ? new?.value(at: positions.hash) : old?.value(at: positions.hash) }
        } else {
            let keys = keys ?? keyMap(of: new != nil ? copy new : copy old)
            let measure = keys.measure
            keysMeasure = (measure.size, measure.wireLength)
            if routes.count > 1 { partitionKey = hashKeyName.flatMap { keys[$0] } }
            storedKeys = keys
        }
        guard let index = route(partitionKey) else { return nil }
        let sequence: UInt64
        if shards[index].isUnused {
            sequence = shards[index].startingSequence
        } else {
            lastSequence += 1
            sequence = lastSequence
        }
        // When the write path measured every retained image (a put's new item, checked for its
        // size in the same pass), the record is complete now. Otherwise only the Keys part is
        // measured: the images are measured by the first reader (see `measurePending(shardAt:)`),
        // or right away when an observer wants the full record.
        let sizeBytes: UInt32
        let wireBytes: UInt32
        if !keepsOld, !keepsNew || newMeasure != nil {
            var size = keysMeasure.size
            var wire = envelopeWireBytes + keysMeasure.wire
            if keepsNew, let measure = newMeasure {
                size += measure.size
                wire += 12 + measure.wireLength
            }
            if isServiceDelete { wire += 80 }
            sizeBytes = UInt32(clamping: size)
            wireBytes = UInt32(clamping: min(wire, Int(StoredStreamRecord.pendingFlag - 1)))
        } else {
            sizeBytes = UInt32(clamping: keysMeasure.size)
            wireBytes = StoredStreamRecord.pendingFlag | UInt32(clamping: min(keysMeasure.wire, 0x7FFF_FFFF))
        }
        // Built in the call, so the record moves into the shard without a copy.
        let windowCount = shards[index].append(
            StoredStreamRecord(
                sequence: sequence, time: time, keys: storedKeys, newImage: keepsNew ? copy new : nil, oldImage: keepsOld ? copy old : nil,
                sizeBytes: sizeBytes, wireBytes: wireBytes,
                eventName: eventName, isServiceDelete: isServiceDelete, hashIndex: hashIndex, rangeIndex: rangeIndex
            )
        )
        if sink.isActive {
            measurePending(shardAt: index)
            if let last = shards[index].newestRetained {
                sink.emit(.recordAppended(streamArn: arn, shardId: shards[index].shardId, record: makeRecord(last)))
            }
        }
        return (index, windowCount)
    }

    /// The positions of the key attributes among `image`'s names (nil when the hash key, or the
    /// range key of a table that has one, is missing, or a position does not fit a stored record).
    private mutating func keyPositions(in image: borrowing AttributeMap?) -> (hash: Int, range: Int?)? {
        // Stored items of a table share one names array: while the image uses the array the
        // positions were found in, they hold (compared by identity, without retaining anything).
        if keyPositionHash >= 0, image?.usesNames(keyPositionNames) == true { return (keyPositionHash, keyPositionRange) }
        guard let found = (copy image).flatMap({ findKeys(in: $0) }), found.hash < Int(StoredStreamRecord.noIndex) else { return nil }
        if rangeKeyName != nil {
            guard let range = found.range, range < Int(StoredStreamRecord.noIndex) else { return nil }
        }
        // The array is kept alive here, so its address cannot be reused by another names array.
        keyPositionNames = (copy image)?.names ?? []
        keyPositionHash = found.hash
        keyPositionRange = found.range
        return found
    }

    /// SizeBytes and wire length of the Keys map of an image's key values at `positions`,
    /// measured in place.
    private func keyMeasure(of image: borrowing AttributeMap?, at positions: (hash: Int, range: Int?)) -> (size: Int, wire: Int) {
        guard let measure = image?.measureSubmap(positions.hash, nameLength: hashKeyNameCount, positions.range, nameLength: rangeKeyNameCount) else { return (0, 0) }
        return (measure.size, measure.wireLength)
    }

    /// The Keys map of an item image (empty without one, or when it lacks the hash key).
    private func keyMap(of image: AttributeMap?) -> AttributeMap {
        guard let image, let hashKeyName else { return AttributeMap() }
        return keys(in: image, hashKeyName: hashKeyName)
    }

    /// Appends a change and splits its shard when the shard's rate passed `splitThreshold`.
    /// - Returns: whether the record became its shard's oldest retained one (a new trim deadline)
    ///   and whether the shard split; nil when no shard is open.
    mutating func ingest(
        _ eventName: StreamEventName, keys: AttributeMap?, old: borrowing AttributeMap?, new: borrowing AttributeMap?,
        newMeasure: ItemMeasure?, time: VirtualInstant, isServiceDelete: Bool, splitThreshold: Int?, sink: inout EventSink
    ) -> (startedRetention: Bool, didSplit: Bool)? {
        let appended = append(
            eventName, keys: keys, old: old, new: new, newMeasure: newMeasure, time: time, isServiceDelete: isServiceDelete, sink: &sink
        )
        guard let (index, windowCount) = appended else { return nil }
        let startedRetention = shards[index].retainedCount == 1
        if let splitThreshold, windowCount > splitThreshold {
            split(shardAt: index, now: time, sink: &sink)
            return (startedRetention, true)
        }
        return (startedRetention, false)
    }

    /// Fixed JSON text of a GetRecords record around its maps (names, eventID, numbers, enums).
    private static let envelopeWireBytes = 300


    // MARK: - Measuring

    /// Fills in `sizeBytes` and `wireBytes` of the shard's records appended since the last call.
    mutating func measurePending(shardAt index: Int) {
        measurePending(shardAt: index, upTo: shards[index].endIndex)
    }

    /// Fills in the sizes of the records a read of up to `limit` records from `position` returns
    /// (and of any unmeasured ones before them): a reader measures a page while its images are
    /// fresh in the cache, instead of every pending record of the engine at once.
    mutating func measurePending(shardAt index: Int, position: UInt64, limit: Int) {
        let first = shards[index].firstIndex(atOrAfter: position)
        measurePending(shardAt: index, upTo: first + limit)
    }

    /// Fills in the sizes of the shard's records before index `end` appended since the last call.
    mutating func measurePending(shardAt index: Int, upTo end: Int) {
        guard shards[index].hasPending else { return }
        let envelope = envelopeWireBytes
        shards[index].measurePending(upTo: end) { record in
            // A record measured at append (after pending ones) keeps its sizes.
            guard record.wireBytes & StoredStreamRecord.pendingFlag != 0 else { return }
            let measure = Self.measure(record, envelope: envelope)
            record.sizeBytes = UInt32(clamping: measure.size)
            record.wireBytes = UInt32(clamping: measure.wire)
        }
    }

    /// SizeBytes and approximate JSON length of a record, measured now if the shard has not yet.
    func measured(_ record: borrowing StoredStreamRecord) -> (size: Int, wire: Int) {
        if record.wireBytes & StoredStreamRecord.pendingFlag == 0 { return (Int(record.sizeBytes), Int(record.wireBytes)) }
        return Self.measure(record, envelope: envelopeWireBytes)
    }

    /// SizeBytes of the shard's retained records, measured ones and pending ones alike.
    func retainedBytes(ofShardAt index: Int) -> Int {
        let shard = shards[index]
        guard shard.hasPending else { return shard.retainedBytes }
        return shard.withRecords { stored in
            var bytes = shard.retainedBytes
            for i in max(shard.head, shard.measuredEnd)..<stored.count { bytes += measured(stored[i]).size }
            return bytes
        }
    }

    /// Fills in every unmeasured record of every shard (before the monitor reads retained bytes).
    mutating func measureAllPending() {
        for index in shards.indices { measurePending(shardAt: index) }
    }

    /// A pending record's SizeBytes (DynamoDB item size of Keys plus the images) and the
    /// approximate length of its GetRecords JSON: the Keys part measured at append, plus one pass
    /// over each image.
    static func measure(_ record: borrowing StoredStreamRecord, envelope: Int) -> (size: Int, wire: Int) {
        var size = Int(record.sizeBytes)
        var wire = envelope + Int(record.wireBytes & ~StoredStreamRecord.pendingFlag)
        if let image = record.newImage {
            let measure = image.measure
            size += measure.size
            wire += 12 + measure.wireLength
        }
        if let image = record.oldImage {
            let measure = image.measure
            size += measure.size
            wire += 12 + measure.wireLength
        }
        if record.isServiceDelete { wire += 80 }
        return (min(size, Int(UInt32.max)), min(wire, Int(StoredStreamRecord.pendingFlag - 1)))
    }

    private func route(_ partitionKey: AttributeValue?) -> Int? {
        if routes.count == 1 { return routes[0].index }
        guard !routes.isEmpty else { return nil }
        let hash = partitionKey.map(Self.partitionHash) ?? 0
        var low = 0
        var high = routes.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if routes[mid].range.lowerBound <= hash { low = mid } else { high = mid - 1 }
        }
        return routes[low].index
    }

    /// A stable 64-bit hash of a partition-key value (FNV-1a over type tag and bytes, then mixed).
    static func partitionHash(_ value: AttributeValue) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ byte: UInt8) {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        switch value {
        case .s(let s): feed(1); for b in s.utf8 { feed(b) }
        case .n(let n): feed(2); for b in n.canonical.utf8 { feed(b) }
        case .b(let bytes): feed(3); for b in bytes { feed(b) }
        default: feed(4); for b in value.typeName.utf8 { feed(b) }
        }
        return mix(h)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    // MARK: - Reading

    /// Rebuilds the full GetRecords record of a stored one.
    @inline(__always)
    func makeRecord(_ stored: borrowing StoredStreamRecord) -> StreamRecord {
        StreamRecord(
            eventID: eventID(for: stored.sequence), eventName: stored.eventName, awsRegion: table.region,
            approximateCreationDateTime: stored.time, keys: keys(of: stored), newImage: stored.newImage,
            oldImage: stored.oldImage, sequenceNumber: SequenceNumber(stored.sequence), sizeBytes: measured(stored).size,
            streamViewType: viewType, isServiceDelete: stored.isServiceDelete
        )
    }

    /// ``makeRecord(_:)`` of `records[index]`, reading the stored fields in place: the stored
    /// record is not copied (nor its maps retained and released around the copy).
    @inline(__always)
    func makeRecord(in records: UnsafeBufferPointer<StoredStreamRecord>, at index: Int) -> StreamRecord {
        let wireBytes = records[index].wireBytes
        let sizeBytes = wireBytes & StoredStreamRecord.pendingFlag == 0 ? Int(records[index].sizeBytes) : measured(records[index]).size
        let sequence = records[index].sequence
        let newImage = records[index].newImage
        let oldImage = records[index].oldImage
        let keys: AttributeMap
        if let stored = records[index].keys {
            keys = stored
        } else if let image = newImage ?? oldImage {
            keys = self.keys(in: image, hashIndex: records[index].hashIndex, rangeIndex: records[index].rangeIndex)
        } else {
            keys = AttributeMap()
        }
        return StreamRecord(
            eventID: eventID(for: sequence), eventName: records[index].eventName, awsRegion: table.region,
            approximateCreationDateTime: records[index].time, keys: keys, newImage: newImage,
            oldImage: oldImage, sequenceNumber: SequenceNumber(sequence), sizeBytes: sizeBytes,
            streamViewType: viewType, isServiceDelete: records[index].isServiceDelete
        )
    }

    /// The page-cap length of `records[index]`, without copying a measured record.
    @inline(__always)
    func wireBytes(in records: UnsafeBufferPointer<StoredStreamRecord>, at index: Int) -> Int {
        let wireBytes = records[index].wireBytes
        return wireBytes & StoredStreamRecord.pendingFlag == 0 ? Int(wireBytes) : measured(records[index]).wire
    }

    private func keys(of stored: borrowing StoredStreamRecord) -> AttributeMap {
        if let keys = stored.keys { return keys }
        guard let image = stored.newImage ?? stored.oldImage else { return AttributeMap() }
        return keys(in: image, hashIndex: stored.hashIndex, rangeIndex: stored.rangeIndex)
    }

    /// The Keys map of a retained image from the key positions stored with its record: only the
    /// values storage is new (the names array is the stream's own), filled slot to slot.
    @inline(__always)
    private func keys(in image: AttributeMap, hashIndex: UInt16, rangeIndex: UInt16) -> AttributeMap {
        guard hashIndex != StoredStreamRecord.noIndex else { return keyMap(of: image) }
        let hash = Int(hashIndex)
        guard rangeIndex != StoredStreamRecord.noIndex else { return AttributeMap(sortedNames: sortedKeyNames, valuesOf: image, at: hash) }
        let range = Int(rangeIndex)
        return hashKeyFirst
            ? AttributeMap(sortedNames: sortedKeyNames, valuesOf: image, at: hash, range)
            : AttributeMap(sortedNames: sortedKeyNames, valuesOf: image, at: range, hash)
    }

    private func keys(in image: AttributeMap, hashKeyName: String) -> AttributeMap {
        guard let found = findKeys(in: image) else { return AttributeMap() }
        return image.withUnsafeBuffers { _, values in
            let hash = values[found.hash]
            guard rangeKeyName != nil else { return AttributeMap(sortedNames: sortedKeyNames, values: [hash]) }
            guard let range = found.range.map({ values[$0] }) else { return AttributeMap(sortedNames: [hashKeyName], values: [hash]) }
            return AttributeMap(sortedNames: sortedKeyNames, values: hashKeyFirst ? [hash, range] : [range, hash])
        }
    }

    /// Positions of the key attributes among an image's names (nil without the hash key).
    private func findKeys(in image: AttributeMap) -> (hash: Int, range: Int?)? {
        // Names compare as bytes, as attribute names do; a name's UTF-8 length (read in place)
        // rules out most names first, and the scan stops once every key attribute is found.
        guard let hashKeyName else { return nil }
        var hash: Int?
        var range: Int?
        let hashCount = hashKeyName.utf8.count
        let rangeCount = rangeKeyName?.utf8.count ?? -1
        let wanted = rangeKeyName == nil ? 1 : 2
        image.withUnsafeBuffers { names, _ in
            var found = 0
            for i in names.indices {
                let count = names[i].utf8.count
                if count == hashCount, names[i].utf8Equals(hashKeyName) {
                    hash = i
                    found += 1
                } else if count == rangeCount, let rangeKeyName, names[i].utf8Equals(rangeKeyName) {
                    range = i
                    found += 1
                }
                if found == wanted { break }
            }
        }
        guard let hash else { return nil }
        return (hash, range)
    }

    /// The eventID of a record: a keyed mix of the stream's random salt and the sequence number,
    /// kept as bits (the 32 hex characters are formatted when read).
    func eventID(for sequence: UInt64) -> StreamEventID {
        let high = Self.mix(eventIDSalt.0 ^ sequence)
        let low = Self.mix(eventIDSalt.1 ^ high ^ sequence)
        return StreamEventID(high: high, low: low)
    }

    func checkInvariants() {
        var previousId = ""
        for shard in shards {
            shard.checkInvariants()
            precondition(shard.shardId > previousId, "shards sorted by id")
            precondition(shard.startingSequence <= lastSequence)
            previousId = shard.shardId
        }
        let open = shards.filter(\.isOpen)
        precondition(open.count == routes.count)
        if status == .disabled || status == .disabling { precondition(open.isEmpty) }
    }
}
