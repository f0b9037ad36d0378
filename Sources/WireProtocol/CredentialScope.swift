/// The SigV4 credential scope of a request (dynamodb-core §1.6), read without verifying anything.
///
/// `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240131/eu-west-1/dynamodb/aws4_request, …`
/// yields region `eu-west-1`. Signatures are never checked: any credentials are accepted.
enum CredentialScope {
    private static let marker: [UInt8] = Array("Credential=".utf8)

    /// The region of the `Credential=` parameter of an `Authorization` header; nil when the
    /// parameter is absent, not exactly five `/`-separated parts, or has an empty region.
    ///
    /// Runs on every request, so it scans the header's bytes in place.
    static func region(inAuthorization header: String) -> String? {
        var header = header
        return header.withUTF8 { bytes -> String? in
            let count = bytes.count
            let m = marker
            guard count > m.count else { return nil }
            var start = -1
            var i = 0
            search: while i + m.count <= count {
                if bytes[i] == m[0] {
                    var j = 1
                    while j < m.count && bytes[i + j] == m[j] { j += 1 }
                    if j == m.count {
                        start = i + m.count
                        break search
                    }
                }
                i += 1
            }
            guard start >= 0 else { return nil }
            var end = start
            while end < count && bytes[end] != UInt8(ascii: ",") && bytes[end] != UInt8(ascii: " ") { end += 1 }
            // access-key-id / date / region / service / aws4_request
            var slashes: [Int] = []
            slashes.reserveCapacity(4)
            for k in start..<end where bytes[k] == UInt8(ascii: "/") {
                if slashes.count == 4 { return nil }
                slashes.append(k)
            }
            guard slashes.count == 4, slashes[2] > slashes[1] + 1 else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[(slashes[1] + 1)..<slashes[2]]), as: UTF8.self)
        }
    }
}
