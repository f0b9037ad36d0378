import DynamoModel
import Foundation
import MonitorUI

/// The monitor's figures (issue 4): frame build time of every screen at 200×60 over 1,000,000
/// retained records, 100 shards and 10,000 items; idle CPU of the UI loop; key press → frame.
enum MonitorBench {
    static let size = GridSize(width: 200, height: 60)
    static let start = VirtualInstant(epochSeconds: 1_800_000_000)
    static let streamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2027-01-15T08:00:00.000"

    static func run(_ report: Report, quick: Bool) throws {
        report.header("monitor (200×60, 1,000,000 retained records, 100 shards, 10,000 items)")
        let engine = BenchMonitorEngine(now: start)
        try frameBuildTimes(report, engine: engine, samples: quick ? 15 : 50)
        idleCPU(report, engine: engine, seconds: quick ? 2 : 4)
        keyToFrame(report, engine: engine, presses: quick ? 20 : 60)
    }

    /// Median time of `MonitorScreen.render` for each screen.
    static func frameBuildTimes(_ report: Report, engine: BenchMonitorEngine, samples: Int) throws {
        var state = MonitorState(size: size, now: start, clockSpeed: 1)
        _ = state.handle(.snapshot(MonitorSnapshot.take(from: engine)))
        _ = state.handle(.records(engine.recentRecords(limit: MonitorState.flowCapacity)))
        func press(_ key: KeyPress) -> [MonitorEffect] { state.handle(.input(.key(key))) }
        func median(_ screen: String) {
            _ = MonitorScreen.render(state, size: size, theme: .dark)
            var times: [Double] = []
            for _ in 0..<samples { times.append(measure { _ = MonitorScreen.render(state, size: size, theme: .dark) }) }
            times.sort()
            report.add(.atMost("monitor: frame build, \(screen) screen (median)", percentile(times, 50) * 1000, "ms", 2))
        }
        _ = press(.character("1"))
        median("Tables")
        // Open the Orders table: the item browser asks for a Scan page, which the bench answers.
        _ = press(.character("g"))
        for effect in press(.enter) {
            if case .scan(let table, let startKey, let limit) = effect {
                let page = try engine.scanPage(table: table, startKey: startKey, limit: limit)
                _ = state.handle(.scanPage(table: table, startKey: startKey, items: page.items, lastKey: page.lastKey))
            }
        }
        median("Items")
        _ = press(.enter)
        median("Item detail")
        _ = press(.character("2"))
        median("Shards")
        _ = press(.character("3"))
        median("Flow")
        _ = press(.enter)
        median("Flow record diff")
        _ = press(.character("4"))
        median("Retention")
        _ = press(.character("?"))
        median("Help")
    }

    /// CPU time of the process while a `MonitorLoop` runs with nothing changing.
    static func idleCPU(_ report: Report, engine: BenchMonitorEngine, seconds: Double) {
        let backend = IdleBackend(size: size)
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        loop.start()
        // Settle: first frames, the backfill, the first refresh.
        for _ in 0..<10 { try? loop.step(timeout: .milliseconds(50)) }
        let cpuBefore = processCPUSeconds()
        let wall = measure {
            let clock = ContinuousClock()
            let end = clock.now + .seconds(seconds)
            while clock.now < end { try? loop.step(timeout: .milliseconds(50)) }
        }
        let cpu = processCPUSeconds() - cpuBefore
        report.add(.atMost("monitor: idle CPU of the UI loop (nothing changing)", cpu / wall * 100, "%", 1))
    }

    /// Real time from a key arriving to the frame that shows it having been drawn.
    static func keyToFrame(_ report: Report, engine: BenchMonitorEngine, presses: Int) {
        let backend = IdleBackend(size: size)
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        loop.start()
        for _ in 0..<5 { try? loop.step(timeout: .milliseconds(10)) }
        let keys: [KeyPress] = [.character("1"), .character("2"), .character("3"), .character("4"), .down, .up, .character("j"), .character("k")]
        let clock = ContinuousClock()
        var times: [Double] = []
        for i in 0..<presses {
            // A person types a few keys a second; the loop is idle between them.
            Thread.sleep(forTimeInterval: 0.06)
            let frames = backend.frameCount
            backend.pending.append(.key(keys[i % keys.count]))
            let pressed = clock.now
            while backend.frameCount == frames && clock.now - pressed < .seconds(1) {
                try? loop.step(timeout: .milliseconds(50))
            }
            times.append((clock.now - pressed).seconds)
        }
        times.sort()
        report.add(.atMost("monitor: key press → frame drawn (median)", percentile(times, 50) * 1000, "ms", 20))
        report.add(.info("monitor: key press → frame drawn (p99)", percentile(times, 99) * 1000, "ms"))
    }

    /// User plus system CPU time of this process.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// A terminal that blocks for the whole timeout when no key is waiting, as ncurses' `wget_wch`
/// does, and keeps only a frame count (the cost of drawing to a real terminal is not measured).
final class IdleBackend: TerminalBackend {
    let size: GridSize
    let colorDepth = ColorDepth.indexed256
    var pending: [TerminalInput] = []
    private(set) var frameCount = 0

    init(size: GridSize) { self.size = size }

    func nextInput(timeout: Duration) -> TerminalInput? {
        if !pending.isEmpty { return pending.removeFirst() }
        if timeout > .zero { Thread.sleep(forTimeInterval: timeout.seconds) }
        return nil
    }

    func draw(_ grid: ScreenGrid, theme: Theme) throws { frameCount += 1 }
    func invalidate() {}
    func copyToClipboard(_ text: String) {}
    func suspend(while body: () -> Void) { body() }
}

/// A still engine with the figure's sizes: 40 tables of 250 items (10,000), one stream of 100
/// shards holding 10,000 records each (1,000,000), and the newest records for Flow.
final class BenchMonitorEngine: MonitorEngine {
    let clock: VirtualClock
    private let tables: [TableSummary]
    private let streams: [StreamSummary]
    private let records: [FlowRecord]

    init(now: VirtualInstant) {
        clock = VirtualClock(start: now, speed: 0)
        tables = (0..<40).map { i in
            let name = i == 0 ? "Orders" : String(format: "Table%02d", i)
            return TableSummary(
                name: name, region: "us-east-1", tableArn: "arn:aws:dynamodb:us-east-1:000000000000:table/\(name)", status: "ACTIVE",
                hashKey: KeyAttribute(name: "pk", type: "S"), rangeKey: KeyAttribute(name: "sk", type: "N"), itemCount: 250,
                sizeBytes: 250 * 212, createdAt: now - .seconds(86_400 * 2), streamViewType: i == 0 ? .newAndOldImages : nil,
                latestStreamArn: i == 0 ? MonitorBench.streamArn : nil, ttlAttribute: nil, globalSecondaryIndexes: [],
                localSecondaryIndexes: [], writeCount: 10_000)
        }
        func shardId(_ i: Int) -> String { "shardId-\(String(format: "%020d", i))-\(String(format: "%08x", i * 2_654_435_761 % 0xFFFF_FFFF))" }
        let shards = (0..<100).map { i in
            let closed = i < 50
            return ShardSummary(
                shardId: shardId(i), parentShardId: i == 0 ? nil : shardId((i - 1) / 2),
                startingSequenceNumber: SequenceNumber(UInt64(i) * 100_000_000), endingSequenceNumber: closed ? SequenceNumber(UInt64(i) * 100_000_000 + 9_999) : nil,
                createdAt: now - .seconds(Double(86_000 - i * 600)), closedAt: closed ? now - .seconds(Double(80_000 - i * 600)) : nil,
                recordCount: 10_000, retainedBytes: 10_000 * 212, oldestRecordAt: now - .seconds(Double(86_000 - i * 600)),
                newestRecordAt: now - .seconds(closed ? Double(80_000 - i * 600) : 1), trimmedCount: 0)
        }
        streams = [StreamSummary(
            streamArn: MonitorBench.streamArn, streamLabel: "2027-01-15T08:00:00.000", tableName: "Orders", region: "us-east-1",
            status: .enabled, viewType: .newAndOldImages, createdAt: now - .seconds(86_400), disabledAt: nil, shards: shards)]
        let newest = shardId(99)
        records = (0..<MonitorState.flowCapacity).map { n in
            let keys: AttributeMap = ["pk": .s("CUST#\(n % 500)"), "sk": .n(DynamoNumber(n))]
            var old = keys
            old["status"] = .s("PENDING")
            old["total"] = .n(DynamoNumber(n % 300))
            old["shipping"] = .m(["city": .s("Lyon"), "zip": .s("69001")])
            var new = old
            new["status"] = .s("SHIPPED")
            new["shipping"] = .m(["city": .s("Lyon"), "zip": .s("69002"), "carrier": .s("DHL")])
            let record = StreamRecord(
                eventID: String(format: "%032x", n), eventName: .modify, awsRegion: "us-east-1",
                approximateCreationDateTime: now - .seconds(Double(MonitorState.flowCapacity - n) / 10), keys: keys, newImage: new, oldImage: old,
                sequenceNumber: SequenceNumber(UInt64(99 * 100_000_000 + n)), sizeBytes: 212, streamViewType: .newAndOldImages, isServiceDelete: false)
            return FlowRecord(tableName: "Orders", streamArn: MonitorBench.streamArn, shardId: newest, record: record)
        }
    }

    func tableSummaries() -> [TableSummary] { tables }
    func streamSummaries() -> [StreamSummary] { streams }

    /// Records are spread evenly over each shard's life, so the count before an instant is proportional.
    func recordCount(streamArn: String, shardId: String, createdBefore instant: VirtualInstant) -> Int {
        guard let shard = streams.first?.shards.first(where: { $0.shardId == shardId }),
            let oldest = shard.oldestRecordAt, let newest = shard.newestRecordAt, newest > oldest
        else { return 0 }
        let fraction = (instant - oldest).seconds / (newest - oldest).seconds
        return Int((min(max(fraction, 0), 1) * Double(shard.recordCount)).rounded())
    }

    func recentRecords(limit: Int) -> [FlowRecord] { Array(records.suffix(limit)) }
    func readerPositions() -> [ReaderPosition] { [] }

    func scanPage(table: String, startKey: AttributeMap?, limit: Int) throws(DynamoError) -> (items: [AttributeMap], lastKey: AttributeMap?) {
        let first = startKey?["sk"].flatMap { if case .n(let n) = $0 { Int(n.description) } else { nil } }.map { $0 + 1 } ?? 0
        let items: [AttributeMap] = (first..<min(250, first + limit)).map { n in
            ["pk": .s("CUST#\(n)"), "sk": .n(DynamoNumber(n)), "status": .s("PAID"), "total": .n(DynamoNumber(n % 300)), "shipping": .m(["city": .s("Lyon")])]
        }
        return (items, items.count == limit ? items.last.map { ["pk": $0["pk"] ?? .null, "sk": $0["sk"] ?? .null] } : nil)
    }

    func putItem(table: String, item: AttributeMap) throws(DynamoError) { throw .validation("the bench engine is read-only") }
    func updateItem(table: String, key: AttributeMap, updateExpression: String, values: [String: AttributeValue]) throws(DynamoError) {
        throw .validation("the bench engine is read-only")
    }
    func deleteItem(table: String, key: AttributeMap) throws(DynamoError) { throw .validation("the bench engine is read-only") }
    func createTable(name: String, hashKey: KeyAttribute, rangeKey: KeyAttribute?, streamViewType: StreamViewType?) throws(DynamoError) {
        throw .validation("the bench engine is read-only")
    }
    func setStream(table: String, viewType: StreamViewType?) throws(DynamoError) { throw .validation("the bench engine is read-only") }

    /// Nothing changes, so the feed stays silent until the loop lets go of it.
    func events(bufferingNewest: Int) -> AsyncStream<EngineEvent> { AsyncStream { _ in } }
    func clockDidChange() {}
}
