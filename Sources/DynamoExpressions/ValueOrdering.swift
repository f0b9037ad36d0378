import DynamoModel

/// AWS ordering of scalar values (dynamodb-core §2.4): `N` numerically, `S` by UTF-8 bytes, `B` by
/// unsigned bytes, a prefix sorting first.
///
/// - Returns: -1, 0 or 1; `nil` when the values are not both N, both S or both B.
public func compareScalars(_ a: AttributeValue, _ b: AttributeValue) -> Int? {
    switch (a, b) {
    case (.n(let x), .n(let y)):
        return x == y ? 0 : (x < y ? -1 : 1)
    case (.s(let x), .s(let y)):
        return compareBytes(x.utf8, y.utf8)
    case (.b(let x), .b(let y)):
        return compareBytes(x, y)
    default:
        return nil
    }
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
