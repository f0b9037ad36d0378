/// Every action a key can trigger.
public enum MonitorAction: String, Sendable, Hashable, CaseIterable {
    case quit, help, commandLine, filter, back, redraw, refresh, nextScreen, previousScreen
    case tablesScreen, shardsScreen, flowScreen, retentionScreen
    case up, down, pageUp, pageDown, top, bottom, open, left, right
    case pauseLive, zoom
    case clockPause, clockSlower, clockFaster, jumpHour, jumpDay
    case putItem, updateItem, deleteItem, editItem, createTable, toggleStream, cycleViewType, toggleGenerator
    case yankKey, yankImage, yankSequence
    case toggleJSONFormat, toggleUnchanged, nextPage, previousPage, sortNext
}

/// Where the user is: a screen or a level inside one. Bindings name the contexts they work in.
public enum MonitorContext: String, Sendable, Hashable, CaseIterable {
    case tables, items, item, shards, flow, retention
}

/// One key binding: keys, action, where it applies and the help text shown for it.
public struct KeyBinding: Sendable, Hashable {
    public var keys: [KeyPress]
    public var action: MonitorAction
    /// Help-screen text.
    public var help: String
    /// Help-screen group: Global, Navigation, Clock, Writes, Yank, or a screen name.
    public var group: String
    /// Where it applies; nil means everywhere.
    public var contexts: Set<MonitorContext>?
    /// Short footer label (nil: help screen only).
    public var footer: String?
    /// Writes are disabled by `--readonly`.
    public var isWrite: Bool

    public init(_ keys: [KeyPress], _ action: MonitorAction, _ help: String, group: String, in contexts: Set<MonitorContext>? = nil, footer: String? = nil, isWrite: Bool = false) {
        self.keys = keys
        self.action = action
        self.help = help
        self.group = group
        self.contexts = contexts
        self.footer = footer
        self.isWrite = isWrite
    }

    /// `j ↓`.
    public var keyLabel: String { keys.map(\.description).joined(separator: " ") }

    public func applies(in context: MonitorContext) -> Bool { contexts?.contains(context) ?? true }
}

/// The one key table: the key handler, the footer and the help screen all read it.
public struct KeyMap: Sendable, Hashable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The binding `key` triggers in `context`, if any.
    public func binding(for key: KeyPress, in context: MonitorContext) -> KeyBinding? {
        bindings.first { $0.applies(in: context) && $0.keys.contains(key) }
    }

    /// Bindings that apply in `context`, in table order.
    public func bindings(in context: MonitorContext, readOnly: Bool) -> [KeyBinding] {
        bindings.filter { $0.applies(in: context) && !(readOnly && $0.isWrite) }
    }

    /// The footer text for `context`: `? help  : command  …`.
    public func footer(in context: MonitorContext, readOnly: Bool) -> [(key: String, label: String)] {
        let all = bindings(in: context, readOnly: readOnly).filter { $0.footer != nil }
        let lead = all.filter { [.help, .commandLine, .filter].contains($0.action) }
        let specific = all.filter { $0.contexts != nil }
        let quit = all.filter { $0.action == .quit }
        let rest = all.filter { $0.contexts == nil && ![.help, .commandLine, .filter, .quit].contains($0.action) }
        return (lead + specific + quit + rest).compactMap { b in b.footer.map { (b.keys[0].description, $0) } }
    }

    /// StreamScope's bindings.
    public static let standard = KeyMap(bindings: [
        KeyBinding([.character("?")], .help, "show or hide this help", group: "Global", footer: "help"),
        KeyBinding([.character(":")], .commandLine, "command line (:tables :shards :flow :retention :theme :q …; Tab completes)", group: "Global", footer: "cmd"),
        KeyBinding([.character("/")], .filter, "filter the current list (survives live updates)", group: "Global", footer: "filter"),
        KeyBinding([.escape], .back, "go back one level, close help or a prompt", group: "Global"),
        KeyBinding([.character("q"), .control("c")], .quit, "quit", group: "Global", footer: "quit"),
        KeyBinding([.character("1")], .tablesScreen, "Tables screen", group: "Global"),
        KeyBinding([.character("2")], .shardsScreen, "Shards screen", group: "Global"),
        KeyBinding([.character("3")], .flowScreen, "Flow screen", group: "Global"),
        KeyBinding([.character("4")], .retentionScreen, "Retention screen", group: "Global"),
        KeyBinding([.tab], .nextScreen, "next screen", group: "Global"),
        KeyBinding([.backTab], .previousScreen, "previous screen", group: "Global"),
        KeyBinding([.character(" ")], .pauseLive, "pause or resume live updates (scrolling up pauses too)", group: "Global", footer: "pause"),
        KeyBinding([.character("z")], .zoom, "zoom: hide header and footer", group: "Global"),
        KeyBinding([.control("l")], .redraw, "redraw the whole screen", group: "Global"),
        KeyBinding([.character("R"), .control("r")], .refresh, "refresh now", group: "Global"),

        KeyBinding([.character("j"), .down], .down, "move down", group: "Navigation"),
        KeyBinding([.character("k"), .up], .up, "move up", group: "Navigation"),
        KeyBinding([.pageDown, .control("d")], .pageDown, "page down", group: "Navigation"),
        KeyBinding([.pageUp, .control("u")], .pageUp, "page up", group: "Navigation"),
        KeyBinding([.character("g"), .home], .top, "go to the top", group: "Navigation"),
        KeyBinding([.character("G"), .end], .bottom, "go to the bottom (Flow: newest, resumes)", group: "Navigation"),
        KeyBinding([.enter], .open, "open the selected row", group: "Navigation", in: [.tables, .items, .shards, .flow]),
        KeyBinding([.character("h"), .left], .left, "previous stream", group: "Navigation", in: [.shards, .retention]),
        KeyBinding([.character("l"), .right], .right, "next stream", group: "Navigation", in: [.shards, .retention]),

        KeyBinding([.character("c")], .clockPause, "pause or resume the virtual clock", group: "Clock", footer: "clock"),
        KeyBinding([.character("[")], .clockSlower, "slow the clock down", group: "Clock", footer: "slower"),
        KeyBinding([.character("]")], .clockFaster, "speed the clock up", group: "Clock", footer: "faster"),
        KeyBinding([.character("t")], .jumpHour, "jump the clock 1 hour ahead", group: "Clock", footer: "+1h"),
        KeyBinding([.character("T")], .jumpDay, "jump the clock 24 hours ahead", group: "Clock"),

        KeyBinding([.character("p")], .putItem, "put an item (JSON or DynamoDB JSON)", group: "Writes", in: [.tables, .items, .item, .flow], footer: "put", isWrite: true),
        KeyBinding([.character("u")], .updateItem, "update the selected item with an update expression", group: "Writes", in: [.items, .item], footer: "update", isWrite: true),
        KeyBinding([.character("e")], .editItem, "edit the selected item in $EDITOR, then put it back", group: "Writes", in: [.items, .item], footer: "edit", isWrite: true),
        KeyBinding([.character("d")], .deleteItem, "delete the selected item (asks first)", group: "Writes", in: [.items, .item], footer: "delete", isWrite: true),
        KeyBinding([.character("C")], .createTable, "create a table", group: "Writes", in: [.tables], footer: "create", isWrite: true),
        KeyBinding([.character("s")], .toggleStream, "enable or disable the table's stream (asks first)", group: "Writes", in: [.tables], footer: "stream", isWrite: true),
        KeyBinding([.character("v")], .cycleViewType, "change the stream's view type (asks first)", group: "Writes", in: [.tables], isWrite: true),
        KeyBinding([.character("w")], .toggleGenerator, "start or stop the write generator (:gen RATE I/U/D sets it)", group: "Writes", in: [.tables, .items, .flow], footer: "gen", isWrite: true),

        KeyBinding([.character("y")], .yankKey, "copy the key (OSC 52)", group: "Yank", in: [.items, .item, .flow], footer: "yank"),
        KeyBinding([.character("Y")], .yankImage, "copy the item or image JSON", group: "Yank", in: [.items, .item, .flow]),
        KeyBinding([.character("#")], .yankSequence, "copy the sequence number", group: "Yank", in: [.flow]),

        KeyBinding([.character("J")], .toggleJSONFormat, "switch between JSON and DynamoDB JSON", group: "Items", in: [.items, .item], footer: "json"),
        KeyBinding([.character("n")], .nextPage, "next scan page", group: "Items", in: [.items]),
        KeyBinding([.character("N")], .previousPage, "previous scan page", group: "Items", in: [.items]),
        KeyBinding([.character(">")], .sortNext, "sort by the next column", group: "Items", in: [.items]),
        KeyBinding([.character("o")], .toggleUnchanged, "show or hide unchanged attributes in the diff", group: "Flow", in: [.flow]),
    ])
}
