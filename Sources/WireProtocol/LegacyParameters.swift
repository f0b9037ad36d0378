import DynamoEngine
import DynamoModel

/// Translates DynamoDB's pre-expression parameters (`AttributesToGet`, `Expected`,
/// `KeyConditions`, `QueryFilter`, `ScanFilter`, `AttributeUpdates`, `ConditionalOperator`) into
/// expressions with generated placeholders (dynamodb-core §3.19), so SDK v1 object mappers and old
/// tutorials work. Mixing both styles in one request is rejected with AWS's text.
struct LegacyParameters {
    private(set) var names: [String: String] = [:]
    private(set) var values: [String: AttributeValue] = [:]
    private var nameIndex: [String: String] = [:]

    static let invalid = "One or more parameter values were invalid: "

    /// Rejects requests that use legacy and expression parameters together.
    static func checkNotMixed(_ json: JSONValue, legacy: [String], expressions: [String]) throws(DynamoError) {
        // The common case (no legacy member) allocates nothing.
        guard legacy.contains(where: { json.member($0) != nil }) else { return }
        let usedLegacy = legacy.filter { json.member($0) != nil }
        let usedExpressions = expressions.filter { json.member($0) != nil }
        if !usedLegacy.isEmpty && !usedExpressions.isEmpty {
            throw .validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {\(usedLegacy.joined(separator: ", "))} Expression parameters: {\(usedExpressions.joined(separator: ", "))}")
        }
    }

    mutating func name(_ attribute: String) -> String {
        if let placeholder = nameIndex[attribute] { return placeholder }
        let placeholder = "#legacy\(nameIndex.count)"
        nameIndex[attribute] = placeholder
        names[placeholder] = attribute
        return placeholder
    }

    mutating func value(_ json: JSONValue) throws(DynamoError) -> String {
        let placeholder = ":legacy\(values.count)"
        values[placeholder] = try AttributeValue(dynamoJSON: json)
        return placeholder
    }

    /// `AttributesToGet` → a ProjectionExpression.
    mutating func projection(_ json: JSONValue?) throws(DynamoError) -> String? {
        guard let attributes = json?.arrayValue?.compactMap(\.stringValue) else { return nil }
        var seen = Set<String>()
        var parts: [String] = []
        for attribute in attributes {
            guard seen.insert(attribute).inserted else {
                throw .validation(Self.invalid + "Duplicate value in attribute name: \(attribute)")
            }
            parts.append(name(attribute))
        }
        return parts.joined(separator: ", ")
    }

    /// `Expected` (+ `ConditionalOperator`) → a ConditionExpression.
    mutating func condition(expected json: JSONValue?, conditionalOperator: String?) throws(DynamoError) -> String? {
        guard let members = json?.objectMembers, !members.isEmpty else { return nil }
        var clauses: [String] = []
        for member in members where !member.value.isNull {
            let attribute = member.key
            let entry = member.value
            let value = entry.member("Value")
            let list = entry.member("AttributeValueList")?.arrayValue
            if let op = entry.string("ComparisonOperator") {
                if entry.member("Exists") != nil {
                    throw .validation(Self.invalid + "Exists and ComparisonOperator cannot be used together for Attribute: \(attribute)")
                }
                if value != nil && list != nil {
                    throw .validation(Self.invalid + "Value and AttributeValueList cannot be used together for Attribute: \(attribute)")
                }
                clauses.append(try comparison(attribute, op, list ?? (value.map { [$0] } ?? [])))
            } else if list != nil {
                throw .validation(Self.invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: \(attribute)")
            } else {
                let exists = entry.bool("Exists")
                if exists ?? true {
                    guard let value else {
                        throw .validation(Self.invalid + "Value must be provided when Exists is \(exists == nil ? "null" : "true") for Attribute: \(attribute)")
                    }
                    clauses.append("\(name(attribute)) = \(try self.value(value))")
                } else {
                    if value != nil {
                        throw .validation(Self.invalid + "Value cannot be used when Exists is false for Attribute: \(attribute)")
                    }
                    clauses.append("attribute_not_exists(\(name(attribute)))")
                }
            }
        }
        return join(clauses, conditionalOperator)
    }

    /// `QueryFilter` / `ScanFilter` (+ `ConditionalOperator`) → a FilterExpression.
    mutating func filter(_ json: JSONValue?, conditionalOperator: String?) throws(DynamoError) -> String? {
        guard let members = json?.objectMembers, !members.isEmpty else { return nil }
        var clauses: [String] = []
        for member in members where !member.value.isNull {
            let op = member.value.string("ComparisonOperator") ?? "EQ"
            clauses.append(try comparison(member.key, op, member.value.member("AttributeValueList")?.arrayValue ?? []))
        }
        return join(clauses, conditionalOperator)
    }

    /// `KeyConditions` → a KeyConditionExpression.
    mutating func keyCondition(_ json: JSONValue?) throws(DynamoError) -> String? {
        guard let members = json?.objectMembers else { return nil }
        let conditions = members.filter { !$0.value.isNull }
        guard (1...2).contains(conditions.count) else { throw .validation("Conditions can be of length 1 or 2 only") }
        var clauses: [String] = []
        for member in conditions {
            let op = member.value.string("ComparisonOperator") ?? "EQ"
            guard ["EQ", "LE", "LT", "GE", "GT", "BEGINS_WITH", "BETWEEN"].contains(op) else {
                throw .validation("Attempted conditional constraint is not an indexable operation")
            }
            clauses.append(try comparison(member.key, op, member.value.member("AttributeValueList")?.arrayValue ?? []))
        }
        return clauses.joined(separator: " AND ")
    }

    /// `AttributeUpdates` → an UpdateExpression (nil for an empty map: a key-only upsert).
    mutating func update(_ json: JSONValue?) throws(DynamoError) -> String? {
        guard let members = json?.objectMembers else { return nil }
        var sets: [String] = [], removes: [String] = [], adds: [String] = [], deletes: [String] = []
        for member in members where !member.value.isNull {
            let attribute = member.key
            let action = member.value.string("Action") ?? "PUT"
            let valueJSON = member.value.member("Value")
            guard let valueJSON else {
                guard action == "DELETE" else {
                    throw .validation(Self.invalid + "Only DELETE action is allowed when no attribute value is specified")
                }
                removes.append(name(attribute))
                continue
            }
            let decoded = try AttributeValue(dynamoJSON: valueJSON)
            switch action {
            case "PUT":
                sets.append("\(name(attribute)) = \(try value(valueJSON))")
            case "DELETE":
                switch decoded {
                case .ss, .ns, .bs: deletes.append("\(name(attribute)) \(try value(valueJSON))")
                default: throw .validation(Self.invalid + "DELETE action with value is not supported for the type \(decoded.typeName)")
                }
            default:  // ADD
                switch decoded {
                case .n, .ss, .ns, .bs:
                    adds.append("\(name(attribute)) \(try value(valueJSON))")
                case .l:
                    let n = name(attribute)
                    let empty = ":legacy\(values.count)"
                    values[empty] = .l([])
                    sets.append("\(n) = list_append(if_not_exists(\(n), \(empty)), \(try value(valueJSON)))")
                default:
                    throw .validation(Self.invalid + "ADD action is not supported for the type \(decoded.typeName)")
                }
            }
        }
        var sections: [String] = []
        if !sets.isEmpty { sections.append("SET " + sets.joined(separator: ", ")) }
        if !removes.isEmpty { sections.append("REMOVE " + removes.joined(separator: ", ")) }
        if !adds.isEmpty { sections.append("ADD " + adds.joined(separator: ", ")) }
        if !deletes.isEmpty { sections.append("DELETE " + deletes.joined(separator: ", ")) }
        return sections.isEmpty ? nil : sections.joined(separator: " ")
    }

    private mutating func comparison(_ attribute: String, _ op: String, _ arguments: [JSONValue]) throws(DynamoError) -> String {
        let expected: ClosedRange<Int> = switch op {
        case "NULL", "NOT_NULL": 0...0
        case "BETWEEN": 2...2
        case "IN": 1...Int.max
        default: 1...1
        }
        guard expected.contains(arguments.count) else {
            throw .validation(Self.invalid + "Invalid number of argument(s) for the \(op) ComparisonOperator")
        }
        let n = name(attribute)
        var v: [String] = []
        for argument in arguments { v.append(try value(argument)) }
        switch op {
        case "EQ": return "\(n) = \(v[0])"
        case "NE": return "\(n) <> \(v[0])"
        case "LT": return "\(n) < \(v[0])"
        case "LE": return "\(n) <= \(v[0])"
        case "GT": return "\(n) > \(v[0])"
        case "GE": return "\(n) >= \(v[0])"
        case "BETWEEN": return "\(n) BETWEEN \(v[0]) AND \(v[1])"
        case "IN": return "\(n) IN (\(v.joined(separator: ", ")))"
        case "BEGINS_WITH": return "begins_with(\(n), \(v[0]))"
        case "CONTAINS": return "contains(\(n), \(v[0]))"
        case "NOT_CONTAINS": return "NOT contains(\(n), \(v[0]))"
        case "NULL": return "attribute_not_exists(\(n))"
        default: return "attribute_exists(\(n))"  // NOT_NULL
        }
    }

    private func join(_ clauses: [String], _ conditionalOperator: String?) -> String? {
        guard !clauses.isEmpty else { return nil }
        if clauses.count == 1 { return clauses[0] }
        return clauses.map { "(\($0))" }.joined(separator: conditionalOperator == "OR" ? " OR " : " AND ")
    }

    /// Merges the generated placeholders into a request's (legacy-only, so otherwise absent) maps.
    func merged(into parameters: ExpressionParameters) -> ExpressionParameters {
        var result = parameters
        if !names.isEmpty { result.names = (parameters.names ?? [:]).merging(names) { a, _ in a } }
        if !values.isEmpty { result.values = (parameters.values ?? [:]).merging(values) { a, _ in a } }
        return result
    }
}
