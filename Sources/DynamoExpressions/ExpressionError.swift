import DynamoModel

/// Which expression parameter a message belongs to; its raw value is the parameter name used in
/// the `Invalid <Parameter>: ` prefix of AWS's messages.
public enum ExpressionKind: String, Sendable {
    /// `ConditionExpression` of PutItem, UpdateItem, DeleteItem and transaction actions.
    case condition = "ConditionExpression"
    /// `FilterExpression` of Query and Scan.
    case filter = "FilterExpression"
    /// `KeyConditionExpression` of Query.
    case keyCondition = "KeyConditionExpression"
    /// `UpdateExpression` of UpdateItem.
    case update = "UpdateExpression"
    /// `ProjectionExpression` of the read operations.
    case projection = "ProjectionExpression"
}

/// A problem found while reading an expression, before it is turned into AWS's message.
struct ExpressionError: Error {
    /// The text after the `Invalid <Parameter>: ` prefix (or the whole text when `isPrefixed` is false).
    var message: String
    /// Whether the message gets the `Invalid <Parameter>: ` prefix.
    var isPrefixed = true

    func dynamoError(for kind: ExpressionKind) -> DynamoError {
        .validation(isPrefixed ? "Invalid \(kind.rawValue): \(message)" : message)
    }

    /// `Syntax error; token: "<tok>", near: "<text>"` for the token at `index` (§4.1).
    static func syntax(at index: Int, in tokens: [Token], source: [UInt8]) -> ExpressionError {
        let token = tokens[index]
        let start = index > 0 ? tokens[index - 1].start : token.start
        let end: Int
        if token.kind == .eof {
            end = source.count
        } else if index + 1 < tokens.count, tokens[index + 1].kind != .eof {
            end = tokens[index + 1].end
        } else {
            end = token.end
        }
        let near = String(decoding: source[start..<end], as: UTF8.self)
        let shown = token.kind == .eof ? "<EOF>" : token.text
        return ExpressionError(message: "Syntax error; token: \"\(shown)\", near: \"\(near)\"")
    }

    static let empty = ExpressionError(message: "The expression can not be empty;")

    /// The longest expression AWS accepts, in UTF-8 bytes of the raw text (before substitution).
    static let maximumSize = 4096
    /// The most operators and functions AWS accepts in one expression.
    static let maximumOperators = 300

    /// Rejects empty and oversized expression text.
    static func checkText(_ text: String) throws(ExpressionError) {
        if text.isEmpty { throw empty }
        let size = text.utf8.count
        if size > maximumSize {
            throw ExpressionError(message: "Expression size has exceeded the maximum allowed size; expression size: \(size)")
        }
    }

    /// Rejects a tree with more than 300 operators and functions.
    static func checkOperatorCount(_ nodes: [RawNode]) throws(ExpressionError) {
        var count = 0
        for node in nodes { count += node.operatorCount }
        if count > maximumOperators {
            throw ExpressionError(message: "The expression contains too many operators; operator count: \(count)")
        }
    }
}

/// Static-check failures of one expression, grouped by category: AWS reports the first failure of
/// the earliest category (dynamodb-core §4.9 order), whatever order the walk met them in.
struct StaticIssues {
    enum Category: Int, Comparable {
        case parentheses
        case reserved
        case function
        case misusedFunction
        case section
        case attributeName
        case attributeValue
        case overlap
        case conflict
        case clauseOperandType
        case operandCount
        case distinct
        case dataType
        case condition

        static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The category order in which issues are reported, per expression family.
    let order: [Category]
    private var found: [Category: ExpressionError] = [:]

    init(order: [Category]) {
        self.order = order
    }

    /// Condition / filter order (dynalite `conditionParser.pegjs`): parentheses, unknown function,
    /// misused function, reserved word, then the first *condition* problem: the first predicate
    /// (in text order) with an undefined name/value, operand count, non-distinct operands or
    /// operand-type problem reports the highest of those categories recorded so far.
    static let condition: [Category] = [.parentheses, .function, .misusedFunction, .reserved, .condition]
    /// The categories a predicate's problems settle into ``Category/condition`` from, in priority order.
    static let conditionParts: [Category] = [.attributeName, .operandCount, .distinct, .dataType]
    /// Update order: reserved word, unknown function, repeated clause, undefined name, undefined
    /// value, overlap, conflict, ADD/DELETE operand type, function operand errors.
    static let update: [Category] = [
        .reserved, .function, .section, .attributeName, .attributeValue, .overlap, .conflict, .clauseOperandType,
        .dataType,
    ]
    /// Projection order: reserved word, undefined name, overlap, conflict.
    static let projection: [Category] = [.reserved, .attributeName, .overlap, .conflict]

    /// Records an issue; only the first of each category is kept.
    mutating func record(_ category: Category, _ message: String, prefixed: Bool = true) {
        if found[category] == nil {
            found[category] = ExpressionError(message: message, isPrefixed: prefixed)
        }
    }

    /// At the end of each predicate: the first predicate with a problem fixes the reported
    /// condition problem to the highest-priority one recorded so far.
    mutating func settleCondition() {
        guard found[.condition] == nil else { return }
        for category in Self.conditionParts {
            if let issue = found[category] {
                found[.condition] = issue
                return
            }
        }
    }

    /// The issue AWS would report, if any.
    var first: ExpressionError? {
        for category in order { if let issue = found[category] { return issue } }
        return nil
    }

    func throwFirst() throws(ExpressionError) {
        if let issue = first { throw issue }
    }
}
