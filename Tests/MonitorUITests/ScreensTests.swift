import DynamoModel
import MonitorUI
import Testing

/// Golden screens of every view at 80×24 and 120×40, from ``Fixture``.
@Suite struct ScreensTests {
    static let small = GridSize(width: 80, height: 24)
    static let large = GridSize(width: 120, height: 40)
    let theme = Theme.dark

    func render(_ state: MonitorState) -> ScreenGrid { MonitorScreen.render(state, size: state.size, theme: theme) }

    func tables(_ size: GridSize) -> MonitorState {
        var s = Fixture.state(size)
        Fixture.press(&s, .down)
        return s
    }

    @Test func tablesScreenAt80x24() { assertScreen(render(tables(Self.small))) }
    @Test func tablesScreenAt120x40() { assertScreen(render(tables(Self.large))) }

    func items(_ size: GridSize) -> MonitorState {
        var s = tables(size)
        let effects = Fixture.press(&s, .enter)
        #expect(effects == [.scan(table: "Orders", startKey: nil, limit: MonitorState.pageSize)])
        _ = s.handle(.scanPage(table: "Orders", startKey: nil, items: Fixture.orderItems, lastKey: ["pk": .s("user#17"), "sk": .n(DynamoNumber(1649))]))
        Fixture.press(&s, .down, .down)
        return s
    }

    @Test func itemBrowserAt80x24() { assertScreen(render(items(Self.small))) }
    @Test func itemBrowserAt120x40() { assertScreen(render(items(Self.large))) }

    @Test func itemDetailAsJSONAt80x24() {
        var s = items(Self.small)
        Fixture.press(&s, .enter)
        assertScreen(render(s))
    }

    @Test func itemDetailAsDynamoJSONAt120x40() {
        var s = items(Self.large)
        Fixture.press(&s, .enter, .character("J"))
        assertScreen(render(s))
    }

    func shards(_ size: GridSize) -> MonitorState {
        var s = Fixture.state(size)
        Fixture.press(&s, .character("2"), .down, .down, .down)
        return s
    }

    @Test func shardTreeAt80x24() { assertScreen(render(shards(Self.small))) }
    @Test func shardTreeAt120x40() { assertScreen(render(shards(Self.large))) }

    func flowOnModify(_ size: GridSize) -> MonitorState {
        var s = Fixture.state(size)
        Fixture.press(&s, .character("3"), .up, .up)
        return s
    }

    @Test func flowWithImageDiffAt80x24() { assertScreen(render(flowOnModify(Self.small))) }
    @Test func flowWithImageDiffAt120x40() { assertScreen(render(flowOnModify(Self.large))) }

    @Test func flowShowsUnchangedAttributesOnRequest() {
        var s = flowOnModify(Self.large)
        Fixture.press(&s, .character("o"))
        assertScreen(render(s))
    }

    @Test func flowKeysOnlyRecordShowsKeysOnlyAt80x24() {
        var s = Fixture.state(Self.small)
        Fixture.press(&s, .character("3"))
        assertScreen(render(s))
    }

    @Test func flowInsertShowsNewImageOnlyAt120x40() {
        var s = Fixture.state(Self.large)
        Fixture.press(&s, .character("3"), .up, .up, .up)
        assertScreen(render(s))
    }

    @Test func retentionAt80x24() {
        var s = Fixture.state(Self.small)
        Fixture.press(&s, .character("4"))
        assertScreen(render(s))
    }

    @Test func retentionAt120x40() {
        var s = Fixture.state(Self.large)
        Fixture.press(&s, .character("4"))
        assertScreen(render(s))
    }

    @Test func helpAt80x24() {
        var s = Fixture.state(Self.small)
        Fixture.press(&s, .character("?"))
        assertScreen(render(s))
    }

    @Test func helpAt120x40() {
        var s = Fixture.state(Self.large)
        Fixture.press(&s, .character("3"), .character("?"))
        assertScreen(render(s))
    }

    @Test func readOnlyHelpHidesWriteKeysAt120x40() {
        var s = Fixture.state(Self.large, readOnly: true)
        Fixture.press(&s, .down, .enter, .character("?"))
        assertScreen(render(s))
    }

    @Test func commandLineWithCompletionAt80x24() {
        var s = Fixture.state(Self.small)
        Fixture.press(&s, .character(":"))
        Fixture.type(&s, "sha")
        Fixture.press(&s, .tab)
        Fixture.type(&s, "Or")
        Fixture.press(&s, .tab)
        assertScreen(render(s))
    }

    @Test func putPromptAt80x24() {
        var s = Fixture.state(Self.small)
        Fixture.press(&s, .down, .character("p"))
        Fixture.type(&s, #"{"pk": "user#99", "sk": 1}"#)
        assertScreen(render(s))
    }

    @Test func deleteConfirmationAt80x24() {
        var s = items(Self.small)
        Fixture.press(&s, .character("d"))
        assertScreen(render(s))
    }

    @Test func tooSmallTerminalShowsOneLine() {
        let s = Fixture.state(GridSize(width: 50, height: 10))
        assertScreen(render(s))
    }

    @Test func emptyWorkspaceAt80x24() {
        var s = MonitorState(size: Self.small, now: Fixture.now, clockSpeed: 1)
        _ = s.handle(.snapshot(MonitorSnapshot(takenAt: Fixture.now)))
        assertScreen(render(s))
    }

    @Test func zoomedFlowAt80x24() {
        var s = flowOnModify(Self.small)
        Fixture.press(&s, .character("z"))
        assertScreen(render(s))
    }
}
