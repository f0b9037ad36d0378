import DynamoModel

/// Number, size, time and id formatting shared by the screens.
public enum Format {
    /// `12,408`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// `2.3 MB`, `61 kB`, `212 B`.
    public static func bytes(_ n: Int) -> String {
        if n < 1000 { return "\(n) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(n) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return (value < 10 ? oneDecimal(value) : String(Int(value.rounded()))) + " " + units[unit]
    }

    /// `5`, `2.5`, `0.1`.
    public static func decimal(_ v: Double) -> String {
        if v == v.rounded() { return String(Int(v)) }
        return oneDecimal(v)
    }

    private static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A compact duration: `42s`, `19m`, `3h12m`, `2d4h`; negative durations show as `0s`.
    public static func age(_ d: Duration) -> String {
        let total = max(0, d.components.seconds)
        if total < 60 { return "\(total)s" }
        let minutes = total / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 24 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        return "\(hours / 24)d\(hours % 24)h"
    }

    /// `18:42:07`.
    public static func time(_ t: VirtualInstant) -> String {
        let d = t.description  // YYYY-MM-DDTHH:MM:SSZ
        let parts = d.split(separator: "T")
        guard parts.count == 2 else { return d }
        return String(parts[1].dropLast())
    }

    /// `11-27 18:42:07`.
    public static func dateTime(_ t: VirtualInstant) -> String {
        let d = t.description
        let parts = d.split(separator: "T")
        guard parts.count == 2 else { return d }
        return String(parts[0].dropFirst(5)) + " " + String(parts[1].dropLast())
    }

    /// The clock speed as the header shows it: `×60`, `×0.5`.
    public static func speed(_ s: Double) -> String { "×" + decimal(s) }

    /// The last four hex digits of a shard id with an ellipsis: `…a7b8`.
    public static func shortShard(_ id: String) -> String { "…" + String(id.suffix(4)) }

    /// The last four digits of a sequence number: `…9877`.
    public static func shortSequence(_ s: SequenceNumber) -> String { "…" + String(s.description.suffix(4)) }

    /// A scalar attribute value as a short display string (`"PENDING"`, `41.5`, `true`).
    public static func value(_ v: AttributeValue, quoted: Bool = true) -> String {
        switch v {
        case .s(let s): return DisplayText.sanitized(quoted ? "\"" + s + "\"" : s)
        case .n(let n): return n.canonical
        case .b(let b): return "<\(b.count) bytes>"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .m(let m): return DisplayText.sanitized(m.plainJSONText)
        case .l(let l): return DisplayText.sanitized(JSONValue.array(l.map(\.plainJSON)).text)
        case .ss(let s): return DisplayText.sanitized("<<" + s.map { "\"\($0)\"" }.joined(separator: ",") + ">>")
        case .ns(let s): return "<<" + s.map(\.canonical).joined(separator: ",") + ">>"
        case .bs(let s): return "<<\(s.count) binaries>>"
        }
    }

    /// `pk=user#42  sk=1701`: key attributes, hash key first when known.
    public static func key(_ keys: AttributeMap, hashKey: String? = nil) -> String {
        var entries = keys.entries
        if let hashKey, let i = entries.firstIndex(where: { $0.name == hashKey }) {
            entries.insert(entries.remove(at: i), at: 0)
        }
        return entries.map { "\(DisplayText.sanitized($0.name))=\(value($0.value, quoted: false))" }.joined(separator: "  ")
    }

    /// A sparkline of `values` scaled to their maximum, one block glyph per value.
    public static func sparkline(_ values: [Int]) -> String {
        let glyphs: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let top = max(1, values.max() ?? 1)
        return String(values.map { v in v <= 0 ? glyphs[0] : glyphs[min(7, max(1, (v * 7 + top - 1) / top))] })
    }

    /// Pretty-printed JSON lines (two-space indent), for item detail.
    public static func prettyJSON(_ value: JSONValue) -> [String] {
        var lines: [String] = []
        appendPretty(value, indent: 0, prefix: "", suffix: "", into: &lines)
        return lines
    }

    private static func appendPretty(_ value: JSONValue, indent: Int, prefix: String, suffix: String, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            lines.append(pad + prefix + "{")
            for (i, m) in members.enumerated() {
                var key: [UInt8] = []
                JSONValue.writeString(m.key, into: &key)
                appendPretty(m.value, indent: indent + 1, prefix: String(decoding: key, as: UTF8.self) + ": ", suffix: i + 1 < members.count ? "," : "", into: &lines)
            }
            lines.append(pad + "}" + suffix)
        case .array(let elements) where !elements.isEmpty && elements.contains(where: { $0.objectMembers != nil || $0.arrayValue != nil }):
            lines.append(pad + prefix + "[")
            for (i, e) in elements.enumerated() {
                appendPretty(e, indent: indent + 1, prefix: "", suffix: i + 1 < elements.count ? "," : "", into: &lines)
            }
            lines.append(pad + "]" + suffix)
        default:
            lines.append(pad + prefix + DisplayText.sanitized(value.text) + suffix)
        }
    }
}
