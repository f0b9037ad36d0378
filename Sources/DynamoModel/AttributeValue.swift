/// A DynamoDB attribute value: exactly one of the ten DynamoDB data types.
///
/// Equality follows DynamoDB: numbers compare numerically (they are stored canonical), sets
/// compare as sets (order-insensitive), maps compare by content, strings compare as UTF-8
/// bytes (not by Unicode canonical equivalence).
public enum AttributeValue: Sendable {
    case s(String)
    case n(DynamoNumber)
    case b([UInt8])
    case bool(Bool)
    case null
    case m(AttributeMap)
    case l([AttributeValue])
    case ss([String])
    case ns([DynamoNumber])
    case bs([[UInt8]])

    /// The DynamoDB JSON type key: `S`, `N`, `B`, `BOOL`, `NULL`, `M`, `L`, `SS`, `NS`, `BS`.
    public var typeName: String {
        switch self {
        case .s: "S"
        case .n: "N"
        case .b: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .m: "M"
        case .l: "L"
        case .ss: "SS"
        case .ns: "NS"
        case .bs: "BS"
        }
    }

    /// The spelled-out type name DynamoDB uses in some update-expression messages
    /// (`STRING`, `NUMBER`, `BINARY`, `BOOLEAN`, `NULL`, `MAP`, `LIST`, `STRING_SET`, …).
    public var longTypeName: String {
        switch self {
        case .s: "STRING"
        case .n: "NUMBER"
        case .b: "BINARY"
        case .bool: "BOOLEAN"
        case .null: "NULL"
        case .m: "MAP"
        case .l: "LIST"
        case .ss: "STRING_SET"
        case .ns: "NUMBER_SET"
        case .bs: "BINARY_SET"
        }
    }

    /// Whether this is one of the three set types.
    public var isSet: Bool {
        switch self {
        case .ss, .ns, .bs: true
        default: false
        }
    }

    /// The string payload of an `S` value.
    public var stringValue: String? { if case .s(let v) = self { v } else { nil } }
    /// The number payload of an `N` value.
    public var numberValue: DynamoNumber? { if case .n(let v) = self { v } else { nil } }
    /// The map payload of an `M` value.
    public var mapValue: AttributeMap? { if case .m(let v) = self { v } else { nil } }
    /// The list payload of an `L` value.
    public var listValue: [AttributeValue]? { if case .l(let v) = self { v } else { nil } }
}

extension AttributeValue: Hashable {
    public static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.s(let a), .s(let b)): a.utf8.elementsEqual(b.utf8)
        case (.n(let a), .n(let b)): a == b
        case (.b(let a), .b(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.m(let a), .m(let b)): a == b
        case (.l(let a), .l(let b)): a == b
        case (.ss(let a), .ss(let b)): a.count == b.count && Set(a.map { Array($0.utf8) }) == Set(b.map { Array($0.utf8) })
        case (.ns(let a), .ns(let b)): a.count == b.count && Set(a) == Set(b)
        case (.bs(let a), .bs(let b)): a.count == b.count && Set(a) == Set(b)
        default: false
        }
    }

    // String hashes agree for byte-equal strings, so they stay valid under byte-wise equality.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(typeName)
        switch self {
        case .s(let v): hasher.combine(v)
        case .n(let v): hasher.combine(v)
        case .b(let v): hasher.combine(v)
        case .bool(let v): hasher.combine(v)
        case .null: break
        case .m(let v): hasher.combine(v)
        case .l(let v): hasher.combine(v)
        case .ss(let v): hasher.combine(Self.unorderedHash(v))
        case .ns(let v): hasher.combine(Self.unorderedHash(v))
        case .bs(let v): hasher.combine(Self.unorderedHash(v))
        }
    }

    /// A hash that does not depend on element order, so that equal sets hash alike.
    private static func unorderedHash<T: Hashable>(_ elements: [T]) -> Int {
        var sum = 0
        for element in elements { sum &+= element.hashValue }
        return sum
    }
}
