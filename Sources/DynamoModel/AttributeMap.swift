/// An ordered-by-name collection of attributes: a whole item, a key, or the payload of an `M` value.
///
/// Names are compared as UTF-8 bytes, as DynamoDB does: canonically equivalent spellings
/// (`"\u{E9}"` and `"e\u{301}"`) are different attributes.
///
/// Storage is the names, sorted, and the values in the same order, packed (see `ValueSlots`).
/// Items of one table usually carry the same attribute names, so a table can make its stored
/// items share one names array (``shareNames(with:)``): each stored item then owns only its values.
// Sendable by value semantics: the values storage is copied before any mutation unless uniquely
// referenced (ManagedBuffer subclasses cannot declare Sendable themselves).
public struct AttributeMap: @unchecked Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
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

    /// The values of a map, in the order of its names (read-only view; each read is a copy).
    public struct Values: RandomAccessCollection, @unchecked Sendable {
        @usableFromInline let storage: ValueSlots

        @usableFromInline
        init(storage: ValueSlots) {
            self.storage = storage
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { storage.count }

        public subscript(position: Int) -> AttributeValue {
            precondition(position >= 0 && position < storage.count, "value index out of range")
            return storage.value(position)
        }
    }

    /// The attribute names, in UTF-8 byte order.
    public private(set) var names: [String]
    @usableFromInline var storage: ValueSlots

    /// The attribute values, in the order of ``names``.
    public var values: Values { Values(storage: storage) }

    /// An empty map.
    public init() {
        names = []
        storage = ValueSlots.empty
    }

    /// A map from `(name, value)` pairs; a later duplicate name replaces an earlier one.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, AttributeValue) {
        names = []
        storage = ValueSlots.empty
        reserveCapacity(pairs.underestimatedCount)
        for (name, value) in pairs { self[name] = value }
    }

    /// A map from names already in UTF-8 byte order, without duplicates, and their values.
    /// Passing a names array another map holds shares it.
    public init(sortedNames: [String], values: [AttributeValue]) {
        precondition(sortedNames.count == values.count, "one value per name")
        names = sortedNames
        storage = ValueSlots.make(capacity: values.count)
        for i in values.indices { storage.initialize(i, with: values[i]) }
        storage.count = values.count
    }

    /// A map over one or two `sortedNames` (in UTF-8 byte order) whose values are copies of
    /// `source`'s values at `first` and `second`, in the names' order, copied in their packed form
    /// (a stream record's Keys from its image, for example).
    public init(sortedNames: [String], valuesOf source: AttributeMap, at first: Int, _ second: Int? = nil) {
        let count = second == nil ? 1 : 2
        precondition(sortedNames.count == count, "one position per name")
        names = sortedNames
        storage = ValueSlots.make(capacity: count)
        precondition(first >= 0 && first < source.storage.count, "value index out of range")
        storage.initialize(0, copying: first, of: source.storage)
        if let second {
            precondition(second >= 0 && second < source.storage.count, "value index out of range")
            storage.initialize(1, copying: second, of: source.storage)
        }
        storage.count = count
    }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.init(elements)
    }

    /// The number of attributes.
    public var count: Int { names.count }
    /// Whether the map has no attributes.
    public var isEmpty: Bool { names.isEmpty }
    /// The attributes as (name, value) entries, in UTF-8 byte order of the names.
    public var entries: [Entry] { names.indices.map { Entry(name: names[$0], value: storage.value($0)) } }

    /// The value at a position of ``names``.
    public func value(at index: Int) -> AttributeValue {
        precondition(index >= 0 && index < storage.count, "value index out of range")
        return storage.value(index)
    }

    /// Calls `body` with the names in place and the values.
    @inlinable
    public func withUnsafeBuffers<R>(_ body: (UnsafeBufferPointer<String>, Values) throws -> R) rethrows -> R {
        let values = Values(storage: storage)
        return try names.withUnsafeBufferPointer { try body($0, values) }
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

    /// Makes the values storage this map's own, with room for at least `minimumCapacity` values.
    private mutating func makeUnique(minimumCapacity: Int) {
        if isKnownUniquelyReferenced(&storage) && storage.valueCapacity >= minimumCapacity { return }
        let grown = minimumCapacity > storage.valueCapacity && storage.valueCapacity > 0 ? Swift.max(minimumCapacity, storage.valueCapacity + storage.valueCapacity / 2) : minimumCapacity
        storage = storage.copy(capacity: Swift.max(grown, storage.count))
    }

    /// The value of an attribute; setting `nil` removes it.
    public subscript(name: String) -> AttributeValue? {
        get {
            guard let i = lookup(name) else { return nil }
            return storage.value(i)
        }
        set {
            let p = position(of: name)
            if let newValue {
                if p.found {
                    makeUnique(minimumCapacity: storage.count)
                    storage.destroy(p.index)
                    storage.initialize(p.index, with: newValue)
                } else {
                    let count = storage.count
                    makeUnique(minimumCapacity: count + 1)
                    storage.shift(p.index..<count, by: 1)
                    storage.initialize(p.index, with: newValue)
                    storage.count = count + 1
                    names.insert(name, at: p.index)
                }
            } else if p.found {
                remove(at: p.index)
            }
        }
    }

    private mutating func remove(at index: Int) {
        let count = storage.count
        makeUnique(minimumCapacity: count)
        storage.destroy(index)
        storage.shift((index + 1)..<count, by: -1)
        storage.count = count - 1
        names.remove(at: index)
    }

    /// Removes an attribute, returning its value.
    @discardableResult
    public mutating func removeValue(forKey name: String) -> AttributeValue? {
        let p = position(of: name)
        guard p.found else { return nil }
        let old = storage.value(p.index)
        remove(at: p.index)
        return old
    }

    /// Reserves room for `n` attributes.
    public mutating func reserveCapacity(_ n: Int) {
        names.reserveCapacity(n)
        if n > storage.valueCapacity { storage = storage.copy(capacity: n) }
    }

    /// Whether this map's names are the very array `other` (one storage, not merely equal names).
    @inlinable
    public func usesNames(_ other: [String]) -> Bool {
        names.count == other.count && names.withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
        }
    }

    /// Makes this map use `other`'s names array when both hold the same names (byte for byte), so
    /// that the two share one copy of the names; the map's content does not change.
    /// - Returns: whether the names are now shared.
    @discardableResult
    public mutating func shareNames(with other: [String]) -> Bool {
        if usesNames(other) { return true }
        let same = names.withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in
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
        let storage: ValueSlots
        var index = 0

        public mutating func next() -> Entry? {
            guard index < names.count else { return nil }
            defer { index += 1 }
            return Entry(name: names[index], value: storage.value(index))
        }
    }

    public func makeIterator() -> Iterator { Iterator(names: names, storage: storage) }

    public var underestimatedCount: Int { names.count }

    /// The attributes as a dictionary.
    public var dictionary: [String: AttributeValue] {
        Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], storage.value($0)) })
    }

    /// The item size: Σ over attributes of the name's UTF-8 length plus the value's size.
    public var itemSize: Int {
        names.withUnsafeBufferPointer { names in
            var total = 0
            for i in names.indices { total += names[i].utf8.count + storage.size(i) }
            return total
        }
    }

    public static func == (lhs: AttributeMap, rhs: AttributeMap) -> Bool {
        guard lhs.names.count == rhs.names.count else { return false }
        if lhs.storage === rhs.storage { return zip(lhs.names, rhs.names).allSatisfy { $0.utf8Equals($1) } }
        for i in lhs.names.indices where !lhs.names[i].utf8Equals(rhs.names[i]) || lhs.storage.value(i) != rhs.storage.value(i) {
            return false
        }
        return true
    }

    // Byte-equal strings hash alike under `String`'s hash, so this stays valid under byte equality.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(names.count)
        for i in names.indices {
            hasher.combine(names[i])
            hasher.combine(storage.value(i))
        }
    }
}
