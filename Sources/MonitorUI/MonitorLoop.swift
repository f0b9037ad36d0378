import DynamoModel
import Foundation
import Synchronization

/// Messages posted from other threads (the engine's change feed) for the UI thread to drain.
public final class MonitorInbox: Sendable {
    private let messages = Mutex<[MonitorMessage]>([])

    public init() {}

    /// Posts a message; callable from any thread.
    public func post(_ message: MonitorMessage) { messages.withLock { $0.append(message) } }

    /// Takes every pending message.
    public func drain() -> [MonitorMessage] { messages.withLock { m in defer { m.removeAll() }; return m } }
}

/// The UI loop: drains the inbox, reads keys, updates ``MonitorState``, draws, performs effects.
///
/// Runs on the one thread that owns the terminal. Everything it does to the engine goes through
/// ``MonitorEngine``; engine events arrive through ``inbox`` from a task that reads
/// `engine.events(bufferingNewest:)`.
public final class MonitorLoop {
    public private(set) var state: MonitorState
    public private(set) var theme: Theme
    public let inbox = MonitorInbox()
    private let engine: any MonitorEngine
    private let backend: any TerminalBackend
    private let themesDirectory: String
    private let editorCommand: String?
    private let realClock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastRefresh: Duration = .seconds(-10)
    private var refreshWanted = true
    private var lastDraw: Duration = .seconds(-10)
    private var generatorCredit = 0.0
    private var lastGeneratorRun: Duration = .zero
    private var generatedKeys: [AttributeMap] = []
    private var generatedCount = 0
    private var feed: Task<Void, Never>?

    /// - Parameters:
    ///   - engine: the engine, adapted.
    ///   - backend: the terminal (``InMemoryBackend`` in tests).
    ///   - theme: the starting theme.
    ///   - readOnly: `--readonly`: every write key and command is refused.
    ///   - endpoint: shown in the tab bar, e.g. `127.0.0.1:8000`.
    ///   - themesDirectory: where `:theme NAME` looks for files besides the built-in themes.
    ///   - editorCommand: the command `e` runs on the item file; nil uses `$VISUAL`, `$EDITOR`, then `vi`.
    public init(engine: any MonitorEngine, backend: any TerminalBackend, theme: Theme, readOnly: Bool = false, endpoint: String? = nil, themesDirectory: String = "themes", editorCommand: String? = nil) {
        self.editorCommand = editorCommand
        self.engine = engine
        self.backend = backend
        self.theme = theme
        self.themesDirectory = themesDirectory
        started = realClock.now
        state = MonitorState(size: backend.size, now: engine.clock.now, clockSpeed: engine.clock.speed, isReadOnly: readOnly, themeName: theme.name, endpoint: endpoint)
        _ = state.handle(.snapshot(MonitorSnapshot.take(from: engine)))
    }

    deinit { feed?.cancel() }

    private var realTime: Duration { realClock.now - started }

    /// Subscribes to the change feed and backfills Flow with recent records.
    public func start() {
        guard feed == nil else { return }
        let events = engine.events(bufferingNewest: 10_000)
        let inbox = self.inbox
        feed = Task.detached {
            for await event in events { inbox.post(.engineEvent(event)) }
        }
        state.backfill(engine.recentRecords(limit: MonitorState.flowCapacity))
    }

    /// Runs until the user quits. Call ``start()`` first (``run()`` does if needed).
    public func run() throws {
        start()
        while state.isRunning { try step(timeout: .milliseconds(50)) }
        feed?.cancel()
        feed = nil
    }

    /// One iteration: messages, input (waiting up to `timeout`), time, effects, drawing.
    public func step(timeout: Duration) throws {
        var messages = inbox.drain()
        if let input = backend.nextInput(timeout: timeout) {
            messages.append(.input(input))
            // Drain keys already waiting so the screen never lags the keyboard.
            while messages.count < 256, let more = backend.nextInput(timeout: .zero) { messages.append(.input(more)) }
        }
        messages.append(.tick(now: engine.clock.now, speed: engine.clock.speed, realTime: realTime))
        var effects: [MonitorEffect] = []
        for m in messages { effects += state.handle(m) }
        perform(effects)
        runGenerator()
        if refreshWanted && realTime - lastRefresh >= .milliseconds(250) || realTime - lastRefresh >= .seconds(1) {
            refreshWanted = false
            lastRefresh = realTime
            _ = state.handle(.snapshot(MonitorSnapshot.take(from: engine)))
        }
        if state.needsRedraw && state.isRunning && realTime - lastDraw >= .milliseconds(33) {
            try backend.draw(MonitorScreen.render(state, size: backend.size, theme: theme), theme: theme)
            state.needsRedraw = false
            lastDraw = realTime
        }
    }

    /// Performs effects, feeding results back to the state.
    public func perform(_ effects: [MonitorEffect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            var results: [MonitorMessage] = []
            do throws(DynamoError) {
                switch effect {
                case .quit: return
                case .refresh: refreshWanted = true
                case .redrawAll: backend.invalidate()
                case .copyToClipboard(let text): backend.copyToClipboard(text)
                case .setTheme(let name):
                    do {
                        theme = try Theme.load(name, themesDirectory: themesDirectory)
                        backend.invalidate()
                        results.append(.succeeded("theme \(theme.name)"))
                    } catch {
                        results.append(.failed(.validation("theme: \(error.description)")))
                    }
                case .scan(let table, let startKey, let limit):
                    let page = try engine.scanPage(table: table, startKey: startKey, limit: limit)
                    results.append(.scanPage(table: table, startKey: startKey, items: page.items, lastKey: page.lastKey))
                case .putItem(let table, let item):
                    try engine.putItem(table: table, item: item)
                    results.append(.succeeded("put \(Format.key(keyOf(item, table: table))) into \(table)"))
                case .updateItem(let table, let key, let expression, let values):
                    try engine.updateItem(table: table, key: key, updateExpression: expression, values: values)
                    results.append(.succeeded("updated \(Format.key(key)) in \(table)"))
                case .deleteItem(let table, let key):
                    try engine.deleteItem(table: table, key: key)
                    results.append(.succeeded("deleted \(Format.key(key)) from \(table)"))
                case .createTable(let name, let hashKey, let rangeKey, let view):
                    try engine.createTable(name: name, hashKey: hashKey, rangeKey: rangeKey, streamViewType: view)
                    results.append(.succeeded("created table \(name)" + (view.map { " with a \($0.rawValue) stream" } ?? "")))
                case .setStream(let table, let view):
                    try engine.setStream(table: table, viewType: view)
                    results.append(.succeeded(view.map { "\(table): stream \($0.rawValue)" } ?? "\(table): stream disabled"))
                case .clock(let command):
                    let clock = engine.clock
                    switch command {
                    case .togglePause: if clock.isPaused { clock.resume() } else { clock.pause() }
                    case .setSpeed(let s): clock.setSpeed(s)
                    case .jump(let d): clock.advance(by: d)
                    }
                    engine.clockDidChange()
                    refreshWanted = true
                case .editItem(let table, let item, let asDynamoJSON):
                    if let edited = try Self.editExternally(item, asDynamoJSON: asDynamoJSON, editor: editorCommand, backend: backend) {
                        try engine.putItem(table: table, item: edited)
                        results.append(.succeeded("put edited \(Format.key(keyOf(edited, table: table))) into \(table)"))
                    } else {
                        results.append(.succeeded("unchanged; nothing written"))
                    }
                case .generator(let g):
                    generatorCredit = 0
                    lastGeneratorRun = realTime
                    if g == nil { generatedKeys = [] }
                }
            } catch {
                results.append(.failed(error))
            }
            for r in results { queue += state.handle(r) }
        }
    }

    private func keyOf(_ item: AttributeMap, table: String) -> AttributeMap { state.keyOf(item, in: table) }

    /// The write generator: `writesPerSecond` writes per real second, weighted inserts/updates/deletes.
    private func runGenerator() {
        guard let g = state.generator, let table = state.snapshot.tables.first(where: { $0.name == g.table }) else { return }
        let now = realTime
        generatorCredit = min(g.writesPerSecond, generatorCredit + (now - lastGeneratorRun).seconds * g.writesPerSecond)
        lastGeneratorRun = now
        while generatorCredit >= 1 {
            generatorCredit -= 1
            let total = max(1, g.insertWeight + g.updateWeight + g.deleteWeight)
            let roll = Int.random(in: 0..<total)
            do throws(DynamoError) {
                if roll < g.insertWeight || generatedKeys.isEmpty {
                    generatedCount += 1
                    var key = AttributeMap()
                    key[table.hashKey.name] = Self.keyValue(type: table.hashKey.type, n: generatedCount, prefix: "gen#")
                    if let r = table.rangeKey { key[r.name] = Self.keyValue(type: r.type, n: generatedCount % 97, prefix: "") }
                    var item = key
                    item["status"] = .s("PENDING")
                    item["total"] = .n(DynamoNumber(Int.random(in: 1...500)))
                    item["generated"] = .bool(true)
                    try engine.putItem(table: g.table, item: item)
                    generatedKeys.append(key)
                    if generatedKeys.count > 1000 { generatedKeys.removeFirst() }
                } else if roll < g.insertWeight + g.updateWeight {
                    let key = generatedKeys[Int.random(in: 0..<generatedKeys.count)]
                    var item = key
                    item["status"] = .s(["PAID", "SHIPPED", "DELIVERED"][Int.random(in: 0..<3)])
                    item["total"] = .n(DynamoNumber(Int.random(in: 1...500)))
                    item["generated"] = .bool(true)
                    try engine.putItem(table: g.table, item: item)
                } else {
                    let key = generatedKeys.remove(at: Int.random(in: 0..<generatedKeys.count))
                    try engine.deleteItem(table: g.table, key: key)
                }
            } catch {
                _ = state.handle(.generatorFailed(error))
                generatedKeys = []
                return
            }
        }
    }

    static func keyValue(type: String, n: Int, prefix: String) -> AttributeValue {
        switch type {
        case "N": .n(DynamoNumber(n))
        case "B": .b(Array("\(prefix)\(n)".utf8))
        default: .s("\(prefix)\(n)")
        }
    }
}

extension MonitorLoop {
    /// Writes `item` to a temporary file, runs `$VISUAL`/`$EDITOR` (default `vi`) on it with the
    /// terminal handed over, and parses the result (JSON or DynamoDB JSON).
    /// - Returns: the edited item, nil when unchanged.
    static func editExternally(_ item: AttributeMap, asDynamoJSON: Bool, editor command: String?, backend: any TerminalBackend) throws(DynamoError) -> AttributeMap? {
        let original = Format.prettyJSON(asDynamoJSON ? item.dynamoJSON : item.plainJSON).joined(separator: "\n") + "\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("streamscope-item-\(ProcessInfo.processInfo.processIdentifier).json").path
        guard FileManager.default.createFile(atPath: path, contents: Data(original.utf8)) else {
            throw .validation("cannot write the temporary file \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ProcessInfo.processInfo.environment
        let editor = command ?? environment["VISUAL"] ?? environment["EDITOR"] ?? "vi"
        var status: Int32 = -1
        var launchError: String?
        backend.suspend {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \(editor) \"$1\"", "streamscope-editor", path]
            do {
                try process.run()
                process.waitUntilExit()
                status = process.terminationStatus
            } catch {
                launchError = "\(error)"
            }
        }
        if let launchError { throw .validation("cannot start the editor \(editor): \(launchError)") }
        guard status == 0 else { throw .validation("the editor \(editor) exited with status \(status); nothing was written") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .validation("cannot read back \(path)") }
        let text = String(decoding: data, as: UTF8.self)
        if text == original { return nil }
        return try AttributeMap(jsonText: text)
    }
}
