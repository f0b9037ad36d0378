import DynamoModel
import Foundation

/// One measured figure, printed in the table and as a JSON line.
struct Figure {
    var name: String
    var value: Double
    var unit: String
    /// Human-readable target, e.g. "≥ 500000"; nil when the issue asks only to print the figure.
    var target: String?
    /// Whether the figure meets its target; nil without a target.
    var meets: Bool?

    static func atLeast(_ name: String, _ value: Double, _ unit: String, _ target: Double) -> Figure {
        Figure(name: name, value: value, unit: unit, target: "≥ \(format(target))", meets: value >= target)
    }

    static func atMost(_ name: String, _ value: Double, _ unit: String, _ target: Double) -> Figure {
        Figure(name: name, value: value, unit: unit, target: "≤ \(format(target))", meets: value <= target)
    }

    static func info(_ name: String, _ value: Double, _ unit: String) -> Figure {
        Figure(name: name, value: value, unit: unit, target: nil, meets: nil)
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        if abs(v) >= 100 { return String(format: "%.0f", v) }
        if abs(v) >= 1 { return String(format: "%.2f", v) }
        return String(format: "%.4f", v)
    }

    var jsonLine: String {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)),
            ("value", .number(Figure.format(value))),
            ("unit", .string(unit)),
        ]
        members.append(("target", target.map { .string($0) } ?? .null))
        members.append(("meets", meets.map { .bool($0) } ?? .null))
        return JSONValue.makeObject(members).text
    }
}

/// Collects figures and prints them.
final class Report {
    private(set) var figures: [Figure] = []
    let json: Bool

    init(json: Bool) {
        self.json = json
    }

    func add(_ figure: Figure) {
        figures.append(figure)
        if json {
            emit(figure.jsonLine)
        } else {
            let verdict = figure.meets.map { $0 ? "yes" : "NO" } ?? "-"
            let line = "\(pad(figure.name, 58)) \(pad(Figure.format(figure.value), 14, left: true)) \(pad(figure.unit, 12)) \(pad(figure.target ?? "", 14)) \(verdict)"
            emit(line)
        }
    }

    /// Writes a line straight to standard output, so figures appear as they are measured.
    func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func header(_ title: String) {
        guard !json else { return }
        emit("")
        emit("== \(title)")
        emit("\(pad("figure", 58)) \(pad("value", 14, left: true)) \(pad("unit", 12)) \(pad("target", 14)) meets")
    }

    private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let n = s.count
        if n >= width { return s }
        let fill = String(repeating: " ", count: width - n)
        return left ? fill + s : s + fill
    }
}

/// Resident memory of this process in bytes (from /proc/self/statm).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Seconds taken by `body`.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    return (clock.now - start).seconds
}

/// The p-th percentile (0–100) of sorted samples.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count - 1)).rounded())
    return sorted[min(max(rank, 0), sorted.count - 1)]
}
