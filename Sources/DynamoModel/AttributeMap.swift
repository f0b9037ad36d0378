/// An ordered-by-name collection of attributes: a whole item, a key, or the payload of an `M` value.
///
/// Names are compared as UTF-8 bytes, as DynamoDB does: canonically equivalent spellings
/// (`"\u{E9}"` and `"e\u{301}"`) are different attributes.
///
/// Storage is two parallel arrays kept sorted by name: the names and the values. Items of one
/// table usually carry the same attribute names, so a table can make its stored items share one
/// names array (``shareNames(with:)``): each stored item then owns only its values.
public struct AttributeMap: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// One attribute: its name and value.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var value: AttributeValue

        public init(name: String, value: AttributeValue) {
            self.name = name
            self.value = value
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.name.utf8Equals(rhs.name) && lhs.value == rhs.value
        }
    }

    /// The attribute names, in UTF-8 byte order.
    public private(set) var names: [String]
    /// The attribute values, in the order of ``names``.
    public private(set) var values: [AttributeValue]

    /// An empty map.
    public init() {
        names = []
        values = []
    }

    /// A map from `(name, value)` pairs; a later duplicate name replaces an earlier one.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, AttributeValue) {
        names = []
        values = []
        let expected = pairs.underestimatedCount
        names.reserveCapacity(expected)
        values.reserveCapacity(expected)
        for (name, value) in pairs { self[name] = value }
    }

    /// A map from names already in UTF-8 byte order, without duplicates, and their values.
    /// Passing a names array another map holds shares it.
    public init(sortedNames: [String], values: [AttributeValue]) {
        precondition(sortedNames.count == values.count, "one value per name")
        names = sortedNames
        self.values = values
    }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements)
    }

    /// The number of attributes.
    public var count: Int { names.count }
    /// Whether the map has no attributes.
    public var isEmpty: Bool { names.isEmpty }
    /// The attributes as (name, value) entries, in UTF-8 byte order of the names.
    public var entries: [Entry] { (0..<names.count).map { Entry(name: names[$0], value: values[$0]) } }

    /// Calls `body` with the names and the values in place (no copies, no retains per entry).
    @inlinable
    public func withUnsafeBuffers<R>(
        _ body: (UnsafeBufferPointer<String>, UnsafeBufferPointer<AttributeValue>) throws -> R
    ) rethrows -> R {
        try names.withUnsafeBufferPointer { n in try values.withUnsafeBufferPointer { v in try body(n, v) } }
    }

    /// The position of `name` among the names, if present.
    public func index(of name: String) -> Int? {
        let p = position(of: name)
        return p.found ? p.index : nil
    }

    private func position(of name: String) -> (found: Bool, index: Int) {
        // Through the buffer, so that probing a name does not retain it.
        names.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let mid = (low + high) / 2
                let order = buffer[mid].utf8Compare(name)
                if order == 0 { return (true, mid) }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return (false, low)
        }
    }

    /// The position of `name` for reading: small maps (keys) are scanned for an equal name, which
    /// is cheaper than ordering comparisons; larger ones are searched.
    @inline(__always)
    private func lookup(_ name: String) -> Int? {
        if names.count > 4 { return index(of: name) }
        return names.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where buffer[i].utf8Equals(name) { return i }
            return nil
        }
    }

    /// The value of an attribute; setting `nil` removes it.
    public subscript(name: String) -> AttributeValue? {
        get {
            guard let i = lookup(name) else { return nil }
            return values[i]
        }
        set {
            let p = position(of: name)
            if let newValue {
                if p.found {
                    values[p.index] = newValue
                } else {
                    names.insert(name, at: p.index)
                    values.insert(newValue, at: p.index)
                }
            } else if p.found {
                names.remove(at: p.index)
                values.remove(at: p.index)
            }
        }
    }

    /// Removes an attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey name: String) -> AttributeValue? {
        let p = position(of: name)
        guard p.found else { return nil }
        names.remove(at: p.index)
        return values.remove(at: p.index)
    }

    /// Reserves room for `n` attributes.
    public mutating func reserveCapacity(_ n: Int) {
        names.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    /// Makes this map use `other`'s names array when both hold the same names (byte for byte), so
    /// that the two share one copy of the names; the map's content does not change.
    /// - Returns: whether the names are now shared.
    @discardableResult
    public mutating func shareNames(with other: [String]) -> Bool {
        let same = names.withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in
                if mine.baseAddress == theirs.baseAddress { return true }
                guard mine.count == theirs.count else { return false }
                for i in mine.indices where !mine[i].utf8Equals(theirs[i]) { return false }
                return true
            }
        }
        if same { names = other }
        return same
    }

    public struct Iterator: IteratorProtocol {
        let names: [String]
        let values: [AttributeValue]
        var index = 0

        public mutating func next() -> Entry? {
            guard index < names.count else { return nil }
            defer { index += 1 }
            return Entry(name: names[index], value: values[index])
        }
    }

    public func makeIterator() -> Iterator { Iterator(names: names, values: values) }

    public var underestimatedCount: Int { names.count }

    /// The attributes as a dictionary.
    public var dictionary: [String: AttributeValue] {
        Dictionary(uniqueKeysWithValues: zip(names, values).map { ($0, $1) })
    }

    public static func == (lhs: AttributeMap, rhs: AttributeMap) -> Bool {
        guard lhs.names.count == rhs.names.count else { return false }
        return lhs.withUnsafeBuffers { ln, lv in
            rhs.withUnsafeBuffers { rn, rv in
                for i in ln.indices where !ln[i].utf8Equals(rn[i]) || lv[i] != rv[i] { return false }
                return true
            }
        }
    }

    // Byte-equal strings hash alike under `String`'s hash, so this stays valid under byte equality.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(names.count)
        for i in names.indices {
            hasher.combine(names[i])
            hasher.combine(values[i])
        }
    }
}
