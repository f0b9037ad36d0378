import DynamoModel

/// The value of a key attribute (`S`, `N` or `B`), ordered the AWS way: numbers numerically,
/// strings by UTF-8 bytes, binary by unsigned bytes.
enum KeyValue: Hashable, Sendable, Comparable {
    case s(String)
    case n(DynamoNumber)
    case b([UInt8])

    init?(_ value: AttributeValue) {
        switch value {
        case .s(let v): self = .s(v)
        case .n(let v): self = .n(v)
        case .b(let v): self = .b(v)
        default: return nil
        }
    }

    var attributeValue: AttributeValue {
        switch self {
        case .s(let v): .s(v)
        case .n(let v): .n(v)
        case .b(let v): .b(v)
        }
    }

    /// Strings are equal only when their UTF-8 bytes are: DynamoDB keys do not follow Unicode
    /// canonical equivalence (`"é"` and `"e\u{301}"` are two keys), unlike Swift's `String ==`.
    static func == (lhs: KeyValue, rhs: KeyValue) -> Bool {
        switch (lhs, rhs) {
        case (.s(let a), .s(let b)): a.utf8Equals(b)
        case (.n(let a), .n(let b)): a == b
        case (.b(let a), .b(let b)): a == b
        default: false
        }
    }

    // Byte-equal strings hash alike under `String`'s hash, so this stays valid under byte equality.
    func hash(into hasher: inout Hasher) {
        switch self {
        case .s(let v): hasher.combine(0); hasher.combine(v)
        case .n(let v): hasher.combine(1); hasher.combine(v)
        case .b(let v): hasher.combine(2); hasher.combine(v)
        }
    }

    static func < (lhs: KeyValue, rhs: KeyValue) -> Bool {
        switch (lhs, rhs) {
        case (.s(let a), .s(let b)):
            return a.utf8Compare(b) < 0
        case (.n(let a), .n(let b)): return a < b
        case (.b(let a), .b(let b)): return a.lexicographicallyPrecedes(b)
        default: return lhs.typeOrder < rhs.typeOrder
        }
    }

    private var typeOrder: Int {
        switch self {
        case .s: 0
        case .n: 1
        case .b: 2
        }
    }

    /// A stable 64-bit hash (FNV-1a over the type and bytes), the same in every process:
    /// it orders partitions for Scan and assigns them to parallel-scan segments.
    var stableHash: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        switch self {
        case .s(let v): mix(1); for c in v.utf8 { mix(c) }
        case .n(let v): mix(2); for c in v.canonical.utf8 { mix(c) }
        case .b(let v): mix(3); for c in v { mix(c) }
        }
        // Final avalanche so that short keys spread over the whole range.
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}

/// Position of a partition in Scan order: stable hash, then the key itself.
struct PartitionPosition: Comparable {
    var hash: UInt64
    var key: KeyValue

    init(_ key: KeyValue) {
        self.key = key
        hash = key.stableHash
    }

    static func < (lhs: PartitionPosition, rhs: PartitionPosition) -> Bool {
        if lhs.hash != rhs.hash { return lhs.hash < rhs.hash }
        return lhs.key < rhs.key
    }
}
