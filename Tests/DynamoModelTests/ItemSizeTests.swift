import DynamoModel
import Testing

struct ItemSizeTests {
    @Test(arguments: [
        ("0", 1), ("-0", 1), ("0.000", 1),
        ("1", 2), ("10", 2), ("1000", 2), ("12", 2), ("1.2", 3), ("1234", 3), ("123", 3), ("12345", 4),
        ("-1", 3), ("-12", 3), ("-1.2", 4), ("-1234", 4),
        ("0.12", 2), ("0.012", 3), ("1e125", 2), ("1e-130", 2),
        ("12345678901234567890123456789012345678", 20),
        ("1.2345678901234567890123456789012345678", 21),
        ("-1.2345678901234567890123456789012345678", 22),
        ("-130.035739", 7), ("66.888498", 5), ("1719080907442", 8),
    ])
    func numberSizesFollowTheSignificantDigitRule(text: String, size: Int) throws {
        let value = try number(text)
        #expect(value.storageSize == size)
        #expect(AttributeValue.n(value).size == size)
    }

    static let valueSizes: [(AttributeValue, Int)] = [
        (.s(""), 0), (.s("abc"), 3), (.s("é"), 2), (.s("€"), 3), (.s("😀"), 4), (.s("e\u{301}"), 3),
        (.b([]), 0), (.b([1, 2, 3, 4, 5, 6]), 6),
        (.bool(true), 1), (.bool(false), 1), (.null, 1),
        (.ss(["a", "bc", ""]), 3), (.ss(["é"]), 2),
        (.ns([DynamoNumber(12), DynamoNumber(-1), DynamoNumber(0)]), 2 + 3 + 1),
        (.bs([[1, 2], [3], []]), 3),
        (.l([]), 3), (.l([.s("aa")]), 6), (.l([.n(DynamoNumber(1)), .bool(true)]), 3 + 3 + 2),
        (.l([.l([])]), 3 + 1 + 3),
        (.m([:]), 3), (.m(["a": .s("b")]), 6), (.m(["a": .m(["b": .s("c")])]), 3 + 1 + 1 + 6),
        (.m(["ключ": .null, "k": .l([])]), 3 + (8 + 1 + 1) + (1 + 1 + 3)),
        (.l(Array(repeating: .s("aa"), count: 1500)), 3 + 1500 * 3),
    ]

    @Test(arguments: valueSizes)
    func valueSizesFollowTheTable(value: AttributeValue, size: Int) {
        #expect(value.size == size)
    }

    @Test func theMapExampleFromTheSpecIsSixBytes() throws {
        let value = try attribute("{\"M\":{\"a\":{\"S\":\"b\"}}}")
        #expect(value.size == 6)
    }

    @Test func theDeveloperGuideShirtExampleIs23Bytes() throws {
        let item: AttributeMap = ["shirt-color": .s("R"), "shirt-size": .s("M")]
        #expect(item.itemSize == 23)
        #expect(try AttributeMap(jsonText: "{\"shirt-color\":\"R\",\"shirt-size\":\"M\"}").itemSize == 23)
    }

    @Test func itemSizeCountsNameBytesNotCharacters() {
        let item: AttributeMap = ["é": .s("ü"), "": .null]
        #expect(item.itemSize == 2 + 2 + 0 + 1)
        #expect(AttributeMap().itemSize == 0)
    }

    // streams.md §4.4 worked examples: SizeBytes = size(Keys) + size(images included).
    @Test func keysOnlyRecordForUsernameFredIs12() {
        let keys: AttributeMap = ["Username": .s("Fred")]
        #expect(keys.itemSize == 12)
    }

    @Test func newAndOldImagesRecordsAre12And26() {
        let keys: AttributeMap = ["id": .s("Fred")]
        let inserted: AttributeMap = ["id": .s("Fred")]
        let modified: AttributeMap = ["id": .s("Fred"), "name": .s("Fred")]
        #expect(keys.itemSize + inserted.itemSize == 12)
        #expect(keys.itemSize + modified.itemSize + inserted.itemSize == 26)
    }

    @Test func newImageInsertWithBinaryKeyIs70() {
        let keys: AttributeMap = ["my_partition_key": .s("hello world")]
        let image: AttributeMap = ["my_partition_key": .s("hello world"), "binary_key": .b([1, 2, 3, 4, 5, 6])]
        #expect(keys.itemSize == 27)
        #expect(image.itemSize == 43)
        #expect(keys.itemSize + image.itemSize == 70)
    }

    @Test func apiExampleKeysOnlyRecordIs41() {
        let keys: AttributeMap = ["ForumName": .s("DynamoDB"), "Subject": .s("DynamoDB Thread 3")]
        #expect(keys.itemSize == 41)
    }

    @Test func theItemLimitIs400KiB() {
        #expect(AttributeMap.maximumItemSize == 409_600)
        let atLimit: AttributeMap = ["k": .s(String(repeating: "x", count: 409_599))]
        #expect(atLimit.itemSize == AttributeMap.maximumItemSize)
    }
}
