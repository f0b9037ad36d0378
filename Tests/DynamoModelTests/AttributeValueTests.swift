import DynamoModel
import Testing

struct AttributeValueTests {
    static let equalPairs: [(AttributeValue, AttributeValue)] = [
        (.ss(["a", "b", "c"]), .ss(["c", "a", "b"])),
        (.ns([DynamoNumber(1), DynamoNumber(2)]), .ns([DynamoNumber(2), DynamoNumber(1)])),
        (.bs([[1], [2, 3], []]), .bs([[], [2, 3], [1]])),
        (.m(AttributeMap([("a", .s("x")), ("b", .n(DynamoNumber(1)))])), .m(AttributeMap([("b", .n(DynamoNumber(1))), ("a", .s("x"))]))),
        (.l([.s("a"), .m(["k": .ss(["x", "y"])])]), .l([.s("a"), .m(["k": .ss(["y", "x"])])])),
        (.null, .null),
        (.b([]), .b([])),
    ]

    @Test(arguments: equalPairs)
    func equalValuesAreEqualAndHashAlike(lhs: AttributeValue, rhs: AttributeValue) {
        #expect(lhs == rhs)
        #expect(rhs == lhs)
        #expect(lhs.hashValue == rhs.hashValue)
        #expect(Set([lhs, rhs]).count == 1)
    }

    @Test func numbersCompareByValueWhateverTheirSpelling() throws {
        #expect(AttributeValue.n(try number("1")) == .n(try number("1.00")))
        #expect(AttributeValue.n(try number("1e2")).hashValue == AttributeValue.n(DynamoNumber(100)).hashValue)
        #expect(AttributeValue.ns([try number("1.0"), try number("2")]) == .ns([DynamoNumber(2), DynamoNumber(1)]))
    }

    static let unequalPairs: [(AttributeValue, AttributeValue)] = [
        (.s("1"), .n(DynamoNumber(1))),
        (.ss(["1"]), .ns([DynamoNumber(1)])),
        (.s(""), .b([])),
        (.bool(true), .null),
        (.bool(true), .bool(false)),
        (.l([.s("a"), .s("b")]), .l([.s("b"), .s("a")])),
        (.l([]), .m([:])),
        (.ss(["a", "b"]), .ss(["a", "c"])),
        (.ss(["a"]), .ss(["a", "b"])),
        (.bs([[1]]), .bs([[1, 0]])),
        (.m(["a": .s("x")]), .m(["a": .s("y")])),
        (.m(["a": .s("x")]), .m(["b": .s("x")])),
        (.s("A"), .s("a")),
        // DynamoDB compares strings as UTF-8 bytes: canonically equivalent spellings differ.
        (.s("\u{E9}"), .s("e\u{301}")),
        (.ss(["\u{E9}"]), .ss(["e\u{301}"])),
        (.m(["\u{E9}": .null]), .m(["e\u{301}": .null])),
    ]

    @Test(arguments: unequalPairs)
    func differentValuesAreNotEqual(lhs: AttributeValue, rhs: AttributeValue) {
        #expect(lhs != rhs)
        #expect(rhs != lhs)
    }

    @Test func canonicallyEquivalentNamesAreDistinctAttributes() {
        var item = AttributeMap()
        item["\u{E9}"] = .s("precomposed")
        item["e\u{301}"] = .s("decomposed")
        #expect(item.count == 2)
        #expect(item["\u{E9}"] == .s("precomposed"))
        #expect(item["e\u{301}"] == .s("decomposed"))
        #expect(item.itemSize == 2 + 11 + 3 + 10)
    }

    @Test func canonicallyEquivalentStringsAreDistinctSetMembers() throws {
        let value = try attribute("{\"SS\":[\"\u{E9}\",\"e\u{301}\"]}")
        #expect(value == .ss(["\u{E9}", "e\u{301}"]))
    }

    @Test(arguments: [
        (AttributeValue.s(""), "S", "STRING"), (.n(DynamoNumber(1)), "N", "NUMBER"), (.b([]), "B", "BINARY"),
        (.bool(true), "BOOL", "BOOLEAN"), (.null, "NULL", "NULL"), (.m([:]), "M", "MAP"), (.l([]), "L", "LIST"),
        (.ss(["a"]), "SS", "STRING_SET"), (.ns([DynamoNumber(1)]), "NS", "NUMBER_SET"), (.bs([[]]), "BS", "BINARY_SET"),
    ])
    func typeNamesUseDynamoDBSpelling(value: AttributeValue, short: String, long: String) {
        #expect(value.typeName == short)
        #expect(value.longTypeName == long)
        #expect(value.isSet == ["SS", "NS", "BS"].contains(short))
    }

    @Test func payloadAccessorsReturnOnlyTheirOwnType() {
        #expect(AttributeValue.s("x").stringValue == "x")
        #expect(AttributeValue.n(DynamoNumber(3)).stringValue == nil)
        #expect(AttributeValue.n(DynamoNumber(3)).numberValue == DynamoNumber(3))
        #expect(AttributeValue.m(["a": .null]).mapValue == ["a": .null])
        #expect(AttributeValue.l([.null]).listValue == [.null])
        #expect(AttributeValue.l([.null]).mapValue == nil)
    }

    @Test func attributeMapKeepsNamesSortedAndLaterDuplicatesWin() {
        var item = AttributeMap([("b", .s("1")), ("a", .s("2")), ("b", .s("3"))])
        #expect(item.names == ["a", "b"])
        #expect(item["b"] == .s("3"))
        item["c"] = .null
        item["a"] = nil
        #expect(item.names == ["b", "c"])
        #expect(item.removeValue(forKey: "b") == .s("3"))
        #expect(item.removeValue(forKey: "missing") == nil)
        #expect(item.names == ["c"])
        #expect(item.dictionary == ["c": .null])
        #expect(item.map(\.name) == ["c"])
        #expect(!item.isEmpty && AttributeMap().isEmpty)
    }

    @Test func attributeMapOrdersNamesByUTF8Bytes() {
        let item: AttributeMap = ["b": .null, "a": .null, "B": .null, "\u{BF}": .null, "z": .null, "e\u{301}": .null, "f": .null]
        #expect(item.names.map { Array($0.utf8) } == item.names.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(item.names == ["B", "a", "b", "e\u{301}", "f", "z", "\u{BF}"])
    }
}
