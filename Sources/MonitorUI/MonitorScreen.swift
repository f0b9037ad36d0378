import DynamoModel

/// Renders a ``MonitorState`` into a ``ScreenGrid``: a pure function of state and size.
public enum MonitorScreen {
    /// The smallest terminal the monitor lays out in.
    public static let minimumSize = GridSize(width: 60, height: 15)

    /// Draws the whole screen.
    /// - Parameters:
    ///   - state: what to show.
    ///   - size: the terminal size.
    ///   - theme: the theme (glyph choices only; colours are applied by the backend per ``StyleRole``).
    public static func render(_ state: MonitorState, size: GridSize, theme: Theme) -> ScreenGrid {
        var grid = ScreenGrid(size: size)
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            let long = "Terminal \(size) is too small: StreamScope needs \(minimumSize) (q quits)"
            let message = CharacterWidth.of(long) <= size.width ? long : "Too small: \(size) < \(minimumSize) (q quits)"
            grid.put(DisplayText.truncated(message, to: size.width), x: 0, y: 0, role: .warning)
            return grid
        }
        let bodyTop = state.isZoomed ? 0 : 3
        let body = Rect(x: 0, y: bodyTop, width: size.width, height: state.bodyHeight)
        if !state.isZoomed {
            drawHeader(state, into: &grid)
            drawTabs(state, into: &grid)
            grid.fill(y: 2, scalar: "─", role: .border)
            grid.fill(y: size.height - 3, scalar: "─", role: .border)
            drawFooter(state, into: &grid)
        }
        if state.isHelpVisible {
            HelpView.draw(state, in: body, into: &grid)
        } else {
            switch state.context {
            case .tables: TablesView.draw(state, in: body, into: &grid)
            case .items: ItemsView.draw(state, in: body, into: &grid)
            case .item: ItemsView.drawDetail(state, in: body, into: &grid)
            case .shards: ShardsView.draw(state, in: body, into: &grid)
            case .flow: FlowView.draw(state, in: body, into: &grid)
            case .retention: RetentionView.draw(state, in: body, into: &grid)
            }
        }
        drawStatusLine(state, y: state.isZoomed ? size.height - 1 : size.height - 2, into: &grid)
        return grid
    }

    /// `Orders › items › pk=user#42` — where the user is.
    public static func breadcrumbs(_ state: MonitorState) -> [String] {
        var crumbs: [String] = []
        for level in state.stack {
            switch level {
            case .tables: crumbs.append("tables")
            case .items: crumbs.append(state.browser?.table ?? "items")
            case .item:
                if let b = state.browser, let item = state.selectedItem {
                    crumbs.append(Format.key(state.keyOf(item, in: b.table)))
                }
            case .shards:
                crumbs.append("shards")
                if let s = state.currentStream {
                    crumbs.append(s.tableName)
                    crumbs.append("stream " + s.streamLabel)
                    let rows = state.shardRows
                    if !rows.isEmpty { crumbs.append(Format.shortShard(rows[min(state.shardsPosition.cursor, rows.count - 1)].shard.shardId)) }
                }
            case .flow:
                crumbs.append("flow")
                if let r = state.selectedFlowRecord {
                    crumbs.append(r.tableName)
                    crumbs.append(Format.shortShard(r.shardId))
                    crumbs.append("seq " + Format.shortSequence(r.record.sequenceNumber))
                }
            case .retention:
                crumbs.append("retention")
                if let s = state.currentStream { crumbs.append(s.tableName) }
            }
        }
        return crumbs
    }

    static func drawHeader(_ state: MonitorState, into grid: inout ScreenGrid) {
        let w = grid.width
        var clock = "⏱ " + Format.dateTime(state.now) + " " + Format.speed(state.clockSpeed)
        clock += state.clockSpeed == 0 ? " ⏸" : " ▶"
        let clockWidth = CharacterWidth.of(clock)
        grid.put(" StreamScope", x: 0, y: 0, role: .title)
        let region = state.snapshot.tables.first?.region ?? "us-east-1"
        let crumbs = ([region] + breadcrumbs(state)).joined(separator: " › ")
        let room = w - 14 - clockWidth - 2
        grid.put(DisplayText.truncated(crumbs, to: room), x: 14, y: 0, role: .muted)
        grid.put(clock, x: w - clockWidth - 1, y: 0, role: state.clockSpeed == 0 ? .warning : .accent)
    }

    static func drawTabs(_ state: MonitorState, into grid: inout ScreenGrid) {
        let tabs: [(MonitorContext, String)] = [(.tables, "1 Tables"), (.shards, "2 Shards"), (.flow, "3 Flow"), (.retention, "4 Retention")]
        var x = 1
        for (context, label) in tabs {
            let current = state.screen == context && !state.isHelpVisible
            x += grid.put(" " + label + " ", x: x, y: 1, role: current ? .selection : .normal) + 1
        }
        var right: [String] = []
        if state.isReadOnly { right.append("READ-ONLY") }
        if let g = state.generator { right.append("gen " + Format.decimal(g.writesPerSecond) + "/s") }
        if let e = state.endpoint { right.append("endpoint " + e + " ●") }
        let total = state.writeHistory.values.reduce(0) { $0 + ($1.last ?? 0) }
        right.append("\(Format.grouped(total)) writes/s")
        let text = right.joined(separator: "  ")
        let tw = CharacterWidth.of(text)
        if x + tw + 2 <= grid.width { grid.put(text, x: grid.width - tw - 1, y: 1, role: .muted) }
    }

    static func drawFooter(_ state: MonitorState, into grid: inout ScreenGrid) {
        let y = grid.height - 1
        var x = 1
        let items: [(key: String, label: String)]
        switch state.mode {
        case .normal:
            items = state.isHelpVisible ? [("Esc", "close"), ("/", "search"), ("j k", "scroll")] : state.keyMap.footer(in: state.context, readOnly: state.isReadOnly)
        case .confirm: items = [("y", "yes"), ("n", "no")]
        case .command: items = [("Enter", "run"), ("Tab", "complete"), ("↑ ↓", "history"), ("Esc", "cancel")]
        default: items = [("Enter", "done"), ("↑ ↓", "history"), ("Esc", "cancel")]
        }
        for item in items {
            let need = CharacterWidth.of(item.key) + 1 + CharacterWidth.of(item.label) + 2
            if x + need > grid.width { break }
            x += grid.put(item.key, x: x, y: y, role: .accent)
            x += grid.put(" " + item.label + "  ", x: x, y: y, role: .muted)
        }
    }

    static func drawStatusLine(_ state: MonitorState, y: Int, into grid: inout ScreenGrid) {
        switch state.mode {
        case .normal:
            if let s = state.status {
                grid.fill(y: y, role: .normal)
                grid.put(" " + DisplayText.truncated(DisplayText.sanitized(s.text), to: grid.width - 2), x: 0, y: y, role: s.role)
            }
        case .command(let editor): drawEditor(":", editor, y: y, into: &grid)
        case .filter(let editor): drawEditor("/", editor, y: y, into: &grid)
        case .prompt(let kind, let editor):
            grid.fill(y: y, role: .normal)
            let label = DisplayText.truncated(kind.label, to: grid.width / 2)
            let x = grid.put(" " + label + ": ", x: 0, y: y, role: .accent)
            drawEditor("", editor, x: x, y: y, into: &grid)
        case .confirm(let question, _):
            grid.fill(y: y, role: .normal)
            grid.put(" ⚠ " + DisplayText.truncated(question, to: grid.width - 4), x: 0, y: y, role: .warning)
        }
    }

    /// A one-line editor with its cursor (drawn as a reversed cell); long text scrolls left.
    static func drawEditor(_ prefix: String, _ editor: LineEditor, x: Int = 0, y: Int, into grid: inout ScreenGrid) {
        if x == 0 { grid.fill(y: y, role: .normal) }
        var cx = x + grid.put(prefix, x: x, y: y, role: .accent)
        let room = grid.width - cx - 1
        let chars = editor.text
        let start = max(0, editor.cursor - room + 1)
        for (i, ch) in chars.enumerated().dropFirst(start) {
            if cx >= grid.width - 1 { break }
            cx += grid.put(DisplayText.sanitized(String(ch)), x: cx, y: y, role: i == editor.cursor ? .selection : .input)
        }
        if editor.cursor >= chars.count, cx < grid.width { grid.put(" ", x: cx, y: y, role: .selection) }
    }
}

/// A rectangle of the grid.
struct Rect {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
    var bottom: Int { y + height }
}
