import DynamoModel

/// A parsed UpdateExpression (dynamodb-core §4.8).
///
/// ``apply(to:itemExists:)`` evaluates every right-hand side against the original item, then
/// writes all actions into a copy, with list indexes referring to the original lists.
public struct UpdateExpression: Sendable {
    /// One action, resolved.
    enum Action: Sendable {
        case set(DocumentPath, SetValue)
        case remove(DocumentPath)
        case add(DocumentPath, AttributeValue)
        case delete(DocumentPath, AttributeValue)

        var path: DocumentPath {
            switch self {
            case .set(let path, _), .remove(let path), .add(let path, _), .delete(let path, _): path
            }
        }
    }

    /// The right-hand side of a SET action.
    enum SetValue: Sendable {
        case single(UpdateOperand)
        case plus(UpdateOperand, UpdateOperand)
        case minus(UpdateOperand, UpdateOperand)
    }

    let actions: [Action]
    private let targets: ProjectionTree

    /// Every path an action writes, in text order (SET, REMOVE, ADD and DELETE alike), after
    /// `#name` substitution; the engine checks key protection and index keys against these.
    public var targetPaths: [DocumentPath] { actions.map(\.path) }

    /// Whether the expression only REMOVEs or DELETEs (UpdateItem on a missing item then creates
    /// nothing).
    public var isRemoveOnly: Bool {
        actions.allSatisfy {
            switch $0 {
            case .remove, .delete: true
            case .set, .add: false
            }
        }
    }

    /// The SET actions whose right-hand side is a plain `:value` literal, in text order.
    ///
    /// The engine uses them to tell a literal of the wrong type for an index key (`Type mismatch
    /// for Index Key …`) from a computed one (`The update expression attempted to update the
    /// secondary index key to unsupported type`).
    public var literalAssignments: [(path: DocumentPath, value: AttributeValue)] {
        actions.compactMap { action in
            if case .set(let path, .single(.value(let value))) = action { return (path, value) }
            return nil
        }
    }

    /// Parses and statically checks an update expression.
    ///
    /// - Throws: `ValidationException` with `Invalid UpdateExpression: ` and the first problem in
    ///   AWS's order: syntax, reserved word, unknown function, repeated clause, undefined name,
    ///   undefined value, overlapping paths, conflicting paths, ADD/DELETE operand type, function
    ///   operand errors.
    public static func parse(
        _ text: String, attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> UpdateExpression {
        do throws(ExpressionError) {
            try ExpressionError.checkText(text)
            var parser = Parser(text)
            let clauses = try parser.parseUpdate()
            try ExpressionError.checkOperatorCount(clauses.flatMap(\.setValues))
            var builder = UpdateBuilder(
                resolver: Resolver(attributes: attributes, order: StaticIssues.update, valueCategory: .attributeValue))
            let actions = builder.actions(clauses)
            checkOverlapsAndConflicts(actions.map(\.path), into: &builder.resolver.issues)
            try builder.resolver.issues.throwFirst()
            attributes = builder.resolver.attributes
            return UpdateExpression(actions: actions, targets: ProjectionTree(paths: actions.map(\.path)))
        } catch {
            throw error.dynamoError(for: .update)
        }
    }

    /// ReturnValues `UPDATED_OLD` / `UPDATED_NEW`: the values at the updated paths, built like a
    /// projection over ``targetPaths`` (dynamodb-core §3.9).
    ///
    /// Pass the old item for `UPDATED_OLD` and the new item for `UPDATED_NEW`. Paths absent on that
    /// side are omitted, so a REMOVEd attribute appears only in the old values, `SET l[100]` (an
    /// append) does not appear in the new ones, and `REMOVE l[1]` reports the element that
    /// shifted into position 1. An empty result means no `Attributes` member.
    /// - Parameters:
    ///   - item: The item before (`old`) or after the update.
    ///   - old: Whether these are the old values; the projection is the same either way.
    public func updatedAttributes(in item: AttributeMap, old: Bool) -> AttributeMap {
        targets.project(item: item)
    }
}

/// An operand of a SET right-hand side.
indirect enum UpdateOperand: Sendable {
    case path(DocumentPath)
    case value(AttributeValue)
    case ifNotExists(DocumentPath, UpdateOperand)
    case listAppend(UpdateOperand, UpdateOperand)

    /// The type known before evaluation, if any.
    var staticType: String? {
        switch self {
        case .value(let value): value.typeName
        case .listAppend: "L"
        case .path, .ifNotExists: nil
        }
    }
}

/// Resolves raw update clauses, recording static issues.
struct UpdateBuilder {
    var resolver: Resolver

    private mutating func record(_ category: StaticIssues.Category, _ message: String) {
        resolver.issues.record(category, message)
    }

    mutating func actions(_ clauses: [Parser.RawClause]) -> [UpdateExpression.Action] {
        var seen: Set<String> = []
        var actions: [UpdateExpression.Action] = []
        for clause in clauses {
            if !seen.insert(clause.keyword).inserted {
                record(.section, "The \"\(clause.keyword)\" section can only be used once in an update expression;")
            }
            switch clause {
            case .set(let pairs):
                for (rawPath, rawValue) in pairs {
                    let path = resolver.path(rawPath)
                    actions.append(.set(path, setValue(rawValue)))
                }
            case .remove(let paths):
                for rawPath in paths { actions.append(.remove(resolver.path(rawPath))) }
            case .add(let pairs):
                for (rawPath, placeholder) in pairs {
                    let path = resolver.path(rawPath)
                    let value = resolver.value(placeholder) ?? .n(.zero)
                    switch value {
                    case .n, .ss, .ns, .bs: break
                    default:
                        record(
                            .clauseOperandType,
                            "Incorrect operand type for operator or function; operator: ADD, operand type: \(value.longTypeName)")
                    }
                    actions.append(.add(path, value))
                }
            case .delete(let pairs):
                for (rawPath, placeholder) in pairs {
                    let path = resolver.path(rawPath)
                    let value = resolver.value(placeholder) ?? .ss(["placeholder"])
                    if !value.isSet {
                        record(
                            .clauseOperandType,
                            "Incorrect operand type for operator or function; operator: DELETE, operand type: \(value.longTypeName)")
                    }
                    actions.append(.delete(path, value))
                }
            }
        }
        return actions
    }

    private mutating func setValue(_ node: RawNode) -> UpdateExpression.SetValue {
        guard case .arithmetic(let left, let isPlus, let right) = node else { return .single(operand(node)) }
        let a = operand(left)
        let b = operand(right)
        let symbol = isPlus ? "+" : "-"
        for type in [a.staticType, b.staticType].compactMap({ $0 }) where type != "N" {
            record(.dataType, "Incorrect operand type for operator or function; operator or function: \(symbol), operand type: \(type)")
        }
        return isPlus ? .plus(a, b) : .minus(a, b)
    }

    private mutating func operand(_ node: RawNode) -> UpdateOperand {
        switch node {
        case .path(let raw):
            return .path(resolver.path(raw))
        case .value(let placeholder):
            return .value(resolver.value(placeholder) ?? .null)
        case .paren(let inner):
            return operand(inner)
        case .call(let name, let arguments):
            return function(name, arguments)
        default:
            // The parser yields no conditions or nested arithmetic in SET operands.
            return .value(.null)
        }
    }

    private mutating func function(_ name: String, _ arguments: [RawNode]) -> UpdateOperand {
        let operands = arguments.map { operand($0) }
        switch name {
        case "if_not_exists":
            guard operands.count == 2 else {
                record(
                    .dataType,
                    "Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: \(operands.count)"
                )
                return .value(.null)
            }
            guard case .path(let path) = operands[0] else {
                record(.dataType, "Operator or function requires a document path; operator or function: if_not_exists")
                return .value(.null)
            }
            return .ifNotExists(path, operands[1])
        case "list_append":
            for argument in arguments {
                if case .call("list_append", _) = argument.unwrapped {
                    record(.dataType, "The function is not allowed to be used this way in an expression; function: list_append")
                }
            }
            guard operands.count == 2 else {
                record(
                    .dataType,
                    "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: \(operands.count)"
                )
                return .value(.null)
            }
            for case .value(let literal) in operands {
                if case .l = literal { continue }
                record(
                    .dataType,
                    "Incorrect operand type for operator or function; operator or function: list_append, operand type: \(literal.typeName)"
                )
            }
            return .listAppend(operands[0], operands[1])
        default:
            record(.function, "Invalid function name; function: \(name)")
            return .value(.null)
        }
    }
}
