import DynamoModel

/// A parsed KeyConditionExpression: the partition key value and an optional sort-key condition
/// (dynamodb-core §4.5).
public struct KeyCondition: Sendable {
    /// The condition on the sort key.
    public enum SortCondition: Sendable {
        /// `sk = :v`
        case equal(AttributeValue)
        /// `sk < :v`
        case less(AttributeValue)
        /// `sk <= :v`
        case lessOrEqual(AttributeValue)
        /// `sk > :v`
        case greater(AttributeValue)
        /// `sk >= :v`
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
    /// Checks run in AWS's order (dynalite `validations/index.js` and `query.js`): the condition
    /// grammar's own checks (`Invalid KeyConditionExpression: …`), then the key-condition shape in
    /// text order (`Invalid operator used in KeyConditionExpression: OR`, …, unprefixed), operator
    /// and value types, the number of conditions, and finally the key schema.
    ///
    /// - Parameters:
    ///   - text: The KeyConditionExpression.
    ///   - hashKey: The partition key's name and declared type (`S`, `N` or `B`).
    ///   - rangeKey: The sort key's name and type, if the schema has one.
    ///   - attributes: The request's names and values; the placeholders used are marked.
    /// - Throws: `ValidationException` with AWS's message (dynamodb-core §4.5), e.g.
    ///   `Invalid operator used in KeyConditionExpression: OR`, `Query condition missed key schema
    ///   element: <k>`, `Query key condition not supported`.
    public static func parse(
        _ text: String, hashKey: (name: String, type: String), rangeKey: (name: String, type: String)?,
        attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> KeyCondition {
        do throws(ExpressionError) {
            try ExpressionError.checkText(text)
            var parser = Parser(text)
            let raw = try parser.parseCondition()
            try ExpressionError.checkOperatorCount([raw])
            if parser.hasRedundantParentheses {
                throw ExpressionError(message: "The expression has redundant parentheses;")
            }
            var builder = ConditionBuilder(
                resolver: Resolver(attributes: attributes, order: StaticIssues.condition, valueCategory: .attributeName))
            _ = builder.condition(raw)
            builder.resolver.issues.settleCondition()
            try builder.resolver.issues.throwFirst()
            attributes = builder.resolver.attributes
            var shape = KeyConditionShape(resolver: builder.resolver)
            try shape.check(raw)
            return try make(shape.predicates, hashKey: hashKey, rangeKey: rangeKey)
        } catch {
            throw error.dynamoError(for: .keyCondition)
        }
    }

    private static func make(
        _ predicates: [(name: String, condition: SortCondition)], hashKey: (name: String, type: String),
        rangeKey: (name: String, type: String)?
    ) throws(ExpressionError) -> KeyCondition {
        for predicate in predicates {
            let (operatorName, allowed): (String, Set<String>) =
                switch predicate.condition {
                case .equal: ("EQ", ["S", "N", "B", "SS", "NS", "BS"])
                case .less: ("LT", ["S", "N", "B"])
                case .lessOrEqual: ("LE", ["S", "N", "B"])
                case .greater: ("GT", ["S", "N", "B"])
                case .greaterOrEqual: ("GE", ["S", "N", "B"])
                case .between: ("BETWEEN", ["S", "N", "B"])
                case .beginsWith: ("BEGINS_WITH", ["S", "B"])
                }
            for value in predicate.condition.values where !allowed.contains(value.typeName) {
                throw ExpressionError(
                    message: "One or more parameter values were invalid: ComparisonOperator \(operatorName) is not valid for \(value.typeName) AttributeValue type",
                    isPrefixed: false)
            }
        }
        if predicates.count > 2 {
            throw ExpressionError(message: "Conditions can be of length 1 or 2 only", isPrefixed: false)
        }
        guard let hash = predicates.first(where: { $0.name == hashKey.name }) else {
            throw ExpressionError(message: "Query condition missed key schema element: \(hashKey.name)", isPrefixed: false)
        }
        let sort = predicates.first { $0.name != hashKey.name }
        if sort != nil, let rangeKey, sort?.name != rangeKey.name {
            throw ExpressionError(message: "Query condition missed key schema element: \(rangeKey.name)", isPrefixed: false)
        }
        guard case .equal(let partitionValue) = hash.condition, sort == nil || rangeKey != nil else {
            throw ExpressionError(message: "Query key condition not supported", isPrefixed: false)
        }
        var typed: [(key: String, type: String, value: AttributeValue, isPrefix: Bool)] =
            [(hashKey.name, hashKey.type, partitionValue, false)]
        if let sort, let rangeKey {
            let isPrefix = if case .beginsWith = sort.condition { true } else { false }
            for value in sort.condition.values { typed.append((sort.name, rangeKey.type, value, isPrefix)) }
        }
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

/// The key-condition shape check, run after the condition grammar's checks: walks the tree in text
/// order and stops at the first problem (dynalite `checkExpr`); its messages carry no prefix.
struct KeyConditionShape {
    var resolver: Resolver
    var predicates: [(name: String, condition: KeyCondition.SortCondition)] = []

    private static let invalidFunctions: Set<String> = ["attribute_exists", "attribute_not_exists", "attribute_type", "contains"]

    private func fail(_ message: String) -> ExpressionError {
        ExpressionError(message: message, isPrefixed: false)
    }

    private static func isPath(_ node: RawNode) -> Bool {
        if case .path = node.unwrapped { return true }
        return false
    }

    mutating func check(_ raw: RawNode) throws(ExpressionError) {
        let node = raw.unwrapped
        let arguments: [RawNode]
        switch node {
        case .or: throw fail("Invalid operator used in KeyConditionExpression: OR")
        case .not: throw fail("Invalid operator used in KeyConditionExpression: NOT")
        case .inList: throw fail("Invalid operator used in KeyConditionExpression: IN")
        case .compare(_, .notEqual, _): throw fail("Invalid operator used in KeyConditionExpression: <>")
        case .call(let name, let callArguments):
            if Self.invalidFunctions.contains(name) { throw fail("Invalid operator used in KeyConditionExpression: \(name)") }
            if name == "size" { throw fail("KeyConditionExpressions cannot contain nested operations") }
            if name == "begins_with", let first = callArguments.first, !Self.isPath(first) {
                throw fail("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand")
            }
            arguments = callArguments
        case .between(let subject, let low, let high):
            if !Self.isPath(subject) {
                throw fail("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand")
            }
            arguments = [subject, low, high]
        case .compare(let left, _, let right), .and(let left, let right):
            arguments = [left, right]
        case .path, .value, .paren, .arithmetic:
            return
        }
        var keyName: String?
        var keyPosition = 0
        var literals: [AttributeValue] = []
        for (position, argument) in arguments.enumerated() {
            switch argument.unwrapped {
            case .path(let rawPath):
                if keyName != nil {
                    throw fail("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition")
                }
                let path = resolver.path(rawPath)
                if !path.isTopLevel { throw fail("KeyConditionExpressions cannot have conditions on nested attributes") }
                keyName = path.attributeName
                keyPosition = position
            case .value(let placeholder):
                if let value = resolver.value(placeholder) { literals.append(value) }
            default:
                try check(argument)
            }
        }
        if case .and = node { return }
        guard let keyName else { throw fail("Invalid condition in KeyConditionExpression: No key attribute specified") }
        if predicates.contains(where: { $0.name == keyName }) {
            throw fail("KeyConditionExpressions must only contain one condition per key")
        }
        guard let first = literals.first else { return }
        let condition: KeyCondition.SortCondition
        switch node {
        case .compare(_, let comparator, _):
            switch keyPosition == 0 ? comparator : comparator.swapped {
            case .less: condition = .less(first)
            case .lessOrEqual: condition = .lessOrEqual(first)
            case .greater: condition = .greater(first)
            case .greaterOrEqual: condition = .greaterOrEqual(first)
            default: condition = .equal(first)
            }
        case .between:
            guard literals.count == 2 else { return }
            condition = .between(literals[0], literals[1])
        default:
            condition = .beginsWith(first)
        }
        predicates.append((keyName, condition))
    }
}
