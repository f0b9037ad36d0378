/// Makes `x-amzn-RequestId` values shaped like DynamoDB's: 52 characters from `A-Z0-9`.
///
/// botocore copies the header into `ResponseMetadata.RequestId`; only uniqueness matters. Each
/// connection owns a generator (no locking): a SplitMix64 stream seeded from the system's
/// random source, which yields 52 × log2(36) ≈ 268 bits of id per request, so collisions
/// between connections are as unlikely as colliding 64-bit random seeds.
struct RequestIDGenerator {
    static let length = 52
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    private var state: UInt64

    init() {
        var random = SystemRandomNumberGenerator()
        self.state = random.next()
    }

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> String {
        String(unsafeUninitializedCapacity: Self.length) { buffer in
            var index = 0
            while index < Self.length {
                // 36^12 < 2^64: twelve base-36 digits per draw.
                var value = nextRandom()
                var digits = 0
                while digits < 12, index < Self.length {
                    buffer[index] = Self.alphabet[Int(value % 36)]
                    value /= 36
                    digits += 1
                    index += 1
                }
            }
            return Self.length
        }
    }

    private mutating func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
