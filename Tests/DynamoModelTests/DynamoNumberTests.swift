import DynamoModel
import Testing

/// Parses a number that the test expects to be valid.
func number(_ text: String) throws -> DynamoNumber {
    try DynamoNumber(parsing: text)
}

/// The message of the `ValidationException` that parsing `text` throws, or nil when it parses.
func numberError(_ text: String) -> DynamoError? {
    do {
        _ = try DynamoNumber(parsing: text)
        return nil
    } catch {
        return error
    }
}

let overflowText = "Number overflow. Attempting to store a number with magnitude larger than supported range"
let underflowText = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
let tooManyDigitsText = "Attempting to store more than 38 significant digits in a Number"

struct DynamoNumberTests {
    @Test(arguments: [
        ("+3", "3"),
        (".5", "0.5"),
        ("5.", "5"),
        ("1e+5", "100000"),
        ("1E5", "100000"),
        ("1e-5", "0.00001"),
        ("0e1000", "0"),
        ("0e-1000", "0"),
        ("-0", "0"),
        ("+0.000", "0"),
        ("-0.0e5", "0"),
        ("0001.23", "1.23"),
        ("0009.9e125", "99" + String(repeating: "0", count: 124)),
        ("1.0", "1"),
        ("1.500", "1.5"),
        ("-12.5E3", "-12500"),
        ("12.5e-1", "1.25"),
        ("-.25", "-0.25"),
        ("123.456", "123.456"),
        ("0.000123", "0.000123"),
        ("100", "100"),
        ("1e3", "1000"),
        ("-00001.50", "-1.5"),
        ("3", "3"),
        ("-7.1234", "-7.1234"),
        ("-17e5", "-1700000"),
        ("-17.4E37", "-174" + String(repeating: "0", count: 36)),
        ("3.1415926535897932384626433832795028841", "3.1415926535897932384626433832795028841"),
        ("314159265358979323846.26433832795028841", "314159265358979323846.26433832795028841"),
        ("31415926535897932384626433832795028841e30", "31415926535897932384626433832795028841" + String(repeating: "0", count: 30)),
    ])
    func acceptedSyntaxesComeOutCanonical(input: String, canonical: String) throws {
        #expect(try number(input).canonical == canonical)
        #expect(try number(input).description == canonical)
    }

    @Test(arguments: [
        ("0000012345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ("-00001.23456789012345678901234567890123456780000", "-1.2345678901234567890123456789012345678"),
        ("1e3", "1000"),
        ("0001.000e-130", "0." + String(repeating: "0", count: 129) + "1"),
        ("9." + String(repeating: "9", count: 37) + "e125", String(repeating: "9", count: 38) + String(repeating: "0", count: 88)),
        ("-9." + String(repeating: "9", count: 37) + "e125", "-" + String(repeating: "9", count: 38) + String(repeating: "0", count: 88)),
        ("1e-130", "0." + String(repeating: "0", count: 129) + "1"),
        ("-1e-130", "-0." + String(repeating: "0", count: 129) + "1"),
        ("1e125", "1" + String(repeating: "0", count: 125)),
        ("12345678901234567890123456789012345678000", "12345678901234567890123456789012345678000"),
    ])
    func specCanonicalExamplesAreReproducedExactly(input: String, canonical: String) throws {
        let value = try number(input)
        #expect(value.canonical == canonical)
        #expect(!value.canonical.contains("e") && !value.canonical.contains("E"))
    }

    @Test(arguments: ["NaN", "-NaN", "dog", "-dog", "Infinity", "-Infinity", "+Infinity", "nan", "abc", " 1", "1 ", " ", "1e", "e5", ".", "-", "+",
                      "1.2.3", "--1", "+-1", "1e5.5", "0x10", "1_000", "1,5", "1e+", "1e--5", ".e1", "١", "1 000", "1e 5", "\u{0}1"])
    func malformedTextIsRejectedWithTheValueInTheMessage(input: String) throws {
        let error = try #require(numberError(input))
        #expect(error.code == .validation)
        #expect(error.message == "The parameter cannot be converted to a numeric value: \(input)")
    }

    @Test func emptyTextIsRejectedWithoutAValueSuffix() throws {
        let error = try #require(numberError(""))
        #expect(error == .validation("The parameter cannot be converted to a numeric value"))
    }

    @Test(arguments: [
        "123456789012345678901234567890123456789",
        "1234567890123456789012345678901234567890",
        "-1.23456789012345678901234567890123456789",
        "0.000123456789012345678901234567890123456789",
        "9." + String(repeating: "9", count: 38) + "e125",
        "3.14159265358979323846264338327950288419",
        "314159265358979323846.264338327950288419",
        "314159265358979323846264338327950288419e30",
    ])
    func moreThan38SignificantDigitsAreRejected(input: String) throws {
        let error = try #require(numberError(input))
        #expect(error == .validation(tooManyDigitsText))
    }

    @Test(arguments: [
        "12345678901234567890123456789012345678",
        "1.2345678901234567890123456789012345678e-100",
        "000000000012345678901234567890123456789012345678000000",
        "0.00000000000000000000000000000000000000012345678901234567890123456789012345678",
    ])
    func exactly38SignificantDigitsAreAccepted(input: String) throws {
        #expect(try number(input).significantDigits == 38)
    }

    @Test func rangeIsCheckedBeforePrecision() {
        let tooPreciseAndHuge = "1234567890123456789012345678901234567890e200"
        #expect(numberError(tooPreciseAndHuge) == .validation(overflowText))
        #expect(numberError("1234567890123456789012345678901234567890e-200") == .validation(underflowText))
    }

    @Test(arguments: ["1e126", "-1e126", "10e125", "11e125", "-11e125", "0.1e127", "1e1000", "1e9999999999999", "-9.9e200"])
    func magnitudesAbove125AreAnOverflow(input: String) throws {
        #expect(numberError(input) == .validation(overflowText))
    }

    @Test(arguments: ["1e-131", "-1e-131", "0.9e-130", "-0.9e-130", "0.99e-130", "0.1e-130", "1e-9999999999999", "-5e-200"])
    func nonZeroMagnitudesBelowMinus130AreAnUnderflow(input: String) throws {
        #expect(numberError(input) == .validation(underflowText))
    }

    @Test(arguments: ["1e-130", "-1e-130", "10e-131", "9.9e125", "-9.9e125", "0.1e126", "0e126", "0e-131"])
    func magnitudesAtTheRangeBoundariesAreAccepted(input: String) throws {
        _ = try number(input)
    }

    @Test(arguments: [["1", "1.0", "1e0", "0.1e1", "+1", "001", "100e-2", "1.000000000"],
                      ["-2.5", "-2.50", "-25e-1", "-0.25E1"],
                      ["0", "-0", "0.0", "0e10", "+0"]])
    func numericallyEqualSpellingsAreEqualAndHashAlike(spellings: [String]) throws {
        let values = try spellings.map(number)
        for value in values {
            #expect(value == values[0])
            #expect(value.hashValue == values[0].hashValue)
            #expect(!(value < values[0]) && !(values[0] < value))
        }
        #expect(Set(values).count == 1)
    }

    @Test func numbersAreOrderedNumericallyNotTextually() throws {
        let ascending = try ["-1e10", "-100", "-9", "-2.5", "-2", "-0.001", "-1e-130", "0", "1e-130", "0.5", "0.55", "1",
                             "1.0000001", "2", "9", "10", "100", "1e125"].map(number)
        for i in ascending.indices {
            for j in ascending.indices {
                #expect((ascending[i] < ascending[j]) == (i < j), "\(ascending[i]) vs \(ascending[j])")
            }
        }
        let shuffled = ascending.reversed().shuffled()
        #expect(shuffled.sorted() == ascending)
    }

    @Test(arguments: [
        ("1", "2", "3"),
        ("0.1", "0.2", "0.3"),
        ("9", "1", "10"),
        ("999.999", "0.001", "1000"),
        ("99999999999999999999999999999999999999", "1", "1" + String(repeating: "0", count: 38)),
        ("-1", "1", "0"),
        ("1", "-3", "-2"),
        ("-5", "-7", "-12"),
        ("1.5", "-1.25", "0.25"),
        ("0", "-4", "-4"),
        ("-4", "0", "-4"),
        ("100", "-0.01", "99.99"),
        ("-100", "0.01", "-99.99"),
        ("1e-130", "-1e-130", "0"),
        ("1e-130", "1e-130", "0." + String(repeating: "0", count: 129) + "2"),
        ("1000", "-999", "1"),
        ("0.5", "0.5", "1"),
        ("1", "10000000000000000000000", "10000000000000000000001"),
        ("-0.5", "-0.5", "-1"),
        ("12345678901234567890123456789012345678", "-12345678901234567890123456789012345677", "1"),
    ])
    func additionIsExact(lhs: String, rhs: String, sum: String) throws {
        #expect(try (number(lhs) + number(rhs)).canonical == sum)
        #expect(try (number(rhs) + number(lhs)).canonical == sum)
    }

    @Test(arguments: [
        ("5", "3", "2"),
        ("3", "5", "-2"),
        ("-3", "-5", "2"),
        ("1000", "0.001", "999.999"),
        ("1", "1", "0"),
        ("-1.5", "-1.5", "0"),
        ("0", "1", "-1"),
        ("1", "0", "1"),
        ("0", "0", "0"),
        ("-1", "1", "-2"),
        ("10", "0.1", "9.9"),
        ("0.1", "10", "-9.9"),
        ("10000000000000000000000", "1", "9999999999999999999999"),
    ])
    func subtractionIsExact(lhs: String, rhs: String, difference: String) throws {
        #expect(try (number(lhs) - number(rhs)).canonical == difference)
    }

    @Test(arguments: [
        ("1e50", "1"),
        ("1e125", "-1"),
        ("12345678901234567890123456789012345678", "0.1"),
        ("9.9999999999999999999999999999999999999e125", "1e88"),
        ("-9.9999999999999999999999999999999999999e125", "-1e88"),
        ("9e125", "1e125"),
        ("9e125", "9e125"),
    ])
    func sumsThatDoNotFitAreReportedAsOverflow(lhs: String, rhs: String) throws {
        let a = try number(lhs)
        let b = try number(rhs)
        #expect(throws: DynamoError.validation(overflowText)) { try a + b }
    }

    @Test func differencesBelowTheSmallestMagnitudeAreAnUnderflow() throws {
        let a = try number("2e-130")
        let b = try number("1.5e-130")
        #expect(throws: DynamoError.validation(underflowText)) { try a - b }
    }

    @Test(arguments: [("1e50", "-1"), ("1e50", "1"), ("9e125", "-9e125")])
    func differencesThatDoNotFitAreReportedAsOverflow(lhs: String, rhs: String) throws {
        let a = try number(lhs)
        let b = try number(rhs)
        #expect(throws: DynamoError.validation(overflowText)) { try a - b }
    }

    @Test func integerInitialiserMatchesParsedText() throws {
        #expect(DynamoNumber(0) == DynamoNumber.zero)
        #expect(DynamoNumber(0).canonical == "0")
        #expect(DynamoNumber(-42) == (try number("-4.2e1")))
        #expect(DynamoNumber(Int.max).canonical == String(Int.max))
        #expect(DynamoNumber(Int.min).canonical == String(Int.min))
    }

    @Test func accessorsDescribeTheValue() throws {
        #expect(try number("-0").isZero)
        #expect(try !number("-0").isNegative)
        #expect(try number("-0.5").isNegative)
        #expect(try number("1.2300").significantDigits == 3)
        #expect(try number("1000").significantDigits == 1)
        #expect(try number("0.000123").significantDigits == 3)
        #expect(try number("0").significantDigits == 0)
        #expect(try number("1e3").intValue == 1000)
        #expect(try number("1.5").intValue == nil)
        #expect(try number("-2.5").doubleValue == -2.5)
    }
}

struct DynamoNumberPropertyTests {
    /// A deterministic generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomNumber(_ rng: inout SplitMix) throws -> DynamoNumber {
        let digits = (0..<Int.random(in: 1...12, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
        let sign = Bool.random(using: &rng) ? "-" : ""
        return try DynamoNumber(parsing: "\(sign)\(digits)e\(Int.random(in: -12...12, using: &rng))")
    }

    @Test func sumsAndDifferencesAgreeWithOrderingAndUndoEachOther() throws {
        var rng = SplitMix(state: 42)
        for _ in 0..<2_000 {
            let a = try Self.randomNumber(&rng)
            let b = try Self.randomNumber(&rng)
            let sum = try a + b
            #expect(try b + a == sum)
            #expect(try sum - b == a, "\(a) + \(b) = \(sum)")
            let difference = try a - b
            #expect(try difference + b == a)
            #expect((a < b) == difference.isNegative, "\(a) vs \(b)")
            #expect((a == b) == difference.isZero)
            #expect(try number(sum.canonical) == sum)
            #expect(try b - a == DynamoNumber.zero - difference)
        }
    }
}
