import DynamoEngine
import DynamoModel

/// Encodes engine outputs as DynamoDB JSON 1.0 response bodies. Absent members are omitted,
/// never sent as `null`; timestamps are epoch-second numbers (dynamodb-core §1.2).
enum Response {
    static let empty: [UInt8] = Array("{}".utf8)

    static func table(_ description: TableDescription, key: String) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.openObject()
        w.key(key)
        writeTable(description, into: &w)
        w.closeObject()
        return w.bytes
    }

    /// `TableDescription` (dynamodb-core §3.3).
    static func writeTable(_ t: TableDescription, into w: inout JSONWriter) {
        w.openObject()
        w.key("AttributeDefinitions")
        w.openArray()
        for d in t.attributeDefinitions {
            w.openObject()
            w.key("AttributeName"); w.string(d.attributeName)
            w.key("AttributeType"); w.string(d.attributeType.rawValue)
            w.closeObject()
        }
        w.closeArray()
        w.key("TableName"); w.string(t.tableName)
        w.key("KeySchema"); writeKeySchema(t.keySchema, into: &w)
        w.key("TableStatus"); w.string(t.tableStatus)
        w.key("CreationDateTime"); w.timestamp(t.creationDateTime)
        w.key("ProvisionedThroughput"); writeThroughput(t.provisionedThroughput, into: &w)
        w.key("TableSizeBytes"); w.integer(t.tableSizeBytes)
        w.key("ItemCount"); w.integer(t.itemCount)
        w.key("TableArn"); w.string(t.tableArn)
        w.key("TableId"); w.string(t.tableId)
        if t.billingMode == .payPerRequest {
            w.key("BillingModeSummary")
            w.openObject()
            w.key("BillingMode"); w.string(t.billingMode.rawValue)
            w.key("LastUpdateToPayPerRequestDateTime"); w.timestamp(t.creationDateTime)
            w.closeObject()
        }
        if !t.localSecondaryIndexes.isEmpty {
            w.key("LocalSecondaryIndexes")
            writeIndexes(t.localSecondaryIndexes, into: &w)
        }
        if !t.globalSecondaryIndexes.isEmpty {
            w.key("GlobalSecondaryIndexes")
            writeIndexes(t.globalSecondaryIndexes, into: &w)
        }
        if let stream = t.streamSpecification {
            w.key("StreamSpecification")
            w.openObject()
            w.key("StreamEnabled"); w.bool(stream.streamEnabled ?? true)
            if let viewType = stream.streamViewType {
                w.key("StreamViewType"); w.string(viewType.rawValue)
            }
            w.closeObject()
        }
        if let label = t.latestStreamLabel {
            w.key("LatestStreamLabel"); w.string(label)
        }
        if let arn = t.latestStreamArn {
            w.key("LatestStreamArn"); w.string(arn)
        }
        if let tableClass = t.tableClass {
            w.key("TableClassSummary")
            w.openObject()
            w.key("TableClass"); w.string(tableClass)
            w.closeObject()
        }
        w.key("DeletionProtectionEnabled"); w.bool(t.deletionProtectionEnabled)
        w.closeObject()
    }

    static func writeKeySchema(_ schema: [KeySchemaElement], into w: inout JSONWriter) {
        w.openArray()
        for e in schema {
            w.openObject()
            w.key("AttributeName"); w.string(e.attributeName)
            w.key("KeyType"); w.string(e.keyType.rawValue)
            w.closeObject()
        }
        w.closeArray()
    }

    static func writeThroughput(_ t: ProvisionedThroughput, into w: inout JSONWriter) {
        w.openObject()
        w.key("NumberOfDecreasesToday"); w.integer(0)
        w.key("ReadCapacityUnits"); w.integer(t.readCapacityUnits)
        w.key("WriteCapacityUnits"); w.integer(t.writeCapacityUnits)
        w.closeObject()
    }

    static func writeIndexes(_ indexes: [SecondaryIndexDescription], into w: inout JSONWriter) {
        w.openArray()
        for index in indexes {
            w.openObject()
            w.key("IndexName"); w.string(index.indexName)
            w.key("KeySchema"); writeKeySchema(index.keySchema, into: &w)
            w.key("Projection")
            w.openObject()
            if let type = index.projection.projectionType {
                w.key("ProjectionType"); w.string(type.rawValue)
            }
            if let attributes = index.projection.nonKeyAttributes {
                w.key("NonKeyAttributes")
                w.openArray()
                for a in attributes { w.string(a) }
                w.closeArray()
            }
            w.closeObject()
            if let status = index.indexStatus {
                w.key("IndexStatus"); w.string(status)
            }
            if let throughput = index.provisionedThroughput {
                w.key("ProvisionedThroughput"); writeThroughput(throughput, into: &w)
            }
            w.key("IndexSizeBytes"); w.integer(index.indexSizeBytes)
            w.key("ItemCount"); w.integer(index.itemCount)
            w.key("IndexArn"); w.string(index.indexArn)
            w.closeObject()
        }
        w.closeArray()
    }

    static func listTables(_ output: ListTablesOutput) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("TableNames")
        w.openArray()
        for name in output.tableNames { w.string(name) }
        w.closeArray()
        if let last = output.lastEvaluatedTableName {
            w.key("LastEvaluatedTableName"); w.string(last)
        }
        w.closeObject()
        return w.bytes
    }

    static func timeToLiveSpecification(enabled: Bool, attributeName: String) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("TimeToLiveSpecification")
        w.openObject()
        w.key("Enabled"); w.bool(enabled)
        w.key("AttributeName"); w.string(attributeName)
        w.closeObject()
        w.closeObject()
        return w.bytes
    }

    static func timeToLive(_ description: TimeToLiveDescription) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("TimeToLiveDescription")
        w.openObject()
        w.key("TimeToLiveStatus"); w.string(description.status)
        if let attribute = description.attributeName {
            w.key("AttributeName"); w.string(attribute)
        }
        w.closeObject()
        w.closeObject()
        return w.bytes
    }

    static func tags(_ tags: [Tag]) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("Tags")
        w.openArray()
        for tag in tags {
            w.openObject()
            w.key("Key"); w.string(tag.key)
            w.key("Value"); w.string(tag.value)
            w.closeObject()
        }
        w.closeArray()
        w.closeObject()
        return w.bytes
    }

    // MARK: - Items

    static func writeCapacity(_ c: ConsumedCapacity, into w: inout JSONWriter) {
        w.openObject()
        w.key("TableName"); w.string(c.tableName)
        w.key("CapacityUnits"); w.double(c.capacityUnits)
        if let table = c.tableCapacityUnits {
            w.key("Table")
            w.openObject()
            w.key("CapacityUnits"); w.double(table)
            w.closeObject()
        }
        for (name, indexes) in [("GlobalSecondaryIndexes", c.globalSecondaryIndexes), ("LocalSecondaryIndexes", c.localSecondaryIndexes)] {
            guard let indexes, !indexes.isEmpty else { continue }
            w.key(name)
            w.openObject()
            for (index, units) in indexes.sorted(by: { $0.key < $1.key }) {
                w.key(index)
                w.openObject()
                w.key("CapacityUnits"); w.double(units)
                w.closeObject()
            }
            w.closeObject()
        }
        w.closeObject()
    }

    static func writeCapacityList(_ list: [ConsumedCapacity]?, into w: inout JSONWriter) {
        guard let list else { return }
        w.key("ConsumedCapacity")
        w.openArray()
        for c in list { writeCapacity(c, into: &w) }
        w.closeArray()
    }

    static func writeItem(_ output: WriteItemOutput) -> [UInt8] {
        if output.attributes == nil && output.consumedCapacity == nil { return empty }
        var w = JSONWriter()
        w.openObject()
        if let attributes = output.attributes {
            w.key("Attributes"); w.attributes(attributes)
        }
        if let capacity = output.consumedCapacity {
            w.key("ConsumedCapacity"); writeCapacity(capacity, into: &w)
        }
        w.closeObject()
        return w.bytes
    }

    static func getItem(_ output: GetItemOutput) -> [UInt8] {
        if output.item == nil && output.consumedCapacity == nil { return empty }
        var w = JSONWriter(capacity: 512)
        w.openObject()
        if let item = output.item {
            w.key("Item"); w.attributes(item)
        }
        if let capacity = output.consumedCapacity {
            w.key("ConsumedCapacity"); writeCapacity(capacity, into: &w)
        }
        w.closeObject()
        return w.bytes
    }

    static func read(_ output: ReadOutput) -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        w.openObject()
        if let items = output.items {
            w.key("Items")
            w.openArray()
            for item in items { w.attributes(item) }
            w.closeArray()
        }
        w.key("Count"); w.integer(output.count)
        w.key("ScannedCount"); w.integer(output.scannedCount)
        if let last = output.lastEvaluatedKey {
            w.key("LastEvaluatedKey"); w.attributes(last)
        }
        if let capacity = output.consumedCapacity {
            w.key("ConsumedCapacity"); writeCapacity(capacity, into: &w)
        }
        w.closeObject()
        return w.bytes
    }

    static func batchWrite(_ output: BatchWriteItemOutput) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("UnprocessedItems")
        w.openObject()
        for (table, requests) in output.unprocessedItems where !requests.isEmpty {
            w.key(table)
            w.openArray()
            for request in requests {
                w.openObject()
                switch request {
                case .put(let item):
                    w.key("PutRequest")
                    w.openObject()
                    w.key("Item"); w.attributes(item)
                    w.closeObject()
                case .delete(let key):
                    w.key("DeleteRequest")
                    w.openObject()
                    w.key("Key"); w.attributes(key)
                    w.closeObject()
                }
                w.closeObject()
            }
            w.closeArray()
        }
        w.closeObject()
        writeCapacityList(output.consumedCapacity, into: &w)
        w.closeObject()
        return w.bytes
    }

    static func batchGet(_ output: BatchGetItemOutput) -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        w.openObject()
        w.key("Responses")
        w.openObject()
        for (table, items) in output.responses {
            w.key(table)
            w.openArray()
            for item in items { w.attributes(item) }
            w.closeArray()
        }
        w.closeObject()
        w.key("UnprocessedKeys")
        w.openObject()
        for (table, request) in output.unprocessedKeys where !request.keys.isEmpty {
            w.key(table)
            w.openObject()
            w.key("Keys")
            w.openArray()
            for key in request.keys { w.attributes(key) }
            w.closeArray()
            if let projection = request.projectionExpression {
                w.key("ProjectionExpression"); w.string(projection)
            }
            if let names = request.expressionAttributeNames {
                w.key("ExpressionAttributeNames")
                w.openObject()
                for (k, v) in names.sorted(by: { $0.key < $1.key }) {
                    w.key(k); w.string(v)
                }
                w.closeObject()
            }
            if let consistent = request.consistentRead {
                w.key("ConsistentRead"); w.bool(consistent)
            }
            w.closeObject()
        }
        w.closeObject()
        writeCapacityList(output.consumedCapacity, into: &w)
        w.closeObject()
        return w.bytes
    }

    static func transactWrite(_ output: TransactWriteItemsOutput) -> [UInt8] {
        guard output.consumedCapacity != nil else { return empty }
        var w = JSONWriter()
        w.openObject()
        writeCapacityList(output.consumedCapacity, into: &w)
        w.closeObject()
        return w.bytes
    }

    static func transactGet(_ output: TransactGetItemsOutput) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.openObject()
        writeCapacityList(output.consumedCapacity, into: &w)
        w.key("Responses")
        w.openArray()
        for item in output.responses {
            w.openObject()
            if let item {
                w.key("Item"); w.attributes(item)
            }
            w.closeObject()
        }
        w.closeArray()
        w.closeObject()
        return w.bytes
    }

    // MARK: - Extras (dynamodb-core §3.20)

    static func endpoints(address: String) -> [UInt8] {
        var w = JSONWriter()
        w.openObject()
        w.key("Endpoints")
        w.openArray()
        w.openObject()
        w.key("Address"); w.string(address)
        w.key("CachePeriodInMinutes"); w.integer(1440)
        w.closeObject()
        w.closeArray()
        w.closeObject()
        return w.bytes
    }

    static let limits: [UInt8] = Array(
        #"{"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,"TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000}"#.utf8
    )
}
