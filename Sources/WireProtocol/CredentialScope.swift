/// The SigV4 credential scope of a request (dynamodb-core §1.6), read without verifying anything.
///
/// `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240131/eu-west-1/dynamodb/aws4_request, …`
/// yields region `eu-west-1`. Signatures are never checked: any credentials are accepted.
struct CredentialScope: Equatable {
    var accessKeyId: String
    var date: String
    var region: String
    var service: String

    /// Parses the `Credential=` parameter of an `Authorization` header; nil when absent or not
    /// exactly five `/`-separated parts.
    init?(authorization: String) {
        guard let rest = Self.value(after: "Credential=", in: authorization) else { return nil }
        let end = rest.firstIndex { $0 == "," || $0 == " " } ?? rest.endIndex
        let parts = rest[..<end].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, !parts[2].isEmpty else { return nil }
        accessKeyId = String(parts[0])
        date = String(parts[1])
        region = String(parts[2])
        service = String(parts[3])
    }

    /// The text after the first occurrence of `marker`.
    private static func value(after marker: String, in text: String) -> Substring? {
        let m = Array(marker.utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= m.count else { return nil }
        for start in 0...(bytes.count - m.count) where bytes[start] == m[0] {
            if Array(bytes[start..<(start + m.count)]) == m {
                let index = text.utf8.index(text.utf8.startIndex, offsetBy: start + m.count)
                return text[index...]
            }
        }
        return nil
    }
}
