import DynamoModel

/// AWS ordering of scalar values (dynamodb-core §2.4): `N` numerically, `S` by UTF-8 bytes, `B` by
/// unsigned bytes, a prefix sorting first.
///
/// - Returns: -1, 0 or 1; `nil` when the values are not both N, both S or both B.
public func compareScalars(_ a: AttributeValue, _ b: AttributeValue) -> Int? {
    switch (a, b) {
    case (.n(let x), .n(let y)):
        return compareNumbers(x, y)
    case (.s(let x), .s(let y)):
        let fast = x.utf8.withContiguousStorageIfAvailable { a in
            y.utf8.withContiguousStorageIfAvailable { b in compareBytes(a, b) }
        }
        return (fast ?? nil) ?? compareBytes(x.utf8, y.utf8)
    case (.b(let x), .b(let y)):
        return compareBytes(x, y)
    default:
        return nil
    }
}

/// Numeric comparison on canonical text, without allocating (DynamoNumber's own `<` decodes both
/// operands into digit arrays, too slow for filters over many items).
///
/// Canonical text is `-?` + integer digits (no leading zeros; `0` when below one) + optional
/// `.` + fraction digits (no trailing zeros). So between non-negative numbers a longer integer
/// part is larger, and with equal integer-part lengths the byte order is the numeric order.
func compareNumbers(_ x: DynamoNumber, _ y: DynamoNumber) -> Int {
    let fast = x.canonical.utf8.withContiguousStorageIfAvailable { a in
        y.canonical.utf8.withContiguousStorageIfAvailable { b in compareCanonical(a, b) }
    }
    if let order = fast ?? nil { return order }
    return Array(x.canonical.utf8).withUnsafeBufferPointer { a in
        Array(y.canonical.utf8).withUnsafeBufferPointer { b in compareCanonical(a, b) }
    }
}

private func compareCanonical(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let minus = UInt8(ascii: "-")
    let aNegative = a.first == minus
    let bNegative = b.first == minus
    if aNegative != bNegative { return aNegative ? -1 : 1 }
    let aStart = aNegative ? 1 : 0
    let bStart = bNegative ? 1 : 0
    let aInteger = integerLength(a, from: aStart)
    let bInteger = integerLength(b, from: bStart)
    let order: Int
    if aInteger != bInteger {
        order = aInteger < bInteger ? -1 : 1
    } else {
        order = compareBytes(a[aStart...], b[bStart...])
    }
    return aNegative ? -order : order
}

private func integerLength(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    while index < text.count, text[index] != UInt8(ascii: ".") { index += 1 }
    return index - start
}

/// Lexicographic comparison of unsigned byte sequences.
func compareBytes<A: Sequence, B: Sequence>(_ a: A, _ b: B) -> Int where A.Element == UInt8, B.Element == UInt8 {
    var left = a.makeIterator()
    var right = b.makeIterator()
    while true {
        switch (left.next(), right.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
        }
    }
}

/// Whether `needle` occurs as a contiguous run of bytes in `haystack`.
func containsBytes<H: Collection, N: Collection>(_ haystack: H, _ needle: N) -> Bool
where H.Element == UInt8, N.Element == UInt8 {
    if needle.isEmpty { return true }
    let count = needle.count
    guard haystack.count >= count else { return false }
    var start = haystack.startIndex
    var remaining = haystack.count
    while remaining >= count {
        if haystack[start...].starts(with: needle) { return true }
        haystack.formIndex(after: &start)
        remaining -= 1
    }
    return false
}

/// `size()` of a value (§4.4): S and B byte length, set/list element count, map entry count;
/// `nil` for N, BOOL and NULL.
func sizeOf(_ value: AttributeValue) -> Int? {
    switch value {
    case .s(let text): text.utf8.count
    case .b(let bytes): bytes.count
    case .ss(let elements): elements.count
    case .ns(let elements): elements.count
    case .bs(let elements): elements.count
    case .l(let elements): elements.count
    case .m(let map): map.count
    case .n, .bool, .null: nil
    }
}

extension AttributeValue {
    /// Whether the type may be ordered with `<`, `BETWEEN`, … (N, S or B).
    var isOrderable: Bool {
        switch self {
        case .n, .s, .b: true
        default: false
        }
    }
}

/// DynamoDB equality (§4.4): strings compare by their UTF-8 bytes (no Unicode normalisation, unlike
/// Swift `String ==`), numbers numerically, sets as sets, lists element-wise in order, maps deeply.
func valuesEqual(_ a: AttributeValue, _ b: AttributeValue) -> Bool {
    switch (a, b) {
    case (.s(let x), .s(let y)):
        return x.utf8.count == y.utf8.count && x.utf8.elementsEqual(y.utf8)
    case (.l(let x), .l(let y)):
        guard x.count == y.count else { return false }
        for index in x.indices where !valuesEqual(x[index], y[index]) { return false }
        return true
    case (.m(let x), .m(let y)):
        guard x.count == y.count else { return false }
        for entry in x {
            guard let other = y[entry.name], valuesEqual(entry.value, other) else { return false }
        }
        return true
    default:
        return a == b
    }
}

/// Whether a string set has `member`, comparing UTF-8 bytes.
func setContains(_ set: [String], _ member: String) -> Bool {
    for element in set where element.utf8.count == member.utf8.count && element.utf8.elementsEqual(member.utf8) {
        return true
    }
    return false
}
