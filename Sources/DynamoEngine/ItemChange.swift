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

/// What the stream registry needs to know of the table a stream belongs to.
public struct StreamTableInfo: Sendable, Hashable {
    public var tableName: String
    public var region: String
    public var accountId: String
    public var tableArn: String
    public var keySchema: [KeySchemaElement]
}
