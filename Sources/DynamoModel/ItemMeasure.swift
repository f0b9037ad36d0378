/// An item's DynamoDB size together with the length of its DynamoDB JSON, as a stream record
/// needs them (SizeBytes, and the 1 MB GetRecords page cap).
///
/// `wireLength` is the length of the map's DynamoDB JSON text ignoring string escapes:
/// `{"name":{"S":"text"},…}` counted as 2 for the braces plus, per attribute, the name, 4 for
/// its quotes, colon and comma, and the value's wire length (see
/// ``AttributeValue/measure``).
public struct ItemMeasure: Sendable, Equatable {
    /// The DynamoDB item size (Σ name UTF-8 length + value size), as `AttributeMap.itemSize`.
    public var size: Int
    /// The approximate length of the item's DynamoDB JSON (string escapes ignored).
    public var wireLength: Int

    /// A measure from its two parts.
    public init(size: Int, wireLength: Int) {
        self.size = size
        self.wireLength = wireLength
    }
}

extension AttributeMap {
    /// ``itemSize`` and the DynamoDB JSON length of the map in one pass that reads strings,
    /// integers, booleans and nulls in place (other values are measured through a copy).
    public var measure: ItemMeasure {
        names.withUnsafeBufferPointer { names in
            storage.measure(names: names)
        }
    }

    /// The ``measure`` of a map holding only this map's values at positions `first` and (when
    /// given) `second`, under names of UTF-8 lengths `firstNameLength` and `secondNameLength`:
    /// a Keys map rebuilt from an item, measured in place without building it.
    public func measureSubmap(_ first: Int, nameLength firstNameLength: Int, _ second: Int?, nameLength secondNameLength: Int) -> ItemMeasure {
        let value = measureValue(at: first)
        var size = firstNameLength + value.size
        var wire = 2 + 4 + firstNameLength + value.wireLength
        if let second {
            let other = measureValue(at: second)
            size += secondNameLength + other.size
            wire += 4 + secondNameLength + other.wireLength
        }
        return ItemMeasure(size: size, wireLength: wire)
    }

    /// ``AttributeValue/measure`` of the value at a position of ``names``, reading strings,
    /// integers, booleans and nulls in place.
    public func measureValue(at index: Int) -> ItemMeasure {
        precondition(index >= 0 && index < storage.count, "value index out of range")
        return storage.measure(index)
    }
}

extension ValueSlots {
    /// See ``AttributeMap/measure``: one walk over names and slots.
    @inline(__always)
    func measure(names: UnsafeBufferPointer<String>) -> ItemMeasure {
        let count = min(self.count, names.count)
        var size = 0
        var wire = 2 + 4 * count
        for i in 0..<count {
            let name = names[i].utf8.count
            let value = measure(i)
            size &+= name &+ value.size
            wire &+= name &+ value.wireLength
        }
        return ItemMeasure(size: size, wireLength: wire)
    }

    /// ``AttributeValue/measure`` of the value in slot `i`: strings, integers, booleans and nulls
    /// are read in place, other values through a copy.
    @inline(__always)
    func measure(_ i: Int) -> ItemMeasure {
        switch kind(i) {
        case .s:
            let count = typed(i, String.self).pointee.utf8.count
            return ItemMeasure(size: count, wireLength: 8 + count)
        case .integer:
            let number = ItemMeasure.integer(typed(i, Int.self).pointee)
            return ItemMeasure(size: number.size, wireLength: 8 + number.textLength)
        case .bool, .null:
            return ItemMeasure(size: 1, wireLength: 14)
        case .numberText, .b, .m, .l, .ss, .ns, .bs:
            return value(i).measure
        }
    }
}

extension AttributeValue {
    /// The value's DynamoDB size and the length of its DynamoDB JSON (`{"S":"…"}` and so on,
    /// string escapes ignored; binary counted as its base64 text).
    public var measure: ItemMeasure {
        switch self {
        case .s(let v):
            let count = v.utf8.count
            return ItemMeasure(size: count, wireLength: 8 + count)
        case .n(let v):
            let number = ItemMeasure.number(v)
            return ItemMeasure(size: number.size, wireLength: 8 + number.textLength)
        case .b(let v):
            return ItemMeasure(size: size, wireLength: 8 + (v.count + 2) / 3 * 4)
        case .bool, .null:
            return ItemMeasure(size: 1, wireLength: 14)
        case .ss(let v):
            return ItemMeasure(size: size, wireLength: 9 + v.reduce(0) { $0 + $1.utf8.count + 3 })
        case .ns(let v):
            return ItemMeasure(size: size, wireLength: 9 + v.reduce(0) { $0 + ItemMeasure.number($1).textLength + 3 })
        case .bs(let v):
            return ItemMeasure(size: size, wireLength: 9 + v.reduce(0) { $0 + ($1.count + 2) / 3 * 4 + 3 })
        case .l(let v):
            return ItemMeasure(size: size, wireLength: 8 + v.reduce(0) { $0 + $1.measure.wireLength + 1 })
        case .m(let v):
            return ItemMeasure(size: size, wireLength: 6 + v.measure.wireLength)
        }
    }
}

extension ItemMeasure {
    /// A number's `storageSize` and the UTF-8 length of its canonical text.
    public static func number(_ number: DynamoNumber) -> (size: Int, textLength: Int) {
        guard let value = number.intValue else { return (number.storageSize, number.canonical.utf8.count) }
        return integer(value)
    }

    /// An integer's `DynamoNumber` storage size and canonical text length, from one pass over its
    /// decimal digits (no text, no division per significant digit).
    @inline(__always)
    public static func integer(_ value: Int) -> (size: Int, textLength: Int) {
        guard value != 0 else { return (1, 1) }
        let shape = CanonicalShape(integer: value)
        // Canonical integer text: every digit through the exponent, and a sign.
        return (shape.storageSize, shape.exponent + 1 + (shape.negative ? 1 : 0))
    }
}
