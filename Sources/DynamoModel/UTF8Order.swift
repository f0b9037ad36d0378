// Byte-wise string comparison, as DynamoDB orders and matches names and string values.
// Swift's `String` `==` and `<` follow Unicode canonical equivalence; DynamoDB compares UTF-8 bytes.

extension String {
    /// -1, 0 or 1 comparing the UTF-8 bytes of two strings (not Unicode canonical equivalence).
    package func utf8Compare(_ other: String) -> Int {
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in compareBytes(a, b) }
        }
        if let fast, let result = fast { return result }
        return utf8.lexicographicallyPrecedes(other.utf8) ? -1 : (utf8.elementsEqual(other.utf8) ? 0 : 1)
    }

    /// Whether two strings have the same UTF-8 bytes (`"\u{E9}"` and `"e\u{301}"` do not).
    package func utf8Equals(_ other: String) -> Bool {
        // Byte-equal strings are canonically equivalent, so `==` rejects most unequal pairs cheaply;
        // identical representations (the same small string, or the same storage) are byte-equal.
        guard utf8.count == other.utf8.count, self == other else { return false }
        if unsafeBitCast(self, to: (UInt64, UInt64).self) == unsafeBitCast(other, to: (UInt64, UInt64).self) { return true }
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in a.count == b.count && compareBytes(a, b) == 0 }
        }
        if let fast, let result = fast { return result }
        return utf8.elementsEqual(other.utf8)
    }
}

/// -1, 0 or 1 comparing two byte buffers as unsigned bytes, shorter-prefix first.
package func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = Swift.min(a.count, b.count)
    var i = 0
    while i < n {
        let x = a[i]
        let y = b[i]
        if x != y { return x < y ? -1 : 1 }
        i += 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}
