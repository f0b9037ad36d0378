/// CRC-32 as used by zlib, gzip and Ethernet (IEEE 802.3, reflected polynomial `0xEDB88320`).
///
/// DynamoDB sends `x-amz-crc32: <unsigned decimal>` with every response and botocore verifies it
/// against the body bytes it received (legacy retry mode retries a mismatch as `ChecksumError`),
/// so the server computes this on every response. The implementation is table-driven
/// ("slicing-by-8": eight bytes per step) over contiguous storage, and byte-at-a-time otherwise.
///
/// ```swift
/// CRC32.checksum(Array("{}".utf8))  // 2745614147
/// ```
public enum CRC32 {
    /// Computes the CRC-32 of `bytes`.
    ///
    /// - Parameter bytes: The exact bytes to checksum (for `x-amz-crc32`: the response body as sent).
    /// - Returns: The checksum, as zlib's `crc32(0, bytes, count)` returns it.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        let fast = bytes.withContiguousStorageIfAvailable { buffer in
            checksum(UnsafeRawBufferPointer(buffer))
        }
        if let fast { return fast }
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }

    /// Computes the CRC-32 of the bytes in `buffer`.
    ///
    /// - Parameter buffer: The bytes to checksum; may be empty.
    /// - Returns: The checksum, as zlib's `crc32(0, bytes, count)` returns it.
    public static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        let count = buffer.count
        var index = 0
        table.withUnsafeBufferPointer { t in
            // Slicing-by-8: fold eight input bytes per step using eight derived tables.
            while count - index >= 8 {
                let low = crc ^ buffer.loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian
                let high = buffer.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self).littleEndian
                crc =
                    t[7 * 256 + Int(low & 0xFF)]
                    ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)]
                    ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)]
                    ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)]
                    ^ t[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = t[Int((crc ^ UInt32(buffer[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
        }
        return ~crc
    }

    /// Eight 256-entry tables, back to back: `table[0..<256]` is the classic byte table, and
    /// `table[k * 256 + b]` is the CRC of byte `b` followed by `k` zero bytes.
    private static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = table[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return table
    }()
}
