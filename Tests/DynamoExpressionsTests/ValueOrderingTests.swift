import DynamoExpressions
import DynamoModel
import Testing

struct ValueOrderingTests {
    @Test(arguments: [
        (AttributeValue.s("a"), AttributeValue.s("b"), -1),
        (.s("a"), .s("A"), 1),  // 0x61 > 0x41
        (.s("¿"), .s("z"), 1),  // UTF-8 0xC2BF > 0x7A
        (.s("ab"), .s("abc"), -1),  // a prefix sorts first
        (.s(""), .s("a"), -1),
        (.s("same"), .s("same"), 0),
        (.s("\u{E9}"), .s("e\u{301}"), 1),  // no Unicode normalisation: 0xC3A9 vs 0x65CC81
        (.s("\u{FFFF}"), .s("\u{10000}"), -1),  // 0xEFBFBF < 0xF0908080 (UTF-16 order would differ)
        (.n(DynamoNumber(2)), .n(DynamoNumber(10)), -1),  // numeric, not textual
        (.n(DynamoNumber(-5)), .n(DynamoNumber(-1)), -1),
        (.b([1, 255]), .b([2]), -1),
        (.b([255]), .b([1]), 1),  // unsigned bytes
        (.b([1]), .b([1, 0]), -1),
    ])
    func scalarsCompareTheAWSWay(a: AttributeValue, b: AttributeValue, expected: Int) {
        #expect(compareScalars(a, b) == expected)
        #expect(compareScalars(b, a) == -expected)
    }

    @Test(arguments: [
        (AttributeValue.s("1"), AttributeValue.n(DynamoNumber(1))),
        (.bool(true), .bool(false)),
        (.null, .null),
        (.ss(["a"]), .ss(["a"])),
        (.l([]), .l([])),
        (.s("a"), .b([97])),
    ])
    func otherPairsAreNotComparable(a: AttributeValue, b: AttributeValue) {
        #expect(compareScalars(a, b) == nil)
    }

    @Test func numbersCompareAcrossScales() throws {
        let small = try Fixtures.number("1e-130")
        let large = try Fixtures.number("9.9999999999999999999999999999999999999e125")
        #expect(compareScalars(small, .n(DynamoNumber(0))) == 1)
        #expect(compareScalars(large, small) == 1)
        #expect(compareScalars(try Fixtures.number("1.50"), try Fixtures.number("1.5")) == 0)
    }

    @Test func numberOrderingAgreesWithExactDecimalOrderingForEveryPair() throws {
        let texts = [
            "0", "1", "-1", "0.5", "0.05", "-0.5", "-0.05", "9.99", "10", "-10", "-9.99", "1.01", "-1.01", "0.001", "-0.001",
            "100", "99.999", "123456789012345678901234567890", "-123456789012345678901234567890", "1e-130", "-1e-130",
            "9.9999999999999999999999999999999999999e125", "-9.9999999999999999999999999999999999999e125", "2", "11",
            "1.1", "1.10000000001",
        ]
        let numbers = try texts.map { (text: String) throws(DynamoError) in try DynamoNumber(parsing: text) }
        for a in numbers {
            for b in numbers {
                let expected = a == b ? 0 : (a < b ? -1 : 1)
                #expect(compareScalars(.n(a), .n(b)) == expected, "\(a) vs \(b)")
            }
        }
    }
}
