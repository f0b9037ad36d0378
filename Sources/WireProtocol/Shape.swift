import DynamoEngine
import DynamoModel

/// The JSON shape of a request member, as DynamoDB's deserializer sees it.
///
/// Requests are checked in two passes before anything is decoded (dynamodb-core §1.8): first
/// every member's JSON type (``typeCheck(_:)``, SerializationException with the Java
/// deserializer's texts), then the declared constraints (``ShapeMember/rules``, collected into one
/// `N validation errors detected: …` ValidationException).
indirect enum Shape: Sendable {
    case string
    case integer
    case long
    case double
    case boolean
    case blob
    case list(Shape, elementRules: [Rule] = [])
    /// A map with string keys; `valueClass` is the Java class AWS names in collection errors.
    case map(Shape, valueClass: String, valueRules: [Rule] = [])
    /// A structure; `name` is the model's shape name, used in collection errors and value rendering.
    case structure(String, [ShapeMember])
    /// DynamoDB JSON `AttributeValue`.
    case attributeValue

    /// The `AttributeValue` structure's members.
    static let attributeValueMembers: [ShapeMember] = [
        ShapeMember("S", .string), ShapeMember("N", .string), ShapeMember("B", .blob),
        ShapeMember("SS", .list(.string)), ShapeMember("NS", .list(.string)), ShapeMember("BS", .list(.blob)),
        ShapeMember("M", .attributeMap), ShapeMember("L", .list(.attributeValue)),
        ShapeMember("NULL", .boolean), ShapeMember("BOOL", .boolean),
    ]

    /// `Map<String, AttributeValue>`: items, keys, `M` payloads.
    static let attributeMap: Shape = .map(.attributeValue, valueClass: "com.amazonaws.dynamodb.v20120810.AttributeValue")
    /// `Map<String, String>`: ExpressionAttributeNames.
    static let stringMap: Shape = .map(.string, valueClass: "java.lang.String")

    /// Whether a constraint applies anywhere inside values of this shape.
    var hasNestedRules: Bool {
        switch self {
        case .structure(_, let members): members.contains { $0.isConstrained }
        case .list(let element, let rules): !rules.isEmpty || element.hasNestedRules
        case .map(let value, _, let rules): !rules.isEmpty || value.hasNestedRules
        default: false
        }
    }
}

/// One member of a structure shape, with its constraints in the order AWS reports them.
struct ShapeMember: Sendable {
    var name: String
    var shape: Shape
    var rules: [Rule]
    /// The member name as AWS writes it in constraint paths (lowerCamelCase).
    var pathName: String
    /// Whether any constraint applies to this member or below it; members without one are
    /// skipped by the constraint pass (items and keys carry none, so they cost nothing there).
    var isConstrained: Bool

    init(_ name: String, _ shape: Shape, _ rules: [Rule] = []) {
        self.name = name
        self.shape = shape
        self.rules = rules
        pathName = name.first.map { $0.lowercased() + name.dropFirst() } ?? name
        isConstrained = !rules.isEmpty || shape.hasNestedRules
    }
}

/// A shape constraint (dynamodb-core §1.7).
enum Rule: Sendable {
    /// `Member must not be null`.
    case notNull
    /// Control-plane `TableName`: `The parameter 'TableName' is required but was not present in the request`,
    /// thrown on its own before the other constraints.
    case required
    /// `Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+` (table and index names;
    /// a table ARN is accepted instead of a name where `allowsArn`).
    case tableNamePattern(allowsArn: Bool)
    /// Length in characters (strings) or elements (lists, maps).
    case minLength(Int)
    case maxLength(Int)
    case minValue(Int64)
    case maxValue(Int64)
    /// `Member must satisfy enum value set: [...]`, in AWS's printing order.
    case oneOf([String])
    /// A map whose every value is a list of `min...max` elements: `Map value must satisfy
    /// constraint: [Member must have length less than or equal to <max>, Member must have length
    /// greater than or equal to <min>]` (BatchWriteItem `RequestItems`).
    case mapValueLength(min: Int, max: Int)
}

// MARK: - Pass 1: JSON types

extension Shape {
    /// Checks the JSON types of `value` against this shape, throwing AWS's SerializationException
    /// texts. JSON `null` anywhere counts as absent.
    ///
    /// - Parameter asValue: Whether the value is a list element or map value (AWS words type
    ///   errors of structures there as "value" rather than "field").
    func typeCheck(_ value: JSONValue, asValue: Bool = false) throws(DynamoError) {
        if value.isNull { return }
        switch self {
        case .string:
            switch value {
            case .string: return
            case .bool(let b): throw .serialization("\(b ? "TRUE_VALUE" : "FALSE_VALUE") cannot be converted to String")
            case .number(let text): throw .serialization("\(Self.numberToken(text)) cannot be converted to String")
            case .array: throw .serialization("Unrecognized collection type class java.lang.String")
            default: throw Self.startOfStructure
            }
        case .integer, .long, .double:
            let javaName = switch self { case .integer: "Integer"; case .long: "Long"; default: "Double" }
            switch value {
            case .number: return
            case .string: throw .serialization("STRING_VALUE cannot be converted to \(javaName)")
            case .bool(let b): throw .serialization("\(b ? "TRUE_VALUE" : "FALSE_VALUE") cannot be converted to \(javaName)")
            case .array: throw .serialization("Unrecognized collection type class java.lang.\(javaName)")
            default: throw Self.startOfStructure
            }
        case .boolean:
            switch value {
            case .bool: return
            case .string: throw .serialization("Unexpected token received from parser")
            case .number(let text): throw .serialization("\(Self.numberToken(text)) cannot be converted to Boolean")
            case .array: throw .serialization("Unrecognized collection type class java.lang.Boolean")
            default: throw Self.startOfStructure
            }
        case .blob:
            switch value {
            case .string(let text): try Self.checkBase64(text)
            case .array: throw .serialization("Unrecognized collection type class java.nio.ByteBuffer")
            case .object: throw Self.startOfStructure
            default: throw .serialization("only base-64-encoded strings are convertible to bytes")
            }
        case .list(let element, _):
            switch value {
            case .array(let elements):
                for e in elements { try element.typeCheck(e, asValue: true) }
            case .object: throw Self.startOfStructure
            default: throw .serialization("Unexpected field type")
            }
        case .map(let valueShape, let valueClass, _):
            switch value {
            case .object(let members):
                for m in members { try valueShape.typeCheck(m.value, asValue: true) }
            case .array: throw .serialization("Unrecognized collection type java.util.Map<java.lang.String, \(valueClass)>")
            default: throw .serialization("Unexpected field type")
            }
        case .structure(let name, let members):
            try Self.checkStructure(value, name: name, members: members, asValue: asValue)
        case .attributeValue:
            try Self.checkAttributeValue(value, asValue: asValue)
        }
    }

    static let stringList: Shape = .list(.string)
    static let blobList: Shape = .list(.blob)
    static let attributeValueList: Shape = .list(.attributeValue)

    /// The `AttributeValue` structure, with its members dispatched by a switch (the hot path:
    /// every attribute of every item goes through here).
    static func checkAttributeValue(_ value: JSONValue, asValue: Bool) throws(DynamoError) {
        guard case .object(let fields) = value else {
            try checkStructure(value, name: "AttributeValue", members: attributeValueMembers, asValue: asValue)
            return
        }
        for field in fields {
            switch field.value {
            case .null: continue
            case .string where field.key == "S" || field.key == "N": continue
            default: break
            }
            switch field.key {
            case "S", "N": try Shape.string.typeCheck(field.value)
            case "B": try Shape.blob.typeCheck(field.value)
            case "SS", "NS": try stringList.typeCheck(field.value)
            case "BS": try blobList.typeCheck(field.value)
            case "M": try attributeMap.typeCheck(field.value)
            case "L": try attributeValueList.typeCheck(field.value)
            case "NULL", "BOOL": try Shape.boolean.typeCheck(field.value)
            default: continue
            }
        }
    }

    static func checkStructure(_ value: JSONValue, name: String, members: [ShapeMember], asValue: Bool) throws(DynamoError) {
        switch value {
        case .object(let fields):
            // Unknown members are ignored, as DynamoDB does.
            for field in fields where !field.value.isNull {
                guard let member = members.first(where: { $0.name == field.key }) else { continue }
                try member.shape.typeCheck(field.value)
            }
        case .array:
            throw .serialization("Unrecognized collection type class com.amazonaws.dynamodb.v20120810.\(name)")
        default:
            throw .serialization(asValue ? "Unexpected value type in payload" : "Unexpected field type")
        }
    }

    static let startOfStructure = DynamoError.serialization("Start of structure or map found where not expected")

    /// Jackson's token name for a number literal: integers are `NUMBER_VALUE`, others `DECIMAL_VALUE`.
    static func numberToken(_ text: String) -> String {
        text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
            ? "DECIMAL_VALUE" : "NUMBER_VALUE"
    }

    /// The checks `Base64.decode` makes, without decoding (decoding happens once, later).
    static func checkBase64(_ text: String) throws(DynamoError) {
        let bytes = text.utf8
        guard bytes.count % 4 == 0 else {
            throw .serialization("Base64 encoded length is expected a multiple of 4 bytes but found: \(bytes.count)")
        }
        var index = 0
        var padding = 0
        let count = bytes.count
        for c in bytes {
            let isAlphabet = (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
            if c == UInt8(ascii: "=") && index >= count - 2 && index % 4 >= 2 {
                padding += 1
            } else if !isAlphabet || padding > 0 {
                throw .serialization("Invalid last non-pad Base64 character dectected")
            }
            index += 1
        }
    }
}

// MARK: - Pass 2: constraints

/// One failed constraint: the rendered value (`'x'` or `null`), the path and the constraint text.
typealias ConstraintFailure = (value: String, path: String, constraint: String)

extension Shape {
    /// Checks the constraints of `members` on the structure `object`, appending failures (at most 10).
    ///
    /// - Throws: The `required` rule's own ValidationException, which AWS reports alone.
    static func checkConstraints(
        of members: [ShapeMember], in object: JSONValue?, parent: String, failures: inout [ConstraintFailure]
    ) throws(DynamoError) {
        for member in members where member.isConstrained {
            let value = object?.member(member.name)
            let path = parent.isEmpty ? member.pathName : parent + "." + member.pathName
            try checkRules(member.rules, of: value, shape: member.shape, path: path, failures: &failures)
            guard let value else { continue }
            try member.shape.checkChildren(of: value, path: path, failures: &failures)
        }
    }

    /// Checks nested members, list elements and map values.
    func checkChildren(of value: JSONValue, path: String, failures: inout [ConstraintFailure]) throws(DynamoError) {
        switch self {
        case .structure(_, let members):
            try Self.checkConstraints(of: members, in: value, parent: path, failures: &failures)
        case .list(let element, let elementRules):
            guard !elementRules.isEmpty || element.hasNestedRules, case .array(let elements) = value else { return }
            for (i, e) in elements.enumerated() {
                let elementPath = "\(path).\(i + 1).member"
                try Self.checkRules(elementRules, of: e.isNull ? nil : e, shape: element, path: elementPath, failures: &failures)
                try element.checkChildren(of: e, path: elementPath, failures: &failures)
            }
        case .map(let valueShape, _, let valueRules):
            guard !valueRules.isEmpty || valueShape.hasNestedRules, case .object(let members) = value else { return }
            for m in members where !m.value.isNull {
                let valuePath = "\(path).\(m.key).member"
                try Self.checkRules(valueRules, of: m.value, shape: valueShape, path: valuePath, failures: &failures)
                try valueShape.checkChildren(of: m.value, path: valuePath, failures: &failures)
            }
        default:
            return
        }
    }

    static func checkRules(
        _ rules: [Rule], of value: JSONValue?, shape: Shape, path: String, failures: inout [ConstraintFailure]
    ) throws(DynamoError) {
        for rule in rules {
            guard failures.count < 10 else { return }
            func fail(_ constraint: String) {
                failures.append((value.map { "'\(render($0, shape: shape))'" } ?? "null", path, constraint))
            }
            switch rule {
            case .notNull:
                if value == nil { fail("Member must not be null") }
            case .required:
                if value == nil {
                    let name = path.prefix(1).uppercased() + path.dropFirst()
                    throw .validation("The parameter '\(name)' is required but was not present in the request")
                }
            case .tableNamePattern(let allowsArn):
                guard case .string(let name)? = value else { continue }
                if allowsArn && name.hasPrefix("arn:") { continue }
                if !name.utf8.allSatisfy(isNameCharacter) {
                    fail("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
                }
            case .minLength(let n):
                if let length = value.flatMap(length), length < n {
                    fail("Member must have length greater than or equal to \(n)")
                }
            case .maxLength(let n):
                if let length = value.flatMap(length), length > n {
                    // A table ARN may be longer than a name.
                    if case .string(let s)? = value, s.hasPrefix("arn:"), rules.contains(where: { if case .tableNamePattern(true) = $0 { true } else { false } }), s.utf8.count <= 1024 {
                        continue
                    }
                    fail("Member must have length less than or equal to \(n)")
                }
            case .minValue(let n):
                if let v = value.flatMap(integer), v < n { fail("Member must have value greater than or equal to \(n)") }
            case .maxValue(let n):
                if let v = value.flatMap(integer), v > n { fail("Member must have value less than or equal to \(n)") }
            case .oneOf(let allowed):
                if case .string(let s)? = value, !allowed.contains(s) {
                    fail("Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
                }
            case .mapValueLength(let min, let max):
                guard case .object(let members)? = value else { continue }
                let outside = members.contains { m in
                    guard case .array(let elements) = m.value else { return false }
                    return elements.count < min || elements.count > max
                }
                if outside {
                    fail("Map value must satisfy constraint: [Member must have length less than or equal to \(max), Member must have length greater than or equal to \(min)]")
                }
            }
        }
    }

    static func isNameCharacter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
    }

    /// Length of a string (in UTF-16 code units, as Java counts), list or map.
    static func length(_ value: JSONValue) -> Int? {
        switch value {
        case .string(let s): s.utf16.count
        case .array(let a): a.count
        case .object(let m): m.count
        default: nil
        }
    }

    /// An integer member's value as the deserializer reads it (fractions truncated, saturating).
    static func integer(_ value: JSONValue) -> Int64? {
        guard case .number(let text) = value else { return nil }
        if let v = Int64(text) { return v }
        guard let d = Double(text), d.isFinite else { return nil }
        if d >= 9.2e18 { return Int64.max }
        if d <= -9.2e18 { return Int64.min }
        return Int64(d.rounded(.towardZero))
    }

    /// A value as AWS renders it in constraint messages (Java `toString` of the model objects).
    static func render(_ value: JSONValue, shape: Shape) -> String {
        switch (value, shape) {
        case (.string(let s), _): return s
        case (.number, .integer), (.number, .long): return integer(value).map(String.init) ?? value.text
        case (.number(let text), _): return text
        case (.bool(let b), _): return b ? "true" : "false"
        case (.array(let elements), .list(let element, _)):
            return "[" + elements.map { render($0, shape: element) }.joined(separator: ", ") + "]"
        case (.object(let members), .map(let valueShape, _, _)):
            return "{" + members.map { "\($0.key)=\(render($0.value, shape: valueShape))" }.joined(separator: ", ") + "}"
        case (.object, .structure(let name, let members)):
            let parts = members.compactMap { member -> String? in
                guard let v = value.member(member.name) else { return nil }
                return "\(member.pathName)=\(render(v, shape: member.shape))"
            }
            return "\(name)(\(parts.joined(separator: ", ")))"
        case (.object, .attributeValue):
            return "AttributeValue(" + value.text + ")"
        default:
            return value.text
        }
    }
}

extension JSONValue {
    /// The value of an object member, treating JSON `null` as absent (the last one when a key repeats).
    func member(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        var found: JSONValue? = nil
        for m in members where m.key == key { found = m.value }
        if case .null? = found { return nil }
        return found
    }
}
