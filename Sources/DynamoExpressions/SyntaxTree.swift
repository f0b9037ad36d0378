/// The comparators of the condition grammar.
enum Comparator: String, Sendable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the comparator orders its operands (only N, S and B may be ordered).
    var isOrdering: Bool { self != .equal && self != .notEqual }

    /// The comparator with its operands swapped (`:v < k` ≡ `k > :v`).
    var swapped: Comparator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}

/// A path as written, before `#name` substitution.
struct RawPath {
    enum Element {
        case bare(String)
        case placeholder(String)
        case index(Int)
    }

    var elements: [Element]
}

/// The parse tree shared by all expression families, before names, values and functions are
/// checked; the static checks walk it in AWS's reporting order.
indirect enum RawNode {
    case path(RawPath)
    case value(String)
    case call(String, [RawNode])
    case paren(RawNode)
    case compare(RawNode, Comparator, RawNode)
    case between(RawNode, RawNode, RawNode)
    case inList(RawNode, [RawNode])
    case and(RawNode, RawNode)
    case or(RawNode, RawNode)
    case not(RawNode)
    /// `+` (true) or `-` (false) in an update SET value.
    case arithmetic(RawNode, isPlus: Bool, RawNode)

    /// Whether the node can only be an operand (path, value, or parenthesised operand).
    var isOperandOnly: Bool {
        switch self {
        case .path, .value: true
        case .paren(let inner): inner.isOperandOnly
        default: false
        }
    }

    /// Whether the node can stand where an operand is expected.
    var canBeOperand: Bool {
        switch self {
        case .path, .value, .call: true
        case .paren(let inner): inner.canBeOperand
        default: false
        }
    }

    /// Operators and functions in the tree (comparators, BETWEEN, IN, AND, OR, NOT, calls, + and -),
    /// the quantity AWS limits to 300 per expression.
    var operatorCount: Int {
        switch self {
        case .path, .value: 0
        case .paren(let inner): inner.operatorCount
        case .call(_, let arguments): 1 + arguments.reduce(0) { $0 + $1.operatorCount }
        case .compare(let a, _, let b), .and(let a, let b), .or(let a, let b), .arithmetic(let a, _, let b):
            1 + a.operatorCount + b.operatorCount
        case .between(let a, let b, let c): 1 + a.operatorCount + b.operatorCount + c.operatorCount
        case .inList(let a, let list): 1 + a.operatorCount + list.reduce(0) { $0 + $1.operatorCount }
        case .not(let inner): 1 + inner.operatorCount
        }
    }

    /// The node without surrounding parentheses.
    var unwrapped: RawNode {
        if case .paren(let inner) = self { return inner.unwrapped }
        return self
    }
}
