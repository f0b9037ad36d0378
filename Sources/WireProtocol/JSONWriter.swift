import DynamoModel

/// Writes compact JSON straight into a byte buffer, inserting commas itself.
///
/// Responses are built with it instead of an intermediate ``JSONValue`` tree: one buffer, no
/// per-member allocations (the endpoint's hot path).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func openObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func openArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name; the next value written is its value.
    mutating func key(_ name: String) {
        separate()
        JSONValue.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        JSONValue.writeString(value, into: &bytes)
        needsComma = true
    }

    mutating func integer(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func integer(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// A double as a JSON number (`1.0`, `0.5`); non-finite values become 0.
    mutating func double(_ value: Double) {
        separate()
        bytes.append(contentsOf: (value.isFinite ? String(value) : "0").utf8)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// An instant as epoch seconds with millisecond precision (how AWS JSON carries timestamps).
    mutating func timestamp(_ instant: VirtualInstant) {
        separate()
        let millis = instant.epochMilliseconds
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let fraction = Int(millis - seconds * 1000)
        bytes.append(contentsOf: String(seconds).utf8)
        if fraction != 0 {
            var digits = String(fraction)
            while digits.count < 3 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: digits.utf8)
        }
        needsComma = true
    }

    mutating func attributes(_ map: AttributeMap) {
        separate()
        map.writeDynamoJSON(into: &bytes)
        needsComma = true
    }

    mutating func json(_ value: JSONValue) {
        separate()
        value.write(into: &bytes)
        needsComma = true
    }
}
