import DynamoEngine
import DynamoModel

/// The DynamoDB JSON 1.0 operations (`DynamoDB_20120810.<Operation>`): request checks in AWS's
/// order, decoding into the engine's typed inputs, and encoding of the outputs.
enum DynamoAPI {
    /// The request shape of every operation served; an operation missing here is unknown.
    static func shape(of operation: String) -> [ShapeMember]? {
        switch operation {
        case "CreateTable": OperationShapes.createTable
        case "DescribeTable", "DeleteTable": OperationShapes.tableOnly
        case "UpdateTable": OperationShapes.updateTable
        case "ListTables": OperationShapes.listTables
        case "UpdateTimeToLive": OperationShapes.updateTimeToLive
        case "DescribeTimeToLive": OperationShapes.describeTimeToLive
        case "TagResource": OperationShapes.tagResource
        case "UntagResource": OperationShapes.untagResource
        case "ListTagsOfResource": OperationShapes.listTagsOfResource
        case "PutItem": OperationShapes.putItem
        case "GetItem": OperationShapes.getItem
        case "UpdateItem": OperationShapes.updateItem
        case "DeleteItem": OperationShapes.deleteItem
        case "Query": OperationShapes.query
        case "Scan": OperationShapes.scan
        case "BatchWriteItem": OperationShapes.batchWriteItem
        case "BatchGetItem": OperationShapes.batchGetItem
        case "TransactWriteItems": OperationShapes.transactWriteItems
        case "TransactGetItems": OperationShapes.transactGetItems
        case "DescribeEndpoints", "DescribeLimits": OperationShapes.empty
        default: nil
        }
    }

    /// Checks member types, then shape constraints (dynamodb-core §1.8 steps 2–3).
    ///
    /// - Throws: SerializationException for the first type error; otherwise ValidationException
    ///   listing up to ten constraint failures.
    static func check(_ body: JSONValue, against members: [ShapeMember]) throws(DynamoError) {
        try Shape.checkStructure(body, name: "", members: members, asValue: false)
        var failures: [ConstraintFailure] = []
        try Shape.checkConstraints(of: members, in: body, parent: "", failures: &failures)
        if !failures.isEmpty {
            throw .validation(Validation.constraintMessage(failures))
        }
    }

    /// Runs one checked request against the engine and encodes the response body.
    static func perform(_ operation: String, body: JSONValue, region: String, engine: Engine, host: String?) throws(DynamoError) -> [UInt8] {
        let request = Request(body)
        switch operation {
        case "CreateTable":
            let description = try engine.createTable(try request.createTableInput(), region: region)
            return Response.table(description, key: "TableDescription")
        case "DescribeTable":
            return Response.table(try engine.describeTable(request.tableName, region: region), key: "Table")
        case "DeleteTable":
            return Response.table(try engine.deleteTable(request.tableName, region: region), key: "TableDescription")
        case "UpdateTable":
            return Response.table(try engine.updateTable(request.updateTableInput(), region: region), key: "TableDescription")
        case "ListTables":
            return Response.listTables(try engine.listTables(request.listTablesInput(), region: region))
        case "UpdateTimeToLive":
            let spec = request.json.member("TimeToLiveSpecification")
            let result = try engine.updateTimeToLive(
                tableName: request.tableName, enabled: spec?.bool("Enabled") ?? false,
                attributeName: spec?.string("AttributeName") ?? "", region: region
            )
            return Response.timeToLiveSpecification(enabled: result.enabled, attributeName: result.attributeName)
        case "DescribeTimeToLive":
            return Response.timeToLive(try engine.describeTimeToLive(tableName: request.tableName, region: region))
        case "TagResource":
            try engine.updateTags(ofResource: request.resourceArn, adding: request.tags("Tags"), removingKeys: [], region: region)
            return Response.empty
        case "UntagResource":
            let keys = request.json.member("TagKeys")?.arrayValue?.compactMap(\.stringValue) ?? []
            try engine.updateTags(ofResource: request.resourceArn, adding: [], removingKeys: keys, region: region)
            return Response.empty
        case "ListTagsOfResource":
            return Response.tags(try engine.tags(ofResource: request.resourceArn, region: region))
        case "PutItem":
            return Response.writeItem(try engine.putItem(try request.putItemInput(), region: region))
        case "GetItem":
            return Response.getItem(try engine.getItem(try request.getItemInput(), region: region))
        case "UpdateItem":
            return Response.writeItem(try engine.updateItem(try request.updateItemInput(), region: region))
        case "DeleteItem":
            return Response.writeItem(try engine.deleteItem(try request.deleteItemInput(), region: region))
        case "Query":
            return Response.read(try engine.query(try request.readInput(isQuery: true), region: region))
        case "Scan":
            return Response.read(try engine.scan(try request.readInput(isQuery: false), region: region))
        case "BatchWriteItem":
            return Response.batchWrite(try engine.batchWriteItem(try request.batchWriteItemInput(), region: region))
        case "BatchGetItem":
            return Response.batchGet(try engine.batchGetItem(try request.batchGetItemInput(), region: region))
        case "TransactWriteItems":
            return Response.transactWrite(try engine.transactWriteItems(try request.transactWriteItemsInput(), region: region))
        case "TransactGetItems":
            let items = try request.transactGetItems()
            return Response.transactGet(try engine.transactGetItems(items, returnConsumedCapacity: request.returnConsumedCapacity, region: region))
        case "DescribeEndpoints":
            return Response.endpoints(address: host ?? "dynamodb.\(region).amazonaws.com")
        case "DescribeLimits":
            return Response.limits
        default:
            throw DynamoError(.unknownOperation, "")
        }
    }
}
