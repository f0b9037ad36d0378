/// The semantic style of a cell. Themes map each role to colours and attributes; views only ever
/// name roles, so a theme change never touches layout.
public enum StyleRole: String, Sendable, Hashable, CaseIterable {
    case normal
    case border
    case title
    case header
    case muted
    case accent
    case selection
    case insert
    case modify
    case remove
    case added
    case removed
    case changed
    case expired
    case warning
    case error
    case open
    case closed
    case status
    case badge
    case input

    /// One letter per role for the style block of golden screens.
    public var letter: Character {
        switch self {
        case .normal: "."
        case .border: "b"
        case .title: "T"
        case .header: "h"
        case .muted: "m"
        case .accent: "a"
        case .selection: "S"
        case .insert: "I"
        case .modify: "M"
        case .remove: "R"
        case .added: "+"
        case .removed: "-"
        case .changed: "~"
        case .expired: "x"
        case .warning: "W"
        case .error: "E"
        case .open: "o"
        case .closed: "c"
        case .status: "s"
        case .badge: "B"
        case .input: "i"
        }
    }
}
