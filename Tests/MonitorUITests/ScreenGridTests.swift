import MonitorUI
import Testing

@Suite struct ScreenGridTests {
    @Test func wideCharactersTakeTwoCells() {
        var g = ScreenGrid(size: GridSize(width: 8, height: 1))
        let used = g.put("a東京b", x: 0, y: 0, role: .title)
        #expect(used == 6)
        #expect(g[1, 0].width == 2)
        #expect(g[2, 0].isContinuation)
        #expect(g.line(0) == "a東京b  ")
        #expect(g.styleLines[0] == "TTTTTT..")
    }

    @Test func wideCharacterIsNeverSplitAtTheEdge() {
        var g = ScreenGrid(size: GridSize(width: 4, height: 1))
        g.put("abc東", x: 0, y: 0)
        #expect(g.line(0) == "abc ")
        #expect(g.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var g = ScreenGrid(size: GridSize(width: 4, height: 1))
        g.put("東京", x: 0, y: 0)
        g.put("x", x: 1, y: 0)
        #expect(g.line(0) == " x京")
    }

    @Test func controlAndZeroWidthCharactersAreEscapedForDisplay() {
        #expect(DisplayText.sanitized("a\nb") == "a\\nb")
        #expect(DisplayText.sanitized("❤\u{FE0F}") == "❤\\u{FE0F}")
        #expect(DisplayText.sanitized("plain") == "plain")
        #expect(CharacterWidth.of("👩\u{200D}💻") == 4)
    }

    @Test func longIdsShortenFromTheMiddle() {
        #expect(DisplayText.middleTruncated("shardId-00001764288000000-c9d0e1f2", to: 16) == "shardId-…9d0e1f2")
        #expect(CharacterWidth.of(DisplayText.middleTruncated("shardId-00001764288000000-c9d0e1f2", to: 16)) == 16)
        #expect(DisplayText.truncated("abcdef", to: 4) == "abc…")
    }

    @Test func inMemoryBackendCountsOnlyChangedCells() throws {
        let backend = InMemoryBackend(size: GridSize(width: 10, height: 2))
        var g = ScreenGrid(size: backend.size)
        g.put("hello", x: 0, y: 0)
        try backend.draw(g, theme: .dark)
        try backend.draw(g, theme: .dark)
        g.put("J", x: 0, y: 0)
        try backend.draw(g, theme: .dark)
        #expect(backend.changedCellCounts == [20, 0, 1])
    }

    @Test func clipboardUsesOSC52WithBase64() {
        #expect(OSC52.base64(Array("hello".utf8)) == "aGVsbG8=")
        #expect(OSC52.base64(Array("hi".utf8)) == "aGk=")
        #expect(OSC52.base64(Array("abc".utf8)) == "YWJj")
        #expect(OSC52.sequence(for: "hi") == "\u{1B}]52;c;aGk=\u{07}")
    }
}
