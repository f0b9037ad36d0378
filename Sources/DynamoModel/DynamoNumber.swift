/// A DynamoDB number: an exact decimal of up to 38 significant digits, magnitude
/// 1E-130 … 9.99…E+125, stored in DynamoDB's canonical text.
///
/// Canonical text is plain positional notation, never an exponent, with no leading zeros
/// (except one before the point), no trailing fractional zeros and `0` for zero
/// (`"1e3"` → `"1000"`, `"-00001.50"` → `"-1.5"`). Equality and hashing are numeric
/// equality; ordering is numeric.
///
/// Integers that fit in an `Int` are held as that `Int` (compared, hashed and added without
/// touching text); every other number is held as its canonical text. A value has exactly one
/// representation, so the synthesized equality and hash are numeric.
public struct DynamoNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline
    enum Storage: Sendable, Hashable {
        /// An integer in `Int` range.
        case integer(Int)
        /// Canonical text of any other number (never an integer in `Int` range).
        case text(String)
    }

    @usableFromInline
    let storage: Storage

    // Inlinable so that sort-key comparisons in other modules compare integers without a call.
    @inlinable
    public static func == (lhs: DynamoNumber, rhs: DynamoNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.integer(let a), .integer(let b)): a == b
        case (.text(let a), .text(let b)): a == b
        default: false
        }
    }

    /// The canonical text, as every read path returns it.
    public var canonical: String {
        switch storage {
        case .integer(let v): String(v)
        case .text(let t): t
        }
    }

    public var description: String { canonical }

    /// Parses a number the way DynamoDB accepts it (`+3`, `.5`, `5.`, `1e+5`, `0009.9e125`).
    ///
    /// - Throws: `ValidationException` with AWS's message for text that is not a number,
    ///   more than 38 significant digits, overflow or underflow.
    public init(parsing text: String) throws(DynamoError) {
        guard !text.isEmpty else {
            throw .validation("The parameter cannot be converted to a numeric value")
        }
        if let v = Self.plainInteger(text) {
            self.init(v)
            return
        }
        guard let parts = DecimalParts(parsing: text) else {
            throw .validation("The parameter cannot be converted to a numeric value: \(text)")
        }
        try parts.validate(arithmetic: false)
        self.init(canonical: parts.canonicalText)
    }

    /// A number from an integer.
    public init(_ value: Int) {
        storage = .integer(value)
    }

    /// A number from its stored representation (as `AttributeMap` keeps it).
    init(storage: Storage) {
        self.storage = storage
    }

    /// A number from canonical text (integers in `Int` range become `.integer`).
    private init(canonical: String) {
        if !canonical.utf8.contains(UInt8(ascii: ".")), let v = Int(canonical) {
            storage = .integer(v)
        } else {
            storage = .text(canonical)
        }
    }

    /// The value of text already in canonical integer form (`0`, `-12`, `340`) of at most 18
    /// digits; nil for anything else, which then takes the general parser.
    private static func plainInteger(_ text: String) -> Int? {
        let utf8 = text.utf8
        guard utf8.count <= 19 else { return nil }
        var negative = false
        var value = 0
        var digits = 0
        var first = true
        for c in utf8 {
            if first {
                first = false
                if c == UInt8(ascii: "-") { negative = true; continue }
            }
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            // A leading zero is canonical only as the whole text "0".
            if digits == 0 && c == UInt8(ascii: "0") && utf8.count != 1 { return nil }
            // Longer texts take the general parser (and 18 digits cannot overflow an `Int`).
            if digits == 18 { return nil }
            value = value * 10 + Int(c - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits > 0 else { return nil }
        return negative ? -value : value
    }

    /// Zero.
    public static let zero = DynamoNumber(0)

    /// Whether the number is zero.
    public var isZero: Bool {
        if case .integer(let v) = storage { return v == 0 }
        return false
    }

    /// Whether the number is below zero.
    public var isNegative: Bool {
        switch storage {
        case .integer(let v): v < 0
        case .text(let t): t.utf8.first == UInt8(ascii: "-")
        }
    }

    var parts: DecimalParts {
        // Canonical text always parses.
        DecimalParts(parsing: canonical) ?? DecimalParts(negative: false, digits: [], exponent: 0)
    }

    /// Sign, exponent of the leading digit and significant-digit count.
    var shape: CanonicalShape {
        switch storage {
        case .integer(let v): CanonicalShape(integer: v)
        case .text(let t): CanonicalShape(t)
        }
    }

    /// The number of significant digits (0 for zero).
    public var significantDigits: Int { shape.digits }

    /// The stored size in bytes for item-size accounting (dynamodb-core §2.6).
    public var storageSize: Int { shape.storageSize }

    /// The value as a `Double` (approximate; for display and clocks).
    public var doubleValue: Double {
        switch storage {
        case .integer(let v): Double(v)
        case .text(let t): Double(t) ?? 0
        }
    }

    /// The value as an `Int`, if it is an integer in range.
    public var intValue: Int? {
        if case .integer(let v) = storage { return v }
        return nil
    }

    /// Exact sum. - Throws: overflow/underflow `ValidationException` when the result does not fit.
    public static func + (lhs: DynamoNumber, rhs: DynamoNumber) throws(DynamoError) -> DynamoNumber {
        if case .integer(let a) = lhs.storage, case .integer(let b) = rhs.storage {
            let (sum, overflow) = a.addingReportingOverflow(b)
            if !overflow { return DynamoNumber(sum) }
        }
        let result = DecimalParts.add(lhs.parts, rhs.parts)
        try result.validate(arithmetic: true)
        return DynamoNumber(canonical: result.canonicalText)
    }

    /// Exact difference. - Throws: overflow/underflow `ValidationException` when the result does not fit.
    public static func - (lhs: DynamoNumber, rhs: DynamoNumber) throws(DynamoError) -> DynamoNumber {
        if case .integer(let a) = lhs.storage, case .integer(let b) = rhs.storage {
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if !overflow { return DynamoNumber(difference) }
        }
        var negated = rhs.parts
        if !negated.digits.isEmpty { negated.negative.toggle() }
        let result = DecimalParts.add(lhs.parts, negated)
        try result.validate(arithmetic: true)
        return DynamoNumber(canonical: result.canonicalText)
    }

    @inlinable
    public static func < (lhs: DynamoNumber, rhs: DynamoNumber) -> Bool {
        if case .integer(let a) = lhs.storage, case .integer(let b) = rhs.storage { return a < b }
        return textLess(lhs, rhs)
    }

    @usableFromInline
    static func textLess(_ lhs: DynamoNumber, _ rhs: DynamoNumber) -> Bool {
        let a = lhs.canonical
        let b = rhs.canonical
        if a == b { return false }
        return CanonicalShape.compare(a, b) < 0
    }
}

/// Sign, leading-digit exponent and significant-digit count read straight off canonical text,
/// without allocating (item sizes and sort-key comparisons run on every write and read).
struct CanonicalShape {
    var negative = false
    var exponent = 0
    var digits = 0

    /// The shape of an integer, without formatting it.
    init(integer: Int) {
        guard integer != 0 else { return }
        negative = integer < 0
        var magnitude = integer.magnitude
        var trailingZeros = 0
        while magnitude % 10 == 0 {
            magnitude /= 10
            trailingZeros += 1
        }
        // Significant digits by comparing against powers of ten (no division per digit).
        var significant = 1
        var power: UInt = 10
        while significant < 20, magnitude >= power {
            significant += 1
            power &*= 10
        }
        digits = significant
        exponent = significant + trailingZeros - 1
    }

    /// The stored size in bytes (dynamodb-core §2.6): one byte, then two significant digits a
    /// byte aligned on the exponent's parity, and one more for a negative number.
    var storageSize: Int {
        if digits == 0 { return 1 }
        var size = 1 + (digits + 1) / 2
        if digits % 2 == 0 && exponent % 2 == 0 { size += 1 }
        if negative { size += 1 }
        return size
    }

    init(_ canonical: String) {
        var integerDigits = 0
        var leadingFractionZeros = 0
        var fractionDigits = 0
        var trailingIntegerZeros = 0
        var inFraction = false
        var integerIsZero = false
        var first = true
        for c in canonical.utf8 {
            if first {
                first = false
                if c == UInt8(ascii: "-") { negative = true; continue }
            }
            if c == UInt8(ascii: ".") { inFraction = true; continue }
            if inFraction {
                if fractionDigits == 0 && c == UInt8(ascii: "0") && integerIsZero {
                    leadingFractionZeros += 1
                } else {
                    fractionDigits += 1
                }
            } else {
                if integerDigits == 0 && c == UInt8(ascii: "0") { integerIsZero = true }
                integerDigits += 1
                trailingIntegerZeros = c == UInt8(ascii: "0") ? trailingIntegerZeros + 1 : 0
            }
        }
        if integerIsZero {
            // 0 or 0.000ddd
            digits = fractionDigits
            exponent = fractionDigits == 0 ? 0 : -(leadingFractionZeros + 1)
        } else {
            exponent = integerDigits - 1
            digits = fractionDigits > 0 ? integerDigits + fractionDigits : integerDigits - trailingIntegerZeros
        }
    }

    /// -1, 0 or 1 comparing two canonical texts numerically.
    static func compare(_ a: String, _ b: String) -> Int {
        let sa = CanonicalShape(a)
        let sb = CanonicalShape(b)
        let signA = sa.digits == 0 ? 0 : (sa.negative ? -1 : 1)
        let signB = sb.digits == 0 ? 0 : (sb.negative ? -1 : 1)
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        var magnitude = 0
        if sa.exponent != sb.exponent {
            magnitude = sa.exponent < sb.exponent ? -1 : 1
        } else {
            var ia = SignificantDigits(a.utf8)
            var ib = SignificantDigits(b.utf8)
            while magnitude == 0 {
                let da = ia.next()
                let db = ib.next()
                if da == nil && db == nil { break }
                let x = da ?? 0
                let y = db ?? 0
                if x != y { magnitude = x < y ? -1 : 1 }
            }
        }
        return signA > 0 ? magnitude : -magnitude
    }
}

/// The digits of canonical text from the first non-zero one, skipping sign and point.
struct SignificantDigits {
    var iterator: String.UTF8View.Iterator
    var started = false

    init(_ utf8: String.UTF8View) {
        iterator = utf8.makeIterator()
    }

    mutating func next() -> UInt8? {
        while let c = iterator.next() {
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { continue }
            if !started && c == UInt8(ascii: "0") { continue }
            started = true
            return c - UInt8(ascii: "0")
        }
        return nil
    }
}

/// A decimal as sign, significant digits (no leading or trailing zeros; empty for zero) and
/// the exponent of the leading digit: value = d₀.d₁d₂… × 10^exponent.
struct DecimalParts {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
        normalize()
    }

    /// Parses `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`; nil when malformed.
    init?(parsing text: String) {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: [UInt8] = []
        var pointPosition: Int? = nil
        var sawDigit = false
        while i < bytes.count {
            let c = bytes[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                mantissa.append(c - UInt8(ascii: "0"))
                sawDigit = true
            } else if c == UInt8(ascii: ".") && pointPosition == nil {
                pointPosition = mantissa.count
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        var exponentValue = 0
        if i < bytes.count {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var exponentNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var sawExponentDigit = false
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") {
                // Clamp: anything this large is out of range anyway (or zero).
                if exponentValue < 1_000_000 {
                    exponentValue = exponentValue * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                }
                sawExponentDigit = true
                i += 1
            }
            guard sawExponentDigit, i == bytes.count else { return nil }
            if exponentNegative { exponentValue = -exponentValue }
        }
        let integerDigits = pointPosition ?? mantissa.count
        // value = 0.mantissa × 10^(integerDigits) × 10^exponentValue
        self.init(negative: negative, digits: mantissa, exponent: integerDigits - 1 + exponentValue)
    }

    /// Strips leading zeros (adjusting the exponent) and trailing zeros.
    private mutating func normalize() {
        var start = 0
        while start < digits.count && digits[start] == 0 { start += 1 }
        if start == digits.count {
            digits = []
            exponent = 0
            negative = false
            return
        }
        var end = digits.count
        while end > start && digits[end - 1] == 0 { end -= 1 }
        if start > 0 || end < digits.count {
            digits = Array(digits[start..<end])
        }
        exponent -= start
    }

    /// Range first, then precision (dynalite's order, which follows DynamoDB).
    func validate(arithmetic: Bool) throws(DynamoError) {
        if digits.isEmpty { return }
        if exponent > 125 {
            throw .validation("Number overflow. Attempting to store a number with magnitude larger than supported range")
        }
        if exponent < -130 {
            throw .validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")
        }
        if digits.count > 38 {
            // DynamoDB reports an in-range arithmetic result needing more than 38 digits as an overflow.
            if arithmetic {
                throw .validation("Number overflow. Attempting to store a number with magnitude larger than supported range")
            }
            throw .validation("Attempting to store more than 38 significant digits in a Number")
        }
    }

    var canonicalText: String {
        if digits.isEmpty { return "0" }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + 4)
        if negative { out.append(UInt8(ascii: "-")) }
        let zero = UInt8(ascii: "0")
        if exponent >= digits.count - 1 {
            for d in digits { out.append(zero + d) }
            for _ in 0..<(exponent - digits.count + 1) { out.append(zero) }
        } else if exponent >= 0 {
            for (index, d) in digits.enumerated() {
                if index == exponent + 1 { out.append(UInt8(ascii: ".")) }
                out.append(zero + d)
            }
        } else {
            out.append(zero)
            out.append(UInt8(ascii: "."))
            for _ in 0..<(-exponent - 1) { out.append(zero) }
            for d in digits { out.append(zero + d) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// -1, 0 or 1.
    static func compare(_ a: DecimalParts, _ b: DecimalParts) -> Int {
        let signA = a.digits.isEmpty ? 0 : (a.negative ? -1 : 1)
        let signB = b.digits.isEmpty ? 0 : (b.negative ? -1 : 1)
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        let magnitude = compareMagnitude(a, b)
        return signA > 0 ? magnitude : -magnitude
    }

    private static func compareMagnitude(_ a: DecimalParts, _ b: DecimalParts) -> Int {
        if a.exponent != b.exponent { return a.exponent < b.exponent ? -1 : 1 }
        let n = max(a.digits.count, b.digits.count)
        for i in 0..<n {
            let x = i < a.digits.count ? a.digits[i] : 0
            let y = i < b.digits.count ? b.digits[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// Exact sum of two decimals.
    static func add(_ a: DecimalParts, _ b: DecimalParts) -> DecimalParts {
        if a.digits.isEmpty { return b }
        if b.digits.isEmpty { return a }
        // Align both on the exponent of their last digit.
        let lowA = a.exponent - (a.digits.count - 1)
        let lowB = b.exponent - (b.digits.count - 1)
        let low = min(lowA, lowB)
        let high = max(a.exponent, b.exponent)
        let width = high - low + 1
        func aligned(_ p: DecimalParts) -> [Int] {
            // Least significant digit first.
            var out = [Int](repeating: 0, count: width)
            let pLow = p.exponent - (p.digits.count - 1)
            for (i, d) in p.digits.reversed().enumerated() { out[pLow - low + i] = Int(d) }
            return out
        }
        let x = aligned(a)
        let y = aligned(b)
        var result: [Int]
        var negative: Bool
        if a.negative == b.negative {
            result = [Int](repeating: 0, count: width + 1)
            var carry = 0
            for i in 0..<width {
                let s = x[i] + y[i] + carry
                result[i] = s % 10
                carry = s / 10
            }
            result[width] = carry
            negative = a.negative
        } else {
            let cmp = compareMagnitude(a, b)
            if cmp == 0 { return DecimalParts(negative: false, digits: [], exponent: 0) }
            let (big, small) = cmp > 0 ? (x, y) : (y, x)
            negative = cmp > 0 ? a.negative : b.negative
            result = [Int](repeating: 0, count: width)
            var borrow = 0
            for i in 0..<width {
                var s = big[i] - small[i] - borrow
                if s < 0 { s += 10; borrow = 1 } else { borrow = 0 }
                result[i] = s
            }
        }
        let topExponent = low + result.count - 1
        let digits = result.reversed().map { UInt8($0) }
        return DecimalParts(negative: negative, digits: digits, exponent: topExponent)
    }
}
