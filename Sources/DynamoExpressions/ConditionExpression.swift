import DynamoModel

/// A parsed ConditionExpression or FilterExpression, ready to evaluate against many items.
///
/// Parse once per request with ``parse(_:kind:attributes:)``, then call ``evaluate(_:)`` per
/// item; evaluation walks a resolved tree (placeholders substituted, literals in place) and does
/// not allocate except for `size()` results.
public struct ConditionExpression: Sendable {
    let root: Condition
    /// Every document path the expression reads, after `#name` substitution, in text order.
    public let referencedPaths: [DocumentPath]

    /// Parses and statically checks a condition or filter expression (dynamodb-core §4.3).
    ///
    /// - Parameters:
    ///   - text: The expression text.
    ///   - kind: ``ExpressionKind/condition`` or ``ExpressionKind/filter``; names the parameter in
    ///     messages (`Invalid ConditionExpression: …`).
    ///   - attributes: The request's names and values; the placeholders used are marked.
    /// - Throws: `ValidationException` with AWS's message for the first problem in AWS's order:
    ///   syntax, redundant parentheses, unknown function, misused function, reserved word, then
    ///   undefined placeholder, operand count, distinct operands, operand types, BETWEEN bounds.
    public static func parse(
        _ text: String, kind: ExpressionKind, attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> ConditionExpression {
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
            let root = builder.condition(raw)
            builder.resolver.issues.settleCondition()
            try builder.resolver.issues.throwFirst()
            attributes = builder.resolver.attributes
            return ConditionExpression(root: root, referencedPaths: builder.paths)
        } catch {
            throw error.dynamoError(for: kind)
        }
    }

    /// Whether `item` satisfies the expression (§4.4). Pass an empty map for a missing item.
    public func evaluate(_ item: AttributeMap) -> Bool {
        root.evaluate(item)
    }
}

// MARK: - Resolved tree

/// An operand of the condition grammar after resolution.
indirect enum Operand: Sendable {
    case path(DocumentPath)
    case value(AttributeValue)
    case size(DocumentPath)

    /// The type known before evaluation: a literal's type, `N` for `size()`, `nil` for a path.
    var staticType: String? {
        switch self {
        case .path: nil
        case .value(let value): value.typeName
        case .size: "N"
        }
    }

    var pathValue: DocumentPath? {
        if case .path(let path) = self { return path }
        return nil
    }

    @inline(__always)
    func value(in item: AttributeMap) -> AttributeValue? {
        switch self {
        case .path(let path): return path.resolve(in: item)
        case .value(let value): return value
        case .size(let path):
            guard let target = path.resolve(in: item), let size = sizeOf(target) else { return nil }
            return .n(DynamoNumber(size))
        }
    }
}

/// A condition after resolution; evaluation is two-valued (MISSING never propagates).
indirect enum Condition: Sendable {
    case compare(Operand, Comparator, Operand)
    case between(Operand, Operand, Operand)
    case inList(Operand, [Operand])
    case exists(DocumentPath)
    case notExists(DocumentPath)
    case attributeType(DocumentPath, Operand)
    case beginsWith(Operand, Operand)
    case contains(Operand, Operand)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    /// Stands in for a construct that failed a static check (never evaluated).
    case invalid

    func evaluate(_ item: AttributeMap) -> Bool {
        switch self {
        case .compare(let left, let comparator, let right):
            let a = left.value(in: item)
            let b = right.value(in: item)
            switch comparator {
            case .equal:
                guard let a, let b else { return false }
                return valuesEqual(a, b)
            case .notEqual:
                guard let a, let b else { return true }
                return !valuesEqual(a, b)
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                guard let a, let b, let order = compareScalars(a, b) else { return false }
                switch comparator {
                case .less: return order < 0
                case .lessOrEqual: return order <= 0
                case .greater: return order > 0
                default: return order >= 0
                }
            }
        case .between(let subject, let low, let high):
            guard let value = subject.value(in: item), let lower = low.value(in: item),
                let upper = high.value(in: item),
                let fromLower = compareScalars(value, lower), let toUpper = compareScalars(value, upper)
            else { return false }
            return fromLower >= 0 && toUpper <= 0
        case .inList(let subject, let candidates):
            guard let value = subject.value(in: item) else { return false }
            for candidate in candidates {
                if let other = candidate.value(in: item), valuesEqual(value, other) { return true }
            }
            return false
        case .exists(let path):
            return path.resolve(in: item) != nil
        case .notExists(let path):
            return path.resolve(in: item) == nil
        case .attributeType(let path, let type):
            guard let value = path.resolve(in: item), case .s(let name)? = type.value(in: item) else { return false }
            return value.typeName == name
        case .beginsWith(let subject, let prefix):
            switch (subject.value(in: item), prefix.value(in: item)) {
            case (.s(let text)?, .s(let start)?): return text.utf8.starts(with: start.utf8)
            case (.b(let bytes)?, .b(let start)?): return bytes.starts(with: start)
            default: return false
            }
        case .contains(let subject, let operand):
            guard let container = subject.value(in: item), let element = operand.value(in: item) else { return false }
            switch (container, element) {
            case (.s(let text), .s(let part)): return containsBytes(text.utf8, part.utf8)
            case (.b(let bytes), .b(let part)): return containsBytes(bytes, part)
            case (.ss(let set), .s(let member)): return setContains(set, member)
            case (.ns(let set), .n(let member)): return set.contains(member)
            case (.bs(let set), .b(let member)): return set.contains(member)
            case (.l(let list), _): return list.contains { valuesEqual($0, element) }
            default: return false
            }
        case .and(let left, let right):
            return left.evaluate(item) && right.evaluate(item)
        case .or(let left, let right):
            return left.evaluate(item) || right.evaluate(item)
        case .not(let inner):
            return !inner.evaluate(item)
        case .invalid:
            return false
        }
    }
}
