import Testing
import WireProtocol

struct CRC32Tests {
    /// Vectors from spec §1.3 (computed with zlib) plus the classic check value.
    @Test(arguments: [
        ("{}", UInt32(2_745_614_147)),
        (#"{"__type":"com.amazon.coral.service#SerializationException"}"#, 3_948_637_019),
        (#"{"__type":"com.amazon.coral.service#UnknownOperationException"}"#, 1_368_724_161),
        ("<UnknownOperationException/>\n", 3_552_371_480),
        (#"{"TableNames":[]}"#, 1_315_925_753),
        ("healthy: dynamodb.us-east-1.amazonaws.com ", 3_128_867_991),
        ("123456789", 0xCBF4_3926),
        ("", 0),
    ])
    func checksumMatchesZlib(text: String, expected: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == expected)
        #expect(CRC32.checksum(text.utf8) == expected)
    }

    @Test func contiguousAndByteAtATimePathsAgreeForEveryLengthAndAlignment() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let slice = bytes[start..<end]
                // A lazy map has no contiguous storage, so it takes the byte-at-a-time path.
                #expect(CRC32.checksum(Array(slice)) == CRC32.checksum(slice.lazy.map { $0 }))
            }
        }
    }
}
