// MARK: - DynamoDB JSON (the wire form of AttributeValue)

extension AttributeValue {
    /// DynamoDB's maximum nesting depth of M/L values.
    public static let maximumNestingDepth = 32

    /// The attribute itself is level 1: 31 nested M/L (leaf at level 32) are accepted, 32 are not.
    /// Text as DynamoDB returns it (eu-west-2); some regions stop after "limits".
    static let nestingTooDeep = DynamoError.validation(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit")

    /// Decodes and validates one AttributeValue in DynamoDB JSON (`{"S": "x"}`, `{"N": "1.5"}`, …).
    ///
    /// Applies DynamoDB's validation (dynamodb-core §2.2): exactly one type, numbers, non-empty
    /// duplicate-free sets, `NULL` true, nesting depth. Numbers come back canonical.
    /// - Throws: `SerializationException` for JSON type errors, `ValidationException` for the rest.
    public init(dynamoJSON json: JSONValue) throws(DynamoError) {
        // AWS deserializes the whole value before validating it: JSON kind and base64 errors
        // (SerializationException) win over any validation error.
        try Self.checkShapes(json)
        try self.init(dynamoJSON: json, depth: 1)
    }

    /// Throws the `SerializationException` for the first member whose JSON kind (or base64) is wrong.
    static func checkShapes(_ json: JSONValue) throws(DynamoError) {
        guard case .object(let members) = json else { throw MemberShape.attributeValue.mismatch(json) }
        for member in members where !member.value.isNull {
            let value = member.value
            switch member.key {
            case "S", "N":
                guard case .string = value else { throw MemberShape.string.mismatch(value) }
            case "B":
                guard case .string(let text) = value else { throw MemberShape.blob.mismatch(value) }
                _ = try Base64.decode(text)
            case "BOOL", "NULL":
                guard case .bool = value else { throw MemberShape.boolean.mismatch(value) }
            case "SS", "NS", "BS", "L":
                guard case .array(let elements) = value else { throw MemberShape.list.mismatch(value) }
                for element in elements {
                    switch member.key {
                    case "L":
                        try checkShapes(element)
                    case "BS":
                        if element.isNull { continue }
                        guard case .string(let text) = element else { throw MemberShape.blob.mismatch(element) }
                        _ = try Base64.decode(text)
                    default:
                        if element.isNull { continue }
                        guard case .string = element else { throw MemberShape.string.mismatch(element) }
                    }
                }
            case "M":
                guard case .object(let entries) = value else { throw MemberShape.map.mismatch(value) }
                for entry in entries where !entry.value.isNull { try checkShapes(entry.value) }
            default:
                continue
            }
        }
    }

    init(dynamoJSON json: JSONValue, depth: Int) throws(DynamoError) {
        guard case .object(let allMembers) = json else {
            throw MemberShape.attributeValue.mismatch(json)
        }
        // A JSON null member counts as absent; unknown members are ignored like DynamoDB does;
        // a repeated key keeps its last value.
        var typed: [(type: String, value: JSONValue)] = []
        for member in allMembers where !member.value.isNull && Self.typeKeys.contains(member.key) {
            if let index = typed.firstIndex(where: { $0.type == member.key }) {
                typed[index].value = member.value
            } else {
                typed.append((member.key, member.value))
            }
        }
        guard !typed.isEmpty else {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        // DynamoDB validates each member's content before counting types: {"S":"a","N":""}
        // reports the empty number, {"S":"a","N":"1"} the extra type.
        var first: AttributeValue? = nil
        for (type, value) in typed {
            let decoded = try Self.decode(type: type, value: value, depth: depth)
            if first == nil { first = decoded }
        }
        guard typed.count == 1, let first else {
            throw .validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        }
        self = first
    }

    static let typeKeys: Set<String> = ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"]

    /// Decodes and validates the value of one type key.
    private static func decode(type: String, value: JSONValue, depth: Int) throws(DynamoError) -> AttributeValue {
        switch type {
        case "S":
            return .s(try Self.string(value))
        case "N":
            return .n(try DynamoNumber(parsing: try Self.string(value)))
        case "B":
            return .b(try Base64.decode(try Self.blobText(value)))
        case "BOOL":
            guard case .bool(let b) = value else { throw MemberShape.boolean.mismatch(value) }
            return .bool(b)
        case "NULL":
            guard case .bool(let b) = value else { throw MemberShape.boolean.mismatch(value) }
            guard b else {
                throw .validation("One or more parameter values were invalid: Null attribute value types must have the value of true")
            }
            return .null
        case "M":
            guard depth < Self.maximumNestingDepth else { throw Self.nestingTooDeep }
            guard case .object = value else { throw MemberShape.map.mismatch(value) }
            return .m(try AttributeMap(dynamoJSON: value, depth: depth + 1))
        case "L":
            guard depth < Self.maximumNestingDepth else { throw Self.nestingTooDeep }
            guard case .array(let elements) = value else { throw MemberShape.list.mismatch(value) }
            var list: [AttributeValue] = []
            list.reserveCapacity(elements.count)
            for e in elements {
                list.append(try AttributeValue(dynamoJSON: e, depth: depth + 1))
            }
            return .l(list)
        case "SS":
            let elements = try Self.setElements(value)
            guard !elements.isEmpty else {
                throw .validation("One or more parameter values were invalid: An string set  may not be empty")
            }
            var strings: [String] = []
            for e in elements {
                if e.isNull {
                    throw .validation("One or more parameter values were invalid: An string set may not have a null string as a member")
                }
                strings.append(try Self.string(e))
            }
            // Duplicates by UTF-8 bytes, as DynamoDB compares strings.
            if Set(strings.map { Array($0.utf8) }).count != strings.count {
                throw .validation("One or more parameter values were invalid: Input collection [\(strings.joined(separator: ", "))] contains duplicates.")
            }
            return .ss(strings)
        case "NS":
            let elements = try Self.setElements(value)
            guard !elements.isEmpty else {
                throw .validation("One or more parameter values were invalid: An number set  may not be empty")
            }
            var numbers: [DynamoNumber] = []
            for e in elements {
                numbers.append(try DynamoNumber(parsing: try Self.string(e)))
            }
            if Set(numbers).count != numbers.count {
                throw .validation("Input collection contains duplicates")
            }
            return .ns(numbers)
        default:  // "BS"
            let elements = try Self.setElements(value)
            guard !elements.isEmpty else {
                throw .validation("One or more parameter values were invalid: Binary sets should not be empty")
            }
            var blobs: [[UInt8]] = []
            var texts: [String] = []
            for e in elements {
                let text = try Self.blobText(e)
                texts.append(text)
                blobs.append(try Base64.decode(text))
            }
            if Set(blobs).count != blobs.count {
                throw .validation("One or more parameter values were invalid: Input collection [\(texts.joined(separator: ", "))]of type BS contains duplicates.")
            }
            return .bs(blobs)
        }
    }

    private static func string(_ value: JSONValue) throws(DynamoError) -> String {
        guard case .string(let s) = value else { throw MemberShape.string.mismatch(value) }
        return s
    }

    private static func blobText(_ value: JSONValue) throws(DynamoError) -> String {
        guard case .string(let s) = value else { throw MemberShape.blob.mismatch(value) }
        return s
    }

    private static func setElements(_ value: JSONValue) throws(DynamoError) -> [JSONValue] {
        guard case .array(let elements) = value else { throw MemberShape.list.mismatch(value) }
        return elements
    }

    /// This value in DynamoDB JSON.
    public var dynamoJSON: JSONValue {
        switch self {
        case .s(let v): .object([.init("S", .string(v))])
        case .n(let v): .object([.init("N", .string(v.canonical))])
        case .b(let v): .object([.init("B", .string(Base64.encode(v)))])
        case .bool(let v): .object([.init("BOOL", .bool(v))])
        case .null: .object([.init("NULL", .bool(true))])
        case .m(let v): .object([.init("M", v.dynamoJSON)])
        case .l(let v): .object([.init("L", .array(v.map(\.dynamoJSON)))])
        case .ss(let v): .object([.init("SS", .array(v.map { .string($0) }))])
        case .ns(let v): .object([.init("NS", .array(v.map { .string($0.canonical) }))])
        case .bs(let v): .object([.init("BS", .array(v.map { .string(Base64.encode($0)) }))])
        }
    }

    /// Appends this value's DynamoDB JSON directly (the fast path for responses).
    public func writeDynamoJSON(into out: inout [UInt8]) {
        func open(_ type: StaticString) {
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount))
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }
        switch self {
        case .s(let v): open("S"); JSONValue.writeString(v, into: &out)
        case .n(let v): open("N"); out.append(UInt8(ascii: "\"")); out.append(contentsOf: v.canonical.utf8); out.append(UInt8(ascii: "\""))
        case .b(let v): open("B"); out.append(UInt8(ascii: "\"")); Base64.encode(v, into: &out); out.append(UInt8(ascii: "\""))
        case .bool(let v): open("BOOL"); out.append(contentsOf: (v ? "true" : "false").utf8)
        case .null: open("NULL"); out.append(contentsOf: "true".utf8)
        case .m(let v): open("M"); v.writeDynamoJSON(into: &out)
        case .l(let v):
            open("L")
            out.append(UInt8(ascii: "["))
            for (i, e) in v.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                e.writeDynamoJSON(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .ss(let v):
            open("SS")
            out.append(UInt8(ascii: "["))
            for (i, e) in v.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .ns(let v):
            open("NS")
            out.append(UInt8(ascii: "["))
            for (i, e) in v.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: e.canonical.utf8)
                out.append(UInt8(ascii: "\""))
            }
            out.append(UInt8(ascii: "]"))
        case .bs(let v):
            open("BS")
            out.append(UInt8(ascii: "["))
            for (i, e) in v.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                Base64.encode(e, into: &out)
                out.append(UInt8(ascii: "\""))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }
}

extension AttributeMap {
    /// Decodes an attribute map in DynamoDB JSON (`{"name": {"S": "x"}, …}`), validating every value.
    public init(dynamoJSON json: JSONValue) throws(DynamoError) {
        guard case .object(let members) = json else { throw MemberShape.map.mismatch(json) }
        for member in members where !member.value.isNull { try AttributeValue.checkShapes(member.value) }
        try self.init(dynamoJSON: json, depth: 1)
    }

    init(dynamoJSON json: JSONValue, depth: Int) throws(DynamoError) {
        guard case .object(let members) = json else {
            throw MemberShape.map.mismatch(json)
        }
        self.init()
        reserveCapacity(members.count)
        for member in members where !member.value.isNull {
            self[member.key] = try AttributeValue(dynamoJSON: member.value, depth: depth)
        }
    }

    /// This map in DynamoDB JSON.
    public var dynamoJSON: JSONValue {
        .object(names.indices.map { JSONValue.Member(names[$0], values[$0].dynamoJSON) })
    }

    /// Appends this map's DynamoDB JSON directly.
    public func writeDynamoJSON(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        withUnsafeBuffers { names, values in
            for i in names.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(names[i], into: &out)
                out.append(UInt8(ascii: ":"))
                values[i].writeDynamoJSON(into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Compact DynamoDB JSON text.
    public var dynamoJSONText: String {
        var out: [UInt8] = []
        writeDynamoJSON(into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - Plain JSON (what people type)

extension AttributeValue {
    /// Converts plain JSON the way DynamoDB's document clients do: string → S, number → N,
    /// true/false → BOOL, null → NULL, array → L, object → M.
    /// - Throws: `ValidationException` for numbers DynamoDB cannot store or nesting too deep.
    public init(plainJSON json: JSONValue) throws(DynamoError) {
        try self.init(plainJSON: json, depth: 1)
    }

    init(plainJSON json: JSONValue, depth: Int) throws(DynamoError) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let text): self = .n(try DynamoNumber(parsing: text))
        case .string(let s): self = .s(s)
        case .array(let elements):
            guard depth < Self.maximumNestingDepth else { throw Self.nestingTooDeep }
            var list: [AttributeValue] = []
            for e in elements { list.append(try AttributeValue(plainJSON: e, depth: depth + 1)) }
            self = .l(list)
        case .object:
            guard depth < Self.maximumNestingDepth else { throw Self.nestingTooDeep }
            self = .m(try AttributeMap(plainJSON: json, depth: depth + 1))
        }
    }

    /// This value as plain JSON (sets become arrays, binary becomes base64 text).
    public var plainJSON: JSONValue {
        switch self {
        case .s(let v): .string(v)
        case .n(let v): .number(v.canonical)
        case .b(let v): .string(Base64.encode(v))
        case .bool(let v): .bool(v)
        case .null: .null
        case .m(let v): v.plainJSON
        case .l(let v): .array(v.map(\.plainJSON))
        case .ss(let v): .array(v.map { .string($0) })
        case .ns(let v): .array(v.map { .number($0.canonical) })
        case .bs(let v): .array(v.map { .string(Base64.encode($0)) })
        }
    }
}

extension AttributeMap {
    /// Converts a plain JSON object to attributes (see ``AttributeValue/init(plainJSON:)``).
    public init(plainJSON json: JSONValue) throws(DynamoError) {
        try self.init(plainJSON: json, depth: 1)
    }

    init(plainJSON json: JSONValue, depth: Int) throws(DynamoError) {
        guard case .object(let members) = json else {
            throw .validation("An item must be a JSON object")
        }
        self.init()
        reserveCapacity(members.count)
        for member in members {
            self[member.key] = try AttributeValue(plainJSON: member.value, depth: depth)
        }
    }

    /// This map as plain JSON.
    public var plainJSON: JSONValue {
        .object(names.indices.map { JSONValue.Member(names[$0], values[$0].plainJSON) })
    }

    /// Compact plain JSON text.
    public var plainJSONText: String { plainJSON.text }

    /// Parses text typed by a person: DynamoDB JSON when every top-level value is a one-key
    /// object naming a DynamoDB type, plain JSON otherwise.
    public init(jsonText text: String) throws(DynamoError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw .validation("Invalid JSON: \(error.description)")
        }
        guard case .object(let members) = json else { throw .validation("An item must be a JSON object") }
        let looksTyped = !members.isEmpty && members.allSatisfy { member in
            guard case .object(let inner) = member.value, inner.count == 1 else { return false }
            return ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"].contains(inner[0].key)
        }
        if looksTyped {
            try self.init(dynamoJSON: json)
        } else {
            try self.init(plainJSON: json)
        }
    }
}

/// The shape of a DynamoDB JSON member, for AWS's deserializer texts when a JSON value has the
/// wrong kind (as recorded from DynamoDB in dynalite's type assertions).
enum MemberShape {
    /// `S`, `N`, `SS`/`NS` elements.
    case string
    /// `B`, `BS` elements.
    case blob
    /// `BOOL`, `NULL`.
    case boolean
    /// `SS`, `NS`, `BS`, `L`.
    case list
    /// `M` and attribute maps.
    case map
    /// An AttributeValue: `L` elements, `M` values, item attributes.
    case attributeValue

    /// The `SerializationException` for `value` found where this shape was expected.
    func mismatch(_ value: JSONValue) -> DynamoError {
        if case .object = value { return .serialization("Start of structure or map found where not expected") }
        let isArray = if case .array = value { true } else { false }
        switch self {
        case .string:
            if isArray { return .serialization("Unrecognized collection type class java.lang.String") }
            return .serialization("\(value.tokenName) cannot be converted to String")
        case .blob:
            if isArray { return .serialization("Unrecognized collection type class java.nio.ByteBuffer") }
            return .serialization("only base-64-encoded strings are convertible to bytes")
        case .boolean:
            if isArray { return .serialization("Unrecognized collection type class java.lang.Boolean") }
            if case .string = value { return .serialization("Unexpected token received from parser") }
            return .serialization("\(value.tokenName) cannot be converted to Boolean")
        case .list:
            return .serialization("Unexpected field type")
        case .map:
            if isArray {
                return .serialization("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>")
            }
            return .serialization("Unexpected field type")
        case .attributeValue:
            if isArray { return .serialization("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue") }
            return .serialization("Unexpected value type in payload")
        }
    }
}
