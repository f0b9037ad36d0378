import DynamoModel

/// Screen 4: record ages against the 24 h horizon, next trim, records about to expire, readers at risk.
enum RetentionView {
    static func draw(_ state: MonitorState, in r: Rect, into grid: inout ScreenGrid) {
        guard let stream = state.currentStream else {
            grid.put("  No streams, so nothing is retained.", x: r.x, y: r.y + 1, role: .muted)
            return
        }
        let now = state.now
        let horizon = MonitorSnapshot.retention
        let trimmed = stream.shards.reduce(0) { $0 + $1.trimmedCount }
        let nextTrim = stream.shards.compactMap { $0.oldestRecordAt }.min().map { $0 + horizon - now }
        var title = "\(stream.tableName) · retention 24 h · now \(Format.dateTime(now)) (virtual \(Format.speed(state.clockSpeed))) · "
        title += nextTrim.map { $0 <= .zero ? "trim due now" : "next trim in \(Format.age($0))" } ?? "nothing to trim"
        title += " · trimmed \(Format.grouped(trimmed)) records"
        if state.snapshot.streams.count > 1 { title += " · h/l stream" }
        grid.put(" " + DisplayText.truncated(title, to: r.width - 2), x: r.x, y: r.y, role: .title)

        let labelWidth = 14
        let tailWidth = min(34, max(28, r.width / 3))
        let barWidth = max(10, r.width - labelWidth - tailWidth - 6)
        let barX = r.x + 3 + labelWidth
        grid.put("0 h ├", x: barX - 5, y: r.y + 1, role: .muted)
        grid.fill(x: barX, y: r.y + 1, count: barWidth, scalar: "─", role: .border)
        grid.put("┤ 24 h", x: barX + barWidth, y: r.y + 1, role: .muted)

        var warnings: [(String, StyleRole)] = []
        var y = r.y + 2
        let shards = stream.shards.filter { $0.recordCount > 0 || !$0.isClosed }
        let start = min(state.retentionScroll, max(0, shards.count - 1))
        for s in shards.dropFirst(start) {
            if y >= r.bottom - 2 { break }
            grid.put(Format.shortShard(s.shardId) + " " + (s.isClosed ? "closed" : "open"), x: r.x + 3, y: y, role: s.isClosed ? .closed : .open)
            if let oldest = s.oldestRecordAt, let newest = s.newestRecordAt {
                func column(_ age: Duration) -> Int { min(barWidth - 1, max(0, Int(age.seconds / horizon.seconds * Double(barWidth)))) }
                let from = column(now - newest), to = column(now - oldest)
                grid.fill(x: barX, y: y, count: barWidth, scalar: "░", role: .muted)
                let nearEnd = column(horizon - .seconds(3600))
                for c in from...max(from, to) {
                    grid.put("▓", x: barX + c, y: y, role: c >= nearEnd ? .expired : .accent)
                }
            } else {
                grid.put("(no records)", x: barX, y: y, role: .muted)
            }
            var tail = Format.grouped(s.recordCount) + " rec"
            let key = stream.streamArn + "|" + s.shardId
            if let expiring = state.snapshot.expiringWithinHour[key], expiring > 0 {
                tail += " · \(Format.grouped(expiring)) expire <1h"
            } else if let oldest = s.oldestRecordAt {
                tail += " · expiry in \(Format.age(oldest + horizon - now))"
            }
            grid.put(DisplayText.truncated(tail, to: tailWidth), x: barX + barWidth + 2, y: y, role: state.snapshot.expiringWithinHour[key, default: 0] > 0 ? .warning : .normal)
            y += 1
        }
        if shards.count - start > 0, y >= r.bottom - 2, shards.count > y - r.y - 2 {
            grid.put("   … \(shards.count - (y - r.y - 2) - start) more shards (j/k scroll)", x: r.x, y: y, role: .muted)
            y += 1
        }
        for p in state.snapshot.readers where p.streamArn == stream.streamArn {
            guard let unread = p.oldestUnreadAt else { continue }
            let left = unread + horizon - now
            if left < .seconds(3600) {
                let behind = Format.age(now - unread)
                let seq = p.sequenceNumber.map(Format.shortSequence) ?? "the start"
                warnings.append(("⚠ \(p.reader) at \(seq) on \(Format.shortShard(p.shardId)): \(behind) behind, \(Format.grouped(p.recordsBehind)) unread — " + (left <= .zero ? "losing data now" : "loses data in \(Format.age(left))"), .warning))
            }
        }
        let expiringTotal = stream.shards.reduce(0) { $0 + state.snapshot.expiringWithinHour[stream.streamArn + "|" + $1.shardId, default: 0] }
        if expiringTotal > 0 { warnings.insert(("⚠ \(Format.grouped(expiringTotal)) records expire within the hour", .warning), at: 0) }
        for w in warnings where y < r.bottom {
            grid.put(" " + DisplayText.truncated(w.0, to: r.width - 2), x: r.x, y: y, role: w.1)
            y += 1
        }
    }
}
