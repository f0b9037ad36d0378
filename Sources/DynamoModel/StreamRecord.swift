/// What a stream captures of each change (`StreamSpecification.StreamViewType`).
public enum StreamViewType: String, Sendable, Hashable, CaseIterable {
    case keysOnly = "KEYS_ONLY"
    case newImage = "NEW_IMAGE"
    case oldImage = "OLD_IMAGE"
    case newAndOldImages = "NEW_AND_OLD_IMAGES"

    /// Whether records of this view type carry `NewImage` (when the event has one).
    public var includesNewImage: Bool { self == .newImage || self == .newAndOldImages }
    /// Whether records of this view type carry `OldImage` (when the event has one).
    public var includesOldImage: Bool { self == .oldImage || self == .newAndOldImages }
}

/// A stream record's `eventName`.
public enum StreamEventName: String, Sendable, Hashable, CaseIterable {
    case insert = "INSERT"
    case modify = "MODIFY"
    case remove = "REMOVE"
}

/// A stream's `StreamStatus`.
public enum StreamStatus: String, Sendable, Hashable, CaseIterable {
    case enabling = "ENABLING"
    case enabled = "ENABLED"
    case disabling = "DISABLING"
    case disabled = "DISABLED"
}

/// A stream sequence number: a decimal of 21 digits on the wire, compared numerically.
///
/// StreamScope renders ``value`` as `1` followed by 20 zero-padded digits, so every number has the
/// same width and lexical order equals numeric order.
public struct SequenceNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    /// Parses the 21-digit wire form; nil for anything else.
    public init?(_ text: String) {
        let utf8 = text.utf8
        guard utf8.count == 21, utf8.first == UInt8(ascii: "1") else { return nil }
        var v: UInt64 = 0
        for c in utf8.dropFirst() {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + UInt64(c - UInt8(ascii: "0"))
        }
        value = v
    }

    public var description: String {
        let digits = String(value)
        return "1" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    public static func < (lhs: SequenceNumber, rhs: SequenceNumber) -> Bool { lhs.value < rhs.value }
}

/// One stream record, as GetRecords returns it (images already reduced to the stream's view type).
/// A record's eventID: 32 lower-case hex characters. Records made by the engine keep its 128 bits
/// and format the text when it is read (most in-process readers never read it).
public struct StreamEventID: Sendable, Hashable, CustomStringConvertible {
    @usableFromInline
    enum Storage: Sendable {
        case bits(UInt64, UInt64)
        case text(String)
    }

    @usableFromInline let storage: Storage

    /// The eventID of two 64-bit halves, `high` first.
    @inlinable
    public init(high: UInt64, low: UInt64) {
        storage = .bits(high, low)
    }

    /// An eventID given as text.
    @inlinable
    public init(_ text: String) {
        storage = .text(text)
    }

    /// The 32 hex characters.
    public var text: String {
        switch storage {
        case .bits(let high, let low): Self.hexText(high, low)
        case .text(let text): text
        }
    }

    public var description: String { text }

    /// Appends the eventID as a JSON string; kept bits are written as hex straight into `out`.
    public func writeJSONString(into out: inout [UInt8]) {
        guard case .bits(let high, let low) = storage else {
            JSONValue.writeString(text, into: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        for word in [UInt32(truncatingIfNeeded: high >> 32), UInt32(truncatingIfNeeded: high), UInt32(truncatingIfNeeded: low >> 32), UInt32(truncatingIfNeeded: low)] {
            withUnsafeBytes(of: Self.hexDigits(word)) { out.append(contentsOf: $0) }
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func == (lhs: StreamEventID, rhs: StreamEventID) -> Bool {
        if case .bits(let a, let b) = lhs.storage, case .bits(let c, let d) = rhs.storage { return a == c && b == d }
        return lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// `high` then `low` as 32 lower-case hex digits (each zero-padded to 16), eight digits per
    /// word operation instead of one table lookup per digit.
    public static func hexText(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            guard let base = UnsafeMutableRawPointer(buffer.baseAddress) else { return 0 }
            base.storeBytes(of: hexDigits(UInt32(truncatingIfNeeded: high >> 32)), toByteOffset: 0, as: UInt64.self)
            base.storeBytes(of: hexDigits(UInt32(truncatingIfNeeded: high)), toByteOffset: 8, as: UInt64.self)
            base.storeBytes(of: hexDigits(UInt32(truncatingIfNeeded: low >> 32)), toByteOffset: 16, as: UInt64.self)
            base.storeBytes(of: hexDigits(UInt32(truncatingIfNeeded: low)), toByteOffset: 24, as: UInt64.self)
            return 32
        }
    }

    /// The eight hex digits of `value` as ASCII bytes in memory order (most significant first).
    @inline(__always)
    static func hexDigits(_ value: UInt32) -> UInt64 {
        // Spread the nibbles to one byte each (most significant nibble in the top byte).
        var n = UInt64(value)
        n = ((n & 0xFFFF_0000) << 16) | (n & 0xFFFF)
        n = ((n & 0x0000_FF00_0000_FF00) << 8) | (n & 0x0000_00FF_0000_00FF)
        n = ((n & 0x00F0_00F0_00F0_00F0) << 4) | (n & 0x000F_000F_000F_000F)
        // 1 in each byte holding 10...15, which take 'a'...'f' (0x27 past '0' + 10).
        let letters = ((n &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        let ascii = n &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
        // `bigEndian` stores the top byte (the first digit) at the lowest address on any platform.
        return ascii.bigEndian
    }
}

public struct StreamRecord: Sendable, Hashable {
    /// 32 lower-case hex characters.
    public var eventID: String {
        get { eventIdentifier.text }
        set { eventIdentifier = StreamEventID(newValue) }
    }
    /// The eventID as the engine keeps it (text formatted on read).
    public var eventIdentifier: StreamEventID
    public var eventName: StreamEventName
    public var awsRegion: String
    /// Full-precision virtual time of the change; the wire rounds it down to whole seconds.
    public var approximateCreationDateTime: VirtualInstant
    /// Every primary-key attribute of the item, nothing else.
    public var keys: AttributeMap
    public var newImage: AttributeMap?
    public var oldImage: AttributeMap?
    public var sequenceNumber: SequenceNumber
    /// Size of Keys plus the included images, by the DynamoDB item-size function.
    public var sizeBytes: Int
    public var streamViewType: StreamViewType
    /// A TTL deletion made by the service (`userIdentity` `{Type: Service, PrincipalId: dynamodb.amazonaws.com}`).
    public var isServiceDelete: Bool

    public init(
        eventID: String, eventName: StreamEventName, awsRegion: String,
        approximateCreationDateTime: VirtualInstant, keys: AttributeMap, newImage: AttributeMap?,
        oldImage: AttributeMap?, sequenceNumber: SequenceNumber, sizeBytes: Int,
        streamViewType: StreamViewType, isServiceDelete: Bool
    ) {
        self.init(
            eventID: StreamEventID(eventID), eventName: eventName, awsRegion: awsRegion,
            approximateCreationDateTime: approximateCreationDateTime, keys: keys, newImage: newImage,
            oldImage: oldImage, sequenceNumber: sequenceNumber, sizeBytes: sizeBytes,
            streamViewType: streamViewType, isServiceDelete: isServiceDelete)
    }

    @inlinable
    public init(
        eventID: StreamEventID, eventName: StreamEventName, awsRegion: String,
        approximateCreationDateTime: VirtualInstant, keys: AttributeMap, newImage: AttributeMap?,
        oldImage: AttributeMap?, sequenceNumber: SequenceNumber, sizeBytes: Int,
        streamViewType: StreamViewType, isServiceDelete: Bool
    ) {
        eventIdentifier = eventID
        self.eventName = eventName
        self.awsRegion = awsRegion
        self.approximateCreationDateTime = approximateCreationDateTime
        self.keys = keys
        self.newImage = newImage
        self.oldImage = oldImage
        self.sequenceNumber = sequenceNumber
        self.sizeBytes = sizeBytes
        self.streamViewType = streamViewType
        self.isServiceDelete = isServiceDelete
    }
}
