import DynamoModel

/// A sort key that may be absent (hash-only schemas); absent sorts first.
struct OptionalKey: Comparable, Hashable, Sendable {
    var value: KeyValue?

    static func < (lhs: OptionalKey, rhs: OptionalKey) -> Bool {
        guard let b = rhs.value else { return false }
        guard let a = lhs.value else { return true }
        return a < b
    }
}

/// Order of entries inside a secondary-index partition: index sort key, then the table's
/// primary key, so that entries sharing an index key stay distinct and ordered.
struct IndexSortKey: Comparable, Hashable, Sendable {
    var indexSort: OptionalKey
    var tableHash: KeyValue
    var tableSort: OptionalKey

    static func < (lhs: IndexSortKey, rhs: IndexSortKey) -> Bool {
        if lhs.indexSort != rhs.indexSort { return lhs.indexSort < rhs.indexSort }
        if lhs.tableHash != rhs.tableHash { return lhs.tableHash < rhs.tableHash }
        return lhs.tableSort < rhs.tableSort
    }
}

/// Items grouped by partition key, each partition sorted by `SortKey`; also keeps the Scan
/// order of partitions (stable hash, then key), rebuilt only when partitions come or go.
struct SortedStore<SortKey: Comparable & Sendable>: Sendable {
    struct Entry: Sendable {
        var sortKey: SortKey
        var item: AttributeMap
    }

    private(set) var partitions: [KeyValue: [Entry]] = [:]
    private var scanOrderCache: [PartitionPosition]? = []
    private(set) var count = 0

    /// Index of the first entry whose sort key is ≥ `key` (or > when `strictly`).
    static func lowerBound(_ entries: [Entry], _ key: SortKey, strictly: Bool = false) -> Int {
        // Through the buffer, so reading `sortKey` does not copy (retain) the entry's item.
        entries.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let mid = (low + high) / 2
                let goRight = strictly ? buffer[mid].sortKey <= key : buffer[mid].sortKey < key
                if goRight { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    func get(_ pk: KeyValue, _ sk: SortKey) -> AttributeMap? {
        guard let entries = partitions[pk] else { return nil }
        let i = entries.count == 1 ? 0 : Self.lowerBound(entries, sk)
        return entries.withUnsafeBufferPointer { buffer in
            i < buffer.count && buffer[i].sortKey == sk ? buffer[i].item : nil
        }
    }

    /// Inserts or replaces; returns the replaced item.
    @discardableResult
    mutating func upsert(_ pk: KeyValue, _ sk: SortKey, _ item: AttributeMap) -> AttributeMap? {
        // One hash lookup: the partition is then changed in place through the values view.
        guard let index = partitions.index(forKey: pk) else {
            partitions[pk] = [Entry(sortKey: sk, item: item)]
            scanOrderCache = nil
            count += 1
            return nil
        }
        let (old, added) = Self.upsert(into: &partitions.values[index], sk, item)
        if added { count += 1 }
        return old
    }

    private static func upsert(into entries: inout [Entry], _ sk: SortKey, _ item: AttributeMap) -> (old: AttributeMap?, added: Bool) {
        let i = lowerBound(entries, sk)
        if i < entries.count && entries[i].sortKey == sk {
            let old = entries[i].item
            entries[i].item = item
            return (old, false)
        }
        entries.insert(Entry(sortKey: sk, item: item), at: i)
        return (nil, true)
    }

    /// Removes; returns the removed item.
    @discardableResult
    mutating func remove(_ pk: KeyValue, _ sk: SortKey) -> AttributeMap? {
        guard partitions[pk] != nil else { return nil }
        var old: AttributeMap?
        var emptied = false
        modifyPartition(pk) { entries in
            let i = Self.lowerBound(entries, sk)
            if i < entries.count && entries[i].sortKey == sk {
                old = entries.remove(at: i).item
                emptied = entries.isEmpty
            }
        }
        if old != nil { count -= 1 }
        if emptied {
            partitions[pk] = nil
            scanOrderCache = nil
        }
        return old
    }

    private mutating func modifyPartition(_ pk: KeyValue, _ body: (inout [Entry]) -> Void) {
        // Mutate in place through the values view (no copy of the array).
        if let index = partitions.index(forKey: pk) {
            body(&partitions.values[index])
        }
    }

    func partition(_ pk: KeyValue) -> [Entry] { partitions[pk] ?? [] }

    /// Partitions in Scan order.
    mutating func scanOrder() -> [PartitionPosition] {
        if let cached = scanOrderCache { return cached }
        let order = partitions.keys.map(PartitionPosition.init).sorted()
        scanOrderCache = order
        return order
    }

    /// Removes everything.
    mutating func removeAll() {
        partitions = [:]
        scanOrderCache = []
        count = 0
    }
}
