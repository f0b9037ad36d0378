/// The values of an `AttributeMap`: each value's payload in a 16-byte slot and its kind in one
/// byte, about 17 bytes per value where an array of `AttributeValue` takes 24 (the enum is 17
/// bytes, padded). Items are most of the engine's memory, so this is what a stored item costs.
///
/// Slots hold their payloads as the payload's own type (a `String`, an `Int`, an array …),
/// initialized, read and destroyed through typed pointers by kind. Instances are mutated only
/// while uniquely referenced (`AttributeMap` copies on write).
@usableFromInline
final class ValueSlots: ManagedBuffer<ValueSlots.Header, ValueSlots.Slot> {
    @usableFromInline
    struct Header {
        var count: Int
        var capacity: Int
    }

    /// Raw room for one payload; never read as itself.
    @usableFromInline
    struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    enum Kind: UInt8 {
        case s, integer, numberText, b, bool, null, m, l, ss, ns, bs
    }

    /// Room for `capacity` values (no values yet).
    static func make(capacity: Int) -> ValueSlots {
        // The kinds live after the payload slots, 16 to a slot.
        let slots = capacity + (capacity + 15) / 16
        let buffer = create(minimumCapacity: slots) { _ in Header(count: 0, capacity: capacity) }
        return unsafeDowncast(buffer, to: ValueSlots.self)
    }

    /// The storage of every empty map (never mutated: it is never uniquely referenced).
    nonisolated(unsafe) static let empty = make(capacity: 0)

    // The header is read through its pointer: the `header` property of a class is checked for
    // exclusive access at run time on every use.
    var count: Int {
        get { withUnsafeMutablePointerToHeader { $0.pointee.count } }
        set { withUnsafeMutablePointerToHeader { $0.pointee.count = newValue } }
    }

    var valueCapacity: Int { withUnsafeMutablePointerToHeader { $0.pointee.capacity } }

    deinit {
        for i in 0..<count { destroy(i) }
    }

    @inline(__always)
    private func slot(_ i: Int) -> UnsafeMutableRawPointer {
        withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0 + i) }
    }

    @inline(__always)
    private func kinds() -> UnsafeMutableRawPointer {
        withUnsafeMutablePointers { header, elements in UnsafeMutableRawPointer(elements + header.pointee.capacity) }
    }

    @inline(__always)
    func kind(_ i: Int) -> Kind {
        Kind(rawValue: kinds().load(fromByteOffset: i, as: UInt8.self)) ?? .null
    }

    @inline(__always)
    func typed<T>(_ i: Int, _ type: T.Type) -> UnsafeMutablePointer<T> {
        slot(i).bindMemory(to: T.self, capacity: 1)
    }

    /// Stores `value` in slot `i`, which holds no value.
    func initialize(_ i: Int, with value: AttributeValue) {
        let raw = slot(i)
        let kind: Kind
        switch value {
        case .s(let v): raw.initializeMemory(as: String.self, repeating: v, count: 1); kind = .s
        case .n(let v):
            switch v.storage {
            case .integer(let integer): raw.initializeMemory(as: Int.self, repeating: integer, count: 1); kind = .integer
            case .text(let text): raw.initializeMemory(as: String.self, repeating: text, count: 1); kind = .numberText
            }
        case .b(let v): raw.initializeMemory(as: [UInt8].self, repeating: v, count: 1); kind = .b
        case .bool(let v): raw.initializeMemory(as: Bool.self, repeating: v, count: 1); kind = .bool
        case .null: kind = .null
        case .m(let v): raw.initializeMemory(as: AttributeMap.self, repeating: v, count: 1); kind = .m
        case .l(let v): raw.initializeMemory(as: [AttributeValue].self, repeating: v, count: 1); kind = .l
        case .ss(let v): raw.initializeMemory(as: [String].self, repeating: v, count: 1); kind = .ss
        case .ns(let v): raw.initializeMemory(as: [DynamoNumber].self, repeating: v, count: 1); kind = .ns
        case .bs(let v): raw.initializeMemory(as: [[UInt8]].self, repeating: v, count: 1); kind = .bs
        }
        kinds().storeBytes(of: kind.rawValue, toByteOffset: i, as: UInt8.self)
    }

    /// Stores in slot `j`, which holds no value, a copy of `source`'s value in slot `i`, slot to
    /// slot (no `AttributeValue` is built).
    func initialize(_ j: Int, copying i: Int, of source: ValueSlots) {
        let kind = source.kind(i)
        switch kind {
        case .s, .numberText: typed(j, String.self).initialize(to: source.typed(i, String.self).pointee)
        case .integer: typed(j, Int.self).initialize(to: source.typed(i, Int.self).pointee)
        case .bool: typed(j, Bool.self).initialize(to: source.typed(i, Bool.self).pointee)
        case .null: break
        case .b: typed(j, [UInt8].self).initialize(to: source.typed(i, [UInt8].self).pointee)
        case .m: typed(j, AttributeMap.self).initialize(to: source.typed(i, AttributeMap.self).pointee)
        case .l: typed(j, [AttributeValue].self).initialize(to: source.typed(i, [AttributeValue].self).pointee)
        case .ss: typed(j, [String].self).initialize(to: source.typed(i, [String].self).pointee)
        case .ns: typed(j, [DynamoNumber].self).initialize(to: source.typed(i, [DynamoNumber].self).pointee)
        case .bs: typed(j, [[UInt8]].self).initialize(to: source.typed(i, [[UInt8]].self).pointee)
        }
        kinds().storeBytes(of: kind.rawValue, toByteOffset: j, as: UInt8.self)
    }

    /// A copy of the value in slot `i`.
    func value(_ i: Int) -> AttributeValue {
        switch kind(i) {
        case .s: .s(typed(i, String.self).pointee)
        case .integer: .n(DynamoNumber(typed(i, Int.self).pointee))
        case .numberText: .n(DynamoNumber(storage: .text(typed(i, String.self).pointee)))
        case .b: .b(typed(i, [UInt8].self).pointee)
        case .bool: .bool(typed(i, Bool.self).pointee)
        case .null: .null
        case .m: .m(typed(i, AttributeMap.self).pointee)
        case .l: .l(typed(i, [AttributeValue].self).pointee)
        case .ss: .ss(typed(i, [String].self).pointee)
        case .ns: .ns(typed(i, [DynamoNumber].self).pointee)
        case .bs: .bs(typed(i, [[UInt8]].self).pointee)
        }
    }

    /// The DynamoDB size of the value in slot `i`, read in place.
    func size(_ i: Int) -> Int {
        switch kind(i) {
        case .s: typed(i, String.self).pointee.utf8.count
        case .integer: DynamoNumber(typed(i, Int.self).pointee).storageSize
        case .numberText, .b, .m, .l, .ss, .ns, .bs: value(i).size
        case .bool, .null: 1
        }
    }

    /// Destroys the value in slot `i`, leaving it empty.
    func destroy(_ i: Int) {
        switch kind(i) {
        case .s, .numberText: typed(i, String.self).deinitialize(count: 1)
        case .integer, .bool, .null: break
        case .b: typed(i, [UInt8].self).deinitialize(count: 1)
        case .m: typed(i, AttributeMap.self).deinitialize(count: 1)
        case .l: typed(i, [AttributeValue].self).deinitialize(count: 1)
        case .ss: typed(i, [String].self).deinitialize(count: 1)
        case .ns: typed(i, [DynamoNumber].self).deinitialize(count: 1)
        case .bs: typed(i, [[UInt8]].self).deinitialize(count: 1)
        }
    }

    /// Moves the values in `range` by `offset` slots (payloads are moved bitwise, as Swift values
    /// may be); the slots left behind hold no value.
    func shift(_ range: Range<Int>, by offset: Int) {
        guard !range.isEmpty else { return }
        let stride = MemoryLayout<Slot>.stride
        slot(range.lowerBound + offset).copyMemory(from: slot(range.lowerBound), byteCount: range.count * stride)
        let kinds = kinds()
        (kinds + range.lowerBound + offset).copyMemory(from: kinds + range.lowerBound, byteCount: range.count)
    }

    /// A copy with room for `capacity` values.
    func copy(capacity: Int) -> ValueSlots {
        let copy = ValueSlots.make(capacity: capacity)
        let n = count
        for i in 0..<n { copy.initialize(i, with: value(i)) }
        copy.count = n
        return copy
    }
}
