import DynamoModel

// The typed requests and responses of the DynamoDB operations the engine serves. Member names
// follow the AWS API (Swift-cased); `WireProtocol` decodes JSON into these and encodes results.

/// `KeyType`.
public enum KeyType: String, Sendable, Hashable {
    case hash = "HASH"
    case range = "RANGE"
}

/// `ScalarAttributeType`: the types a key attribute may have.
public enum ScalarAttributeType: String, Sendable, Hashable {
    case s = "S"
    case n = "N"
    case b = "B"
}

/// `BillingMode`.
public enum BillingMode: String, Sendable, Hashable {
    case provisioned = "PROVISIONED"
    case payPerRequest = "PAY_PER_REQUEST"
}

/// `ProjectionType` of a secondary index.
public enum ProjectionType: String, Sendable, Hashable {
    case all = "ALL"
    case keysOnly = "KEYS_ONLY"
    case include = "INCLUDE"
}

/// `ReturnValue`.
public enum ReturnValue: String, Sendable, Hashable {
    case none = "NONE"
    case allOld = "ALL_OLD"
    case updatedOld = "UPDATED_OLD"
    case allNew = "ALL_NEW"
    case updatedNew = "UPDATED_NEW"
}

/// `ReturnConsumedCapacity`.
public enum ReturnConsumedCapacity: String, Sendable, Hashable {
    case indexes = "INDEXES"
    case total = "TOTAL"
    case none = "NONE"
}

/// `Select` of Query and Scan.
public enum Select: String, Sendable, Hashable {
    case allAttributes = "ALL_ATTRIBUTES"
    case allProjectedAttributes = "ALL_PROJECTED_ATTRIBUTES"
    case specificAttributes = "SPECIFIC_ATTRIBUTES"
    case count = "COUNT"
}

/// `KeySchemaElement`.
public struct KeySchemaElement: Sendable, Hashable {
    public var attributeName: String
    public var keyType: KeyType
    public init(attributeName: String, keyType: KeyType) {
        self.attributeName = attributeName
        self.keyType = keyType
    }
}

/// `AttributeDefinition`.
public struct AttributeDefinition: Sendable, Hashable {
    public var attributeName: String
    public var attributeType: ScalarAttributeType
    public init(attributeName: String, attributeType: ScalarAttributeType) {
        self.attributeName = attributeName
        self.attributeType = attributeType
    }
}

/// `ProvisionedThroughput`.
public struct ProvisionedThroughput: Sendable, Hashable {
    public var readCapacityUnits: Int64
    public var writeCapacityUnits: Int64
    public init(readCapacityUnits: Int64, writeCapacityUnits: Int64) {
        self.readCapacityUnits = readCapacityUnits
        self.writeCapacityUnits = writeCapacityUnits
    }
}

/// `Projection` of a secondary index. `projectionType` nil means it was absent from the request.
public struct Projection: Sendable, Hashable {
    public var projectionType: ProjectionType?
    public var nonKeyAttributes: [String]?
    public init(projectionType: ProjectionType?, nonKeyAttributes: [String]? = nil) {
        self.projectionType = projectionType
        self.nonKeyAttributes = nonKeyAttributes
    }
}

/// A secondary index in CreateTable (`LocalSecondaryIndex` or `GlobalSecondaryIndex`) or a GSI Create update.
public struct SecondaryIndexDefinition: Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    public var provisionedThroughput: ProvisionedThroughput?
    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection, provisionedThroughput: ProvisionedThroughput? = nil) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
        self.provisionedThroughput = provisionedThroughput
    }
}

/// `StreamSpecification`. `streamEnabled` nil means the member was absent.
public struct StreamSpecification: Sendable, Hashable {
    public var streamEnabled: Bool?
    public var streamViewType: StreamViewType?
    public init(streamEnabled: Bool?, streamViewType: StreamViewType? = nil) {
        self.streamEnabled = streamEnabled
        self.streamViewType = streamViewType
    }
}

/// `Tag`.
public struct Tag: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

// MARK: - Control plane

public struct CreateTableInput: Sendable {
    public var tableName: String
    public var attributeDefinitions: [AttributeDefinition]
    public var keySchema: [KeySchemaElement]
    public var billingMode: BillingMode?
    public var provisionedThroughput: ProvisionedThroughput?
    public var localSecondaryIndexes: [SecondaryIndexDefinition]?
    public var globalSecondaryIndexes: [SecondaryIndexDefinition]?
    public var streamSpecification: StreamSpecification?
    public var tags: [Tag]?
    public var deletionProtectionEnabled: Bool?
    public var tableClass: String?

    public init(
        tableName: String, attributeDefinitions: [AttributeDefinition], keySchema: [KeySchemaElement],
        billingMode: BillingMode? = nil, provisionedThroughput: ProvisionedThroughput? = nil,
        localSecondaryIndexes: [SecondaryIndexDefinition]? = nil, globalSecondaryIndexes: [SecondaryIndexDefinition]? = nil,
        streamSpecification: StreamSpecification? = nil, tags: [Tag]? = nil, deletionProtectionEnabled: Bool? = nil,
        tableClass: String? = nil
    ) {
        self.tableName = tableName
        self.attributeDefinitions = attributeDefinitions
        self.keySchema = keySchema
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
        self.localSecondaryIndexes = localSecondaryIndexes
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.streamSpecification = streamSpecification
        self.tags = tags
        self.deletionProtectionEnabled = deletionProtectionEnabled
        self.tableClass = tableClass
    }
}

/// One entry of UpdateTable's `GlobalSecondaryIndexUpdates`.
public enum GlobalSecondaryIndexUpdate: Sendable, Hashable {
    case create(SecondaryIndexDefinition)
    case update(indexName: String, provisionedThroughput: ProvisionedThroughput?)
    case delete(indexName: String)
    /// An entry with none (or several) of Create/Update/Delete.
    case invalid
}

public struct UpdateTableInput: Sendable {
    public var tableName: String
    public var attributeDefinitions: [AttributeDefinition]?
    public var billingMode: BillingMode?
    public var provisionedThroughput: ProvisionedThroughput?
    public var globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate]?
    public var streamSpecification: StreamSpecification?
    public var deletionProtectionEnabled: Bool?
    public var tableClass: String?
    /// Other members that count as "something to change" (SSESpecification, ReplicaUpdates, …) were present.
    public var hasOtherChanges: Bool

    public init(
        tableName: String, attributeDefinitions: [AttributeDefinition]? = nil, billingMode: BillingMode? = nil,
        provisionedThroughput: ProvisionedThroughput? = nil, globalSecondaryIndexUpdates: [GlobalSecondaryIndexUpdate]? = nil,
        streamSpecification: StreamSpecification? = nil, deletionProtectionEnabled: Bool? = nil, tableClass: String? = nil,
        hasOtherChanges: Bool = false
    ) {
        self.tableName = tableName
        self.attributeDefinitions = attributeDefinitions
        self.billingMode = billingMode
        self.provisionedThroughput = provisionedThroughput
        self.globalSecondaryIndexUpdates = globalSecondaryIndexUpdates
        self.streamSpecification = streamSpecification
        self.deletionProtectionEnabled = deletionProtectionEnabled
        self.tableClass = tableClass
        self.hasOtherChanges = hasOtherChanges
    }
}

/// A secondary index as DescribeTable reports it.
public struct SecondaryIndexDescription: Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    /// GSIs only: `CREATING`, `ACTIVE`, …
    public var indexStatus: String?
    public var provisionedThroughput: ProvisionedThroughput?
    public var indexSizeBytes: Int
    public var itemCount: Int
    public var indexArn: String
}

/// `TableDescription`.
public struct TableDescription: Sendable, Hashable {
    public var tableName: String
    public var tableArn: String
    public var tableId: String
    public var tableStatus: String
    public var creationDateTime: VirtualInstant
    public var keySchema: [KeySchemaElement]
    public var attributeDefinitions: [AttributeDefinition]
    public var billingMode: BillingMode
    public var provisionedThroughput: ProvisionedThroughput
    public var tableSizeBytes: Int
    public var itemCount: Int
    public var localSecondaryIndexes: [SecondaryIndexDescription]
    public var globalSecondaryIndexes: [SecondaryIndexDescription]
    /// Present only while a stream is enabled.
    public var streamSpecification: StreamSpecification?
    public var latestStreamLabel: String?
    public var latestStreamArn: String?
    public var deletionProtectionEnabled: Bool
    public var tableClass: String?
}

public struct ListTablesInput: Sendable {
    public var exclusiveStartTableName: String?
    public var limit: Int?
    public init(exclusiveStartTableName: String? = nil, limit: Int? = nil) {
        self.exclusiveStartTableName = exclusiveStartTableName
        self.limit = limit
    }
}

public struct ListTablesOutput: Sendable, Hashable {
    public var tableNames: [String]
    public var lastEvaluatedTableName: String?
}

/// `TimeToLiveDescription` / `TimeToLiveSpecification`.
public struct TimeToLiveDescription: Sendable, Hashable {
    /// `ENABLED`, `DISABLED`, `ENABLING`, `DISABLING`.
    public var status: String
    public var attributeName: String?
}

// MARK: - Data plane

/// `ConsumedCapacity` (only `CapacityUnits`, as AWS sends).
public struct ConsumedCapacity: Sendable, Hashable {
    public var tableName: String
    public var capacityUnits: Double
    /// INDEXES mode: the table's own share.
    public var tableCapacityUnits: Double?
    public var globalSecondaryIndexes: [String: Double]?
    public var localSecondaryIndexes: [String: Double]?
}

/// Expression attribute names and values of a request (`ExpressionAttributeNames` / `ExpressionAttributeValues`).
public struct ExpressionParameters: Sendable {
    public var names: [String: String]?
    public var values: [String: AttributeValue]?
    public init(names: [String: String]? = nil, values: [String: AttributeValue]? = nil) {
        self.names = names
        self.values = values
    }
}

public struct PutItemInput: Sendable {
    public var tableName: String
    public var item: AttributeMap
    public var conditionExpression: String?
    public var expressionParameters: ExpressionParameters
    public var returnValues: ReturnValue?
    public var returnValuesOnConditionCheckFailure: ReturnValue?
    public var returnConsumedCapacity: ReturnConsumedCapacity?

    public init(
        tableName: String, item: AttributeMap, conditionExpression: String? = nil,
        expressionParameters: ExpressionParameters = ExpressionParameters(), returnValues: ReturnValue? = nil,
        returnValuesOnConditionCheckFailure: ReturnValue? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.item = item
        self.conditionExpression = conditionExpression
        self.expressionParameters = expressionParameters
        self.returnValues = returnValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

/// Output of PutItem, UpdateItem and DeleteItem.
public struct WriteItemOutput: Sendable, Hashable {
    public var attributes: AttributeMap?
    public var consumedCapacity: ConsumedCapacity?
}

public struct GetItemInput: Sendable {
    public var tableName: String
    public var key: AttributeMap
    public var consistentRead: Bool?
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var returnConsumedCapacity: ReturnConsumedCapacity?

    public init(
        tableName: String, key: AttributeMap, consistentRead: Bool? = nil, projectionExpression: String? = nil,
        expressionAttributeNames: [String: String]? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.key = key
        self.consistentRead = consistentRead
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct GetItemOutput: Sendable, Hashable {
    public var item: AttributeMap?
    public var consumedCapacity: ConsumedCapacity?
}

public struct UpdateItemInput: Sendable {
    public var tableName: String
    public var key: AttributeMap
    public var updateExpression: String?
    public var conditionExpression: String?
    public var expressionParameters: ExpressionParameters
    public var returnValues: ReturnValue?
    public var returnValuesOnConditionCheckFailure: ReturnValue?
    public var returnConsumedCapacity: ReturnConsumedCapacity?

    public init(
        tableName: String, key: AttributeMap, updateExpression: String? = nil, conditionExpression: String? = nil,
        expressionParameters: ExpressionParameters = ExpressionParameters(), returnValues: ReturnValue? = nil,
        returnValuesOnConditionCheckFailure: ReturnValue? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.key = key
        self.updateExpression = updateExpression
        self.conditionExpression = conditionExpression
        self.expressionParameters = expressionParameters
        self.returnValues = returnValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct DeleteItemInput: Sendable {
    public var tableName: String
    public var key: AttributeMap
    public var conditionExpression: String?
    public var expressionParameters: ExpressionParameters
    public var returnValues: ReturnValue?
    public var returnValuesOnConditionCheckFailure: ReturnValue?
    public var returnConsumedCapacity: ReturnConsumedCapacity?

    public init(
        tableName: String, key: AttributeMap, conditionExpression: String? = nil,
        expressionParameters: ExpressionParameters = ExpressionParameters(), returnValues: ReturnValue? = nil,
        returnValuesOnConditionCheckFailure: ReturnValue? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.key = key
        self.conditionExpression = conditionExpression
        self.expressionParameters = expressionParameters
        self.returnValues = returnValues
        self.returnValuesOnConditionCheckFailure = returnValuesOnConditionCheckFailure
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

/// Input of Query and Scan (Query uses the key condition, Scan the segments).
public struct ReadInput: Sendable {
    public var tableName: String
    public var indexName: String?
    public var keyConditionExpression: String?
    public var filterExpression: String?
    public var projectionExpression: String?
    public var expressionParameters: ExpressionParameters
    public var select: Select?
    public var limit: Int?
    public var consistentRead: Bool?
    public var scanIndexForward: Bool?
    public var exclusiveStartKey: AttributeMap?
    public var segment: Int?
    public var totalSegments: Int?
    public var returnConsumedCapacity: ReturnConsumedCapacity?

    public init(
        tableName: String, indexName: String? = nil, keyConditionExpression: String? = nil,
        filterExpression: String? = nil, projectionExpression: String? = nil,
        expressionParameters: ExpressionParameters = ExpressionParameters(), select: Select? = nil, limit: Int? = nil,
        consistentRead: Bool? = nil, scanIndexForward: Bool? = nil, exclusiveStartKey: AttributeMap? = nil,
        segment: Int? = nil, totalSegments: Int? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil
    ) {
        self.tableName = tableName
        self.indexName = indexName
        self.keyConditionExpression = keyConditionExpression
        self.filterExpression = filterExpression
        self.projectionExpression = projectionExpression
        self.expressionParameters = expressionParameters
        self.select = select
        self.limit = limit
        self.consistentRead = consistentRead
        self.scanIndexForward = scanIndexForward
        self.exclusiveStartKey = exclusiveStartKey
        self.segment = segment
        self.totalSegments = totalSegments
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

/// Output of Query and Scan. `items` is nil for `Select: COUNT`.
public struct ReadOutput: Sendable, Hashable {
    public var items: [AttributeMap]?
    public var count: Int
    public var scannedCount: Int
    public var lastEvaluatedKey: AttributeMap?
    public var consumedCapacity: ConsumedCapacity?
}

/// One request of BatchWriteItem.
public enum WriteRequest: Sendable, Hashable {
    case put(item: AttributeMap)
    case delete(key: AttributeMap)
}

public struct BatchWriteItemInput: Sendable {
    /// Table name → requests, in request order.
    public var requestItems: [(tableName: String, requests: [WriteRequest])]
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(requestItems: [(tableName: String, requests: [WriteRequest])], returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct BatchWriteItemOutput: Sendable {
    /// Always empty: the engine processes every request.
    public var unprocessedItems: [(tableName: String, requests: [WriteRequest])]
    public var consumedCapacity: [ConsumedCapacity]?
}

/// `KeysAndAttributes` of BatchGetItem.
public struct KeysAndAttributes: Sendable {
    public var keys: [AttributeMap]
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public var consistentRead: Bool?
    public init(keys: [AttributeMap], projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil, consistentRead: Bool? = nil) {
        self.keys = keys
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
        self.consistentRead = consistentRead
    }
}

public struct BatchGetItemInput: Sendable {
    public var requestItems: [(tableName: String, keysAndAttributes: KeysAndAttributes)]
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(requestItems: [(tableName: String, keysAndAttributes: KeysAndAttributes)], returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.requestItems = requestItems
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct BatchGetItemOutput: Sendable {
    public var responses: [(tableName: String, items: [AttributeMap])]
    public var unprocessedKeys: [(tableName: String, keysAndAttributes: KeysAndAttributes)]
    public var consumedCapacity: [ConsumedCapacity]?
}

/// One action of TransactWriteItems.
public enum TransactWriteItem: Sendable {
    case conditionCheck(tableName: String, key: AttributeMap, conditionExpression: String, expressionParameters: ExpressionParameters, returnValuesOnConditionCheckFailure: ReturnValue?)
    case put(tableName: String, item: AttributeMap, conditionExpression: String?, expressionParameters: ExpressionParameters, returnValuesOnConditionCheckFailure: ReturnValue?)
    case update(tableName: String, key: AttributeMap, updateExpression: String, conditionExpression: String?, expressionParameters: ExpressionParameters, returnValuesOnConditionCheckFailure: ReturnValue?)
    case delete(tableName: String, key: AttributeMap, conditionExpression: String?, expressionParameters: ExpressionParameters, returnValuesOnConditionCheckFailure: ReturnValue?)
}

public struct TransactWriteItemsInput: Sendable {
    public var transactItems: [TransactWriteItem]
    public var clientRequestToken: String?
    public var returnConsumedCapacity: ReturnConsumedCapacity?
    public init(transactItems: [TransactWriteItem], clientRequestToken: String? = nil, returnConsumedCapacity: ReturnConsumedCapacity? = nil) {
        self.transactItems = transactItems
        self.clientRequestToken = clientRequestToken
        self.returnConsumedCapacity = returnConsumedCapacity
    }
}

public struct TransactWriteItemsOutput: Sendable {
    public var consumedCapacity: [ConsumedCapacity]?
}

/// One `Get` of TransactGetItems.
public struct TransactGetItem: Sendable {
    public var tableName: String
    public var key: AttributeMap
    public var projectionExpression: String?
    public var expressionAttributeNames: [String: String]?
    public init(tableName: String, key: AttributeMap, projectionExpression: String? = nil, expressionAttributeNames: [String: String]? = nil) {
        self.tableName = tableName
        self.key = key
        self.projectionExpression = projectionExpression
        self.expressionAttributeNames = expressionAttributeNames
    }
}

public struct TransactGetItemsOutput: Sendable {
    /// One entry per request, in order; nil where the item does not exist.
    public var responses: [AttributeMap?]
    public var consumedCapacity: [ConsumedCapacity]?
}
