import DynamoModel
import Foundation

/// A key press, decoded from the terminal.
public enum KeyPress: Sendable, Hashable, CustomStringConvertible {
    /// A printable character (including space).
    case character(Character)
    /// Ctrl plus a letter, lower-case (`.control("c")` is Ctrl-C).
    case control(Character)
    /// Alt (Meta) plus a character (ESC then the character).
    case alt(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    /// How help and the footer spell the key.
    public var description: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(c)"
        case .alt(let c): "Alt-\(c)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        }
    }
}

/// What a terminal reports to the UI loop.
public enum TerminalInput: Sendable, Hashable {
    case key(KeyPress)
    /// The terminal was resized to a new size.
    case resize(GridSize)
}

/// The seam between the pure UI and a terminal: ncurses in production, memory in tests.
///
/// All calls come from the one UI thread; conformers need not be thread-safe.
public protocol TerminalBackend: AnyObject {
    /// The current terminal size.
    var size: GridSize { get }
    /// The colour capability in use (after `NO_COLOR`).
    var colorDepth: ColorDepth { get }
    /// Waits up to `timeout` for input; nil on timeout.
    func nextInput(timeout: Duration) -> TerminalInput?
    /// Shows `grid` using `theme`, writing only the cells that differ from the last frame.
    func draw(_ grid: ScreenGrid, theme: Theme) throws
    /// Forgets the last frame so the next ``draw(_:theme:)`` repaints everything (Ctrl-L).
    func invalidate()
    /// Puts `text` on the system clipboard (OSC 52).
    func copyToClipboard(_ text: String)
    /// Hands the terminal to another program (`$EDITOR`) while `body` runs, then takes it back
    /// and repaints.
    func suspend(while body: () -> Void)
}

/// A terminal in memory: scripted keys in, frames out. For tests and `--headless` dumps.
public final class InMemoryBackend: TerminalBackend {
    public private(set) var size: GridSize
    public let colorDepth: ColorDepth
    /// Inputs still to be delivered, in order.
    public var pendingInputs: [TerminalInput]
    /// Every frame drawn, oldest first.
    public private(set) var frames: [ScreenGrid] = []
    /// How many cells each draw changed against the previous frame.
    public private(set) var changedCellCounts: [Int] = []
    /// Texts sent to the clipboard.
    public private(set) var clipboard: [String] = []
    /// The OSC 52 sequences the backend would have written.
    public private(set) var clipboardSequences: [String] = []
    private var lastFrame: ScreenGrid?

    public init(size: GridSize, colorDepth: ColorDepth = .indexed256, inputs: [TerminalInput] = []) {
        self.size = size
        self.colorDepth = colorDepth
        pendingInputs = inputs
    }

    /// Queues key presses.
    public func type(_ keys: KeyPress...) { pendingInputs += keys.map(TerminalInput.key) }

    /// Queues every character of `text` as a key press.
    public func type(text: String) { pendingInputs += text.map { TerminalInput.key(.character($0)) } }

    /// Queues a resize.
    public func resize(to newSize: GridSize) { pendingInputs.append(.resize(newSize)) }

    /// Returns the next scripted input; with none left it waits out `timeout` like a quiet terminal.
    public func nextInput(timeout: Duration) -> TerminalInput? {
        guard !pendingInputs.isEmpty else {
            if timeout > .zero { Thread.sleep(forTimeInterval: min(timeout.seconds, 0.1)) }
            return nil
        }
        let input = pendingInputs.removeFirst()
        if case .resize(let s) = input { size = s }
        return input
    }

    public func draw(_ grid: ScreenGrid, theme: Theme) throws {
        var changed = 0
        if let last = lastFrame, last.size == grid.size {
            for i in grid.cells.indices where grid.cells[i] != last.cells[i] { changed += 1 }
        } else {
            changed = grid.cells.count
        }
        changedCellCounts.append(changed)
        frames.append(grid)
        lastFrame = grid
    }

    public func invalidate() { lastFrame = nil }

    /// Times the terminal was handed to another program.
    public private(set) var suspensions = 0

    public func suspend(while body: () -> Void) {
        suspensions += 1
        body()
        lastFrame = nil
    }

    public func copyToClipboard(_ text: String) {
        clipboard.append(text)
        clipboardSequences.append(OSC52.sequence(for: text))
    }

    /// The text of the last frame.
    public var screenText: String { frames.last?.lines.joined(separator: "\n") ?? "" }
}

/// OSC 52 clipboard escape sequences (work over SSH and in tmux with `set-clipboard on`).
public enum OSC52 {
    /// `ESC ] 52 ; c ; <base64> BEL`.
    public static func sequence(for text: String) -> String {
        "\u{1B}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
    }

    /// Standard base64 with padding.
    public static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18)], alphabet[Int((n >> 12) & 63)], alphabet[Int((n >> 6) & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18)], alphabet[Int((n >> 12) & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18)], alphabet[Int((n >> 12) & 63)], alphabet[Int((n >> 6) & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
