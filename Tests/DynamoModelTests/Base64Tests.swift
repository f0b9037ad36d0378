import DynamoModel
import Testing

struct Base64Tests {
    @Test(arguments: [
        ([], ""),
        ([0x66], "Zg=="),
        ([0x66, 0x6F], "Zm8="),
        ([0x66, 0x6F, 0x6F], "Zm9v"),
        ([0x66, 0x6F, 0x6F, 0x62], "Zm9vYg=="),
        ([0x66, 0x6F, 0x6F, 0x62, 0x61], "Zm9vYmE="),
        ([0x66, 0x6F, 0x6F, 0x62, 0x61, 0x72], "Zm9vYmFy"),
        ([0x00, 0x01, 0x02], "AAEC"),
        ([0xFB, 0xFF, 0xBF], "+/+/"),
        ([0xFF, 0xFF, 0xFF, 0x00], "////AA=="),
    ] as [([UInt8], String)])
    func rfc4648VectorsEncodeAndDecode(bytes: [UInt8], text: String) throws {
        #expect(Base64.encode(bytes) == text)
        #expect(try Base64.decode(text) == bytes)
        var out: [UInt8] = Array("prefix:".utf8)
        Base64.encode(bytes, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "prefix:" + text)
    }

    @Test func everyByteValueRoundTrips() throws {
        let bytes = (0...255).map { UInt8($0) }
        for length in 0...bytes.count {
            let slice = Array(bytes.prefix(length))
            #expect(try Base64.decode(Base64.encode(slice)) == slice)
        }
    }

    @Test(arguments: [("A", 1), ("AB", 2), ("ABC", 3), ("Zm9vY", 5), ("Zg=", 3), ("Zm9vYg===", 9)])
    func lengthsNotAMultipleOfFourAreASerializationError(text: String, length: Int) throws {
        #expect(throws: DynamoError.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: \(length)")) {
            try Base64.decode(text)
        }
    }

    @Test(arguments: ["+/+=", "=+/=", "Zh==", "Zm9=", "AB==", "AAB=", "Zm9v!A==", "====", "A===", "Zg=a", "Zm=v", "Zg==Zg==", "Zm9v\nYg=", "Zm9-", "Zm9_", "Zm 9"])
    func invalidCharactersOrMisplacedPaddingAreASerializationError(text: String) throws {
        #expect(throws: DynamoError.serialization("Invalid last non-pad Base64 character dectected")) {
            try Base64.decode(text)
        }
    }
}
