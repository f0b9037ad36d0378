import DynamoModel

/// Screen 1: tables with key schema, counts, stream and a writes/s sparkline.
enum TablesView {
    static func keySchema(_ t: TableSummary) -> String {
        var s = "\(t.hashKey.name) \(t.hashKey.type)"
        if let r = t.rangeKey { s += " · \(r.name) \(r.type)" }
        return s
    }

    static func draw(_ state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        let tables = state.visibleTables
        if tables.isEmpty {
            let hint = state.snapshot.tables.isEmpty ? "No tables yet. C creates one (or :create Orders pk:S sk:N NEW_AND_OLD_IMAGES)." : "No table matches the filter (Esc clears it)."
            grid.put("  " + hint, x: r.x, y: r.y + 1, role: .muted)
            return
        }
        let nameWidth = min(24, tables.map { CharacterWidth.of($0.name) }.max() ?? 5)
        let keyWidth = min(24, tables.map { CharacterWidth.of(keySchema($0)) }.max() ?? 4)
        let layout = TableLayout(columns: [
            Column("TABLE", width: nameWidth, priority: 0),
            Column("KEYS", width: keyWidth, priority: 1),
            Column("ITEMS", width: 9, alignRight: true, priority: 2),
            Column("SIZE", width: 8, alignRight: true, priority: 5),
            Column("STREAM", width: 18, priority: 3),
            Column("STATUS", width: 8, priority: 6),
            Column("TTL", width: 6, priority: 7),
            Column("WRITES/S", width: 15, priority: 4),
        ], x: r.x + 3, width: r.width - 4)
        layout.drawHeader(into: &grid, y: r.y)
        let visible = r.height - 1
        let pos = state.tablesPosition
        for row in 0..<visible {
            let i = pos.top + row
            guard i < tables.count else { break }
            let t = tables[i]
            let selected = i == pos.cursor
            let history = state.writeHistory[t.name] ?? []
            let padded = Array(repeating: 0, count: max(0, 10 - history.count)) + history
            let rate = history.last ?? 0
            let streamRole: StyleRole = t.streamViewType == nil ? .muted : .normal
            let cells = [
                TableCell(DisplayText.sanitized(t.name), .title),
                TableCell(DisplayText.sanitized(keySchema(t))),
                TableCell(Format.grouped(t.itemCount)),
                TableCell(Format.bytes(t.sizeBytes)),
                TableCell(t.streamViewType?.rawValue ?? "–", streamRole),
                TableCell(t.streamViewType == nil ? "disabled" : "enabled", t.streamViewType == nil ? .muted : .open),
                TableCell(t.ttlAttribute ?? "–", .muted),
                TableCell(Format.sparkline(padded) + " " + DisplayText.padded(String(rate), to: 4, alignRight: true), .accent),
            ]
            let y = r.y + 1 + row
            if selected {
                grid.fill(x: r.x, y: y, count: r.width, role: .selection)
                grid.put(" ▶", x: r.x, y: y, role: .selection)
            }
            layout.drawRow(cells, into: &grid, y: y, selected: selected)
        }
    }
}

/// Which attribute columns the item browser shows: key attributes first, then the others by name.
enum ItemColumns {
    static func names(for items: [AttributeMap], table: TableSummary?) -> [String] {
        var keys: [String] = []
        if let t = table {
            keys.append(t.hashKey.name)
            if let r = t.rangeKey { keys.append(r.name) }
        }
        var others = Set<String>()
        for item in items.prefix(200) { for e in item.entries where !keys.contains(e.name) { others.insert(e.name) } }
        return keys + others.sorted()
    }
}

/// The item browser (a scan page) and the item detail (JSON or DynamoDB JSON).
enum ItemsView {
    static func draw(_ state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        guard let b = state.browser else { return }
        let items = state.visibleItems
        let table = state.table(named: b.table)
        let page = b.previousStarts.count + 1
        var title = "\(b.table) · page \(page) · \(items.count) item\(items.count == 1 ? "" : "s")"
        if b.lastKey != nil { title += " · more (n)" }
        if let s = b.sortColumn { title += " · sorted by \(s)" }
        if let f = state.filters[.items] { title += " · filter: \(f)" }
        if b.isLoading { title += " · loading…" }
        grid.put(" " + DisplayText.truncated(title, to: r.width - 2), x: r.x, y: r.y, role: .title)
        guard !items.isEmpty else {
            grid.put(b.isLoading ? "  scanning…" : "  No items. p puts one.", x: r.x, y: r.y + 2, role: .muted)
            return
        }
        let names = ItemColumns.names(for: b.items, table: table)
        let visibleRows = r.height - 2
        let pos = b.position
        let rows = items[min(pos.top, items.count)..<min(items.count, pos.top + max(0, visibleRows))]
        let columns = names.enumerated().map { (i, name) -> Column in
            var w = CharacterWidth.of(name)
            for item in rows { w = max(w, item[name].map { CharacterWidth.of(Format.value($0, quoted: false)) } ?? 1) }
            return Column(name.uppercased() == name ? name : name, width: min(28, w), priority: i)
        }
        let layout = TableLayout(columns: columns, x: r.x + 3, width: r.width - 4)
        layout.drawHeader(into: &grid, y: r.y + 1)
        for (row, item) in rows.enumerated() {
            let i = pos.top + row
            let y = r.y + 2 + row
            let selected = i == pos.cursor
            if selected {
                grid.fill(x: r.x, y: y, count: r.width, role: .selection)
                grid.put(" ▶", x: r.x, y: y, role: .selection)
            }
            let cells = names.enumerated().map { (k, name) in
                TableCell(item[name].map { Format.value($0, quoted: false) } ?? "·", k < (table?.rangeKey == nil ? 1 : 2) ? .title : .normal)
            }
            layout.drawRow(cells, into: &grid, y: y, selected: selected)
        }
    }

    static func drawDetail(_ state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        guard let b = state.browser, let item = state.selectedItem else { return }
        let format = b.showDynamoJSON ? "DynamoDB JSON" : "JSON"
        let key = Format.key(state.keyOf(item, in: b.table))
        grid.put(" " + DisplayText.truncated("\(b.table) · \(key) · \(format) (J switches) · \(Format.bytes(item.itemSize))", to: r.width - 2), x: r.x, y: r.y, role: .title)
        let lines = Format.prettyJSON(b.showDynamoJSON ? item.dynamoJSON : item.plainJSON)
        let start = min(b.detailScroll, max(0, lines.count - (r.height - 1)))
        for row in 0..<(r.height - 1) {
            let i = start + row
            guard i < lines.count else { break }
            grid.put("  " + lines[i], x: r.x, y: r.y + 1 + row, role: .normal, maxWidth: r.width)
        }
    }
}
