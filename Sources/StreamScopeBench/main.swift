import DynamoModel
import Foundation

// streamscope-bench: prints the performance figures the issues ask for, with their targets.
// Usage: swift run -c release streamscope-bench [--json] [--quick] [--only engine,streams,wire,monitor]

let arguments = CommandLine.arguments.dropFirst()
let json = arguments.contains("--json")
let quick = arguments.contains("--quick")
var sections: Set<String> = ["engine", "streams", "wire", "monitor"]
if let i = arguments.firstIndex(of: "--only"), arguments.index(after: i) < arguments.endIndex {
    sections = Set(arguments[arguments.index(after: i)].split(separator: ",").map(String.init))
}
if arguments.contains("--help") || arguments.contains("-h") {
    print("usage: streamscope-bench [--json] [--quick] [--only engine,streams,wire,monitor]")
    exit(0)
}

if let i = arguments.firstIndex(of: "--memory-probe") {
    let rest = Array(arguments[arguments.index(after: i)...])
    guard rest.count == 2, let count = Int(rest[1]) else { exit(2) }
    do { try MemoryProbe.runChild(kind: rest[0], count: count) } catch { exit(1) }
    exit(0)
}

let report = Report(json: json)
do {
    if sections.contains("engine") { try EngineBench.run(report, itemCount: quick ? 20_000 : 100_000) }
    if sections.contains("streams") {
        try StreamsBench.run(report, recordCount: quick ? 100_000 : 1_000_000, putCount: quick ? 20_000 : 100_000)
    }
    if sections.contains("wire") { try await WireBench.run(report, seconds: quick ? 2 : 5, records: quick ? 20_000 : 100_000) }
    if sections.contains("monitor") { try MonitorBench.run(report, quick: quick) }
} catch {
    FileHandle.standardError.write(Data("streamscope-bench: \(error)\n".utf8))
    exit(1)
}
