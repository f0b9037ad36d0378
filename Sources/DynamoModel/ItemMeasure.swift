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
}

extension AttributeMap {
    /// ``AttributeValue/measure`` of the value at a position of ``names``, reading strings,
    /// integers, booleans and nulls in place.
    public func measureValue(at index: Int) -> ItemMeasure {
        switch peek(at: index) {
        case .string(let count): return ItemMeasure(size: count, wireLength: 8 + count)
        case .integer(let integer):
            let number = ItemMeasure.integer(integer)
            return ItemMeasure(size: number.size, wireLength: 8 + number.textLength)
        case .boolean, .null: return ItemMeasure(size: 1, wireLength: 14)
        case .other: return value(at: index).measure
        }
    }
}

extension ValueSlots {
    /// See ``AttributeMap/measure``: one walk over names, kinds and payloads.
    @inline(__always)
    func measure(names: UnsafeBufferPointer<String>) -> ItemMeasure {
        withUnsafeMutablePointers { header, elements in
            let count = min(header.pointee.count, names.count)
            let kinds = UnsafeMutableRawPointer(elements + header.pointee.capacity)
            var size = 0
            var wire = 2 + 4 * count
            for i in 0..<count {
                let name = names[i].utf8.count
                size &+= name
                wire &+= name
                let slot = UnsafeMutableRawPointer(elements + i)
                switch Kind(rawValue: kinds.load(fromByteOffset: i, as: UInt8.self)) {
                case .s:
                    let length = slot.assumingMemoryBound(to: String.self).pointee.utf8.count
                    size &+= length
                    wire &+= 8 &+ length
                case .integer:
                    let number = ItemMeasure.integer(slot.assumingMemoryBound(to: Int.self).pointee)
                    size &+= number.size
                    wire &+= 8 &+ number.textLength
                case .bool, .null:
                    size &+= 1
                    wire &+= 14
                default:
                    let value = self.value(i).measure
                    size &+= value.size
                    wire &+= value.wireLength
                }
            }
            return ItemMeasure(size: size, wireLength: wire)
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
        var magnitude = value.magnitude
        var trailingZeros = 0
        while magnitude % 10 == 0 {
            magnitude /= 10
            trailingZeros += 1
        }
        var digits = 1
        var power: UInt = 10
        while digits < 20, magnitude >= power {
            digits += 1
            power &*= 10
        }
        // One byte, then two significant digits a byte, aligned on the exponent's parity.
        let exponent = digits + trailingZeros - 1
        var size = 1 + (digits + 1) / 2
        if digits % 2 == 0 && exponent % 2 == 0 { size += 1 }
        var length = digits + trailingZeros
        if value < 0 {
            size += 1
            length += 1
        }
        return (size, length)
    }
}
