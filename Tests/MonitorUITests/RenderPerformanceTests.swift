import Foundation
import DynamoModel
@testable import MonitorUI
import Testing

/// Rendering touches only what is visible: a 200×60 frame over a full Flow buffer and 100 shards.
@Suite struct RenderPerformanceTests {
    static func bigState() -> MonitorState {
        var s = MonitorState(size: GridSize(width: 200, height: 60), now: Fixture.now, clockSpeed: 1)
        var shards: [ShardSummary] = []
        for i in 0..<100 {
            let parent = i == 0 ? nil : "shardId-\(String(format: "%020d", (i - 1) / 2))"
            shards.append(Fixture.shard("shardId-\(String(format: "%020d", i))", parent: parent, start: UInt64(i * 10_000), end: i < 50 ? UInt64(i * 10_000 + 9_999) : nil, records: 10_000, oldestAgo: Double(80_000 - i * 500), newestAgo: 10))
        }
        var stream = Fixture.streams[0]
        stream.shards = shards
        let tables = (0..<40).map { Fixture.table("Table\($0)", hash: KeyAttribute(name: "pk", type: "S"), range: nil, view: .newAndOldImages, items: 10_000) }
        _ = s.handle(.snapshot(MonitorSnapshot(takenAt: Fixture.now, tables: tables, streams: [stream])))
        let records = (0..<UInt64(MonitorState.flowCapacity)).map { n in
            Fixture.record(.modify, seq: n, secondsAgo: 5, keys: ["pk": .s("user#\(n)"), "sk": .n(DynamoNumber(Int(n)))], old: Fixture.oldOrder, new: Fixture.newOrder)
        }
        _ = s.handle(.records(records))
        return s
    }

    @Test func framesOfEveryScreenAreFastWithFullBuffers() {
        var s = Self.bigState()
        let clock = ContinuousClock()
        for key in ["1", "2", "3", "4"] {
            Fixture.press(&s, .character(Character(key)))
            _ = MonitorScreen.render(s, size: s.size, theme: .dark)
            var samples: [Duration] = []
            for _ in 0..<20 {
                let start = clock.now
                _ = MonitorScreen.render(s, size: s.size, theme: .dark)
                samples.append(clock.now - start)
            }
            let median = samples.sorted()[samples.count / 2]
            // Debug builds on a shared 2-core machine are slow and noisy: the default budget only
            // catches pathological per-frame work, and
            // `RENDER_BUDGET_MS=2 swift test -c release -Xswiftc -enable-testing` checks the real target.
            let budget = ProcessInfo.processInfo.environment["RENDER_BUDGET_MS"].flatMap(Int.init) ?? 250
            #expect(median < .milliseconds(budget), "screen \(key): median \(median)")
        }
    }
}
