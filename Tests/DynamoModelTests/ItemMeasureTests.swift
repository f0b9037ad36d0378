import DynamoModel
import Testing

/// ``AttributeMap/measure``: the item size and DynamoDB JSON length in one in-place pass.
struct ItemMeasureTests {
    static let numbers: [DynamoNumber] = [
        DynamoNumber(0), DynamoNumber(7), DynamoNumber(-7), DynamoNumber(10), DynamoNumber(100), DynamoNumber(-1200),
        DynamoNumber(123_456_789), DynamoNumber(Int.max), DynamoNumber(Int.min), DynamoNumber(1_000_000_000_000_000_000),
    ]

    static let items: [AttributeMap] = [
        [:],
        ["pk": .s("a")],
        ["pk": .s("customer#100001"), "sk": .n(DynamoNumber(42)), "name": .s("Zoë – ünïcode"), "ok": .bool(true), "none": .null],
        ["b": .b([1, 2, 3, 4]), "ss": .ss(["x", "yy"]), "ns": .ns([DynamoNumber(1), DynamoNumber(-250)]), "bs": .bs([[9], [8, 7]])],
        ["l": .l([.s("a"), .n(DynamoNumber(3)), .l([]), .m(["k": .bool(false)])]), "m": .m(["inner": .s("v"), "n": .n(DynamoNumber(0))])],
    ]

    @Test(arguments: items)
    func theSizeIsTheItemSize(_ item: AttributeMap) {
        #expect(item.measure.size == item.itemSize)
    }

    @Test(arguments: numbers)
    func anIntegersSizeAndTextLengthAgreeWithDynamoNumber(_ number: DynamoNumber) throws {
        let measure = ItemMeasure.number(number)
        #expect(measure.size == number.storageSize)
        #expect(measure.textLength == number.canonical.utf8.count)
        let item: AttributeMap = ["n": .n(number)]
        #expect(item.measure.size == item.itemSize)
    }

    @Test func numbersKeptAsTextAreMeasuredByTheirCanonicalText() throws {
        let number = try DynamoNumber(parsing: "-12.5000")
        let item: AttributeMap = ["n": .n(number)]
        #expect(item.measure == ItemMeasure(size: 1 + number.storageSize, wireLength: 2 + 1 + 4 + 8 + number.canonical.utf8.count))
    }

    @Test func theWireLengthOfStringsAndNumbersIsTheLengthOfTheirDynamoJSONWithACommaPerAttribute() {
        let item: AttributeMap = ["pk": .s("customer#1"), "sk": .n(DynamoNumber(-3_400)), "name": .s("Zoë"), "age": .n(DynamoNumber(31))]
        #expect(item.measure.wireLength == item.dynamoJSONText.utf8.count + 1)
        #expect(AttributeMap().measure == ItemMeasure(size: 0, wireLength: 2))
    }

    @Test func nestedValuesCountTheirContainersText() {
        let nested: AttributeMap = ["m": .m(["a": .s("xy")])]
        // {"m":{"M":{"a":{"S":"xy"}}}}: the outer braces, "m": and the comma slot, {"M":…} around the inner map.
        #expect(nested.measure.wireLength == 2 + (1 + 4) + 6 + (2 + 1 + 4 + 8 + 2))
        #expect(nested.measure.size == nested.itemSize)
    }
}

struct ValueMeasureTests {
    @Test func aValueMeasuredInPlaceMatchesItsMeasureAsACopy() throws {
        let values: [AttributeValue] = [
            .s(""), .s("short"), .s(String(repeating: "é", count: 40)), .n(DynamoNumber(0)), .n(DynamoNumber(-120)),
            .n(try DynamoNumber(parsing: "12.5")), .bool(true), .null, .b([1, 2, 3, 4]), .ss(["a", "bc"]),
            .m(["x": .n(DynamoNumber(1))]), .l([.s("x"), .bool(false)]),
        ]
        var map = AttributeMap()
        for (i, value) in values.enumerated() { map["a" + String(100 + i)] = value }
        for i in values.indices { #expect(map.measureValue(at: i) == values[i].measure) }
    }
}
