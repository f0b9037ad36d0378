import DynamoModel

/// A cursor and scroll offset in a list.
public struct ListPosition: Sendable, Hashable {
    public var cursor = 0
    public var top = 0

    public init(cursor: Int = 0, top: Int = 0) {
        self.cursor = cursor
        self.top = top
    }

    /// Moves the cursor by `delta` within `count` rows, keeping it inside `visible` rows.
    public mutating func move(by delta: Int, count: Int, visible: Int) {
        cursor = count == 0 ? 0 : min(count - 1, max(0, cursor + delta))
        clamp(count: count, visible: visible)
    }

    /// Keeps cursor and top valid after the list or the window changed.
    public mutating func clamp(count: Int, visible: Int) {
        let rows = max(1, visible)
        cursor = count == 0 ? 0 : min(count - 1, max(0, cursor))
        if cursor < top { top = cursor }
        if cursor >= top + rows { top = cursor - rows + 1 }
        top = max(0, min(top, max(0, count - rows)))
    }
}

/// What the keyboard is currently typing into.
public enum InputMode: Sendable, Hashable {
    case normal
    case command(LineEditor)
    case filter(LineEditor)
    case prompt(PromptKind, LineEditor)
    /// A yes/no question; `y` performs the effect.
    case confirm(question: String, effect: MonitorEffect)
}

/// The one-line prompts for writes.
public enum PromptKind: Sendable, Hashable {
    case putItem(table: String)
    case updateItem(table: String, key: AttributeMap)
    case createTable

    public var label: String {
        switch self {
        case .putItem(let t): "put into \(t) (JSON or DynamoDB JSON)"
        case .updateItem(let t, let key): "update \(t) \(Format.key(key)) (expression ; values JSON)"
        case .createTable: "create table (NAME pk:S [sk:N] [NEW_AND_OLD_IMAGES|NEW_IMAGE|OLD_IMAGE|KEYS_ONLY])"
        }
    }
}

/// The item browser's state: one scan page at a time.
public struct ItemBrowser: Sendable, Hashable {
    public var table: String
    public var items: [AttributeMap] = []
    /// Start keys of the pages before this one (for going back).
    public var previousStarts: [AttributeMap?] = []
    public var startKey: AttributeMap?
    public var lastKey: AttributeMap?
    public var isLoading = true
    public var position = ListPosition()
    /// Column to sort by (nil: scan order).
    public var sortColumn: String?
    public var showDynamoJSON = false
    public var detailScroll = 0

    public init(table: String) { self.table = table }
}

/// The status line: a message that disappears after a few seconds.
public struct StatusMessage: Sendable, Hashable {
    public var text: String
    public var role: StyleRole
    public var expiresAt: Duration
}

/// The whole monitor as a value: what is shown, where the user is, what is being typed.
///
/// `handle(_:)` is the only mutator; it returns the ``MonitorEffect``s the loop must perform.
/// ``MonitorScreen/render(_:size:theme:)`` draws it.
public struct MonitorState: Sendable {
    public static let flowCapacity = 10_000
    public static let pageSize = 50
    public static let statusDuration: Duration = .seconds(5)

    public internal(set) var size: GridSize
    public internal(set) var isRunning = true
    /// Set when something visible changed; the loop clears it after drawing.
    public var needsRedraw = true
    public let isReadOnly: Bool
    public let keyMap: KeyMap
    public internal(set) var themeName: String
    /// Shown at the right of the tab bar (e.g. `127.0.0.1:8000`); nil hides it.
    public var endpoint: String?

    public internal(set) var snapshot: MonitorSnapshot
    /// A snapshot that arrived while paused.
    var pendingSnapshot: MonitorSnapshot?
    public internal(set) var now: VirtualInstant
    public internal(set) var clockSpeed: Double
    var realTime: Duration = .zero

    /// Navigation: the last element is the current location.
    public internal(set) var stack: [MonitorContext] = [.tables]
    public internal(set) var mode: InputMode = .normal
    public internal(set) var isHelpVisible = false
    var helpScroll = 0
    var helpFilter = ""
    public internal(set) var isZoomed = false
    public internal(set) var status: StatusMessage?

    var tablesPosition = ListPosition()
    public internal(set) var browser: ItemBrowser?
    var streamIndex = 0
    var shardsPosition = ListPosition()
    var shardRows: [ShardTreeRow] = []
    var retentionScroll = 0

    var flow = RecordRing<FlowRecord>(capacity: MonitorState.flowCapacity)
    /// Ring ids (see `RecordRing.totalAppended`) of records matching the Flow filter, oldest first.
    var flowMatches: [Int] = []
    public internal(set) var isLivePaused = false
    /// Ring id limit shown while paused: records with id ≥ this are "new".
    var pausedAtTotal = 0
    var flowPosition = ListPosition()
    var isFollowing = true
    public internal(set) var showsUnchanged = false

    /// Filter text per context (`/`).
    public internal(set) var filters: [MonitorContext: String] = [:]
    var histories: [String: [String]] = [:]
    public internal(set) var generator: WriteGenerator?
    var generatorSettings = WriteGenerator(table: "")

    /// Writes per table in the current real second, and the last completed seconds.
    var writesThisSecond: [String: Int] = [:]
    var writeHistory: [String: [Int]] = [:]
    var lastSecond: Int64 = 0
    var recordsThisSecond = 0
    /// Stream records per second over the last completed real second.
    public internal(set) var recordRate = 0

    /// A monitor at `size`, starting on the Tables screen.
    public init(size: GridSize, now: VirtualInstant, clockSpeed: Double = 1, isReadOnly: Bool = false, themeName: String = "dark", endpoint: String? = nil, keyMap: KeyMap = .standard) {
        self.size = size
        self.now = now
        self.clockSpeed = clockSpeed
        self.isReadOnly = isReadOnly
        self.themeName = themeName
        self.endpoint = endpoint
        self.keyMap = keyMap
        snapshot = MonitorSnapshot(takenAt: now)
    }

    /// The current context.
    public var context: MonitorContext { stack.last ?? .tables }

    /// The top-level screen the current context belongs to.
    public var screen: MonitorContext {
        switch context {
        case .tables, .items, .item: .tables
        default: context
        }
    }

    // MARK: - Messages

    /// Applies one message and returns the effects the loop must perform.
    public mutating func handle(_ message: MonitorMessage) -> [MonitorEffect] {
        switch message {
        case .input(.resize(let newSize)):
            size = newSize
            clampAll()
            needsRedraw = true
            return [.redrawAll]
        case .input(.key(let key)):
            needsRedraw = true
            let effects = handleKey(key)
            clampAll()
            return effects
        case .snapshot(let s):
            if isLivePaused {
                pendingSnapshot = s
            } else {
                apply(snapshot: s)
            }
            return []
        case .engineEvent(let event):
            return handle(event: event)
        case .records(let records):
            for r in records { appendFlow(r) }
            return []
        case .tick(let now, let speed, let realTime):
            return tick(now: now, speed: speed, realTime: realTime)
        case .scanPage(let table, let startKey, let items, let lastKey):
            guard var b = browser, b.table == table, b.startKey == startKey else { return [] }
            b.items = items
            b.lastKey = lastKey
            b.isLoading = false
            b.position = ListPosition()
            browser = b
            applySort()
            needsRedraw = true
            return []
        case .succeeded(let text):
            setStatus(text, role: .status)
            return [.refresh] + rescanIfBrowsing()
        case .generatorFailed(let error):
            generator = nil
            setStatus("✖ write generator stopped: \(error.code.rawValue): \(error.message)", role: .error)
            return []
        case .failed(let error):
            setStatus("✖ \(error.code.rawValue): \(error.message)", role: .error)
            return []
        }
    }

    mutating func setStatus(_ text: String, role: StyleRole) {
        status = StatusMessage(text: text, role: role, expiresAt: realTime + Self.statusDuration)
        needsRedraw = true
    }

    private mutating func tick(now newNow: VirtualInstant, speed: Double, realTime newReal: Duration) -> [MonitorEffect] {
        if newNow.wholeEpochSeconds != now.wholeEpochSeconds || speed != clockSpeed { needsRedraw = true }
        now = newNow
        clockSpeed = speed
        realTime = newReal
        if let s = status, s.expiresAt <= newReal {
            status = nil
            needsRedraw = true
        }
        let second = newReal.components.seconds
        if second != lastSecond {
            let elapsed = Int(second - lastSecond)
            lastSecond = second
            var names = Set(writeHistory.keys)
            names.formUnion(writesThisSecond.keys)
            for name in names {
                var h = writeHistory[name] ?? []
                h.append(writesThisSecond[name] ?? 0)
                for _ in 1..<max(1, min(elapsed, 10)) { h.append(0) }
                if h.count > 10 { h.removeFirst(h.count - 10) }
                writeHistory[name] = h
            }
            writesThisSecond = [:]
            recordRate = elapsed == 1 ? recordsThisSecond : 0
            recordsThisSecond = 0
            needsRedraw = true
        }
        return []
    }

    private mutating func handle(event: EngineEvent) -> [MonitorEffect] {
        switch event {
        case .recordAppended(let arn, let shardId, let record):
            appendFlow(FlowRecord(tableName: FlowRecord.tableName(fromStreamArn: arn), streamArn: arn, shardId: shardId, record: record))
            return []
        case .itemChanged(let table, _, _, _):
            writesThisSecond[table, default: 0] += 1
            return []
        case .clockChanged:
            needsRedraw = true
            return [.refresh]
        default:
            return [.refresh]
        }
    }

    mutating func apply(snapshot s: MonitorSnapshot) {
        snapshot = s
        shardRows = ShardTreeRow.rows(for: currentStream?.shards ?? [])
        for t in s.tables where writeHistory[t.name] == nil { writeHistory[t.name] = [] }
        clampAll()
        needsRedraw = true
    }

    // MARK: - Flow buffer

    mutating func appendFlow(_ r: FlowRecord) {
        let id = flow.totalAppended
        flow.append(r)
        recordsThisSecond += 1
        if FlowFilter(filters[.flow] ?? "").matches(r) { flowMatches.append(id) }
        let oldest = flow.totalAppended - flow.count
        if let first = flowMatches.first, first < oldest {
            var drop = 0
            while drop < flowMatches.count, flowMatches[drop] < oldest { drop += 1 }
            if drop > flowMatches.count / 2 || drop > 256 {
                flowMatches.removeFirst(drop)
                if !isFollowing { flowPosition.cursor = max(0, flowPosition.cursor - drop); flowPosition.top = max(0, flowPosition.top - drop) }
            }
        }
        if screen == .flow || context == .flow { needsRedraw = true }
    }

    /// Matching records visible in Flow (those before the pause point while paused), as ring ids.
    var flowVisibleIDs: ArraySlice<Int> {
        let oldest = flow.totalAppended - flow.count
        var start = 0
        // flowMatches is sorted; skip ids already dropped from the ring.
        if let first = flowMatches.first, first < oldest {
            var lo = 0, hi = flowMatches.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if flowMatches[mid] < oldest { lo = mid + 1 } else { hi = mid }
            }
            start = lo
        }
        var end = flowMatches.count
        if isLivePaused {
            var lo = start, hi = flowMatches.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if flowMatches[mid] < pausedAtTotal { lo = mid + 1 } else { hi = mid }
            }
            end = lo
        }
        return flowMatches[start..<end]
    }

    /// The Flow record with ring id `id`.
    func flowRecord(id: Int) -> FlowRecord { flow[id - (flow.totalAppended - flow.count)] }

    /// Fills Flow with records retained before the monitor started; they do not count toward the
    /// live rate.
    public mutating func backfill(_ records: [FlowRecord]) {
        for r in records { appendFlow(r) }
        recordsThisSecond = 0
    }

    /// Records that arrived (and match) since the pause.
    public var newSincePause: Int {
        guard isLivePaused else { return 0 }
        return flowMatches.count - flowVisibleIDsEndIndex
    }

    private var flowVisibleIDsEndIndex: Int { flowVisibleIDs.endIndex }

    mutating func rebuildFlowMatches() {
        let filter = FlowFilter(filters[.flow] ?? "")
        let base = flow.totalAppended - flow.count
        flowMatches = []
        for i in 0..<flow.count where filter.matches(flow[i]) { flowMatches.append(base + i) }
        isFollowing = true
    }

    /// The selected Flow record, if any.
    public var selectedFlowRecord: FlowRecord? {
        let ids = flowVisibleIDs
        guard !ids.isEmpty else { return nil }
        let index = isFollowing ? ids.count - 1 : min(flowPosition.cursor, ids.count - 1)
        return flowRecord(id: ids[ids.startIndex + index])
    }

    // MARK: - Streams

    /// Streams in the order the Shards and Retention screens page through them.
    var streams: [StreamSummary] { snapshot.streams }

    var currentStream: StreamSummary? {
        let s = snapshot.streams
        guard !s.isEmpty else { return nil }
        return s[min(max(0, streamIndex), s.count - 1)]
    }

    /// Shows the stream of `table` on the Shards screen.
    mutating func selectStream(ofTable table: String) -> Bool {
        let candidates = snapshot.streams.enumerated().filter { $0.element.tableName.lowercased() == table.lowercased() }
        guard let pick = candidates.first(where: { $0.element.status == .enabled }) ?? candidates.last else { return false }
        streamIndex = pick.offset
        shardRows = ShardTreeRow.rows(for: pick.element.shards)
        shardsPosition = ListPosition()
        return true
    }

    // MARK: - Layout

    /// Rows available to the screen body.
    public var bodyHeight: Int { max(1, size.height - (isZoomed ? 0 : 6)) }

    /// Rows of the Flow list (the rest shows the selected record).
    var flowListRows: Int { max(1, (bodyHeight - 2) / 2 - 1) }

    mutating func clampAll() {
        let visible = bodyHeight - 1
        tablesPosition.clamp(count: visibleTables.count, visible: visible)
        if var b = browser {
            b.position.clamp(count: visibleItems.count, visible: visible)
            browser = b
        }
        shardsPosition.clamp(count: shardRows.count, visible: bodyHeight - 3)
        if !isFollowing { flowPosition.clamp(count: flowVisibleIDs.count, visible: flowListRows) }
    }

    /// Tables after the `/` filter.
    var visibleTables: [TableSummary] {
        let f = (filters[.tables] ?? "").lowercased()
        return f.isEmpty ? snapshot.tables : snapshot.tables.filter { $0.name.lowercased().contains(f) }
    }

    /// Items of the current page after the `/` filter.
    var visibleItems: [AttributeMap] {
        guard let b = browser else { return [] }
        let f = (filters[.items] ?? "").lowercased()
        return f.isEmpty ? b.items : b.items.filter { $0.plainJSONText.lowercased().contains(f) }
    }

    var selectedTable: TableSummary? {
        let t = visibleTables
        return t.isEmpty ? nil : t[min(tablesPosition.cursor, t.count - 1)]
    }

    var selectedItem: AttributeMap? {
        guard let b = browser else { return nil }
        let items = visibleItems
        return items.isEmpty ? nil : items[min(b.position.cursor, items.count - 1)]
    }

    func table(named name: String) -> TableSummary? { snapshot.tables.first { $0.name == name } }

    func keyOf(_ item: AttributeMap, in table: String) -> AttributeMap {
        guard let t = self.table(named: table) else { return item }
        var key = AttributeMap()
        key[t.hashKey.name] = item[t.hashKey.name]
        if let r = t.rangeKey { key[r.name] = item[r.name] }
        return key
    }

    mutating func applySort() {
        guard var b = browser, let column = b.sortColumn else { return }
        b.items.sort { a, c in
            switch (a[column], c[column]) {
            case (.n(let x)?, .n(let y)?): return x < y
            case (let x?, let y?): return Format.value(x) < Format.value(y)
            case (nil, _?): return false
            case (_?, nil): return true
            case (nil, nil): return false
            }
        }
        browser = b
    }

    func rescanIfBrowsing() -> [MonitorEffect] {
        guard let b = browser, context == .items || context == .item else { return [] }
        return [.scan(table: b.table, startKey: b.startKey, limit: Self.pageSize)]
    }
}

/// `/` filter for Flow: `table=Orders event=MODIFY` plus free words matched against the key text.
struct FlowFilter {
    var table: String?
    var event: String?
    var words: [String] = []

    init(_ text: String) {
        for token in text.split(separator: " ") {
            let lower = token.lowercased()
            if lower.hasPrefix("table=") {
                table = String(lower.dropFirst(6))
            } else if lower.hasPrefix("event=") {
                event = String(lower.dropFirst(6))
            } else {
                words.append(lower)
            }
        }
    }

    var isEmpty: Bool { table == nil && event == nil && words.isEmpty }

    func matches(_ r: FlowRecord) -> Bool {
        if isEmpty { return true }
        if let table, r.tableName.lowercased() != table { return false }
        if let event, r.record.eventName.rawValue.lowercased() != event { return false }
        if !words.isEmpty {
            let key = Format.key(r.record.keys).lowercased()
            for w in words where !key.contains(w) { return false }
        }
        return true
    }
}

/// One row of the shard lineage tree.
struct ShardTreeRow: Sendable, Hashable {
    var prefix: String
    var shard: ShardSummary

    /// Depth-first rows, children under parents, drawn with box-drawing characters. Shards whose
    /// parent is gone (trimmed) are roots.
    static func rows(for shards: [ShardSummary]) -> [ShardTreeRow] {
        let ids = Set(shards.map(\.shardId))
        var children: [String: [ShardSummary]] = [:]
        var roots: [ShardSummary] = []
        for s in shards {
            if let p = s.parentShardId, ids.contains(p) {
                children[p, default: []].append(s)
            } else {
                roots.append(s)
            }
        }
        var out: [ShardTreeRow] = []
        out.reserveCapacity(shards.count)
        func visit(_ s: ShardSummary, lead: String, branch: String) {
            out.append(ShardTreeRow(prefix: lead + branch, shard: s))
            let kids = children[s.shardId] ?? []
            let nextLead = lead + (branch == "├─ " ? "│  " : branch == "└─ " ? "   " : "")
            for (i, k) in kids.enumerated() { visit(k, lead: nextLead, branch: i == kids.count - 1 ? "└─ " : "├─ ") }
        }
        for r in roots { visit(r, lead: "", branch: "") }
        return out
    }
}
