import DynamoModel
@testable import MonitorUI
import Testing

/// Long deterministic pseudo-random sessions: every key of the table, records arriving, resizes
/// and ticks, with the state's invariants checked after every message and every frame rendered.
@Suite struct StateSweepTests {
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomSessionsKeepEveryInvariant(seed: UInt64) {
        var rng = LCG(state: seed)
        var s = Fixture.state(GridSize(width: 90, height: 26))
        let keys = KeyMap.standard.bindings.flatMap(\.keys).filter { $0 != .character("q") && $0 != .control("c") }
            + [.escape, .enter, .character("y"), .character("n"), .character("x"), .backspace]
        let sizes = [GridSize(width: 90, height: 26), GridSize(width: 60, height: 15), GridSize(width: 30, height: 8), GridSize(width: 200, height: 60)]
        var sequence: UInt64 = 50_000
        for step in 0..<300 {
            let message: MonitorMessage
            switch rng.next(20) {
            case 0..<3:
                sequence += 1
                message = .records([FlowAndCommandTests.insert(sequence)])
            case 3: message = .input(.resize(sizes[rng.next(sizes.count)]))
            case 4: message = .tick(now: Fixture.now + .seconds(step), speed: 60, realTime: .seconds(step))
            case 5: message = .scanPage(table: "Orders", startKey: s.browser?.startKey, items: Array(Fixture.orderItems.prefix(rng.next(9))), lastKey: nil)
            default: message = .input(.key(keys[rng.next(keys.count)]))
            }
            _ = s.handle(message)
            let broken = s.invariantViolations()
            #expect(broken.isEmpty, "seed \(seed) step \(step) after \(message): \(broken)")
            if !broken.isEmpty { return }
            let grid = MonitorScreen.render(s, size: s.size, theme: .dark)
            #expect(grid.size == s.size)
            if !s.isRunning { s = Fixture.state(s.size) }
        }
    }
}
