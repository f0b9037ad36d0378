import DynamoModel

/// Screen 3: the live tail of stream records, and the selected record's image diff.
enum FlowView {
    static func eventRole(_ e: StreamEventName) -> StyleRole {
        switch e {
        case .insert: .insert
        case .modify: .modify
        case .remove: .remove
        }
    }

    static let columns = [
        Column("TIME", width: 8, priority: 0),
        Column("TABLE", width: 10, priority: 2),
        Column("EVENT", width: 6, priority: 0),
        Column("SHARD", width: 5, priority: 4),
        Column("KEY", width: 24, priority: 1),
        Column("SEQUENCE", width: 8, priority: 3),
        Column("SIZE", width: 7, alignRight: true, priority: 5),
    ]

    static func cells(_ rec: FlowRecord, state: MonitorState) -> [TableCell] {
        let r = rec.record
        let expired = state.now - r.approximateCreationDateTime >= MonitorSnapshot.retention
        let hashKey = state.table(named: rec.tableName)?.hashKey.name
        return [
            TableCell(Format.time(r.approximateCreationDateTime), expired ? .expired : .muted),
            TableCell(DisplayText.sanitized(rec.tableName)),
            TableCell(r.eventName.rawValue + (r.isServiceDelete ? "*" : ""), eventRole(r.eventName)),
            TableCell(Format.shortShard(rec.shardId), .muted),
            TableCell(Format.key(r.keys, hashKey: hashKey)),
            TableCell(Format.shortSequence(r.sequenceNumber), .muted),
            TableCell(Format.bytes(r.sizeBytes), .muted),
        ]
    }

    static func drawRecordLine(_ rec: FlowRecord, state: MonitorState, x: Int, y: Int, width: Int, selected: Bool, into grid: inout ScreenGrid) {
        let layout = TableLayout(columns: columns, x: x, width: width)
        layout.drawRow(cells(rec, state: state), into: &grid, y: y, selected: selected)
    }

    static func draw(_ state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        // Status line: live or paused, rate, filter.
        var x = r.x + 1
        if state.isLivePaused {
            x += grid.put("⏸ PAUSED", x: x, y: r.y, role: .warning)
        } else {
            x += grid.put("LIVE ●", x: x, y: r.y, role: .open)
        }
        let rate = state.recordRate
        x += grid.put("  \(Format.grouped(rate)) rec/s  \(Format.grouped(state.flow.count)) buffered", x: x, y: r.y, role: .muted)
        if let f = state.filters[.flow] { x += grid.put("   filter: " + DisplayText.sanitized(f), x: x, y: r.y, role: .accent) }
        if state.isLivePaused {
            let badge = " \(Format.grouped(state.newSincePause)) new (space resumes) "
            let bw = CharacterWidth.of(badge)
            if x + bw + 2 < r.x + r.width { grid.put(badge, x: r.x + r.width - bw - 1, y: r.y, role: .badge) }
        }

        let layout = TableLayout(columns: columns, x: r.x + 3, width: r.width - 4)
        layout.drawHeader(into: &grid, y: r.y + 1)
        let ids = state.flowVisibleIDs
        let listRows = state.flowListRows
        var cursor = 0
        var top = 0
        if state.isFollowing {
            cursor = ids.count - 1
            top = max(0, ids.count - listRows)
        } else {
            cursor = min(state.flowPosition.cursor, ids.count - 1)
            top = state.flowPosition.top
        }
        if ids.isEmpty {
            let hint = state.flow.isEmpty ? "  Waiting for stream records… (write to a table with a stream, or w starts the generator)" : "  No record matches the filter (Esc clears it)."
            grid.put(hint, x: r.x, y: r.y + 2, role: .muted)
        }
        for row in 0..<listRows {
            let i = top + row
            guard i < ids.count, i >= 0 else { break }
            let rec = state.flowRecord(id: ids[ids.startIndex + i])
            let y = r.y + 2 + row
            let selected = i == cursor
            if selected {
                grid.fill(x: r.x, y: y, count: r.width, role: .selection)
                grid.put(" ▶", x: r.x, y: y, role: .selection)
            }
            layout.drawRow(cells(rec, state: state), into: &grid, y: y, selected: selected)
        }
        let detailTop = r.y + 2 + listRows
        guard let rec = state.selectedFlowRecord else { return }
        drawDiff(rec, state: state, in: Rect(x: r.x, y: detailTop, width: r.width, height: r.bottom - detailTop), into: &grid)
    }

    /// The record's images, honest to its view type: KEYS_ONLY shows keys, NEW_IMAGE the new image
    /// with a note that the old one is not in this stream's view type, and so on.
    static func drawDiff(_ rec: FlowRecord, state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        guard r.height >= 2 else { return }
        let rcd = rec.record
        let hashKey = state.table(named: rec.tableName)?.hashKey.name
        let title = "── \(rcd.eventName.rawValue) \(Format.key(rcd.keys, hashKey: hashKey)) · \(rcd.streamViewType.rawValue) · \(Format.bytes(rcd.sizeBytes)) "
        grid.fill(x: r.x, y: r.y, count: r.width, scalar: "─", role: .border)
        grid.put(" " + DisplayText.truncated(title, to: r.width - 2), x: r.x, y: r.y, role: eventRole(rcd.eventName))
        var lines: [(String, String, String, StyleRole)] = []  // marker+path, old, new, role
        var notes: [String] = []
        switch (rcd.oldImage, rcd.newImage) {
        case (let old?, let new?):
            let diff = ImageDiff.lines(old: old, new: new)
            var unchanged = 0
            for d in diff {
                let role: StyleRole
                switch d.kind {
                case .added: role = .added
                case .removed: role = .removed
                case .changed: role = .changed
                case .unchanged:
                    unchanged += 1
                    if !state.showsUnchanged { continue }
                    role = .muted
                }
                lines.append((d.kind.marker + " " + d.path, d.old.map { Format.value($0) } ?? "", d.new.map { Format.value($0) } ?? "", role))
            }
            if diff.allSatisfy({ $0.kind == .unchanged }) { notes.append("(no attribute changed)") }
            if unchanged > 0 && !state.showsUnchanged { notes.append("(\(unchanged) attribute\(unchanged == 1 ? "" : "s") unchanged — o to show)") }
        case (nil, let new?):
            for e in new.entries { lines.append(("+ " + e.name, "", Format.value(e.value), .added)) }
            if rcd.eventName == .modify { notes.append("old image not in this stream's view type (\(rcd.streamViewType.rawValue))") }
        case (let old?, nil):
            for e in old.entries { lines.append(("− " + e.name, Format.value(e.value), "", .removed)) }
            if rcd.eventName != .remove { notes.append("new image not in this stream's view type (\(rcd.streamViewType.rawValue))") }
        case (nil, nil):
            for e in rcd.keys.entries { lines.append(("  " + e.name, "", Format.value(e.value), .normal)) }
            notes.append("keys only: this stream's view type is \(rcd.streamViewType.rawValue), it carries no images")
        }
        if rcd.isServiceDelete { notes.append("* deleted by TTL (userIdentity dynamodb.amazonaws.com)") }
        let pathWidth = min(max(12, lines.map { CharacterWidth.of($0.0) }.max() ?? 0), r.width / 3)
        let valueWidth = max(8, (r.width - pathWidth - 12) / 2)
        var y = r.y + 1
        for l in lines {
            if y >= r.bottom { break }
            grid.put("   " + DisplayText.padded(DisplayText.sanitized(l.0), to: pathWidth), x: r.x, y: y, role: l.3)
            var x = r.x + 3 + pathWidth + 2
            grid.put(DisplayText.truncated(l.1, to: valueWidth), x: x, y: y, role: l.3 == .muted ? .muted : .normal)
            x += valueWidth + 1
            if !l.1.isEmpty && !l.2.isEmpty { grid.put("→", x: x, y: y, role: .muted) }
            grid.put(DisplayText.truncated(l.2, to: valueWidth), x: x + 2, y: y, role: l.3 == .muted ? .muted : .normal)
            y += 1
        }
        for n in notes where y < r.bottom {
            grid.put("     " + n, x: r.x, y: y, role: .muted, maxWidth: r.width)
            y += 1
        }
    }
}
