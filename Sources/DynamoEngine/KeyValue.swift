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

    /// The key value of `value` when it has the declared key type, given as the first byte of
    /// its type name (`S`, `N` or `B`; see `KeySchema.hashTypeCode`).
    @inline(__always)
    init?(_ value: AttributeValue, typeCode: UInt8) {
        switch value {
        case .s(let v) where typeCode == UInt8(ascii: "S"): self = .s(v)
        case .n(let v) where typeCode == UInt8(ascii: "N"): self = .n(v)
        case .b(let v) where typeCode == UInt8(ascii: "B"): self = .b(v)
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

    // Dictionaries hash keys through this entry point; a seeded multiply-mix over the bytes is a
    // fraction of the cost of SipHash, which matters because every item read and write hashes its
    // partition key (and table id). Agrees with `==`: equal keys have equal bytes and type.
    func _rawHashValue(seed: Int) -> Int {
        switch self {
        case .s(let v): FastHash.string(v, seed: seed, type: 0)
        case .n(let v): FastHash.number(v, seed: seed)
        case .b(let v): v.withUnsafeBufferPointer { FastHash.bytes(UnsafeRawBufferPointer($0), seed: seed, type: 2) }
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


/// A fast seeded hash for the engine's hot dictionary keys (partition keys, table ids).
enum FastHash {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        var x = (h ^ word) &* multiplier
        x ^= x >> 29
        return x
    }

    @inline(__always)
    private static func finish(_ h: UInt64) -> Int {
        var x = h
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        return Int(truncatingIfNeeded: x)
    }

    static func bytes(_ buffer: UnsafeRawBufferPointer, seed: Int, type: UInt64) -> Int {
        var h = mix(UInt64(truncatingIfNeeded: seed), type &+ UInt64(buffer.count) << 8)
        var offset = 0
        while offset + 8 <= buffer.count {
            h = mix(h, buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < buffer.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < buffer.count {
                tail |= UInt64(buffer[offset]) << shift
                shift += 8
                offset += 1
            }
            h = mix(h, tail)
        }
        return finish(h)
    }

    static func string(_ string: String, seed: Int, type: UInt64) -> Int {
        if let hash = string.utf8.withContiguousStorageIfAvailable({ bytes(UnsafeRawBufferPointer($0), seed: seed, type: type) }) {
            return hash
        }
        return Array(string.utf8).withUnsafeBytes { bytes($0, seed: seed, type: type) }
    }

    /// Numbers are stored canonical, so equal numbers have equal canonical text.
    static func number(_ number: DynamoNumber, seed: Int) -> Int {
        if let integer = number.intValue {
            return finish(mix(mix(UInt64(truncatingIfNeeded: seed), 1), UInt64(bitPattern: Int64(integer))))
        }
        return string(number.canonical, seed: seed, type: 1)
    }

}

extension TableID {
    /// Table ids match by the exact bytes of region and name, like every DynamoDB name.
    static func == (lhs: TableID, rhs: TableID) -> Bool {
        lhs.name.utf8Equals(rhs.name) && lhs.region.utf8Equals(rhs.region)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }

    // See `KeyValue._rawHashValue(seed:)`. The name alone spreads tables well enough; equal names
    // in different regions share a hash and are told apart by `==`.
    func _rawHashValue(seed: Int) -> Int { FastHash.string(name, seed: seed, type: 4) }
}
