@preconcurrency import CNCursesW
import Foundation
import MonitorUI

/// Why the terminal cannot host the monitor: one clear line for the user.
public struct TerminalUnavailable: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

/// The ncurses terminal: the only code that calls ncurses. Use it from one thread only.
///
/// ```swift
/// if let problem = CursesBackend.preflight() { print(problem); exit(1) }
/// try CursesBackend.withTerminal { backend in try loop(backend) }   // endwin() on every exit path
/// ```
public final class CursesBackend: TerminalBackend {
    public private(set) var size: GridSize
    public let colorDepth: ColorDepth
    /// The terminfo entry in use (`tmux-direct` after the truecolor upgrade).
    public let terminalType: String
    private let window: UnsafeMutablePointer<WINDOW>
    private var lastFrame: ScreenGrid?
    private var styleCache: [StyleRole: (attrs: attr_t, pair: Int32)] = [:]
    private var cachedTheme: Theme?
    private var isOpen = true

    /// Checks that a usable terminal is attached, in the order that avoids ncurses exiting or
    /// garbling: TTY, TERM, terminfo, cursor addressing, UTF-8 locale, size.
    /// - Returns: nil when the monitor can start, else the one-line reason (exit with status 1).
    public static func preflight(minimumSize: GridSize = MonitorScreen.minimumSize, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard isatty(0) == 1, isatty(1) == 1 else {
            return "streamscope: stdin/stdout is not a terminal; run it in an interactive terminal (or use `streamscope serve`)"
        }
        guard let term = environment["TERM"], !term.isEmpty else { return "streamscope: TERM is not set; cannot drive the terminal" }
        if term == "dumb" { return "streamscope: TERM=dumb cannot position the cursor; use a terminal such as xterm-256color" }
        switch CNCursesW_preflight(term) {
        case 1: return "streamscope: unknown terminal type TERM=\(term) (is ncurses-term installed?)"
        case 2: return "streamscope: TERM=\(term) cannot position the cursor"
        default: break
        }
        setlocale(LC_ALL, "")
        guard CNCursesW_isUTF8Locale() == 1 else {
            return "streamscope: the locale is not UTF-8 (LANG/LC_ALL); set e.g. LANG=C.UTF-8"
        }
        var rows: Int32 = 0, cols: Int32 = 0
        if CNCursesW_windowSize(&rows, &cols) == 0, rows > 0, cols > 0,
            Int(cols) < minimumSize.width || Int(rows) < minimumSize.height {
            return "streamscope: the terminal is \(cols)×\(rows); it needs at least \(minimumSize.width)×\(minimumSize.height)"
        }
        return nil
    }

    /// Opens the terminal, runs `body`, and always restores the terminal (`endwin`), even when
    /// `body` throws.
    public static func withTerminal<T>(environment: [String: String] = ProcessInfo.processInfo.environment, _ body: (CursesBackend) throws -> T) throws -> T {
        let backend = try CursesBackend(environment: environment)
        defer { backend.close() }
        return try body(backend)
    }

    /// Opens the terminal (call ``preflight(minimumSize:environment:)`` first).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        setlocale(LC_ALL, "")
        setenv("NCURSES_NO_UTF8_ACS", "1", 0)
        // Truecolor needs a terminfo entry with RGB: with COLORTERM=truecolor and a *-256color TERM,
        // use <base>-direct when it is installed (ncurses-term). STREAMSCOPE_NO_DIRECT=1 opts out.
        var directType: String?
        if let colorterm = environment["COLORTERM"]?.lowercased(), colorterm == "truecolor" || colorterm == "24bit",
            let term = environment["TERM"], term.hasSuffix("-256color"), (environment["STREAMSCOPE_NO_DIRECT"] ?? "").isEmpty {
            let candidate = String(term.dropLast("-256color".count)) + "-direct"
            if CNCursesW_preflight(candidate) == 0 { directType = candidate }
        }
        let screen = directType.map { type in type.withCString { CNCursesW_newtermType($0) } } ?? CNCursesW_newterm()
        guard screen != nil, let win = CNCursesW_stdscr() else {
            throw TerminalUnavailable(reason: "streamscope: cannot open the terminal (TERM=\(environment["TERM"] ?? "unset"))")
        }
        window = win
        raw()  // Ctrl-C arrives as a key, so quitting always goes through endwin()
        noecho()
        nonl()
        keypad(win, true)
        curs_set(0)
        set_escdelay(environment["SSH_TTY"] != nil ? 100 : 25)
        var depth = ColorDepth.monochrome
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth.detect(colors: Int(CNCursesW_colors()), environment: environment)
        }
        colorDepth = depth
        terminalType = directType ?? environment["TERM"] ?? "unknown"
        var y: Int32 = 0, x: Int32 = 0
        CNCursesW_getmaxyx(win, &y, &x)
        size = GridSize(width: Int(x), height: Int(y))
    }

    deinit { close() }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
    }

    // MARK: - Input

    public func nextInput(timeout: Duration) -> TerminalInput? {
        let ms = Int32(max(0, min(Int64(Int32.max), timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)))
        wtimeout(window, ms)
        var ch: wint_t = 0
        let rc = wget_wch(window, &ch)
        if rc == ERR { return nil }
        if rc == KEY_CODE_YES {
            return functionKey(Int32(ch))
        }
        let code = UInt32(ch)
        switch code {
        case 27:
            wtimeout(window, 0)
            var next: wint_t = 0
            if wget_wch(window, &next) == OK, let s = Unicode.Scalar(UInt32(next)), next >= 32 {
                return .key(.alt(Character(s)))
            }
            return .key(.escape)
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(96 + code)))))
        default:
            guard let s = Unicode.Scalar(code) else { return nil }
            return .key(.character(Character(s)))
        }
    }

    private func functionKey(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE:
            var y: Int32 = 0, x: Int32 = 0
            CNCursesW_getmaxyx(window, &y, &x)
            size = GridSize(width: Int(x), height: Int(y))
            lastFrame = nil
            return .resize(size)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    // MARK: - Output

    public func invalidate() {
        lastFrame = nil
        clearok(window, true)
    }

    public func suspend(while body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        invalidate()
    }

    public func copyToClipboard(_ text: String) {
        CNCursesW_writeRaw(OSC52.sequence(for: text))
    }

    private func style(_ role: StyleRole, theme: Theme) -> (attrs: attr_t, pair: Int32) {
        if let cached = styleCache[role] { return cached }
        let s = theme.style(role)
        var attrs: attr_t = 0
        if s.attributes.contains(.bold) { attrs |= CNCursesW_bold() }
        if s.attributes.contains(.dim) { attrs |= CNCursesW_dim() }
        if s.attributes.contains(.italic) { attrs |= CNCursesW_italic() }
        if s.attributes.contains(.underline) { attrs |= CNCursesW_underline() }
        if s.attributes.contains(.reverse) { attrs |= CNCursesW_reverse() }
        var pair: Int32 = 0
        // alloc_pair before start_color crashes ncurses 6.4: monochrome skips every pair call.
        if colorDepth != .monochrome {
            let fg = colorNumber(s.foreground.resolved(for: colorDepth))
            let bg = colorNumber(s.background.resolved(for: colorDepth))
            if fg != -1 || bg != -1 {
                let p = alloc_pair(fg, bg)
                if p > 0 { pair = p }
            }
        }
        styleCache[role] = (attrs, pair)
        return (attrs, pair)
    }

    private func colorNumber(_ c: ThemeColor?) -> Int32 {
        switch c {
        case nil, .terminalDefault?: return -1
        case .indexed(let i)?:
            // In direct-colour mode numbers are 0xRRGGBB, so indexed colours ≥ 8 go through RGB.
            if colorDepth == .trueColor && i >= 8 {
                let (r, g, b) = ThemeColor.rgb(ofIndex: i)
                return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
            }
            return Int32(i)
        case .rgb(let r, let g, let b)?:
            return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }

    public func draw(_ grid: ScreenGrid, theme: Theme) throws {
        if cachedTheme != theme {
            cachedTheme = theme
            styleCache = [:]
            lastFrame = nil
        }
        let previous = lastFrame.flatMap { $0.size == grid.size ? $0 : nil }
        if previous == nil { werase(window) }
        let width = grid.width
        for y in 0..<grid.height {
            var x = 0
            while x < width {
                let cell = grid[x, y]
                if let p = previous, p[x, y] == cell, cell.width != 2 || p[x + 1, y] == grid[x + 1, y] {
                    x += 1
                    continue
                }
                // A run of changed cells in one role.
                let role = cell.role
                var text = String.UnicodeScalarView()
                let start = cell.isContinuation && x > 0 ? x - 1 : x
                var cx = start
                while cx < width {
                    let c = grid[cx, y]
                    if c.role != role && cx > start { break }
                    if cx > x, let p = previous, p[cx, y] == c, !c.isContinuation { break }
                    if !c.isContinuation { text.append(c.scalar) }
                    cx += 1
                }
                let (attrs, pair) = style(role, theme: theme)
                var extendedPair = pair
                wattr_set(window, attrs, Int16(truncatingIfNeeded: pair), &extendedPair)
                mvwaddstr(window, Int32(y), Int32(start), String(text))
                x = max(cx, x + 1)
            }
        }
        wnoutrefresh(window)
        doupdate()
        lastFrame = grid
    }
}
