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
public struct StreamRecord: Sendable, Hashable {
    /// 32 lower-case hex characters.
    public var eventID: String
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
        self.eventID = eventID
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
