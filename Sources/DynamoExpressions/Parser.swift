/// Recursive-descent parser over the shared token stream (dynamodb-core §4.1–§4.3, §4.7, §4.8).
///
/// It only reports syntax errors; everything AWS reports after syntax (parentheses, functions,
/// reserved words, placeholders, …) is left to the static checks walking the ``RawNode`` tree.
struct Parser {
    private let source: [UInt8]
    private let tokens: [Token]
    private var position = 0
    /// Set when parentheses directly enclose parentheses (`((a = :v))`), reported after syntax.
    private(set) var hasRedundantParentheses = false
    /// Bare words that cannot start a path in the current expression family.
    private var pathKeywords: [String] = []
    /// Current recursion depth; bounded so hostile nesting (`((((…`) cannot exhaust the stack.
    private var depth = 0
    /// AWS allows at most 300 operators, so no valid expression nests anywhere near this deep.
    private static let maximumDepth = 600

    private mutating func descend() throws(ExpressionError) {
        depth += 1
        if depth > Self.maximumDepth { throw syntaxError() }
    }

    init(_ text: String) {
        source = Array(text.utf8)
        tokens = Lexer.tokenize(source)
    }

    private var current: Token { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func syntaxError() -> ExpressionError {
        .syntax(at: position, in: tokens, source: source)
    }

    private mutating func expect(_ symbol: String) throws(ExpressionError) {
        guard current.isPunctuation(symbol) else { throw syntaxError() }
        advance()
    }

    private mutating func expectEnd() throws(ExpressionError) {
        guard current.kind == .eof else { throw syntaxError() }
    }

    private static let conditionKeywords = ["AND", "OR", "NOT", "BETWEEN", "IN"]
    private static let clauseKeywords = ["SET", "REMOVE", "ADD", "DELETE"]

    private func isKeyword(_ token: Token, in words: [String]) -> Bool {
        token.kind == .name && words.contains { token.isKeyword($0) }
    }

    // MARK: - Condition family

    /// `condition` for ConditionExpression, FilterExpression and KeyConditionExpression.
    mutating func parseCondition() throws(ExpressionError) -> RawNode {
        pathKeywords = Self.conditionKeywords
        let node = try parseOr(allowOperand: false)
        try expectEnd()
        return node
    }

    private mutating func parseOr(allowOperand: Bool) throws(ExpressionError) -> RawNode {
        var left = try parseAnd(allowOperand: allowOperand)
        if left.isOperandOnly { return left }
        while current.isKeyword("OR") {
            advance()
            left = .or(left, try parseAnd(allowOperand: false))
        }
        return left
    }

    private mutating func parseAnd(allowOperand: Bool) throws(ExpressionError) -> RawNode {
        var left = try parseNot(allowOperand: allowOperand)
        if left.isOperandOnly { return left }
        while current.isKeyword("AND") {
            advance()
            left = .and(left, try parseNot(allowOperand: false))
        }
        return left
    }

    private mutating func parseNot(allowOperand: Bool) throws(ExpressionError) -> RawNode {
        try descend()
        defer { depth -= 1 }
        if current.isKeyword("NOT") {
            advance()
            return .not(try parseNot(allowOperand: false))
        }
        return try parsePredicate(allowOperand: allowOperand)
    }

    private mutating func parsePredicate(allowOperand: Bool) throws(ExpressionError) -> RawNode {
        try descend()
        defer { depth -= 1 }
        let term: RawNode
        if current.isPunctuation("(") {
            advance()
            let inner = try parseOr(allowOperand: true)
            try expect(")")
            if case .paren = inner { hasRedundantParentheses = true }
            term = .paren(inner)
        } else {
            term = try parsePrimary(operand: { (parser: inout Parser) throws(ExpressionError) in try parser.parseOperand() })
        }
        if term.canBeOperand {
            if current.kind == .punctuation, let comparator = Comparator(rawValue: current.text) {
                advance()
                return .compare(term, comparator, try parseOperand())
            }
            if current.isKeyword("BETWEEN") {
                advance()
                let low = try parseOperand()
                guard current.isKeyword("AND") else { throw syntaxError() }
                advance()
                return .between(term, low, try parseOperand())
            }
            if current.isKeyword("IN") {
                advance()
                try expect("(")
                var list = [try parseOperand()]
                while current.isPunctuation(",") {
                    advance()
                    list.append(try parseOperand())
                }
                try expect(")")
                return .inList(term, list)
            }
        }
        if !term.isOperandOnly { return term }
        if allowOperand && current.isPunctuation(")") { return term }
        throw syntaxError()
    }

    /// `operand ::= path | :value | name(args) | '(' operand ')'` (condition family).
    private mutating func parseOperand() throws(ExpressionError) -> RawNode {
        try descend()
        defer { depth -= 1 }
        if current.isPunctuation("(") {
            advance()
            let inner = try parseOperand()
            try expect(")")
            if case .paren = inner { hasRedundantParentheses = true }
            return .paren(inner)
        }
        return try parsePrimary(operand: { (parser: inout Parser) throws(ExpressionError) in try parser.parseOperand() })
    }

    /// A path, a value placeholder or a function call whose arguments are read by `operand`.
    private mutating func parsePrimary(
        operand: (inout Parser) throws(ExpressionError) -> RawNode
    ) throws(ExpressionError) -> RawNode {
        switch current.kind {
        case .valueRef:
            let name = current.text
            advance()
            return .value(name)
        case .name where tokens[position + 1].isPunctuation("("):
            let name = current.text
            advance()
            advance()
            var arguments: [RawNode] = []
            if !current.isPunctuation(")") {
                arguments.append(try operand(&self))
                while current.isPunctuation(",") {
                    advance()
                    arguments.append(try operand(&self))
                }
            }
            try expect(")")
            return .call(name, arguments)
        case .name, .nameRef:
            return .path(try parsePath())
        default:
            throw syntaxError()
        }
    }

    /// `path ::= element ( '.' element | '[' digits ']' )*`; keywords cannot start a path.
    private mutating func parsePath() throws(ExpressionError) -> RawPath {
        var elements: [RawPath.Element] = []
        guard let first = pathElement(), !isKeyword(current, in: pathKeywords)
        else { throw syntaxError() }
        elements.append(first)
        advance()
        while true {
            if current.isPunctuation(".") {
                advance()
                guard let element = pathElement() else { throw syntaxError() }
                elements.append(element)
                advance()
            } else if current.isPunctuation("[") {
                advance()
                guard current.kind == .number else { throw syntaxError() }
                elements.append(.index(Int(current.text) ?? Int.max))
                advance()
                try expect("]")
            } else {
                return RawPath(elements: elements)
            }
        }
    }

    private func pathElement() -> RawPath.Element? {
        switch current.kind {
        case .name: .bare(current.text)
        case .nameRef: .placeholder(current.text)
        default: nil
        }
    }

    // MARK: - Projection

    /// `path ( ',' path )*`.
    mutating func parseProjection() throws(ExpressionError) -> [RawPath] {
        var paths = [try parsePath()]
        while current.isPunctuation(",") {
            advance()
            paths.append(try parsePath())
        }
        try expectEnd()
        return paths
    }

    // MARK: - Update

    /// One clause of an UpdateExpression, as written.
    enum RawClause {
        case set([(RawPath, RawNode)])
        case remove([RawPath])
        case add([(RawPath, String)])
        case delete([(RawPath, String)])

        /// The right-hand sides of a SET clause (where update operators and functions live).
        var setValues: [RawNode] {
            if case .set(let actions) = self { return actions.map(\.1) }
            return []
        }

        var keyword: String {
            switch self {
            case .set: "SET"
            case .remove: "REMOVE"
            case .add: "ADD"
            case .delete: "DELETE"
            }
        }
    }

    /// `update ::= clause+`.
    mutating func parseUpdate() throws(ExpressionError) -> [RawClause] {
        pathKeywords = Self.clauseKeywords
        var clauses: [RawClause] = []
        repeat {
            guard current.kind == .name else { throw syntaxError() }
            let keyword = current.text.uppercased()
            switch keyword {
            case "SET":
                advance()
                var actions: [(RawPath, RawNode)] = []
                repeat {
                    if !actions.isEmpty { advance() }
                    let path = try parsePath()
                    try expect("=")
                    actions.append((path, try parseSetValue()))
                } while current.isPunctuation(",")
                clauses.append(.set(actions))
            case "REMOVE":
                advance()
                var paths: [RawPath] = []
                repeat {
                    if !paths.isEmpty { advance() }
                    paths.append(try parsePath())
                } while current.isPunctuation(",")
                clauses.append(.remove(paths))
            case "ADD", "DELETE":
                advance()
                var actions: [(RawPath, String)] = []
                repeat {
                    if !actions.isEmpty { advance() }
                    let path = try parsePath()
                    guard current.kind == .valueRef else { throw syntaxError() }
                    actions.append((path, current.text))
                    advance()
                } while current.isPunctuation(",")
                clauses.append(keyword == "ADD" ? .add(actions) : .delete(actions))
            default:
                throw syntaxError()
            }
        } while current.kind != .eof
        return clauses
    }

    /// `set-value ::= '(' arithmetic ')' | arithmetic`, `arithmetic ::= operand ( ('+' | '-') operand )?`
    /// (dynalite `SetValueParens`: the whole sum may be parenthesised, `SET a = (b + :c)`).
    private mutating func parseSetValue() throws(ExpressionError) -> RawNode {
        guard current.isPunctuation("(") else { return try parseArithmetic() }
        advance()
        let inner = try parseArithmetic()
        try expect(")")
        if case .arithmetic = inner { return inner }
        return try parseArithmetic(after: .paren(inner))
    }

    private mutating func parseArithmetic(after parsed: RawNode? = nil) throws(ExpressionError) -> RawNode {
        let left: RawNode
        if let parsed { left = parsed } else { left = try parseUpdateOperand() }
        if current.isPunctuation("+") || current.isPunctuation("-") {
            let isPlus = current.text == "+"
            advance()
            return .arithmetic(left, isPlus: isPlus, try parseUpdateOperand())
        }
        return left
    }

    /// `operand ::= path | :value | function | '(' operand ')'` (update SET).
    private mutating func parseUpdateOperand() throws(ExpressionError) -> RawNode {
        try descend()
        defer { depth -= 1 }
        if current.isPunctuation("(") {
            advance()
            let inner = try parseUpdateOperand()
            try expect(")")
            return .paren(inner)
        }
        return try parsePrimary(operand: { (parser: inout Parser) throws(ExpressionError) in
            try parser.parseUpdateOperand()
        })
    }
}
