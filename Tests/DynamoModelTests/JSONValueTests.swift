import DynamoModel
import Testing

/// The parse error for `bytes`, or nil when they parse.
func jsonError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONValue.parse(bytes)
        return nil
    } catch {
        return error
    }
}

func jsonError(_ text: String) -> JSONParseError? { jsonError(Array(text.utf8)) }

struct JSONValueTests {
    @Test(arguments: [
        "null", "true", "false", "0", "-0", "12", "-1.5e3", "1E+2", "0.25", "\"\"", "\"text\"", "[]", "{}",
        "[1,\"a\",null,true,false,[],{}]", "{\"a\":{\"b\":[1,2,{\"c\":null}]},\"d\":\"e\"}",
        "\"quote \\\" backslash \\\\ newline \\n tab \\t\"", "{\"k\":\"v\",\"k\":\"w\"}",
    ])
    func compactDocumentsRoundTripByteForByte(text: String) throws {
        let value = try JSONValue.parse(text)
        #expect(value.text == text)
        #expect(try JSONValue.parse(value.serialized) == value)
    }

    @Test func whitespaceAroundTokensIsAcceptedAndDropped() throws {
        let value = try JSONValue.parse(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : null }\n ")
        #expect(value.text == "{\"a\":[1,2],\"b\":null}")
    }

    @Test func numbersKeepTheirLiteralSpelling() throws {
        #expect(try JSONValue.parse("1.50") == .number("1.50"))
        #expect(try JSONValue.parse("-0.0e-0") == .number("-0.0e-0"))
        #expect(try JSONValue.parse("123456789012345678901234567890") == .number("123456789012345678901234567890"))
        #expect(try JSONValue.parse("42").intValue == 42)
        #expect(try JSONValue.parse("1e2").intValue == 100)
        #expect(try JSONValue.parse("1.5").intValue == nil)
        #expect(try JSONValue.parse("1.5").doubleValue == 1.5)
    }

    @Test(arguments: [
        ("\"\\u0041\"", "A"),
        ("\"\\u00e9\"", "é"),
        ("\"\\u20AC\"", "€"),
        ("\"\\ud83d\\ude00\"", "😀"),
        ("\"\\uD834\\uDD1E\"", "𝄞"),
        ("\"\\/\"", "/"),
        ("\"\\b\\f\\n\\r\\t\"", "\u{8}\u{C}\n\r\t"),
        ("\"a\\u0000b\"", "a\u{0}b"),
        ("\"é😀\"", "é😀"),
        ("\"x\\\"y\"", "x\"y"),
    ])
    func escapesAndSurrogatePairsDecode(text: String, decoded: String) throws {
        #expect(try JSONValue.parse(text) == .string(decoded))
    }

    @Test(arguments: [
        "\"\\ud83d\"", "\"\\ud83dx\"", "\"\\ud83d\\u0041\"", "\"\\ude00\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\x\"",
        "\"\\", "\"abc", "\"a\nb\"", "\"a\tb\"", "\"\u{1F}\"",
    ])
    func badStringsAreRejected(text: String) throws {
        #expect(jsonError(text) != nil)
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22],
        [0x22, 0xC3, 0x22],
        [0x22, 0xC0, 0xAF, 0x22],
        [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0x5C, 0x6E, 0xFE, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
    ] as [[UInt8]])
    func invalidUTF8IsRejected(bytes: [UInt8]) throws {
        let error = try #require(jsonError(bytes))
        #expect(error.reason.contains("UTF-8"))
    }

    @Test(arguments: [
        "", " ", "{", "[", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\" 1}", "{1:2}",
        "01", "-", "1.", ".5", "+1", "1e", "1e+", "0x1", "tru", "nul", "True", "NaN", "Infinity", "'a'",
        "[1]]", "{}{}", "1 2", "null x", "\"a\"\"b\"", "[1]garbage", "{\"a\":1}}",
    ])
    func malformedOrTrailingContentIsRejected(text: String) throws {
        #expect(jsonError(text) != nil)
    }

    @Test func trailingGarbageErrorPointsAtTheGarbage() throws {
        let error = try #require(jsonError("[1] x"))
        #expect(error.offset == 4)
        #expect(error.description.contains("at byte 4"))
    }

    @Test(arguments: [100_000, 513])
    func deepNestingIsRejectedWithoutCrashing(depth: Int) throws {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(jsonError(arrays)?.reason == "Document nested too deeply")
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(jsonError(objects)?.reason == "Document nested too deeply")
        #expect(jsonError(String(repeating: "[", count: depth)) != nil)
    }

    @Test func nestingUpToTheMaximumDepthIsAccepted() throws {
        let depth = JSONValue.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try JSONValue.parse(text).text == text)
    }

    @Test(arguments: [
        ("\"", "\"\\\"\""),
        ("\\", "\"\\\\\""),
        ("\n", "\"\\n\""),
        ("\r", "\"\\r\""),
        ("\t", "\"\\t\""),
        ("\u{0}", "\"\\u0000\""),
        ("\u{8}", "\"\\u0008\""),
        ("\u{1F}", "\"\\u001f\""),
        ("/", "\"/\""),
        ("é😀", "\"é😀\""),
        ("\u{7F}", "\"\u{7F}\""),
    ])
    func writerEscapesWhatJSONRequires(raw: String, written: String) throws {
        var out: [UInt8] = []
        JSONValue.writeString(raw, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == written)
        #expect(try JSONValue.parse(out) == .string(raw))
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let raw = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let value = JSONValue.string(raw)
        #expect(try JSONValue.parse(value.serialized) == value)
        #expect(!value.serialized.contains { $0 < 0x20 })
    }

    @Test func objectLookupReturnsTheLastDuplicateAndNilForOtherKinds() throws {
        let value = try JSONValue.parse("{\"a\":1,\"b\":2,\"a\":3}")
        #expect(value["a"] == .number("3"))
        #expect(value["b"] == .number("2"))
        #expect(value["c"] == nil)
        #expect(JSONValue.array([]).isNull == false)
        #expect(JSONValue.string("x")["a"] == nil)
        #expect(value.objectMembers?.map(\.key) == ["a", "b", "a"])
    }

    @Test(arguments: [
        (JSONValue.null, "NULL_VALUE"), (.bool(true), "TRUE_VALUE"), (.bool(false), "FALSE_VALUE"),
        (.number("1"), "NUMBER_VALUE"), (.number("-23"), "NUMBER_VALUE"), (.number("34.56"), "DECIMAL_VALUE"),
        (.number("1e3"), "DECIMAL_VALUE"), (.number("1E-3"), "DECIMAL_VALUE"), (.string("s"), "STRING_VALUE"), (.array([]), "START_ARRAY"), (.object([]), "START_OBJECT"),
    ])
    func tokenNamesMatchAWSDeserializerWording(value: JSONValue, name: String) {
        #expect(value.tokenName == name)
    }

    @Test func prettyTextIsIndentedAndParsesBack() throws {
        let value = try JSONValue.parse("{\"a\":[1,{\"b\":\"c\"}],\"e\":{},\"f\":[]}")
        let pretty = value.prettyText()
        #expect(pretty == "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}")
        #expect(try JSONValue.parse(pretty) == value)
    }

    @Test func makeObjectKeepsMemberOrder() {
        let value = JSONValue.makeObject([("z", .null), ("a", .bool(true))])
        #expect(value.text == "{\"z\":null,\"a\":true}")
    }
}
