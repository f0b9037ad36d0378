extension MonitorState {
    /// The invariants that are broken, empty when all hold. Tests check it after every message
    /// (as swift-collections' `_checkInvariants()`).
    public func invariantViolations() -> [String] {
        var broken: [String] = []
        if stack.isEmpty { broken.append("navigation stack is empty") }
        if let first = stack.first, ![.tables, .shards, .flow, .retention].contains(first) {
            broken.append("stack starts inside a screen: \(first)")
        }
        if stack.contains(.item), stack.firstIndex(of: .items).map({ $0 > (stack.firstIndex(of: .item) ?? 0) }) ?? true {
            broken.append("item detail without the item browser under it")
        }
        if (context == .items || context == .item) && browser == nil { broken.append("item browser missing in \(context)") }
        for i in flowMatches.indices.dropFirst() where flowMatches[i - 1] >= flowMatches[i] {
            broken.append("Flow matches not strictly increasing at \(i)")
            break
        }
        if let last = flowMatches.last, last >= flow.totalAppended { broken.append("Flow match \(last) beyond the ring") }
        if flow.count > flow.capacity { broken.append("Flow ring over capacity") }
        if newSincePause < 0 { broken.append("negative new-record count") }
        func check(_ name: String, _ p: ListPosition, count: Int) {
            if p.top > p.cursor && count > 0 { broken.append("\(name): top \(p.top) below cursor \(p.cursor)") }
            if count > 0 && p.cursor >= count { broken.append("\(name): cursor \(p.cursor) past \(count) rows") }
        }
        check("tables", tablesPosition, count: visibleTables.count)
        check("shards", shardsPosition, count: shardRows.count)
        if let b = browser { check("items", b.position, count: visibleItems.count) }
        if !isFollowing { check("flow", flowPosition, count: flowVisibleIDs.count) }
        if isRunning == false && mode != .normal { broken.append("stopped while a prompt is open") }
        return broken
    }
}
