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
            guard !text.isEmpty else { throw ExpressionError.empty }
            var parser = Parser(text)
            let raw = try parser.parseCondition()
            if parser.hasRedundantParentheses {
                throw ExpressionError(message: "The expression has redundant parentheses;")
            }
            var builder = ConditionBuilder(
                resolver: Resolver(attributes: attributes, order: StaticIssues.condition, valueCategory: .attributeName))
            let root = builder.condition(raw)
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

// MARK: - Static checks

/// The condition functions (case-sensitive names).
let conditionFunctions: Set<String> = [
    "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size",
]

/// The type names `attribute_type` accepts.
let attributeTypeNames: Set<String> = ["S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"]

/// Walks a raw condition tree, resolving it and recording static issues (§4.3).
struct ConditionBuilder {
    var resolver: Resolver
    var paths: [DocumentPath] = []

    init(resolver: Resolver) {
        self.resolver = resolver
    }

    private mutating func record(_ category: StaticIssues.Category, _ message: String) {
        resolver.issues.record(category, message)
    }

    mutating func path(_ raw: RawPath) -> DocumentPath {
        let path = resolver.path(raw)
        paths.append(path)
        return path
    }

    mutating func condition(_ node: RawNode) -> Condition {
        switch node {
        case .paren(let inner):
            return condition(inner)
        case .and(let left, let right):
            return .and(condition(left), condition(right))
        case .or(let left, let right):
            return .or(condition(left), condition(right))
        case .not(let inner):
            return .not(condition(inner))
        case .compare(let left, let comparator, let right):
            let a = operand(left)
            let b = operand(right)
            checkDistinct(comparator.rawValue, a, [b])
            if comparator.isOrdering {
                checkOrderable(comparator.rawValue, [a, b])
            }
            return .compare(a, comparator, b)
        case .between(let subject, let low, let high):
            let a = operand(subject)
            let lower = operand(low)
            let upper = operand(high)
            checkDistinct("BETWEEN", a, [lower, upper])
            checkOrderable("BETWEEN", [a, lower, upper])
            checkBetweenBounds(lower, upper)
            return .between(a, lower, upper)
        case .inList(let subject, let list):
            let a = operand(subject)
            let candidates = list.map { operand($0) }
            if candidates.count > 100 {
                record(
                    .operandCount,
                    "Incorrect number of operands for operator or function; operator or function: IN, number of operands: \(candidates.count)"
                )
            }
            checkDistinct("IN", a, candidates)
            return .inList(a, candidates)
        case .call(let name, let arguments):
            return function(name, arguments)
        case .path, .value, .arithmetic:
            // The parser never yields these as conditions.
            return .invalid
        }
    }

    private mutating func function(_ name: String, _ arguments: [RawNode]) -> Condition {
        guard conditionFunctions.contains(name) else {
            record(.function, "Invalid function name; function: \(name)")
            arguments.forEach { _ = operand($0) }
            return .invalid
        }
        if name == "size" {
            record(.misusedFunction, "The function is not allowed to be used this way in an expression; function: size")
            arguments.forEach { _ = operand($0) }
            return .invalid
        }
        let operands = arguments.map { operand($0) }
        let expected = name == "attribute_exists" || name == "attribute_not_exists" ? 1 : 2
        guard operands.count == expected else {
            record(
                .operandCount,
                "Incorrect number of operands for operator or function; operator or function: \(name), number of operands: \(operands.count)"
            )
            return .invalid
        }
        switch name {
        case "attribute_exists", "attribute_not_exists", "attribute_type":
            guard let target = operands[0].pathValue else {
                record(.operandCount, "Operator or function requires a document path; operator or function: \(name)")
                return .invalid
            }
            if name == "attribute_exists" { return .exists(target) }
            if name == "attribute_not_exists" { return .notExists(target) }
            if case .value(let type) = operands[1] {
                guard case .s(let typeName) = type else {
                    record(
                        .dataType,
                        "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: \(type.typeName)"
                    )
                    return .invalid
                }
                if !attributeTypeNames.contains(typeName) {
                    record(
                        .dataType,
                        "Invalid attribute type name found; type: \(typeName), valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}")
                }
            } else if let type = operands[1].staticType {
                record(
                    .dataType,
                    "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: \(type)"
                )
            }
            return .attributeType(target, operands[1])
        case "begins_with":
            checkDistinct(name, operands[0], [operands[1]])
            for operand in operands {
                if let type = operand.staticType, type != "S", type != "B" {
                    record(
                        .dataType,
                        "Incorrect operand type for operator or function; operator or function: begins_with, operand type: \(type)"
                    )
                }
            }
            return .beginsWith(operands[0], operands[1])
        default:
            checkDistinct(name, operands[0], [operands[1]])
            return .contains(operands[0], operands[1])
        }
    }

    /// Resolves an operand; functions other than `size` are misused here.
    mutating func operand(_ node: RawNode) -> Operand {
        switch node {
        case .path(let raw):
            return .path(path(raw))
        case .value(let placeholder):
            return .value(resolver.value(placeholder) ?? .null)
        case .paren(let inner):
            return operand(inner)
        case .call(let name, let arguments):
            guard conditionFunctions.contains(name) else {
                record(.function, "Invalid function name; function: \(name)")
                arguments.forEach { _ = operand($0) }
                return .value(.null)
            }
            guard name == "size" else {
                record(.misusedFunction, "The function is not allowed to be used this way in an expression; function: \(name)")
                arguments.forEach { _ = operand($0) }
                return .value(.null)
            }
            let operands = arguments.map { operand($0) }
            guard operands.count == 1 else {
                record(
                    .operandCount,
                    "Incorrect number of operands for operator or function; operator or function: size, number of operands: \(operands.count)"
                )
                return .value(.null)
            }
            switch operands[0] {
            case .path(let target):
                return .size(target)
            case .value(let literal):
                guard let size = sizeOf(literal) else {
                    record(
                        .dataType,
                        "Incorrect operand type for operator or function; operator or function: size, operand type: \(literal.typeName)"
                    )
                    return .value(.null)
                }
                return .value(.n(DynamoNumber(size)))
            case .size:
                record(.dataType, "Incorrect operand type for operator or function; operator or function: size, operand type: N")
                return .value(.null)
            }
        case .compare, .between, .inList, .and, .or, .not, .arithmetic:
            return .value(.null)
        }
    }

    private mutating func checkDistinct(_ name: String, _ first: Operand, _ rest: [Operand]) {
        guard let path = first.pathValue else { return }
        for other in rest where other.pathValue == path {
            record(
                .distinct,
                "The first operand must be distinct from the remaining operands for this operator or function; operator: \(name), first operand: \(path)"
            )
        }
    }

    private mutating func checkOrderable(_ name: String, _ operands: [Operand]) {
        for operand in operands {
            guard case .value(let literal) = operand, !literal.isOrderable else { continue }
            record(
                .dataType,
                "Incorrect operand type for operator or function; operator or function: \(name), operand type: \(literal.typeName)"
            )
        }
    }

    private mutating func checkBetweenBounds(_ lower: Operand, _ upper: Operand) {
        guard case .value(let low) = lower, case .value(let high) = upper, low.isOrderable, high.isOrderable else { return }
        let bounds = "lower bound operand: \(describeLiteral(low)), upper bound operand: \(describeLiteral(high))"
        guard let order = compareScalars(low, high) else {
            record(.between, "The BETWEEN operator requires same data type for lower and upper bounds; \(bounds)")
            return
        }
        if order > 0 {
            record(.between, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; \(bounds)")
        }
    }
}
