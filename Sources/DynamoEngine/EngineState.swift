import DynamoModel

/// Identifies a table: tables are per region (and per account, which is fixed).
struct TableID: Hashable, Sendable {
    var region: String
    var name: String
}

/// Everything the engine holds, as one value behind the engine's lock.
struct EngineState: Sendable {
    let configuration: EngineConfiguration
    var tables: [TableID: Table] = [:]
    var streams: StreamRegistry
    var nextTTLSweep: VirtualInstant
    /// TransactWriteItems idempotency: token → (request fingerprint, expiry).
    var transactionTokens: [String: (fingerprint: String, expires: VirtualInstant)] = [:]
    /// Random-looking, per-engine table ids.
    var idGenerator = SplitMix64(seed: 0x5EED_5EED)

    init(configuration: EngineConfiguration, now: VirtualInstant) {
        self.configuration = configuration
        streams = StreamRegistry(configuration: configuration)
        nextTTLSweep = now + configuration.ttlSweepInterval
        idGenerator = SplitMix64(seed: UInt64(bitPattern: now.nanosecondsSinceEpoch) ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// Runs maintenance only when something is due, so the check is cheap on every call.
    mutating func maintainIfDue(now: VirtualInstant, sink: inout EventSink) {
        if now >= nextTTLSweep || (streams.nextMaintenanceDue.map { now >= $0 } ?? false) {
            maintain(now: now, sink: &sink)
        }
    }

    mutating func maintain(now: VirtualInstant, sink: inout EventSink) {
        if now >= nextTTLSweep {
            sweepExpiredItems(now: now, sink: &sink)
            nextTTLSweep = now + configuration.ttlSweepInterval
        }
        streams.maintain(now: now, sink: &sink)
        if !transactionTokens.isEmpty {
            transactionTokens = transactionTokens.filter { $0.value.expires > now }
        }
    }

    /// Deletes items whose TTL attribute (a top-level N of epoch seconds) is in the past, but
    /// not five or more years in the past, as the service does; each deletion is a REMOVE
    /// marked as a service delete.
    mutating func sweepExpiredItems(now: VirtualInstant, sink: inout EventSink) {
        let nowSeconds = now.epochSeconds
        let fiveYears = 5.0 * 365 * 86_400
        for id in tables.keys {
            guard let attribute = tables[id]?.ttlAttribute, let table = tables[id] else { continue }
            var expired: [(KeyValue, OptionalKey)] = []
            for (pk, entries) in table.store.partitions {
                for entry in entries {
                    guard case .n(let n)? = entry.item[attribute] else { continue }
                    let t = n.doubleValue
                    if t < nowSeconds && t > nowSeconds - fiveYears {
                        expired.append((pk, entry.sortKey))
                    }
                }
            }
            for key in expired {
                guard let old = tables[id]?.removeItem(at: key) else { continue }
                tables[id]?.writeCount += 1
                commitChange(table: id, event: .remove, old: old, new: nil, now: now, serviceDelete: true, sink: &sink)
            }
        }
    }

    /// Hands one committed change to the table's stream (if enabled) and to observers.
    mutating func commitChange(
        table id: TableID, event: StreamEventName, old: AttributeMap?, new: AttributeMap?, newMeasure: ItemMeasure? = nil,
        now: VirtualInstant, serviceDelete: Bool = false, sink: inout EventSink
    ) {
        guard let index = tables.index(forKey: id) else { return }
        // Read through an in-place access: the values view's getter would copy the whole table.
        let streamArn = Self.streamArn(of: &tables.values[index])
        if let streamArn {
            // The stream reads Keys off the images itself: no Keys map is built for it here.
            streams.append(
                event, keys: nil, old: old, new: new, newMeasure: newMeasure, time: now, isServiceDelete: serviceDelete,
                toStream: streamArn, sink: &sink
            )
        }
        // Keys are built only when an observer needs them (the common write has none).
        guard sink.isActive else { return }
        let schema = tables.values[index].keySchema
        let image = new ?? old ?? AttributeMap()
        let keys: AttributeMap
        if let hashValue = image[schema.hash.name] {
            keys = schema.keyMap(hash: hashValue, range: schema.range.flatMap { image[$0.name] })
        } else {
            keys = AttributeMap()
        }
        sink.emit(.itemChanged(table: id.name, region: id.region, eventName: event, keys: keys))
    }

    private static func streamArn(of table: inout Table) -> String? {
        table.hasStream ? table.latestStreamArn : nil
    }

    /// Runs `body` on a table (by name or ARN) in place, without copying the `Table` value.
    /// - Throws: `ResourceNotFoundException` when there is no such table, as `dataTable` does.
    mutating func withDataTable<R>(
        _ nameOrArn: String, region: String, _ body: (inout Table) throws(DynamoError) -> R
    ) throws(DynamoError) -> R {
        guard let index = tables.index(forKey: tableID(nameOrArn, region: region)) else {
            throw .notFound("Requested resource not found")
        }
        return try body(&tables.values[index])
    }

    /// Finds a table by name or ARN in a region.
    func tableID(_ nameOrArn: String, region: String) -> TableID {
        // Four byte checks (cheap on every request) before the ARN is split.
        var prefix = nameOrArn.utf8.makeIterator()
        if prefix.next() == UInt8(ascii: "a"), prefix.next() == UInt8(ascii: "r"), prefix.next() == UInt8(ascii: "n"), prefix.next() == UInt8(ascii: ":") {
            // arn:aws:dynamodb:<region>:<account>:table/<name>
            let parts = nameOrArn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            if parts.count == 6, parts[5].hasPrefix("table/") {
                return TableID(region: String(parts[3]), name: String(parts[5].dropFirst("table/".count)))
            }
        }
        return TableID(region: region, name: nameOrArn)
    }
}

/// A small deterministic pseudo-random generator (SplitMix64) for ids.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random UUID v4 string.
    mutating func uuid() -> String {
        let a = next()
        let b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i)) }
        for i in 0..<8 { bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-" + hex[8..<10].joined() + "-" + hex[10..<16].joined()
    }
}
