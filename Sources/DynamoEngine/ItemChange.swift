import DynamoModel

/// One committed change of one item, as the table core hands it to the stream of its table
/// (dynamodb-core §3.18).
///
/// The core decides the event type and suppresses no-op writes; images are whole items by event
/// type (INSERT: new, MODIFY: old and new, REMOVE: old), independent of any view type.
public struct ItemChange: Sendable {
    public var tableName: String
    public var region: String
    public var eventName: StreamEventName
    /// Every primary-key attribute of the item.
    public var keys: AttributeMap
    public var oldImage: AttributeMap?
    public var newImage: AttributeMap?
    /// Full-precision virtual time of the commit.
    public var time: VirtualInstant
    /// A TTL deletion made by the service.
    public var isServiceDelete: Bool

    public init(
        tableName: String, region: String, eventName: StreamEventName, keys: AttributeMap,
        oldImage: AttributeMap?, newImage: AttributeMap?, time: VirtualInstant, isServiceDelete: Bool = false
    ) {
        self.tableName = tableName
        self.region = region
        self.eventName = eventName
        self.keys = keys
        self.oldImage = oldImage
        self.newImage = newImage
        self.time = time
        self.isServiceDelete = isServiceDelete
    }
}

/// One committed change as the engine hands it to a stream: an ``ItemChange`` without the table
/// name and region (the stream knows them), and with Keys left to the stream unless given.
///
/// When a retained image carries the key attributes, the stream remembers their positions in it
/// and rebuilds Keys on read, so the write path builds no Keys map.
struct StreamChange: Sendable {
    var eventName: StreamEventName
    /// The Keys map when the caller has it; nil: read off the images.
    var keys: AttributeMap?
    var oldImage: AttributeMap?
    var newImage: AttributeMap?
    /// `newImage.measure` when the write path has it (the record is then measured at append
    /// without walking the image again); nil: measured later.
    var newMeasure: ItemMeasure?
    var time: VirtualInstant
    var isServiceDelete: Bool

    init(_ change: ItemChange) {
        self.init(
            eventName: change.eventName, keys: change.keys, oldImage: change.oldImage, newImage: change.newImage,
            time: change.time, isServiceDelete: change.isServiceDelete
        )
    }

    init(
        eventName: StreamEventName, keys: AttributeMap?, oldImage: AttributeMap?, newImage: AttributeMap?,
        newMeasure: ItemMeasure? = nil, time: VirtualInstant, isServiceDelete: Bool
    ) {
        self.newMeasure = newMeasure
        self.eventName = eventName
        self.keys = keys
        self.oldImage = oldImage
        self.newImage = newImage
        self.time = time
        self.isServiceDelete = isServiceDelete
    }
}

/// What the stream registry needs to know of the table a stream belongs to.
public struct StreamTableInfo: Sendable, Hashable {
    public var tableName: String
    public var region: String
    public var accountId: String
    public var tableArn: String
    public var keySchema: [KeySchemaElement]
}
