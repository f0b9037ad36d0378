import DynamoModel
@testable import MonitorUI
import Testing

@Suite struct FlowAndCommandTests {
    static func insert(_ n: UInt64, table: String = "Orders") -> FlowRecord {
        Fixture.record(.insert, seq: 30_000 + n, secondsAgo: 0, keys: ["pk": .s("new#\(n)"), "sk": .n(DynamoNumber(1))], old: nil, new: ["pk": .s("new#\(n)"), "sk": .n(DynamoNumber(1))])
    }

    @Test func scrollingUpPausesAndCountsNewRecords() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .character("3"), .up)
        #expect(s.isLivePaused)
        let selected = s.selectedFlowRecord?.record.sequenceNumber
        _ = s.handle(.records([Self.insert(1), Self.insert(2)]))
        #expect(s.newSincePause == 2)
        #expect(s.selectedFlowRecord?.record.sequenceNumber == selected)
        let screen = MonitorScreen.render(s, size: s.size, theme: .dark).lines.joined(separator: "\n")
        #expect(screen.contains("2 new (space resumes)"))
        Fixture.press(&s, .character(" "))
        #expect(!s.isLivePaused)
        #expect(s.selectedFlowRecord?.record.sequenceNumber == SequenceNumber(30_002))
    }

    @Test func movingDownOntoTheNewestRecordKeepsFollowing() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .character("3"), .character("j"))
        _ = s.handle(.records([Self.insert(1)]))
        #expect(!s.isLivePaused)
        #expect(s.selectedFlowRecord?.record.sequenceNumber == SequenceNumber(30_001))
    }

    @Test func helpSearchNarrowsTheBindings() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .character("?"), .character("/"))
        Fixture.type(&s, "clock")
        Fixture.press(&s, .enter)
        let lines = HelpView.lines(s).map(\.0)
        #expect(lines.contains { $0.contains("pause or resume the virtual clock") })
        #expect(!lines.contains { $0.contains("move down") })
        Fixture.press(&s, .escape)
        #expect(!s.isHelpVisible)
    }

    @Test func filterSurvivesLiveUpdates() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .character("3"), .character("/"))
        Fixture.type(&s, "event=MODIFY table=Orders")
        Fixture.press(&s, .enter)
        #expect(s.flowVisibleIDs.count == 1)
        _ = s.handle(.records([Self.insert(1)]))
        #expect(s.flowVisibleIDs.count == 1)
        _ = s.handle(.records([Fixture.record(.modify, seq: 40_000, secondsAgo: 0, keys: ["pk": .s("user#1"), "sk": .n(DynamoNumber(2))], old: [:], new: [:])]))
        #expect(s.flowVisibleIDs.count == 2)
        Fixture.press(&s, .escape)
        #expect(s.flowVisibleIDs.count == 6)
    }

    @Test func flowBufferStaysBounded() {
        var s = MonitorState(size: GridSize(width: 100, height: 30), now: Fixture.now)
        _ = s.handle(.records((0..<UInt64(MonitorState.flowCapacity + 500)).map { Self.insert($0) }))
        #expect(s.flow.count == MonitorState.flowCapacity)
        #expect(s.flowVisibleIDs.count == MonitorState.flowCapacity)
        #expect(s.selectedFlowRecord?.record.sequenceNumber == SequenceNumber(30_000 + UInt64(MonitorState.flowCapacity + 499)))
    }

    @Test func ringDropsTheOldest() {
        var ring = RecordRing<Int>(capacity: 3)
        for i in 1...5 { ring.append(i) }
        #expect((0..<ring.count).map { ring[$0] } == [3, 4, 5])
        #expect(ring.totalAppended == 5)
    }

    @Test func imageDiffFindsNestedAddedRemovedAndChangedPaths() {
        let lines = ImageDiff.lines(old: Fixture.oldOrder, new: Fixture.newOrder).filter { $0.kind != .unchanged }
        #expect(lines.map { "\($0.kind.marker) \($0.path)" } == ["~ address.city", "− coupon", "+ shippedAt", "~ status", "~ total"])
        let list = ImageDiff.lines(old: ["l": .l([.s("a"), .s("b")])], new: ["l": .l([.s("a"), .s("c")])])
        #expect(list.map(\.path) == ["l[0]", "l[1]"])
        #expect(list.map(\.kind) == [.unchanged, .changed])
    }

    @Test func commandAliasesSwitchScreens() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        for (command, context) in [("s Sessions", MonitorContext.shards), ("f", .flow), ("r", .retention), ("t", .tables), ("shards", .shards)] {
            Fixture.press(&s, .character(":"))
            Fixture.type(&s, command)
            Fixture.press(&s, .enter)
            #expect(s.context == context, "\(command)")
        }
        #expect(s.currentStream?.tableName == "Sessions")
        Fixture.press(&s, .character(":"))
        Fixture.type(&s, "theme light")
        #expect(Fixture.press(&s, .enter) == [.setTheme("light")])
        Fixture.press(&s, .character(":"))
        Fixture.type(&s, "q")
        #expect(Fixture.press(&s, .enter) == [.quit])
    }

    @Test func unknownCommandIsReportedNotIgnored() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .character(":"))
        Fixture.type(&s, "frobnicate")
        #expect(Fixture.press(&s, .enter).isEmpty)
        #expect(s.status?.role == .error)
        #expect(s.status?.text.contains("unknown command :frobnicate") == true)
    }

    @Test func commandsForClockGeneratorAndStreams() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        func run(_ text: String) -> [MonitorEffect] {
            Fixture.press(&s, .character(":"))
            Fixture.type(&s, text)
            return Fixture.press(&s, .enter)
        }
        #expect(run("jump 25h") == [.clock(.jump(.seconds(90_000)))])
        #expect(run("speed 60") == [.clock(.setSpeed(60))])
        #expect(run("gen 20 50/40/10 Orders") == [.generator(WriteGenerator(table: "Orders", writesPerSecond: 20, insertWeight: 50, updateWeight: 40, deleteWeight: 10))])
        #expect(run("gen off") == [.generator(nil)])
        #expect(run("stream Orders KEYS_ONLY") == [.setStream(table: "Orders", viewType: .keysOnly)])
        #expect(run("stream Orders off") == [.setStream(table: "Orders", viewType: nil)])
        #expect(run("stream Orders SIDEWAYS").isEmpty)
        #expect(s.status?.text.contains("unknown stream view type") == true)
    }

    @Test func tabCompletesCommandsTablesAndThemes() {
        let s = Fixture.state(GridSize(width: 100, height: 30))
        #expect(MonitorCommands.complete("ret", state: s) == "retention ")
        #expect(MonitorCommands.complete("shards Or", state: s) == "shards Orders ")
        #expect(MonitorCommands.complete("theme hi", state: s) == "theme high-contrast ")
        #expect(MonitorCommands.complete("stream Orders NEW_", state: s) == "stream Orders NEW_")
        #expect(MonitorCommands.complete("stream Orders NEW_A", state: s) == "stream Orders NEW_AND_OLD_IMAGES ")
    }

    @Test func badPutInputIsAnErrorInTheStatusLine() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .down, .character("p"))
        Fixture.type(&s, "{not json")
        #expect(Fixture.press(&s, .enter).isEmpty)
        #expect(s.status?.text.hasPrefix("✖ ValidationException: Invalid JSON") == true)
    }

    @Test func lineEditorKeepsHistory() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .down, .character("p"))
        Fixture.type(&s, #"{"pk": "a", "sk": 1}"#)
        Fixture.press(&s, .enter, .character("p"), .up)
        guard case .prompt(_, let editor) = s.mode else { Issue.record("no prompt"); return }
        #expect(editor.string == #"{"pk": "a", "sk": 1}"#)
        var e = LineEditor("hello world")
        _ = e.handle(.control("w"))
        #expect(e.string == "hello ")
        _ = e.handle(.home)
        _ = e.handle(.character(">"))
        #expect(e.string == ">hello ")
    }

    @Test func engineErrorsShowInTheStatusLineAndExpire() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        _ = s.handle(.failed(DynamoError(.conditionalCheckFailed, "The conditional request failed")))
        #expect(s.status?.text == "✖ ConditionalCheckFailedException: The conditional request failed")
        _ = s.handle(.tick(now: Fixture.now, speed: 60, realTime: .seconds(7)))
        #expect(s.status == nil)
    }

    @Test func resizeToSmallAndBackKeepsWorking() {
        var s = Fixture.state(GridSize(width: 100, height: 30))
        Fixture.press(&s, .character("3"))
        for size in [GridSize(width: 60, height: 20), GridSize(width: 20, height: 5), GridSize(width: 100, height: 30)] {
            #expect(s.handle(.input(.resize(size))) == [.redrawAll])
            let grid = MonitorScreen.render(s, size: s.size, theme: .dark)
            #expect(grid.size == size)
        }
    }
}
