import Foundation
import MonitorUI
import Testing

/// Compares a grid with `__Snapshots__/<TestFile>/<test>.txt`: rows in quotes (trailing blanks
/// visible), a blank line, then one style letter per cell. `SNAPSHOT_RECORD=1` rewrites the file
/// and fails the test, so recording never passes silently.
func assertScreen(_ grid: ScreenGrid, named name: String? = nil, filePath: String = #filePath, function: String = #function, sourceLocation: SourceLocation = #_sourceLocation) {
    let testFile = URL(fileURLWithPath: filePath).deletingPathExtension().lastPathComponent
    let testName = name ?? String(function.prefix { $0 != "(" })
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__").appendingPathComponent(testFile)
    let file = directory.appendingPathComponent(testName + ".txt")
    let rendered = grid.lines.map { "\"" + $0 + "\"" }.joined(separator: "\n") + "\n\n" + grid.styleLines.map { "\"" + $0 + "\"" }.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? rendered.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("recorded \(file.path); run again without SNAPSHOT_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no golden at \(file.path); run with SNAPSHOT_RECORD=1 to create it", sourceLocation: sourceLocation)
        return
    }
    if expected != rendered {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let r = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(e.count, r.count) {
            let a = i < e.count ? String(e[i]) : "<missing>"
            let b = i < r.count ? String(r[i]) : "<missing>"
            if a != b { diff.append("line \(i + 1):\n- \(a)\n+ \(b)") }
        }
        let message = "screen differs from \(file.lastPathComponent):\n" + Array(diff.prefix(12)).joined(separator: "\n")
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
