import DynamoModel
import Testing

/// Integers in `Int` range are held inline and every other number as canonical text; these
/// tests pin that the two representations never disagree on equality, hashing, order or size.
struct DynamoNumberRepresentationTests {
    @Test(arguments: [
        ("1e3", 1000), ("1000.000", 1000), ("+7", 7), ("-0", 0), ("0.0e5", 0), ("007", 7),
        ("-12E1", -120), ("999999999999999999", 999_999_999_999_999_999),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
    ])
    func everySpellingOfAnIntegerEqualsAndHashesLikeTheInteger(text: String, value: Int) throws {
        let parsed = try number(text)
        #expect(parsed == DynamoNumber(value))
        #expect(parsed.hashValue == DynamoNumber(value).hashValue)
        #expect(parsed.canonical == String(value))
        #expect(parsed.intValue == value)
        #expect(Set([parsed, DynamoNumber(value)]).count == 1)
    }

    @Test func integersBeyondIntRangeStayExactAndOrdered() throws {
        let big = try number("9223372036854775808")
        #expect(big.canonical == "9223372036854775808")
        #expect(big.intValue == nil)
        #expect(DynamoNumber(Int.max) < big)
        #expect(try number("-9223372036854775809") < DynamoNumber(Int.min))
        #expect(try DynamoNumber(Int.max) + DynamoNumber(1) == big)
        #expect(try (big - DynamoNumber(1)) == DynamoNumber(Int.max))
        #expect(try (big - DynamoNumber(1)).intValue == Int.max)
    }

    @Test func integersAndFractionsInterleaveNumerically() throws {
        let texts = ["-1000", "-999.5", "-1", "-0.001", "0", "0.5", "1", "1.5", "2", "10", "10.01", "1e20"]
        let numbers = try texts.map(number)
        for (i, a) in numbers.enumerated() {
            for (j, b) in numbers.enumerated() {
                #expect((a < b) == (i < j), "\(a) < \(b)")
                #expect((a == b) == (i == j), "\(a) == \(b)")
            }
        }
    }

    @Test func arithmeticBackToAnIntegerYieldsTheIntegerForm() throws {
        let sum = try number("0.5") + number("0.5")
        #expect(sum == DynamoNumber(1))
        #expect(sum.hashValue == DynamoNumber(1).hashValue)
        #expect(sum.intValue == 1)
        let difference = try number("2.25") - number("0.25")
        #expect(difference == DynamoNumber(2))
        #expect(try DynamoNumber(5) - DynamoNumber(5) == DynamoNumber.zero)
        #expect(try (DynamoNumber(5) - DynamoNumber(5)).isZero)
    }

    @Test(arguments: ["1", "10", "100", "-100", "12", "120", "-12345", "1000000", "99", "0"])
    func integerStorageSizeMatchesTheTextForm(text: String) throws {
        // "1.0e0"-style spellings take the text parser; the inline form must count the same size.
        let viaText = try number(text + ".0")
        let inline = DynamoNumber(Int(text) ?? 0)
        #expect(viaText.storageSize == inline.storageSize)
        #expect(viaText.significantDigits == inline.significantDigits)
        #expect(inline.isNegative == text.hasPrefix("-"))
    }
}
