/// Standard base64 (RFC 4648 alphabet, padded), strict on decode as DynamoDB's deserializer is.
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let decodeTable: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()

    /// Encodes bytes as padded base64 text.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        encode(bytes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the padded base64 encoding of `bytes`.
    public static func encode(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.reserveCapacity(out.count + (bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(UInt8(ascii: "="))
        }
    }

    /// Decodes padded base64.
    /// - Throws: `SerializationException` with the texts DynamoDB's deserializer uses.
    public static func decode(_ text: String) throws(DynamoError) -> [UInt8] {
        let input = Array(text.utf8)
        guard input.count % 4 == 0 else {
            throw .serialization("Base64 encoded length is expected a multiple of 4 bytes but found: \(input.count)")
        }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3)
        var i = 0
        while i < input.count {
            var values: [Int] = [0, 0, 0, 0]
            var padding = 0
            for j in 0..<4 {
                let c = input[i + j]
                if c == UInt8(ascii: "=") && i + 4 == input.count && j >= 2 {
                    padding += 1
                    values[j] = 0
                } else {
                    let v = decodeTable[Int(c)]
                    guard v >= 0, padding == 0 else {
                        throw .serialization("Invalid last non-pad Base64 character dectected")
                    }
                    values[j] = Int(v)
                }
            }
            // The bits below the last byte must be zero (DynamoDB rejects `+/+=`).
            if (padding == 1 && values[2] & 3 != 0) || (padding == 2 && values[1] & 15 != 0) {
                throw .serialization("Invalid last non-pad Base64 character dectected")
            }
            let n = values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]
            out.append(UInt8(n >> 16 & 0xFF))
            if padding < 2 { out.append(UInt8(n >> 8 & 0xFF)) }
            if padding < 1 { out.append(UInt8(n & 0xFF)) }
            i += 4
        }
        return out
    }
}
