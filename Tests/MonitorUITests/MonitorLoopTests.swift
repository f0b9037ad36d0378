import DynamoModel
import Foundation
import Synchronization
@testable import MonitorUI
import Testing

/// The loop against the fake engine and the in-memory terminal: keys in, engine calls and frames out.
@Suite struct MonitorLoopTests {
    func makeEngine() -> FakeEngine {
        let engine = FakeEngine()
        for t in Fixture.tables { engine.addTable(t) }
        engine.state.withLock { $0.streams = Fixture.streams }
        return engine
    }

    /// Steps the loop until `condition` holds (waiting for the change feed, never a fixed sleep).
    /// Suspends between steps (never blocks a thread), so the change-feed task gets to run.
    /// Steps the loop until `condition` holds. Gives up only after both a minimum number of steps
    /// and 60 s have passed: when the whole suite runs, other tests' synchronous waits can starve
    /// this task for seconds, and a deadline alone would then end the wait without a real try.
    func step(_ loop: MonitorLoop, until condition: (MonitorLoop) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        var attempts = 0
        while attempts < 500 || ContinuousClock.now < deadline {
            try loop.step(timeout: .zero)
            if condition(loop) { return true }
            attempts += 1
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func puttingAnItemByKeysShowsItsInsertInFlow() async throws {
        let engine = makeEngine()
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        loop.start()
        backend.type(.down, .character("p"))
        backend.type(text: #"{"pk": "user#77", "sk": 5, "status": "NEW"}"#)
        backend.type(.enter, .character("3"))
        #expect(try await step(loop) { $0.state.selectedFlowRecord?.record.keys["pk"] == .s("user#77") })
        #expect(engine.calls == [#"put Orders {"pk":"user#77","sk":5,"status":"NEW"}"#])
        #expect(try await step(loop) { _ in backend.screenText.contains("INSERT") && backend.screenText.contains("+ status") })
        #expect(backend.screenText.contains("pk=user#77  sk=5"))
    }

    @Test func theClockKeysMoveTheClockAndTellTheEngine() async throws {
        let engine = makeEngine()
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        loop.start()
        let start = engine.clock.now
        backend.type(.character("t"))
        #expect(try await step(loop) { _ in engine.calls.contains("clock changed") })
        #expect(engine.clock.now == start + .seconds(3600))
        let wasPaused = engine.clock.isPaused
        backend.type(.character("c"))
        #expect(try await step(loop) { _ in engine.calls.filter { $0 == "clock changed" }.count == 2 })
        #expect(engine.clock.isPaused == !wasPaused)
    }

    @Test func updatingAnItemShowsTheDiff() async throws {
        let engine = makeEngine()
        try engine.putItem(table: "Orders", item: ["pk": .s("a"), "sk": .n(DynamoNumber(1)), "status": .s("NEW")])
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        loop.start()
        backend.type(.down, .enter)
        #expect(try await step(loop) { $0.state.browser?.items.count == 1 })
        backend.type(.character("u"))
        backend.type(text: #"SET status = :s ; {":s": "PAID"}"#)
        backend.type(.enter, .character("3"))
        #expect(try await step(loop) { _ in backend.screenText.contains(#"~ status"#) })
        #expect(backend.screenText.contains(#""NEW""#) && backend.screenText.contains(#""PAID""#))
    }

    @Test func editingInTheEditorPutsTheEditedItemBack() async throws {
        let engine = makeEngine()
        try engine.putItem(table: "Orders", item: ["pk": .s("a"), "sk": .n(DynamoNumber(1)), "status": .s("NEW")])
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark, editorCommand: "sed -i s/NEW/EDITED/")
        backend.type(.down, .enter)
        #expect(try await step(loop) { $0.state.browser?.items.count == 1 })
        backend.type(.character("e"))
        #expect(try await step(loop) { _ in engine.calls.count == 2 })
        #expect(engine.calls.last == #"put Orders {"pk":"a","sk":1,"status":"EDITED"}"#)
        #expect(backend.suspensions == 1)
        let failing = MonitorLoop(engine: engine, backend: backend, theme: .dark, editorCommand: "false")
        backend.type(.down, .enter)
        #expect(try await step(failing) { $0.state.browser?.items.count == 1 })
        backend.type(.character("e"))
        #expect(try await step(failing) { l in
            backend.screenText.contains("exited with status 1; nothing was written") || (l.state.status?.text.contains("exited with status 1; nothing was written") ?? false)
        })
    }

    @Test func engineErrorsAppearInTheStatusLineAndTheAppGoesOn() async throws {
        let engine = makeEngine()
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        backend.type(.character(":"))
        backend.type(text: "create Orders pk:S")
        backend.type(.enter)
        #expect(try await step(loop) { _ in backend.screenText.contains("ResourceInUseException: Table already exists: Orders") })
        #expect(loop.state.isRunning)
    }

    @Test func clockKeysMoveTheEngineClock() async throws {
        let engine = makeEngine()
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        backend.type(.character("t"), .character("T"))
        try loop.step(timeout: .zero)
        #expect(engine.clock.now == Fixture.now + .seconds(3600 + 86_400))
        #expect(try await step(loop) { _ in backend.screenText.contains("11-28 19:42:07") })
    }

    @Test func yankWritesOSC52AndThemeSwitches() async throws {
        let engine = makeEngine()
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        engine.state.withLock { $0.records = Fixture.records }
        loop.start()
        backend.type(.character("3"), .character("#"), .character(":"))
        backend.type(text: "theme light")
        backend.type(.enter)
        #expect(try await step(loop) { $0.theme.name == "light" })
        #expect(backend.clipboard == ["100000000000000020001"])
        backend.type(.character(":"))
        backend.type(text: "theme nope")
        backend.type(.enter)
        #expect(try await step(loop) { l in
            backend.screenText.contains("no such theme") || (l.state.status?.text.contains("no such theme") ?? false)
        })
        #expect(loop.theme.name == "light")
    }

    @Test func quitEndsTheLoop() async throws {
        let backend = InMemoryBackend(size: GridSize(width: 80, height: 24), inputs: [.key(.character("q"))])
        let loop = MonitorLoop(engine: makeEngine(), backend: backend, theme: .dark)
        try loop.run()
        #expect(!loop.state.isRunning)
    }

    @Test func generatorWritesAtTheRequestedRate() async throws {
        let engine = makeEngine()
        let backend = InMemoryBackend(size: GridSize(width: 100, height: 30))
        let loop = MonitorLoop(engine: engine, backend: backend, theme: .dark)
        backend.type(.character(":"))
        backend.type(text: "gen 200 100/0/0 Orders")
        backend.type(.enter)
        try loop.step(timeout: .zero)
        #expect(try await step(loop) { _ in engine.calls.count >= 10 })
        #expect(engine.calls.allSatisfy { $0.hasPrefix("put Orders") })
        backend.type(.character(":"))
        backend.type(text: "gen off")
        backend.type(.enter)
        try loop.step(timeout: .zero)
        let count = engine.calls.count
        for _ in 0..<5 {
            try loop.step(timeout: .zero)
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(engine.calls.count == count)
    }
}
