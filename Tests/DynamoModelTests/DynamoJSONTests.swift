import DynamoModel
import Testing

/// Decodes one AttributeValue from DynamoDB JSON text.
func attribute(_ text: String) throws -> AttributeValue {
    try AttributeValue(dynamoJSON: JSONValue.parse(text))
}

/// The error decoding `text` as a DynamoDB JSON AttributeValue throws, or nil when it decodes.
func attributeError(_ text: String) throws -> DynamoError? {
    let json = try JSONValue.parse(text)
    do {
        _ = try AttributeValue(dynamoJSON: json)
        return nil
    } catch {
        return error
    }
}

/// `levels` nested one-entry maps around a string leaf, in DynamoDB JSON.
func nestedMaps(_ levels: Int) -> String {
    String(repeating: "{\"M\":{\"n\":", count: levels) + "{\"S\":\"leaf\"}" + String(repeating: "}}", count: levels)
}

/// `levels` nested one-element lists around a string leaf, in DynamoDB JSON.
func nestedLists(_ levels: Int) -> String {
    String(repeating: "{\"L\":[", count: levels) + "{\"S\":\"leaf\"}" + String(repeating: "]}", count: levels)
}

let invalid = "One or more parameter values were invalid: "
let nestingText = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"

struct DynamoJSONTests {
    @Test(arguments: [
        ("{\"S\":\"text\"}", AttributeValue.s("text")),
        ("{\"S\":\"\"}", .s("")),
        ("{\"N\":\"-12500\"}", .n(DynamoNumber(-12500))),
        ("{\"B\":\"AAEC\"}", .b([0, 1, 2])),
        ("{\"B\":\"\"}", .b([])),
        ("{\"BOOL\":true}", .bool(true)),
        ("{\"BOOL\":false}", .bool(false)),
        ("{\"NULL\":true}", .null),
        ("{\"M\":{}}", .m([:])),
        ("{\"M\":{\"a\":{\"S\":\"b\"},\"n\":{\"N\":\"1\"}}}", .m(["a": .s("b"), "n": .n(DynamoNumber(1))])),
        ("{\"L\":[]}", .l([])),
        ("{\"L\":[{\"S\":\"x\"},{\"N\":\"2\"},{\"NULL\":true}]}", .l([.s("x"), .n(DynamoNumber(2)), .null])),
        ("{\"SS\":[\"a\",\"b\",\"\"]}", .ss(["a", "b", ""])),
        ("{\"NS\":[\"1\",\"-25\"]}", .ns([DynamoNumber(1), DynamoNumber(-25)])),
        ("{\"BS\":[\"AA==\",\"AQ==\",\"\"]}", .bs([[0], [1], []])),
    ])
    func everyTypeDecodesAndRoundTrips(text: String, expected: AttributeValue) throws {
        let value = try attribute(text)
        #expect(value == expected)
        #expect(value.dynamoJSON.text == text)
        #expect(try AttributeValue(dynamoJSON: value.dynamoJSON) == value)
        var written: [UInt8] = []
        value.writeDynamoJSON(into: &written)
        #expect(String(decoding: written, as: UTF8.self) == text)
    }

    @Test func numbersAreCanonicalAfterDecoding() throws {
        #expect(try attribute("{\"N\":\"0001.500\"}").dynamoJSON.text == "{\"N\":\"1.5\"}")
        #expect(try attribute("{\"NS\":[\"1e3\",\"-0\"]}").dynamoJSON.text == "{\"NS\":[\"1000\",\"0\"]}")
    }

    @Test(arguments: [
        ("{}", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        ("{\"S\":null}", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        ("{\"L\":[{}]}", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        ("{\"M\":{\"a\":{}}}", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        ("{\"S\":\"a\",\"N\":\"1\"}", "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
        ("{\"NULL\":true,\"BOOL\":false}", "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
        ("{\"N\":\"\"}", "The parameter cannot be converted to a numeric value"),
        ("{\"N\":\"abc\"}", "The parameter cannot be converted to a numeric value: abc"),
        ("{\"N\":\"1e126\"}", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
        ("{\"N\":\"1e-131\"}", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
        ("{\"N\":\"1234567890123456789012345678901234567890\"}", "Attempting to store more than 38 significant digits in a Number"),
        ("{\"NULL\":false}", invalid + "Null attribute value types must have the value of true"),
        ("{\"SS\":[]}", invalid + "An string set  may not be empty"),
        ("{\"NS\":[]}", invalid + "An number set  may not be empty"),
        ("{\"BS\":[]}", invalid + "Binary sets should not be empty"),
        ("{\"SS\":[\"a\",\"a\"]}", invalid + "Input collection [a, a] contains duplicates."),
        ("{\"SS\":[\"a\",\"b\",\"a\"]}", invalid + "Input collection [a, b, a] contains duplicates."),
        ("{\"NS\":[\"1\",\"1\"]}", "Input collection contains duplicates"),
        ("{\"NS\":[\"1\",\"1.0\"]}", "Input collection contains duplicates"),
        ("{\"BS\":[\"AA==\",\"AA==\"]}", invalid + "Input collection [AA==, AA==]of type BS contains duplicates."),
        ("{\"SS\":[\"a\",null]}", invalid + "An string set may not have a null string as a member"),
        ("{\"NS\":[\"1\",\"x\"]}", "The parameter cannot be converted to a numeric value: x"),
        ("{\"L\":[{\"NULL\":false}]}", invalid + "Null attribute value types must have the value of true"),
        ("{\"M\":{\"a\":{\"SS\":[]}}}", invalid + "An string set  may not be empty"),
    ])
    func invalidValuesGiveAWSValidationMessages(text: String, message: String) throws {
        let error = try #require(try attributeError(text))
        #expect(error == .validation(message))
    }

    // Texts recorded from DynamoDB (dynalite's type assertions for AttributeValue members).
    @Test(arguments: [
        ("{\"N\":123}", "NUMBER_VALUE cannot be converted to String"),
        ("{\"N\":34.56}", "DECIMAL_VALUE cannot be converted to String"),
        ("{\"N\":1e3}", "DECIMAL_VALUE cannot be converted to String"),
        ("{\"S\":1}", "NUMBER_VALUE cannot be converted to String"),
        ("{\"S\":true}", "TRUE_VALUE cannot be converted to String"),
        ("{\"S\":false}", "FALSE_VALUE cannot be converted to String"),
        ("{\"S\":{}}", "Start of structure or map found where not expected"),
        ("{\"S\":[]}", "Unrecognized collection type class java.lang.String"),
        ("{\"SS\":[1]}", "NUMBER_VALUE cannot be converted to String"),
        ("{\"NS\":[1]}", "NUMBER_VALUE cannot be converted to String"),
        ("{\"NS\":[[]]}", "Unrecognized collection type class java.lang.String"),
        ("{\"B\":true}", "only base-64-encoded strings are convertible to bytes"),
        ("{\"B\":23}", "only base-64-encoded strings are convertible to bytes"),
        ("{\"B\":34.56}", "only base-64-encoded strings are convertible to bytes"),
        ("{\"B\":[]}", "Unrecognized collection type class java.nio.ByteBuffer"),
        ("{\"B\":{}}", "Start of structure or map found where not expected"),
        ("{\"B\":\"23456\"}", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"),
        ("{\"B\":\"=+/=\"}", "Invalid last non-pad Base64 character dectected"),
        ("{\"B\":\"+/+=\"}", "Invalid last non-pad Base64 character dectected"),
        ("{\"BS\":[true]}", "only base-64-encoded strings are convertible to bytes"),
        ("{\"BS\":[\"+/+=\"]}", "Invalid last non-pad Base64 character dectected"),
        ("{\"BOOL\":\"23\"}", "Unexpected token received from parser"),
        ("{\"BOOL\":23}", "NUMBER_VALUE cannot be converted to Boolean"),
        ("{\"NULL\":34.56}", "DECIMAL_VALUE cannot be converted to Boolean"),
        ("{\"NULL\":[]}", "Unrecognized collection type class java.lang.Boolean"),
        ("{\"BOOL\":{}}", "Start of structure or map found where not expected"),
        ("{\"SS\":\"23\"}", "Unexpected field type"),
        ("{\"NS\":true}", "Unexpected field type"),
        ("{\"BS\":23}", "Unexpected field type"),
        ("{\"L\":34.56}", "Unexpected field type"),
        ("{\"L\":{}}", "Start of structure or map found where not expected"),
        ("{\"M\":\"23\"}", "Unexpected field type"),
        ("{\"M\":[]}", "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"),
        ("{\"L\":[\"23\"]}", "Unexpected value type in payload"),
        ("{\"L\":[true]}", "Unexpected value type in payload"),
        ("{\"L\":[[]]}", "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"),
        ("{\"M\":{\"a\":23}}", "Unexpected value type in payload"),
        ("{\"M\":{\"a\":[]}}", "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"),
        ("\"text\"", "Unexpected value type in payload"),
        ("[]", "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"),
    ])
    func wrongJSONKindsAreSerializationErrors(text: String, message: String) throws {
        let error = try #require(try attributeError(text))
        #expect(error == .serialization(message))
    }

    @Test func unknownMembersAreIgnoredButDoNotCountAsAType() throws {
        #expect(try attribute("{\"S\":\"x\",\"Extra\":1}") == .s("x"))
        #expect(try attributeError("{\"Extra\":1}") == .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"))
    }

    // dynalite's recorded AWS answers: member contents are validated before types are counted.
    @Test(arguments: [
        ("{\"S\":\"\",\"N\":\"\"}", "The parameter cannot be converted to a numeric value"),
        ("{\"S\":\"a\",\"N\":\"\"}", "The parameter cannot be converted to a numeric value"),
        ("{\"S\":\"a\",\"N\":\"b\"}", "The parameter cannot be converted to a numeric value: b"),
        ("{\"NS\":[\"1\",\"\"]}", "The parameter cannot be converted to a numeric value"),
        ("{\"NS\":[\"1\",\"b\",\"a\"]}", "The parameter cannot be converted to a numeric value: b"),
        ("{\"N\":\"-1e-131\"}", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
        ("{\"S\":\"a\",\"N\":\"1\"}", "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
        ("{\"S\":\"a\",\"SS\":[]}", invalid + "An string set  may not be empty"),
        ("{\"a\":\"\"}", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
    ])
    func memberContentsAreValidatedBeforeTypesAreCounted(text: String, message: String) throws {
        #expect(try attributeError(text) == .validation(message))
    }

    // AWS deserializes before it validates: a JSON-kind or base64 error anywhere wins.
    @Test(arguments: [
        ("{\"L\":[{\"N\":\"x\"},{\"S\":1}]}", "NUMBER_VALUE cannot be converted to String"),
        ("{\"M\":{\"a\":{\"NULL\":false},\"b\":{\"B\":\"a\"}}}", "Base64 encoded length is expected a multiple of 4 bytes but found: 1"),
        ("{\"SS\":[],\"N\":true}", "TRUE_VALUE cannot be converted to String"),
        ("{\"NS\":[\"1\",\"1\",2]}", "NUMBER_VALUE cannot be converted to String"),
    ])
    func serializationErrorsWinOverValidationErrors(text: String, message: String) throws {
        #expect(try attributeError(text) == .serialization(message))
    }

    @Test func itemDecodingReportsSerializationErrorsOfLaterAttributesFirst() throws {
        let json = try JSONValue.parse("{\"a\":{\"SS\":[]},\"b\":{\"BOOL\":\"23\"}}")
        #expect(throws: DynamoError.serialization("Unexpected token received from parser")) { try AttributeMap(dynamoJSON: json) }
    }

    @Test func jsonNullMembersCountAsAbsent() throws {
        #expect(try attribute("{\"S\":\"x\",\"N\":null,\"BOOL\":null}") == .s("x"))
        let item = try AttributeMap(dynamoJSON: JSONValue.parse("{\"a\":{\"S\":\"x\"},\"b\":null}"))
        #expect(item.names == ["a"])
    }

    // AWS counts the attribute itself as level 1: 31 wraps around a leaf (leaf at level 32)
    // are accepted, 32 wraps (leaf at level 33) rejected.
    @Test(arguments: [nestedMaps, nestedLists])
    func nestingOf32LevelsIsAcceptedAnd33Rejected(wrap: @Sendable (Int) -> String) throws {
        let deepest = try attribute(wrap(31))
        #expect(deepest.dynamoJSON.text == wrap(31))
        let error = try #require(try attributeError(wrap(32)))
        #expect(error == .validation(nestingText))
        let item = try JSONValue.parse("{\"a\":" + wrap(32) + "}")
        #expect(throws: DynamoError.validation(nestingText)) {
            try AttributeMap(dynamoJSON: item)
        }
    }

    @Test func itemsDecodeAndWriteWithNamesSorted() throws {
        let text = "{\"z\":{\"N\":\"1\"},\"a\":{\"S\":\"x\"},\"m\":{\"L\":[{\"BOOL\":true}]}}"
        let item = try AttributeMap(dynamoJSON: JSONValue.parse(text))
        #expect(item.names == ["a", "m", "z"])
        #expect(item.dynamoJSONText == "{\"a\":{\"S\":\"x\"},\"m\":{\"L\":[{\"BOOL\":true}]},\"z\":{\"N\":\"1\"}}")
        #expect(item.dynamoJSON.text == item.dynamoJSONText)
        #expect(try AttributeMap(dynamoJSON: JSONValue.parse(item.dynamoJSONText)) == item)
    }

    @Test func itemsThatAreNotObjectsAreSerializationErrors() throws {
        #expect(throws: DynamoError.serialization("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>")) {
            try AttributeMap(dynamoJSON: .array([]))
        }
        #expect(throws: DynamoError.serialization("Unexpected field type")) { try AttributeMap(dynamoJSON: .string("x")) }
    }

    @Test func stringsWithEscapesSurviveTheCodec() throws {
        let value = AttributeValue.m(["quote\"key": .s("line\nbreak \\ é 😀 \u{1}"), "ss": .ss(["\t"])])
        var written: [UInt8] = []
        value.writeDynamoJSON(into: &written)
        #expect(try AttributeValue(dynamoJSON: JSONValue.parse(written)) == value)
        #expect(written == value.dynamoJSON.serialized)
    }
}

struct PlainJSONTests {
    @Test func plainJSONMapsToTheNaturalTypes() throws {
        let json = try JSONValue.parse("{\"s\":\"x\",\"n\":1.50,\"t\":true,\"z\":null,\"l\":[1,\"a\"],\"m\":{\"k\":false}}")
        let item = try AttributeMap(plainJSON: json)
        let expected: AttributeMap = [
            "s": .s("x"), "n": .n(try number("1.5")), "t": .bool(true), "z": .null,
            "l": .l([.n(DynamoNumber(1)), .s("a")]), "m": .m(["k": .bool(false)]),
        ]
        #expect(item == expected)
        #expect(item.plainJSONText == "{\"l\":[1,\"a\"],\"m\":{\"k\":false},\"n\":1.5,\"s\":\"x\",\"t\":true,\"z\":null}")
    }

    @Test func setsAndBinaryBecomeArraysAndBase64InPlainJSON() {
        let item: AttributeMap = ["b": .b([0, 1, 2]), "ss": .ss(["a"]), "ns": .ns([DynamoNumber(7)]), "bs": .bs([[255]])]
        #expect(item.plainJSONText == "{\"b\":\"AAEC\",\"bs\":[\"/w==\"],\"ns\":[7],\"ss\":[\"a\"]}")
    }

    @Test(arguments: ["{\"n\":1e126}", "{\"n\":[1e-131]}", "{\"n\":1234567890123456789012345678901234567890}"])
    func plainNumbersDynamoDBCannotStoreAreRejected(text: String) throws {
        let json = try JSONValue.parse(text)
        #expect(throws: DynamoError.self) { try AttributeMap(plainJSON: json) }
    }

    @Test func plainNestingFollowsTheSameLimit() throws {
        let ok = try JSONValue.parse("{\"a\":" + String(repeating: "[", count: 31) + "1" + String(repeating: "]", count: 31) + "}")
        _ = try AttributeMap(plainJSON: ok)
        let deep = try JSONValue.parse("{\"a\":" + String(repeating: "[", count: 32) + "1" + String(repeating: "]", count: 32) + "}")
        #expect(throws: DynamoError.validation(nestingText)) {
            try AttributeMap(plainJSON: deep)
        }
    }

    @Test func plainItemsMustBeObjects() throws {
        #expect(throws: DynamoError.validation("An item must be a JSON object")) { try AttributeMap(plainJSON: .array([])) }
    }

    static let detectionCases: [(String, AttributeMap)] = {
        let one = AttributeValue.n(DynamoNumber(1))
        var cases: [(String, AttributeMap)] = []
        cases.append(("{\"id\":{\"S\":\"x\"},\"n\":{\"N\":\"1.0\"}}", ["id": .s("x"), "n": one]))
        cases.append(("{\"id\":{\"SS\":[\"a\"]},\"m\":{\"M\":{\"k\":{\"NULL\":true}}}}", ["id": .ss(["a"]), "m": .m(["k": .null])]))
        cases.append(("{\"id\":\"x\",\"n\":1.0}", ["id": .s("x"), "n": one]))
        cases.append(("{\"id\":{\"S\":\"x\"},\"n\":1}", ["id": .m(["S": .s("x")]), "n": one]))
        cases.append(("{\"id\":{\"name\":\"x\"}}", ["id": .m(["name": .s("x")])]))
        cases.append(("{\"id\":{\"S\":\"x\",\"N\":\"1\"}}", ["id": .m(["S": .s("x"), "N": .s("1")])]))
        cases.append(("{}", [:]))
        cases.append(("  {\"a\" : [true, null]}  ", ["a": .l([.bool(true), .null])]))
        return cases
    }()

    @Test(arguments: detectionCases)
    func jsonTextDetectsDynamoDBJSONVersusPlainJSON(text: String, expected: AttributeMap) throws {
        #expect(try AttributeMap(jsonText: text) == expected)
    }

    @Test func jsonTextReportsTypedErrorsAndBadJSON() throws {
        #expect(throws: DynamoError.validation(invalid + "An string set  may not be empty")) {
            try AttributeMap(jsonText: "{\"a\":{\"SS\":[]}}")
        }
        #expect(throws: DynamoError.validation("An item must be a JSON object")) { try AttributeMap(jsonText: "[1]") }
        do {
            _ = try AttributeMap(jsonText: "{\"a\":")
            Issue.record("bad JSON was accepted")
        } catch {
            #expect(error.code == .validation)
            #expect(error.message.hasPrefix("Invalid JSON: "))
        }
    }
}
