/// An ordered-by-name collection of attributes: a whole item, a key, or the payload of an `M` value.
///
/// Names are compared as UTF-8 bytes, as DynamoDB does: canonically equivalent spellings
/// (`"\u{E9}"` and `"e\u{301}"`) are different attributes. Entries are kept sorted by name in a single array, which is compact (one allocation per map)
/// and fast to look up for the handful of attributes typical items carry.
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

    public private(set) var entries: [Entry]

    /// An empty map.
    public init() { entries = [] }

    /// A map from `(name, value)` pairs; a later duplicate name replaces an earlier one.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, AttributeValue) {
        entries = []
        entries.reserveCapacity(pairs.underestimatedCount)
        for (name, value) in pairs { self[name] = value }
    }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements)
    }

    /// The number of attributes.
    public var count: Int { entries.count }
    /// Whether the map has no attributes.
    public var isEmpty: Bool { entries.isEmpty }
    /// The attribute names, in UTF-8 byte order.
    public var names: [String] { entries.map(\.name) }

    private func position(of name: String) -> (found: Bool, index: Int) {
        // Through the buffer, so that probing a name does not copy (retain) the entry.
        entries.withUnsafeBufferPointer { buffer in
            var low = 0
            var high = buffer.count
            while low < high {
                let mid = (low + high) / 2
                let order = Self.compareUTF8(buffer[mid].name, name)
                if order == 0 { return (true, mid) }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return (false, low)
        }
    }

    /// -1, 0 or 1 comparing two names byte by byte (not by Unicode canonical equivalence).
    private static func compareUTF8(_ a: String, _ b: String) -> Int {
        a.utf8Compare(b)
    }

    /// The value of an attribute; setting `nil` removes it.
    public subscript(name: String) -> AttributeValue? {
        get {
            let p = position(of: name)
            return p.found ? entries[p.index].value : nil
        }
        set {
            let p = position(of: name)
            if let newValue {
                if p.found {
                    entries[p.index].value = newValue
                } else {
                    entries.insert(Entry(name: name, value: newValue), at: p.index)
                }
            } else if p.found {
                entries.remove(at: p.index)
            }
        }
    }

    /// Removes an attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey name: String) -> AttributeValue? {
        let old = self[name]
        self[name] = nil
        return old
    }

    /// Reserves room for `n` attributes.
    public mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// The attributes as a dictionary.
    public var dictionary: [String: AttributeValue] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) })
    }
}
