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

    /// The node without surrounding parentheses.
    var unwrapped: RawNode {
        if case .paren(let inner) = self { return inner.unwrapped }
        return self
    }
}
