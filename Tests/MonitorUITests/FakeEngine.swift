import DynamoModel
import MonitorUI
import Synchronization

/// An in-memory stand-in for the engine: a tiny table store that emits stream records, plus
/// hand-made stream summaries. Deterministic: ids and sequence numbers count up, time is manual.
final class FakeEngine: MonitorEngine {
    struct Table {
        var summary: TableSummary
        var items: [AttributeMap] = []
    }

    struct State {
        var tables: [String: Table] = [:]
        var streams: [StreamSummary] = []
        var records: [FlowRecord] = []
        var readers: [ReaderPosition] = []
        var nextSequence: UInt64 = 10_000
        var continuations: [AsyncStream<EngineEvent>.Continuation] = []
        var calls: [String] = []
    }

    let clock: VirtualClock
    let state = Mutex(State())

    init(clock: VirtualClock = .manual(at: Fixture.now)) {
        self.clock = clock
    }

    var calls: [String] { state.withLock { $0.calls } }

    func addTable(_ summary: TableSummary, items: [AttributeMap] = []) {
        state.withLock { $0.tables[summary.name] = Table(summary: summary, items: items) }
    }

    func tableSummaries() -> [TableSummary] {
        state.withLock { s in s.tables.values.map { t in var x = t.summary; x.itemCount = t.items.count; return x }.sorted { $0.name < $1.name } }
    }

    func streamSummaries() -> [StreamSummary] { state.withLock { $0.streams } }

    func recordCount(streamArn: String, shardId: String, createdBefore instant: VirtualInstant) -> Int {
        state.withLock { s in s.records.filter { $0.streamArn == streamArn && $0.shardId == shardId && $0.record.approximateCreationDateTime < instant }.count }
    }

    func recentRecords(limit: Int) -> [FlowRecord] { state.withLock { Array($0.records.suffix(limit)) } }

    func readerPositions() -> [ReaderPosition] { state.withLock { $0.readers } }

    func scanPage(table: String, startKey: AttributeMap?, limit: Int) throws(DynamoError) -> (items: [AttributeMap], lastKey: AttributeMap?) {
        let result: (items: [AttributeMap], lastKey: AttributeMap?)? = state.withLock { s in
            guard let t = s.tables[table] else { return nil }
            let keyNames = [t.summary.hashKey.name] + (t.summary.rangeKey.map { [$0.name] } ?? [])
            func key(_ item: AttributeMap) -> AttributeMap { AttributeMap(keyNames.compactMap { n in item[n].map { (n, $0) } }) }
            var start = 0
            if let startKey, let i = t.items.firstIndex(where: { key($0) == startKey }) { start = i + 1 }
            let page = Array(t.items[min(start, t.items.count)..<min(t.items.count, start + limit)])
            let more = start + limit < t.items.count
            return (page, more ? page.last.map(key) : nil)
        }
        guard let result else { throw .notFound("Requested resource not found: Table: \(table) not found") }
        return result
    }

    private func keyNames(_ t: TableSummary) -> [String] { [t.hashKey.name] + (t.rangeKey.map { [$0.name] } ?? []) }

    /// Applies a change and appends a stream record to the table's first open shard.
    private func commit(table: String, old: AttributeMap?, new: AttributeMap?) {
        let events: [EngineEvent] = state.withLock { s in
            guard let t = s.tables[table] else { return [] }
            let names = keyNames(t.summary)
            let keySource = new ?? old ?? AttributeMap()
            let keys = AttributeMap(names.compactMap { n in keySource[n].map { (n, $0) } })
            s.tables[table]?.items.removeAll { item in names.allSatisfy { item[$0] == keys[$0] } }
            if let new { s.tables[table]?.items.append(new) }
            let eventName: StreamEventName = old == nil ? .insert : new == nil ? .remove : .modify
            var out: [EngineEvent] = [.itemChanged(table: table, region: "us-east-1", eventName: eventName, keys: keys)]
            guard let stream = s.streams.first(where: { $0.tableName == table && $0.status == .enabled }),
                let shard = stream.shards.last(where: { !$0.isClosed })
            else { return out }
            s.nextSequence += 1
            let view = stream.viewType
            let record = StreamRecord(
                eventID: String(repeating: "0", count: 27) + String(s.nextSequence), eventName: eventName, awsRegion: "us-east-1",
                approximateCreationDateTime: clock.now, keys: keys, newImage: view.includesNewImage ? new : nil,
                oldImage: view.includesOldImage ? old : nil, sequenceNumber: SequenceNumber(s.nextSequence),
                sizeBytes: 100, streamViewType: view, isServiceDelete: false)
            s.records.append(FlowRecord(tableName: table, streamArn: stream.streamArn, shardId: shard.shardId, record: record))
            out.append(.recordAppended(streamArn: stream.streamArn, shardId: shard.shardId, record: record))
            return out
        }
        let continuations = state.withLock { $0.continuations }
        for e in events { for c in continuations { c.yield(e) } }
    }

    private func existing(_ table: String, key: AttributeMap) throws(DynamoError) -> AttributeMap? {
        let found: AttributeMap?? = state.withLock { s in
            guard let t = s.tables[table] else { return nil }
            let names = keyNames(t.summary)
            return .some(t.items.first { item in names.allSatisfy { item[$0] == key[$0] } })
        }
        guard let found else { throw .notFound("Requested resource not found") }
        return found
    }

    func putItem(table: String, item: AttributeMap) throws(DynamoError) {
        state.withLock { $0.calls.append("put \(table) \(item.plainJSONText)") }
        let old = try existing(table, key: item)
        commit(table: table, old: old, new: item)
    }

    func updateItem(table: String, key: AttributeMap, updateExpression: String, values: [String: AttributeValue]) throws(DynamoError) {
        state.withLock { $0.calls.append("update \(table) \(key.plainJSONText) \(updateExpression)") }
        // Only `SET name = :value[, …]`, enough for the monitor's tests.
        guard updateExpression.hasPrefix("SET ") else { throw .validation("Invalid UpdateExpression: only SET is supported by the fake") }
        var item = try existing(table, key: key) ?? key
        let old = try existing(table, key: key)
        for assignment in updateExpression.dropFirst(4).split(separator: ",") {
            let parts = assignment.split(separator: "=").map { String($0).filter { $0 != " " } }
            guard parts.count == 2, let v = values[parts[1]] else {
                throw .validation("An expression attribute value used in expression is not defined; attribute value: \(parts.last ?? "")")
            }
            item[parts[0]] = v
        }
        commit(table: table, old: old, new: item)
    }

    func deleteItem(table: String, key: AttributeMap) throws(DynamoError) {
        state.withLock { $0.calls.append("delete \(table) \(key.plainJSONText)") }
        guard let old = try existing(table, key: key) else { return }
        commit(table: table, old: old, new: nil)
    }

    func createTable(name: String, hashKey: KeyAttribute, rangeKey: KeyAttribute?, streamViewType: StreamViewType?) throws(DynamoError) {
        state.withLock { $0.calls.append("create \(name)") }
        let exists = state.withLock { $0.tables[name] != nil }
        if exists { throw .inUse("Table already exists: \(name)") }
        addTable(Fixture.table(name, hash: hashKey, range: rangeKey, view: streamViewType))
    }

    func setStream(table: String, viewType: StreamViewType?) throws(DynamoError) {
        state.withLock { s in
            s.calls.append("stream \(table) \(viewType?.rawValue ?? "off")")
            s.tables[table]?.summary.streamViewType = viewType
        }
    }

    func events(bufferingNewest: Int) -> AsyncStream<EngineEvent> {
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream(bufferingPolicy: .bufferingNewest(bufferingNewest))
        state.withLock { $0.continuations.append(continuation) }
        return stream
    }

    func clockDidChange() {
        state.withLock { $0.calls.append("clock changed") }
        let continuations = state.withLock { $0.continuations }
        for c in continuations { c.yield(.clockChanged) }
    }
}
