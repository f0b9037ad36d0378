import DynamoModel

/// Everything that can change ``MonitorState``: input, engine events, results of effects, time.
public enum MonitorMessage: Sendable {
    case input(TerminalInput)
    /// A fresh summary of tables and streams.
    case snapshot(MonitorSnapshot)
    /// A change published by the engine.
    case engineEvent(EngineEvent)
    /// Stream records for Flow (from `recordAppended` events or the start-up backfill).
    case records([FlowRecord])
    /// The clock as read by the loop: virtual now, speed, and real time since start (for status expiry and rates).
    case tick(now: VirtualInstant, speed: Double, realTime: Duration)
    /// A Scan page arrived for the item browser.
    case scanPage(table: String, startKey: AttributeMap?, items: [AttributeMap], lastKey: AttributeMap?)
    /// A write or command finished; shown in the status line.
    case succeeded(String)
    /// A write or command failed with AWS's error; shown in the status line.
    case failed(DynamoError)
    /// The write generator's last write failed; it stops.
    case generatorFailed(DynamoError)
}

/// A clock control the loop applies to the engine's `VirtualClock`.
public enum ClockCommand: Sendable, Hashable {
    case togglePause
    case setSpeed(Double)
    case jump(Duration)
}

/// The write generator's settings.
public struct WriteGenerator: Sendable, Hashable {
    public var table: String
    public var writesPerSecond: Double
    /// Relative weights of inserts, updates and deletes.
    public var insertWeight: Int
    public var updateWeight: Int
    public var deleteWeight: Int

    public init(table: String, writesPerSecond: Double = 5, insertWeight: Int = 60, updateWeight: Int = 30, deleteWeight: Int = 10) {
        self.table = table
        self.writesPerSecond = writesPerSecond
        self.insertWeight = insertWeight
        self.updateWeight = updateWeight
        self.deleteWeight = deleteWeight
    }

    /// `5/s 60/30/10 on Orders`.
    public var summary: String {
        "\(Format.decimal(writesPerSecond))/s \(insertWeight)/\(updateWeight)/\(deleteWeight) on \(table)"
    }
}

/// Work the loop performs for the state: engine calls, clock moves, terminal side effects.
public enum MonitorEffect: Sendable, Hashable {
    case quit
    /// Take a fresh ``MonitorSnapshot`` and send it back as ``MonitorMessage/snapshot(_:)``.
    case refresh
    case scan(table: String, startKey: AttributeMap?, limit: Int)
    case putItem(table: String, item: AttributeMap)
    case updateItem(table: String, key: AttributeMap, updateExpression: String, values: [String: AttributeValue])
    case deleteItem(table: String, key: AttributeMap)
    case createTable(name: String, hashKey: KeyAttribute, rangeKey: KeyAttribute?, streamViewType: StreamViewType?)
    case setStream(table: String, viewType: StreamViewType?)
    case clock(ClockCommand)
    /// Start (or re-configure) the write generator; nil stops it.
    case generator(WriteGenerator?)
    /// Copy to the clipboard via OSC 52.
    case copyToClipboard(String)
    /// Switch theme (name or path); the loop loads it and reports failure as a status message.
    case setTheme(String)
    /// Repaint every cell (Ctrl-L).
    case redrawAll
    /// Edit `item` in `$EDITOR` (as pretty JSON, or DynamoDB JSON) and put the result back into `table`.
    case editItem(table: String, item: AttributeMap, asDynamoJSON: Bool)
}
