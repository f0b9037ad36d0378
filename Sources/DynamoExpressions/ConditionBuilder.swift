import DynamoModel

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

    /// Resolves a condition; after each predicate the condition-problem category settles (AWS
    /// reports the problems of the first faulty predicate).
    mutating func condition(_ node: RawNode) -> Condition {
        let result = predicateOrLogic(node)
        switch node {
        case .paren, .and, .or, .not: break
        default: resolver.issues.settleCondition()
        }
        return result
    }

    private mutating func predicateOrLogic(_ node: RawNode) -> Condition {
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
        if operands.count == 2 { checkDistinct(name, operands[0], [operands[1]]) }
        switch name {
        case "attribute_exists", "attribute_not_exists", "attribute_type":
            guard let target = operands[0].pathValue else {
                record(.dataType, "Operator or function requires a document path; operator or function: \(name)")
                return .invalid
            }
            if name == "attribute_exists" { return .exists(target) }
            if name == "attribute_not_exists" { return .notExists(target) }
            if case .path = operands[1] {
                // A path's type is unknown before evaluation, which AWS rejects listing every type.
                record(
                    .dataType,
                    "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"
                )
            } else if case .value(let type) = operands[1] {
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
            record(.dataType, "The BETWEEN operator requires same data type for lower and upper bounds; \(bounds)")
            return
        }
        if order > 0 {
            record(.dataType, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; \(bounds)")
        }
    }
}
