/// A one-line text editor with a cursor and history (prompts, `:` and `/`).
public struct LineEditor: Sendable, Hashable {
    public private(set) var text: [Character] = []
    public private(set) var cursor = 0
    private var history: [String]
    private var historyIndex: Int

    /// An editor starting with `initial` text and `history` (oldest first) reachable with ↑/↓.
    public init(_ initial: String = "", history: [String] = []) {
        text = Array(initial)
        cursor = text.count
        self.history = history
        historyIndex = history.count
    }

    public var string: String { String(text) }

    /// Replaces the whole text, cursor at the end.
    public mutating func set(_ s: String) {
        text = Array(s)
        cursor = text.count
    }

    /// Applies an editing key.
    /// - Returns: whether the key was an editing key.
    public mutating func handle(_ key: KeyPress) -> Bool {
        switch key {
        case .character(let c):
            text.insert(c, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            if cursor > 0 {
                text.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .control("d"):
            if cursor < text.count { text.remove(at: cursor) }
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"): text.removeSubrange(cursor..<text.count)
        case .control("w"):
            var start = cursor
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<cursor)
            cursor = start
        case .up:
            if historyIndex > 0 {
                historyIndex -= 1
                set(history[historyIndex])
            }
        case .down:
            if historyIndex < history.count - 1 {
                historyIndex += 1
                set(history[historyIndex])
            } else {
                historyIndex = history.count
                set("")
            }
        default:
            return false
        }
        return true
    }
}
