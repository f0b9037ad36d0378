import DynamoModel

/// A decoded shard iterator: which shard, where to read next, and when it was issued.
struct ShardIteratorToken: Sendable, Hashable {
    var streamArn: String
    var shardOrdinal: UInt32
    /// Sequence number of the next record to return (the first record `>=` it).
    var position: UInt64
    var issuedAt: VirtualInstant
}

/// Encodes shard iterators in AWS's shape, `<StreamArn>|1|<base64 blob>`, authenticated with a
/// keyed SipHash-2-4 tag over the ARN and the blob, so a tampered or forged iterator is rejected
/// (GetRecords: ValidationException `Invalid ShardIterator`).
struct ShardIteratorCodec: Sendable {
    private let key0: UInt64
    private let key1: UInt64

    /// A codec with a fresh random key (per engine).
    init() {
        var generator = SystemRandomNumberGenerator()
        key0 = generator.next()
        key1 = generator.next()
    }

    init(key0: UInt64, key1: UInt64) {
        self.key0 = key0
        self.key1 = key1
    }

    private static let version: UInt8 = 1
    private static let payloadLength = 21

    func encode(_ token: ShardIteratorToken) -> String {
        var blob: [UInt8] = []
        blob.reserveCapacity(Self.payloadLength + 8)
        blob.append(Self.version)
        Self.appendLittleEndian(UInt64(token.shardOrdinal), bytes: 4, to: &blob)
        Self.appendLittleEndian(token.position, bytes: 8, to: &blob)
        Self.appendLittleEndian(UInt64(bitPattern: token.issuedAt.nanosecondsSinceEpoch), bytes: 8, to: &blob)
        let tag = mac(arn: token.streamArn, payload: blob)
        Self.appendLittleEndian(tag, bytes: 8, to: &blob)
        return token.streamArn + "|1|" + Base64.encode(blob)
    }

    /// Decodes and authenticates an iterator; nil when it is malformed or its tag does not match.
    func decode(_ text: String) -> ShardIteratorToken? {
        guard let bar = text.utf8.firstIndex(of: UInt8(ascii: "|")) else { return nil }
        let arn = String(text[text.startIndex..<bar])
        let rest = text[text.index(after: bar)...]
        guard rest.hasPrefix("1|") else { return nil }
        let encoded = String(rest.dropFirst(2))
        guard let blob = try? Base64.decode(encoded), blob.count == Self.payloadLength + 8, blob[0] == Self.version else { return nil }
        let payload = Array(blob[0..<Self.payloadLength])
        let tag = Self.readLittleEndian(blob, at: Self.payloadLength, bytes: 8)
        guard tag == mac(arn: arn, payload: payload) else { return nil }
        return ShardIteratorToken(
            streamArn: arn,
            shardOrdinal: UInt32(Self.readLittleEndian(blob, at: 1, bytes: 4)),
            position: Self.readLittleEndian(blob, at: 5, bytes: 8),
            issuedAt: VirtualInstant(nanosecondsSinceEpoch: Int64(bitPattern: Self.readLittleEndian(blob, at: 13, bytes: 8)))
        )
    }

    private func mac(arn: String, payload: [UInt8]) -> UInt64 {
        var message = Array(arn.utf8)
        message.append(0)
        message.append(contentsOf: payload)
        return SipHash24.hash(message, key0: key0, key1: key1)
    }

    private static func appendLittleEndian(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    private static func readLittleEndian(_ bytes: [UInt8], at offset: Int, bytes count: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<count { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return value
    }
}

/// SipHash-2-4 (Aumasson & Bernstein), a keyed PRF used as a short MAC.
enum SipHash24 {
    static func hash(_ message: [UInt8], key0: UInt64, key1: UInt64) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ key0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ key1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ key0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ key1

        func round() {
            v0 &+= v1; v1 = (v1 << 13) | (v1 >> 51); v1 ^= v0; v0 = (v0 << 32) | (v0 >> 32)
            v2 &+= v3; v3 = (v3 << 16) | (v3 >> 48); v3 ^= v2
            v0 &+= v3; v3 = (v3 << 21) | (v3 >> 43); v3 ^= v0
            v2 &+= v1; v1 = (v1 << 17) | (v1 >> 47); v1 ^= v2; v2 = (v2 << 32) | (v2 >> 32)
        }

        let length = message.count
        let whole = length & ~7
        var i = 0
        while i < whole {
            var m: UInt64 = 0
            for j in 0..<8 { m |= UInt64(message[i + j]) << (8 * UInt64(j)) }
            v3 ^= m
            round(); round()
            v0 ^= m
            i += 8
        }
        var last = UInt64(truncatingIfNeeded: length) << 56
        for j in 0..<(length - whole) { last |= UInt64(message[whole + j]) << (8 * UInt64(j)) }
        v3 ^= last
        round(); round()
        v0 ^= last
        v2 ^= 0xff
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}
