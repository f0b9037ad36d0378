/// The `?` screen: every binding for the current context, grouped, from the key table itself,
/// then the `:` commands.
enum HelpView {
    static func lines(_ state: MonitorState) -> [(String, StyleRole)] {
        var out: [(String, StyleRole)] = []
        let bindings = state.keyMap.bindings(in: state.context, readOnly: state.isReadOnly)
        let filter = state.helpFilter.lowercased()
        var groups: [String] = []
        for b in bindings where b.contexts != nil && !groups.contains(b.group) { groups.append(b.group) }
        for b in bindings where !groups.contains(b.group) { groups.append(b.group) }
        for group in groups {
            let rows = bindings.filter { $0.group == group && (filter.isEmpty || $0.help.lowercased().contains(filter) || $0.keyLabel.lowercased().contains(filter)) }
            if rows.isEmpty { continue }
            out.append((group, .header))
            for b in rows { out.append(("  " + DisplayText.padded(b.keyLabel, to: 14) + b.help, .normal)) }
        }
        let commands = MonitorCommands.commands.filter { filter.isEmpty || $0.name.contains(filter) || $0.help.lowercased().contains(filter) }
        if !commands.isEmpty {
            out.append(("Commands", .header))
            for c in commands {
                let names = ([c.name] + c.aliases).map { ":" + $0 }.joined(separator: " ")
                out.append(("  " + DisplayText.padded(names, to: 22) + c.help, .normal))
            }
        }
        if state.isReadOnly { out.append(("Writes are disabled: started with --readonly.", .warning)) }
        return out
    }

    static func draw(_ state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        var title = " Help · \(state.context.rawValue)"
        if !state.helpFilter.isEmpty { title += " · search: \(state.helpFilter)" }
        grid.put(title, x: r.x, y: r.y, role: .title)
        let all = lines(state)
        let start = min(state.helpScroll, max(0, all.count - (r.height - 1)))
        for row in 0..<(r.height - 1) {
            let i = start + row
            guard i < all.count else { break }
            grid.put(" " + all[i].0, x: r.x, y: r.y + 1 + row, role: all[i].1, maxWidth: r.width)
        }
    }
}
