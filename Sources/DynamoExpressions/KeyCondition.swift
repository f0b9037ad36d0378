import DynamoModel

/// A parsed KeyConditionExpression: the partition key value and an optional sort-key condition
/// (dynamodb-core §4.5).
public struct KeyCondition: Sendable {
    /// The condition on the sort key.
    public enum SortCondition: Sendable {
        case equal(AttributeValue)
        case less(AttributeValue)
        case lessOrEqual(AttributeValue)
        case greater(AttributeValue)
        case greaterOrEqual(AttributeValue)
        /// Inclusive on both ends.
        case between(AttributeValue, AttributeValue)
        /// S: UTF-8 prefix; B: byte prefix.
        case beginsWith(AttributeValue)

        /// Whether a sort-key value satisfies the condition, using the ordering of
        /// ``compareScalars(_:_:)``.
        public func matches(_ value: AttributeValue) -> Bool {
            switch self {
            case .equal(let bound): return compareScalars(value, bound) == 0
            case .less(let bound): return (compareScalars(value, bound) ?? 0) < 0
            case .lessOrEqual(let bound): return (compareScalars(value, bound) ?? 1) <= 0
            case .greater(let bound): return (compareScalars(value, bound) ?? 0) > 0
            case .greaterOrEqual(let bound): return (compareScalars(value, bound) ?? -1) >= 0
            case .between(let low, let high):
                guard let fromLow = compareScalars(value, low), let toHigh = compareScalars(value, high) else { return false }
                return fromLow >= 0 && toHigh <= 0
            case .beginsWith(let prefix):
                switch (value, prefix) {
                case (.s(let text), .s(let start)): return text.utf8.starts(with: start.utf8)
                case (.b(let bytes), .b(let start)): return bytes.starts(with: start)
                default: return false
                }
            }
        }

        /// The literal values of the condition.
        var values: [AttributeValue] {
            switch self {
            case .equal(let v), .less(let v), .lessOrEqual(let v), .greater(let v), .greaterOrEqual(let v), .beginsWith(let v):
                [v]
            case .between(let low, let high): [low, high]
            }
        }
    }

    /// The partition key attribute name.
    public var partitionKeyName: String
    /// The partition key value the query reads.
    public var partitionValue: AttributeValue
    /// The sort key attribute name, when the expression has a sort-key condition.
    public var sortKeyName: String?
    /// The sort-key condition, if any.
    public var sortCondition: SortCondition?

    /// Parses a key condition against the key schema of the queried table or index.
    ///
    /// - Parameters:
    ///   - text: The KeyConditionExpression.
    ///   - hashKey: The partition key's name and declared type (`S`, `N` or `B`).
    ///   - rangeKey: The sort key's name and type, if the schema has one.
    ///   - attributes: The request's names and values; the placeholders used are marked.
    /// - Throws: `ValidationException` with AWS's message (§4.5), e.g. `Invalid KeyConditionExpression:
    ///   Invalid operator used in KeyConditionExpression: OR`, `Query condition missed key schema
    ///   element: <k>`, `Query key condition not supported`.
    public static func parse(
        _ text: String, hashKey: (name: String, type: String), rangeKey: (name: String, type: String)?,
        attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> KeyCondition {
        do throws(ExpressionError) {
            guard !text.isEmpty else { throw ExpressionError.empty }
            var parser = Parser(text)
            let raw = try parser.parseCondition()
            if parser.hasRedundantParentheses {
                throw ExpressionError(message: "The expression has redundant parentheses;")
            }
            var builder = KeyConditionBuilder(
                resolver: Resolver(attributes: attributes, order: StaticIssues.keyCondition, valueCategory: .attributeName))
            builder.collect(raw)
            try builder.resolver.issues.throwFirst()
            attributes = builder.resolver.attributes
            return try make(builder.predicates, hashKey: hashKey, rangeKey: rangeKey)
        } catch {
            throw error.dynamoError(for: .keyCondition)
        }
    }

    private static func make(
        _ predicates: [(name: String, condition: SortCondition)], hashKey: (name: String, type: String),
        rangeKey: (name: String, type: String)?
    ) throws(ExpressionError) -> KeyCondition {
        var seen: Set<String> = []
        for predicate in predicates where !seen.insert(predicate.name).inserted {
            throw ExpressionError(message: "KeyConditionExpressions must only contain one condition per key")
        }
        if predicates.count > 2 {
            throw ExpressionError(message: "Conditions can be of length 1 or 2 only", isPrefixed: false)
        }
        guard let hash = predicates.first(where: { $0.name == hashKey.name }) else {
            throw ExpressionError(message: "Query condition missed key schema element: \(hashKey.name)", isPrefixed: false)
        }
        guard case .equal(let partitionValue) = hash.condition else {
            throw ExpressionError(message: "Query key condition not supported", isPrefixed: false)
        }
        let sort = predicates.first { $0.name != hashKey.name }
        if let sort {
            guard let rangeKey else { throw ExpressionError(message: "Query key condition not supported", isPrefixed: false) }
            guard sort.name == rangeKey.name else {
                throw ExpressionError(message: "Query condition missed key schema element: \(rangeKey.name)", isPrefixed: false)
            }
        }
        let typed: [(key: String, type: String, value: AttributeValue, isPrefix: Bool)] =
            [(hashKey.name, hashKey.type, partitionValue, false)]
            + (sort.map { predicate in
                predicate.condition.values.map { value in
                    let isPrefix = if case .beginsWith = predicate.condition { true } else { false }
                    return (predicate.name, rangeKey?.type ?? "", value, isPrefix)
                }
            } ?? [])
        for entry in typed where entry.value.typeName != entry.type {
            throw ExpressionError(
                message: "One or more parameter values were invalid: Condition parameter type does not match schema type",
                isPrefixed: false)
        }
        for entry in typed where !entry.isPrefix {
            let isEmpty =
                switch entry.value {
                case .s(let text): text.isEmpty
                case .b(let bytes): bytes.isEmpty
                default: false
                }
            if isEmpty {
                throw ExpressionError(
                    message: "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(entry.key)",
                    isPrefixed: false)
            }
        }
        return KeyCondition(
            partitionKeyName: hashKey.name, partitionValue: partitionValue, sortKeyName: sort?.name,
            sortCondition: sort?.condition)
    }
}

/// Flattens a key condition's AND tree into per-key predicates, recording AWS's static issues.
struct KeyConditionBuilder {
    var resolver: Resolver
    var predicates: [(name: String, condition: KeyCondition.SortCondition)] = []

    private mutating func record(_ category: StaticIssues.Category, _ message: String) {
        resolver.issues.record(category, message)
    }

    private mutating func invalidOperator(_ name: String) {
        record(.keyOperator, "Invalid operator used in KeyConditionExpression: \(name)")
    }

    private mutating func shape(_ message: String) {
        record(.keyShape, "Invalid condition in KeyConditionExpression: \(message)")
    }

    /// A resolved operand: a top-level key name or a literal.
    private enum KeyOperand {
        case name(String)
        case value(AttributeValue)
        case invalid
    }

    private mutating func operand(_ node: RawNode) -> KeyOperand {
        switch node.unwrapped {
        case .path(let raw):
            let path = resolver.path(raw)
            if !path.isTopLevel {
                record(.keyShape, "KeyConditionExpressions cannot have conditions on nested attributes")
            }
            return .name(path.attributeName)
        case .value(let placeholder):
            guard let value = resolver.value(placeholder) else { return .invalid }
            return .value(value)
        case .call(let name, _):
            if conditionFunctions.contains(name) {
                record(.keyOperator, "KeyConditionExpressions cannot contain nested operations")
            } else {
                record(.function, "Invalid function name; function: \(name)")
            }
            return .invalid
        default:
            return .invalid
        }
    }

    mutating func collect(_ node: RawNode) {
        switch node {
        case .paren(let inner):
            collect(inner)
        case .and(let left, let right):
            collect(left)
            collect(right)
        case .or(let left, let right):
            invalidOperator("OR")
            collect(left)
            collect(right)
        case .not(let inner):
            invalidOperator("NOT")
            collect(inner)
        case .inList(let subject, let list):
            invalidOperator("IN")
            _ = operand(subject)
            list.forEach { _ = operand($0) }
        case .compare(let left, let comparator, let right):
            if comparator == .notEqual { invalidOperator("<>") }
            let a = operand(left)
            let b = operand(right)
            switch (a, b) {
            case (.name, .name): shape("Multiple attribute names used in one condition")
            case (.value, .value): shape("No key attribute specified")
            case (.name(let key), .value(let value)): add(key, comparator, value)
            case (.value(let value), .name(let key)): add(key, comparator.swapped, value)
            default: break
            }
        case .between(let subject, let low, let high):
            let a = operand(subject)
            let lower = operand(low)
            let upper = operand(high)
            guard case .name(let key) = a else {
                shape("BETWEEN operator must have the key attribute as its first operand")
                return
            }
            if case .name = lower { shape("Multiple attribute names used in one condition") }
            if case .name = upper { shape("Multiple attribute names used in one condition") }
            guard case .value(let low) = lower, case .value(let high) = upper else { return }
            for literal in [low, high] where !literal.isOrderable {
                record(
                    .dataType,
                    "Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: \(literal.typeName)")
            }
            let bounds = "lower bound operand: \(describeLiteral(low)), upper bound operand: \(describeLiteral(high))"
            if let order = compareScalars(low, high) {
                if order > 0 {
                    record(
                        .between, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; \(bounds)")
                }
            } else if low.isOrderable && high.isOrderable {
                record(.between, "The BETWEEN operator requires same data type for lower and upper bounds; \(bounds)")
            }
            predicates.append((key, .between(low, high)))
        case .call(let name, let arguments):
            guard conditionFunctions.contains(name) else {
                record(.function, "Invalid function name; function: \(name)")
                return
            }
            guard name == "begins_with" else {
                if name == "size" {
                    record(.keyOperator, "KeyConditionExpressions cannot contain nested operations")
                } else {
                    invalidOperator(name)
                }
                return
            }
            let operands = arguments.map { operand($0) }
            guard operands.count == 2 else {
                record(
                    .operandCount,
                    "Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: \(operands.count)"
                )
                return
            }
            guard case .name(let key) = operands[0] else {
                shape("begins_with operator must have the key attribute as its first operand")
                return
            }
            if case .name = operands[1] { shape("Multiple attribute names used in one condition") }
            guard case .value(let prefix) = operands[1] else { return }
            switch prefix {
            case .s, .b: predicates.append((key, .beginsWith(prefix)))
            default:
                record(
                    .dataType,
                    "Incorrect operand type for operator or function; operator or function: begins_with, operand type: \(prefix.typeName)"
                )
            }
        case .path, .value, .arithmetic:
            break
        }
    }

    private mutating func add(_ key: String, _ comparator: Comparator, _ value: AttributeValue) {
        if comparator.isOrdering && !value.isOrderable {
            record(
                .dataType,
                "Incorrect operand type for operator or function; operator or function: \(comparator.rawValue), operand type: \(value.typeName)"
            )
        }
        switch comparator {
        case .equal: predicates.append((key, .equal(value)))
        case .less: predicates.append((key, .less(value)))
        case .lessOrEqual: predicates.append((key, .lessOrEqual(value)))
        case .greater: predicates.append((key, .greater(value)))
        case .greaterOrEqual: predicates.append((key, .greaterOrEqual(value)))
        case .notEqual: break
        }
    }
}
