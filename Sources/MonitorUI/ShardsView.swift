import DynamoModel

/// Screen 2: one stream's shard lineage tree, with state, sequence range, counts, age and readers.
enum ShardsView {
    static func draw(_ state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        guard let stream = state.currentStream else {
            grid.put("  No streams. Enable one on a table (Tables screen, s) to see its shards.", x: r.x, y: r.y + 1, role: .muted)
            return
        }
        let open = stream.shards.filter { !$0.isClosed }.count
        let records = stream.shards.reduce(0) { $0 + $1.recordCount }
        var title = "\(stream.tableName) · stream \(stream.streamLabel) · \(stream.status.rawValue) · \(stream.viewType.rawValue) · \(open) open / \(stream.shards.count - open) closed · \(Format.grouped(records)) records"
        if state.snapshot.streams.count > 1 {
            title += " · stream \(min(state.streamIndex, state.snapshot.streams.count - 1) + 1)/\(state.snapshot.streams.count) (h/l)"
        }
        grid.put(" " + DisplayText.truncated(title, to: r.width - 2), x: r.x, y: r.y, role: .title)

        let filter = (state.filters[.shards] ?? "").lowercased()
        let rows = state.shardRows
        let readers = Dictionary(grouping: state.snapshot.readers.filter { $0.streamArn == stream.streamArn }, by: \.shardId)
        let idWidth = min(44, (rows.map { CharacterWidth.of($0.prefix) + CharacterWidth.of($0.shard.shardId) }.max() ?? 10))
        let layout = TableLayout(columns: [
            Column("SHARD", width: max(16, min(idWidth, r.width / 2 - 4)), priority: 0),
            Column("STATE", width: 8, priority: 1),
            Column("SEQUENCE RANGE", width: 15, priority: 3),
            Column("RECORDS", width: 8, alignRight: true, priority: 2),
            Column("OLDEST", width: 7, alignRight: true, priority: 4),
            Column("READERS", width: 20, priority: 5),
        ], x: r.x + 3, width: r.width - 4)
        layout.drawHeader(into: &grid, y: r.y + 2)
        let listRows = r.height - 3
        let pos = state.shardsPosition
        let shardWidth = layout.columns[0].width
        for row in 0..<listRows {
            let i = pos.top + row
            guard i < rows.count else { break }
            let item = rows[i]
            let s = item.shard
            let y = r.y + 3 + row
            let selected = i == pos.cursor
            let matches = filter.isEmpty || s.shardId.lowercased().contains(filter)
            let idRoom = max(6, shardWidth - CharacterWidth.of(item.prefix))
            var range = Format.shortSequence(s.startingSequenceNumber) + " – "
            if let end = s.endingSequenceNumber { range += Format.shortSequence(end) }
            let age = s.oldestRecordAt.map { Format.age(state.now - $0) } ?? "–"
            var readerText = (readers[s.shardId] ?? []).map { p -> String in
                var t = "▲ " + p.reader
                if let unread = p.oldestUnreadAt {
                    let left = unread + MonitorSnapshot.retention - state.now
                    if left < .seconds(3600) { t += " ⚠ \(Format.age(left)) to trim" }
                }
                return t
            }.joined(separator: "  ")
            if readerText.isEmpty, s.isClosed, s.recordCount == 0 { readerText = "(empty)" }
            let cells = [
                TableCell(item.prefix + DisplayText.middleTruncated(s.shardId, to: idRoom), matches ? .normal : .muted),
                TableCell(s.isClosed ? "closed" : "open", s.isClosed ? .closed : .open),
                TableCell(range, .muted),
                TableCell(Format.grouped(s.recordCount)),
                TableCell(age, (s.oldestRecordAt.map { state.now - $0 >= .seconds(23 * 3600) } ?? false) ? .warning : .normal),
                TableCell(readerText, readerText.contains("⚠") ? .warning : .normal),
            ]
            if selected {
                grid.fill(x: r.x, y: y, count: r.width, role: .selection)
                grid.put(" ▶", x: r.x, y: y, role: .selection)
            }
            layout.drawRow(cells, into: &grid, y: y, selected: selected)
        }
        drawSelectedShard(state, stream: stream, in: Rect(x: r.x, y: r.y + 3 + min(rows.count, listRows) + 1, width: r.width, height: r.bottom - (r.y + 3 + min(rows.count, listRows) + 1)), into: &grid)
    }

    /// Under the tree, when there is room: the selected shard's newest records (from Flow's buffer).
    static func drawSelectedShard(_ state: MonitorState, stream: StreamSummary, in r: Rect, into grid: inout ScreenGrid) {
        let rows = state.shardRows
        guard r.height >= 3, !rows.isEmpty else { return }
        let shard = rows[min(state.shardsPosition.cursor, rows.count - 1)].shard
        let header = "── \(shard.shardId) · \(shard.isClosed ? "closed" : "open") · \(Format.bytes(shard.retainedBytes)) retained · \(Format.grouped(shard.trimmedCount)) trimmed "
        grid.fill(x: r.x, y: r.y, count: r.width, scalar: "─", role: .border)
        grid.put(" " + DisplayText.truncated(header, to: r.width - 2), x: r.x, y: r.y, role: .border)
        // Look back through at most the newest 2,000 buffered records: bounded work per frame.
        var found: [FlowRecord] = []
        var i = state.flow.count - 1
        let stop = max(0, state.flow.count - 2000)
        while i >= stop, found.count < r.height - 1 {
            let rec = state.flow[i]
            if rec.shardId == shard.shardId && rec.streamArn == stream.streamArn { found.append(rec) }
            i -= 1
        }
        if found.isEmpty {
            grid.put("   no recent records from this shard in Flow's buffer", x: r.x, y: r.y + 1, role: .muted)
        }
        for (row, rec) in found.reversed().enumerated() {
            FlowView.drawRecordLine(rec, state: state, x: r.x + 3, y: r.y + 1 + row, width: r.width - 4, selected: false, into: &grid)
        }
    }
}
