/// A colour as a theme names it.
public enum ThemeColor: Sendable, Hashable {
    /// The terminal's own foreground or background (`default`).
    case terminalDefault
    /// One of the 256 indexed colours (0–7 basic, 8–15 bright, 16–231 cube, 232–255 grey).
    case indexed(UInt8)
    /// A 24-bit colour (`#RRGGBB`).
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes a role may carry; they are what survives on a monochrome terminal.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let italic = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
    public static let reverse = TextAttributes(rawValue: 16)

    static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
    ]
}

/// How one role looks: foreground, background and attributes.
public struct RoleStyle: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// The colour capability of a terminal, best first.
public enum ColorDepth: Int, Sendable, Hashable, CaseIterable, Comparable {
    case monochrome = 0
    case basic8 = 8
    case indexed256 = 256
    case trueColor = 16_777_216

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth for a terminal reporting `colors` colours, honouring `NO_COLOR` (any non-empty value).
    public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if colors >= 16_777_216 { return .trueColor }
        if colors >= 256 { return .indexed256 }
        if colors >= 8 { return .basic8 }
        return .monochrome
    }
}

extension ThemeColor {
    /// The colour a terminal of `depth` should draw; `nil` on a monochrome terminal.
    public func resolved(for depth: ColorDepth) -> ThemeColor? {
        switch (self, depth) {
        case (_, .monochrome): return nil
        case (.terminalDefault, _): return .terminalDefault
        case (.indexed(let i), .basic8): return i < 8 ? self : .indexed(ThemeColor.nearestBasic(ThemeColor.rgb(ofIndex: i)))
        case (.indexed, _): return self
        case (.rgb, .trueColor): return self
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(ThemeColor.nearest256(r, g, b))
        case (.rgb(let r, let g, let b), .basic8): return .indexed(ThemeColor.nearestBasic((r, g, b)))
        }
    }

    /// The RGB value of an indexed colour (xterm's palette).
    public static func rgb(ofIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 {
            let table: [(UInt8, UInt8, UInt8)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            return table[i]
        }
        if i < 232 {
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            let c = i - 16
            return (levels[c / 36], levels[(c / 6) % 6], levels[c % 6])
        }
        let grey = UInt8(8 + (i - 232) * 10)
        return (grey, grey, grey)
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    /// The nearest xterm-256 index to an RGB colour (colour cube or grey ramp).
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            let levels = [0, 95, 135, 175, 215, 255]
            var best = 0
            for (i, l) in levels.enumerated() where abs(l - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = min(23, max(0, (avg - 3) / 10))
        let grey = 232 + greyIndex
        let target = (r, g, b)
        let cubeDistance = distance(rgb(ofIndex: UInt8(cube)), target)
        let greyDistance = distance(rgb(ofIndex: UInt8(grey)), target)
        return UInt8(greyDistance < cubeDistance ? grey : cube)
    }

    /// The nearest of the 8 basic colours (mapped through RGB, never `index % 8`).
    public static func nearestBasic(_ c: (UInt8, UInt8, UInt8)) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for i in 0..<8 {
            let d = distance(rgb(ofIndex: UInt8(i)), c)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }
}

/// A bad theme file: which file, which line, which key, and what is wrong.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String
    public var message: String

    public init(file: String, line: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String { "\(file):\(line): \(key.isEmpty ? "" : "'\(key)': ")\(message)" }
}

/// A colour theme: how every ``StyleRole`` looks. Loaded from a `themes/*.toml` file.
///
/// Format (a TOML subset): a top-level `name` and `background = "dark" | "light"`, then one
/// `[role]` table per role with `fg`, `bg` (a colour name, `#RRGGBB`, `0`–`255` or `default`) and
/// `attrs` (a list of `bold`, `dim`, `italic`, `underline`, `reverse`). Roles left out look
/// like `normal`. Unknown roles or keys are errors, so a typo never passes silently.
public struct Theme: Sendable, Hashable {
    public var name: String
    /// `dark` or `light`: the background the theme was designed for.
    public var background: String
    public var styles: [StyleRole: RoleStyle]

    public init(name: String, background: String = "dark", styles: [StyleRole: RoleStyle]) {
        self.name = name
        self.background = background
        self.styles = styles
    }

    /// The style of a role (falling back to `normal`).
    public func style(_ role: StyleRole) -> RoleStyle { styles[role] ?? styles[.normal] ?? RoleStyle() }

    static let colorNames: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "grey": 8, "gray": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses a theme file's text.
    /// - Parameters:
    ///   - text: the file contents.
    ///   - file: the file name used in error messages.
    /// - Throws: ``ThemeError`` naming the file, line and key of the first problem.
    public init(parsing text: String, file: String) throws(ThemeError) {
        var name = ""
        var background = "dark"
        var styles: [StyleRole: RoleStyle] = [:]
        var current: StyleRole?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Theme.stripComment(String(rawLine)).trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw ThemeError(file: file, line: lineNumber, key: line, message: "a table header must end with ']'")
                }
                let roleName = String(line.dropFirst().dropLast()).trimmingSpaces
                guard let role = StyleRole(rawValue: roleName) else {
                    throw ThemeError(file: file, line: lineNumber, key: roleName, message: "unknown role; known roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                current = role
                if styles[role] == nil { styles[role] = RoleStyle() }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: lineNumber, key: line, message: "expected 'key = value'")
            }
            let key = String(line[..<eq]).trimmingSpaces
            let value = String(line[line.index(after: eq)...]).trimmingSpaces
            guard let role = current else {
                switch key {
                case "name": name = try Theme.string(value, file: file, line: lineNumber, key: key)
                case "background":
                    background = try Theme.string(value, file: file, line: lineNumber, key: key)
                    guard background == "dark" || background == "light" else {
                        throw ThemeError(file: file, line: lineNumber, key: key, message: "must be \"dark\" or \"light\"")
                    }
                default:
                    throw ThemeError(file: file, line: lineNumber, key: key, message: "unknown top-level key (expected name or background)")
                }
                continue
            }
            var style = styles[role] ?? RoleStyle()
            switch key {
            case "fg": style.foreground = try Theme.color(value, file: file, line: lineNumber, key: key)
            case "bg": style.background = try Theme.color(value, file: file, line: lineNumber, key: key)
            case "attrs": style.attributes = try Theme.attributes(value, file: file, line: lineNumber, key: key)
            default:
                throw ThemeError(file: file, line: lineNumber, key: key, message: "unknown key in [\(role.rawValue)] (expected fg, bg or attrs)")
            }
            styles[role] = style
        }
        guard !name.isEmpty else { throw ThemeError(file: file, line: 1, key: "name", message: "missing theme name") }
        self.init(name: name, background: background, styles: styles)
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        for (i, ch) in zip(line.indices, line) {
            if ch == "\"" { inString.toggle() }
            if ch == "#", !inString { return String(line[..<i]) }
        }
        return line
    }

    private static func string(_ value: String, file: String, line: Int, key: String) throws(ThemeError) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else {
            throw ThemeError(file: file, line: line, key: key, message: "expected a quoted string, got \(value)")
        }
        return String(value.dropFirst().dropLast())
    }

    static func color(_ value: String, file: String, line: Int, key: String) throws(ThemeError) -> ThemeColor {
        let text = try string(value, file: file, line: line, key: key).lowercased()
        if text == "default" { return .terminalDefault }
        if let index = colorNames[text] { return .indexed(index) }
        if text.hasPrefix("#"), text.count == 7, let v = UInt32(text.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        }
        if let n = UInt8(text) { return .indexed(n) }
        throw ThemeError(file: file, line: line, key: key, message: "bad colour \"\(text)\" (use default, a name such as red, #RRGGBB or 0-255)")
    }

    private static func attributes(_ value: String, file: String, line: Int, key: String) throws(ThemeError) -> TextAttributes {
        guard value.hasPrefix("["), value.hasSuffix("]") else {
            throw ThemeError(file: file, line: line, key: key, message: "expected a list such as [\"bold\", \"underline\"]")
        }
        var result: TextAttributes = []
        for part in value.dropFirst().dropLast().split(separator: ",") {
            let item = try string(String(part).trimmingSpaces, file: file, line: line, key: key)
            guard let attr = TextAttributes.names.first(where: { $0.0 == item })?.1 else {
                throw ThemeError(file: file, line: line, key: key, message: "unknown attribute \"\(item)\" (expected bold, dim, italic, underline or reverse)")
            }
            result.insert(attr)
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

extension Theme {
    /// The names of the themes compiled into the binary (the same as the files in `themes/`).
    public static var builtInNames: [String] { BuiltInThemes.sources.map(\.name) }

    /// A theme compiled into the binary, by name.
    public static func builtIn(_ name: String) -> Theme? {
        guard let source = BuiltInThemes.sources.first(where: { $0.name == name }) else { return nil }
        return try? Theme(parsing: source.text, file: "themes/\(name).toml")
    }

    /// The default theme (`dark`).
    public static var dark: Theme {
        builtIn("dark") ?? Theme(name: "dark", styles: [.normal: RoleStyle()])
    }
}
