import DynamoEngine
import DynamoModel

/// A request body whose types and constraints were already checked, decoded member by member
/// into the engine's inputs. Attribute values are validated here (dynamodb-core §2.2), with
/// AWS's context wrappers for ExpressionAttributeValues and ExclusiveStartKey.
struct Request {
    let json: JSONValue

    init(_ json: JSONValue) {
        self.json = json
    }

    var tableName: String { json.string("TableName") ?? "" }
    var resourceArn: String { json.string("ResourceArn") ?? "" }
    var returnConsumedCapacity: ReturnConsumedCapacity? {
        json.string("ReturnConsumedCapacity").flatMap(ReturnConsumedCapacity.init(rawValue:))
    }

    // MARK: - Control plane

    func createTableInput() throws(DynamoError) -> CreateTableInput {
        CreateTableInput(
            tableName: tableName,
            attributeDefinitions: Self.attributeDefinitions(json.member("AttributeDefinitions")),
            keySchema: Self.keySchema(json.member("KeySchema")),
            billingMode: json.string("BillingMode").flatMap(BillingMode.init(rawValue:)),
            provisionedThroughput: Self.throughput(json.member("ProvisionedThroughput")),
            localSecondaryIndexes: json.member("LocalSecondaryIndexes")?.arrayValue.map { $0.map(Self.secondaryIndex) },
            globalSecondaryIndexes: json.member("GlobalSecondaryIndexes")?.arrayValue.map { $0.map(Self.secondaryIndex) },
            streamSpecification: Self.streamSpecification(json.member("StreamSpecification")),
            tags: json.member("Tags") == nil ? nil : tags("Tags"),
            deletionProtectionEnabled: json.bool("DeletionProtectionEnabled"),
            tableClass: json.string("TableClass")
        )
    }

    func updateTableInput() -> UpdateTableInput {
        let updates = json.member("GlobalSecondaryIndexUpdates")?.arrayValue.map { entries in
            entries.map { entry -> GlobalSecondaryIndexUpdate in
                let create = entry.member("Create")
                let update = entry.member("Update")
                let delete = entry.member("Delete")
                switch (create, update, delete) {
                case (let create?, nil, nil):
                    return .create(Self.secondaryIndex(create))
                case (nil, let update?, nil):
                    return .update(indexName: update.string("IndexName") ?? "", provisionedThroughput: Self.throughput(update.member("ProvisionedThroughput")))
                case (nil, nil, let delete?):
                    return .delete(indexName: delete.string("IndexName") ?? "")
                default:
                    return .invalid
                }
            }
        }
        let others = ["SSESpecification", "ReplicaUpdates", "OnDemandThroughput", "WarmThroughput", "MultiRegionConsistency"]
        return UpdateTableInput(
            tableName: tableName,
            attributeDefinitions: json.member("AttributeDefinitions").map(Self.attributeDefinitions),
            billingMode: json.string("BillingMode").flatMap(BillingMode.init(rawValue:)),
            provisionedThroughput: Self.throughput(json.member("ProvisionedThroughput")),
            globalSecondaryIndexUpdates: updates,
            streamSpecification: Self.streamSpecification(json.member("StreamSpecification")),
            deletionProtectionEnabled: json.bool("DeletionProtectionEnabled"),
            tableClass: json.string("TableClass"),
            hasOtherChanges: others.contains { json.member($0) != nil }
        )
    }

    func listTablesInput() -> ListTablesInput {
        ListTablesInput(
            exclusiveStartTableName: json.string("ExclusiveStartTableName"),
            limit: json.member("Limit").flatMap(Shape.integer).map(Self.clampedInt)
        )
    }

    func tags(_ name: String) -> [Tag] {
        (json.member(name)?.arrayValue ?? []).map { Tag(key: $0.string("Key") ?? "", value: $0.string("Value") ?? "") }
    }

    static func attributeDefinitions(_ value: JSONValue?) -> [AttributeDefinition] {
        (value?.arrayValue ?? []).map {
            AttributeDefinition(
                attributeName: $0.string("AttributeName") ?? "",
                attributeType: $0.string("AttributeType").flatMap(ScalarAttributeType.init(rawValue:)) ?? .s
            )
        }
    }

    static func keySchema(_ value: JSONValue?) -> [KeySchemaElement] {
        (value?.arrayValue ?? []).map {
            KeySchemaElement(
                attributeName: $0.string("AttributeName") ?? "",
                keyType: $0.string("KeyType").flatMap(KeyType.init(rawValue:)) ?? .hash
            )
        }
    }

    static func throughput(_ value: JSONValue?) -> ProvisionedThroughput? {
        guard let value else { return nil }
        return ProvisionedThroughput(
            readCapacityUnits: value.member("ReadCapacityUnits").flatMap(Shape.integer) ?? 0,
            writeCapacityUnits: value.member("WriteCapacityUnits").flatMap(Shape.integer) ?? 0
        )
    }

    static func secondaryIndex(_ value: JSONValue) -> SecondaryIndexDefinition {
        let projection = value.member("Projection")
        return SecondaryIndexDefinition(
            indexName: value.string("IndexName") ?? "",
            keySchema: keySchema(value.member("KeySchema")),
            projection: Projection(
                projectionType: projection?.string("ProjectionType").flatMap(ProjectionType.init(rawValue:)),
                nonKeyAttributes: projection?.member("NonKeyAttributes")?.arrayValue?.compactMap(\.stringValue)
            ),
            provisionedThroughput: throughput(value.member("ProvisionedThroughput"))
        )
    }

    static func streamSpecification(_ value: JSONValue?) -> StreamSpecification? {
        guard let value else { return nil }
        return StreamSpecification(
            streamEnabled: value.bool("StreamEnabled"),
            streamViewType: value.string("StreamViewType").flatMap(StreamViewType.init(rawValue:))
        )
    }

    static func clampedInt(_ value: Int64) -> Int {
        Int(clamping: value)
    }

    // MARK: - Data plane

    func putItemInput() throws(DynamoError) -> PutItemInput {
        try LegacyParameters.checkNotMixed(json, legacy: ["Expected", "ConditionalOperator"], expressions: ["ConditionExpression"])
        let item = try Self.attributes(json.member("Item"))
        let parameters = try Self.expressionParameters(json)
        var legacy = LegacyParameters()
        let condition = try Self.either(json.string("ConditionExpression")) { () throws(DynamoError) in
            try legacy.condition(expected: json.member("Expected"), conditionalOperator: json.string("ConditionalOperator"))
        }
        return PutItemInput(
            tableName: tableName,
            item: item,
            conditionExpression: condition,
            expressionParameters: legacy.merged(into: parameters),
            returnValues: json.string("ReturnValues").flatMap(ReturnValue.init(rawValue:)),
            returnValuesOnConditionCheckFailure: json.string("ReturnValuesOnConditionCheckFailure").flatMap(ReturnValue.init(rawValue:)),
            returnConsumedCapacity: returnConsumedCapacity
        )
    }

    func getItemInput() throws(DynamoError) -> GetItemInput {
        try LegacyParameters.checkNotMixed(json, legacy: ["AttributesToGet"], expressions: ["ProjectionExpression"])
        let key = try Self.attributes(json.member("Key"))
        var legacy = LegacyParameters()
        let projection = try Self.either(json.string("ProjectionExpression")) { () throws(DynamoError) in
            try legacy.projection(json.member("AttributesToGet"))
        }
        return GetItemInput(
            tableName: tableName,
            key: key,
            consistentRead: json.bool("ConsistentRead"),
            projectionExpression: projection,
            expressionAttributeNames: legacy.merged(into: ExpressionParameters(names: Self.names(json))).names,
            returnConsumedCapacity: returnConsumedCapacity
        )
    }

    func updateItemInput() throws(DynamoError) -> UpdateItemInput {
        try LegacyParameters.checkNotMixed(
            json, legacy: ["AttributeUpdates", "Expected", "ConditionalOperator"],
            expressions: ["UpdateExpression", "ConditionExpression"]
        )
        let key = try Self.attributes(json.member("Key"))
        let parameters = try Self.expressionParameters(json)
        var legacy = LegacyParameters()
        let update = try Self.either(json.string("UpdateExpression")) { () throws(DynamoError) in
            try legacy.update(json.member("AttributeUpdates"))
        }
        let condition = try Self.either(json.string("ConditionExpression")) { () throws(DynamoError) in
            try legacy.condition(expected: json.member("Expected"), conditionalOperator: json.string("ConditionalOperator"))
        }
        return UpdateItemInput(
            tableName: tableName,
            key: key,
            updateExpression: update,
            conditionExpression: condition,
            expressionParameters: legacy.merged(into: parameters),
            returnValues: json.string("ReturnValues").flatMap(ReturnValue.init(rawValue:)),
            returnValuesOnConditionCheckFailure: json.string("ReturnValuesOnConditionCheckFailure").flatMap(ReturnValue.init(rawValue:)),
            returnConsumedCapacity: returnConsumedCapacity
        )
    }

    func deleteItemInput() throws(DynamoError) -> DeleteItemInput {
        try LegacyParameters.checkNotMixed(json, legacy: ["Expected", "ConditionalOperator"], expressions: ["ConditionExpression"])
        let key = try Self.attributes(json.member("Key"))
        let parameters = try Self.expressionParameters(json)
        var legacy = LegacyParameters()
        let condition = try Self.either(json.string("ConditionExpression")) { () throws(DynamoError) in
            try legacy.condition(expected: json.member("Expected"), conditionalOperator: json.string("ConditionalOperator"))
        }
        return DeleteItemInput(
            tableName: tableName,
            key: key,
            conditionExpression: condition,
            expressionParameters: legacy.merged(into: parameters),
            returnValues: json.string("ReturnValues").flatMap(ReturnValue.init(rawValue:)),
            returnValuesOnConditionCheckFailure: json.string("ReturnValuesOnConditionCheckFailure").flatMap(ReturnValue.init(rawValue:)),
            returnConsumedCapacity: returnConsumedCapacity
        )
    }

    func readInput(isQuery: Bool) throws(DynamoError) -> ReadInput {
        if isQuery {
            try LegacyParameters.checkNotMixed(
                json, legacy: ["AttributesToGet", "KeyConditions", "QueryFilter", "ConditionalOperator"],
                expressions: ["ProjectionExpression", "FilterExpression", "KeyConditionExpression"]
            )
        } else {
            try LegacyParameters.checkNotMixed(
                json, legacy: ["AttributesToGet", "ScanFilter", "ConditionalOperator"],
                expressions: ["ProjectionExpression", "FilterExpression"]
            )
        }
        let expressionParameters = try Self.expressionParameters(json)
        var exclusiveStartKey: AttributeMap? = nil
        if let start = json.member("ExclusiveStartKey") {
            do throws(DynamoError) {
                exclusiveStartKey = try AttributeMap(dynamoJSON: start)
            } catch {
                throw Self.startingKeyError(error)
            }
        }
        var legacy = LegacyParameters()
        var keyCondition: String? = nil
        if isQuery {
            keyCondition = try Self.either(json.string("KeyConditionExpression")) { () throws(DynamoError) in
                try legacy.keyCondition(json.member("KeyConditions"))
            }
        }
        let filter = try Self.either(json.string("FilterExpression")) { () throws(DynamoError) in
            try legacy.filter(json.member(isQuery ? "QueryFilter" : "ScanFilter"), conditionalOperator: json.string("ConditionalOperator"))
        }
        let projection = try Self.either(json.string("ProjectionExpression")) { () throws(DynamoError) in
            try legacy.projection(json.member("AttributesToGet"))
        }
        return ReadInput(
            tableName: tableName,
            indexName: json.string("IndexName"),
            keyConditionExpression: keyCondition,
            filterExpression: filter,
            projectionExpression: projection,
            expressionParameters: legacy.merged(into: expressionParameters),
            select: json.string("Select").flatMap(Select.init(rawValue:)),
            limit: json.member("Limit").flatMap(Shape.integer).map(Self.clampedInt),
            consistentRead: json.bool("ConsistentRead"),
            scanIndexForward: isQuery ? json.bool("ScanIndexForward") : nil,
            exclusiveStartKey: exclusiveStartKey,
            segment: isQuery ? nil : json.member("Segment").flatMap(Shape.integer).map(Self.clampedInt),
            totalSegments: isQuery ? nil : json.member("TotalSegments").flatMap(Shape.integer).map(Self.clampedInt),
            returnConsumedCapacity: returnConsumedCapacity
        )
    }

    func batchWriteItemInput() throws(DynamoError) -> BatchWriteItemInput {
        var requestItems: [(tableName: String, requests: [WriteRequest])] = []
        var total = 0
        for table in json.member("RequestItems")?.objectMembers ?? [] where !table.value.isNull {
            var requests: [WriteRequest] = []
            for entry in table.value.arrayValue ?? [] {
                let put = entry.member("PutRequest")
                let delete = entry.member("DeleteRequest")
                switch (put, delete) {
                case (let put?, nil):
                    requests.append(.put(item: try Self.attributes(put.member("Item"))))
                case (nil, let delete?):
                    requests.append(.delete(key: try Self.attributes(delete.member("Key"))))
                default:
                    // DynamoDB words an empty (or doubled) WriteRequest like an AttributeValue error.
                    throw .validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
                }
            }
            total += requests.count
            requestItems.append((table.key, requests))
        }
        if total > 25 {
            throw .validation("Too many items requested for the BatchWriteItem call")
        }
        return BatchWriteItemInput(requestItems: requestItems, returnConsumedCapacity: returnConsumedCapacity)
    }

    func batchGetItemInput() throws(DynamoError) -> BatchGetItemInput {
        var requestItems: [(tableName: String, keysAndAttributes: KeysAndAttributes)] = []
        var total = 0
        for table in json.member("RequestItems")?.objectMembers ?? [] where !table.value.isNull {
            let entry = table.value
            try LegacyParameters.checkNotMixed(entry, legacy: ["AttributesToGet"], expressions: ["ProjectionExpression"])
            var keys: [AttributeMap] = []
            for key in entry.member("Keys")?.arrayValue ?? [] {
                keys.append(try Self.attributes(key))
            }
            total += keys.count
            var legacy = LegacyParameters()
            let projection = try Self.either(entry.string("ProjectionExpression")) { () throws(DynamoError) in
                try legacy.projection(entry.member("AttributesToGet"))
            }
            requestItems.append((table.key, KeysAndAttributes(
                keys: keys, projectionExpression: projection,
                expressionAttributeNames: legacy.merged(into: ExpressionParameters(names: Self.names(entry))).names,
                consistentRead: entry.bool("ConsistentRead")
            )))
        }
        if total > 100 {
            throw .validation("Too many items requested for the BatchGetItem call")
        }
        return BatchGetItemInput(requestItems: requestItems, returnConsumedCapacity: returnConsumedCapacity)
    }

    func transactWriteItemsInput() throws(DynamoError) -> TransactWriteItemsInput {
        var actions: [TransactWriteItem] = []
        for entry in json.member("TransactItems")?.arrayValue ?? [] {
            let present = ["ConditionCheck", "Put", "Delete", "Update"].compactMap { name in entry.member(name).map { (name, $0) } }
            guard present.count == 1, let (name, action) = present.first else {
                throw .validation("TransactItems can only contain one of Check, Put, Update or Delete")
            }
            let table = action.string("TableName") ?? ""
            let parameters = try Self.expressionParameters(action)
            let onFailure = action.string("ReturnValuesOnConditionCheckFailure").flatMap(ReturnValue.init(rawValue:))
            switch name {
            case "ConditionCheck":
                actions.append(.conditionCheck(
                    tableName: table, key: try Self.attributes(action.member("Key")),
                    conditionExpression: action.string("ConditionExpression") ?? "", expressionParameters: parameters,
                    returnValuesOnConditionCheckFailure: onFailure
                ))
            case "Put":
                actions.append(.put(
                    tableName: table, item: try Self.attributes(action.member("Item")),
                    conditionExpression: action.string("ConditionExpression"), expressionParameters: parameters,
                    returnValuesOnConditionCheckFailure: onFailure
                ))
            case "Delete":
                actions.append(.delete(
                    tableName: table, key: try Self.attributes(action.member("Key")),
                    conditionExpression: action.string("ConditionExpression"), expressionParameters: parameters,
                    returnValuesOnConditionCheckFailure: onFailure
                ))
            default:
                actions.append(.update(
                    tableName: table, key: try Self.attributes(action.member("Key")),
                    updateExpression: action.string("UpdateExpression") ?? "",
                    conditionExpression: action.string("ConditionExpression"), expressionParameters: parameters,
                    returnValuesOnConditionCheckFailure: onFailure
                ))
            }
        }
        return TransactWriteItemsInput(
            transactItems: actions, clientRequestToken: json.string("ClientRequestToken"),
            returnConsumedCapacity: returnConsumedCapacity
        )
    }

    func transactGetItems() throws(DynamoError) -> [TransactGetItem] {
        var items: [TransactGetItem] = []
        for entry in json.member("TransactItems")?.arrayValue ?? [] {
            let get = entry.member("Get")
            items.append(TransactGetItem(
                tableName: get?.string("TableName") ?? "",
                key: try Self.attributes(get?.member("Key")),
                projectionExpression: get?.string("ProjectionExpression"),
                expressionAttributeNames: get.flatMap(Self.names)
            ))
        }
        return items
    }

    // MARK: - Shared decoding

    /// `expression ?? translated()` with typed throws.
    static func either(_ expression: String?, _ translated: () throws(DynamoError) -> String?) throws(DynamoError) -> String? {
        if let expression { return expression }
        return try translated()
    }

    static func attributes(_ value: JSONValue?) throws(DynamoError) -> AttributeMap {
        guard let value else { return AttributeMap() }
        return try AttributeMap(dynamoJSON: value)
    }

    static func names(_ json: JSONValue) -> [String: String]? {
        guard let members = json.member("ExpressionAttributeNames")?.objectMembers else { return nil }
        var names: [String: String] = [:]
        for m in members {
            if let s = m.value.stringValue { names[m.key] = s }
        }
        return names
    }

    static func expressionParameters(_ json: JSONValue) throws(DynamoError) -> ExpressionParameters {
        var values: [String: AttributeValue]? = nil
        if let members = json.member("ExpressionAttributeValues")?.objectMembers {
            var decoded: [String: AttributeValue] = [:]
            for m in members where !m.value.isNull {
                do throws(DynamoError) {
                    decoded[m.key] = try AttributeValue(dynamoJSON: m.value)
                } catch {
                    throw .validation("ExpressionAttributeValues contains invalid value: \(error.message) for key \(m.key)")
                }
            }
            values = decoded
        }
        return ExpressionParameters(names: names(json), values: values)
    }

    /// ExclusiveStartKey errors carry a prefix, except the number and duplicate texts [DL quirk].
    static func startingKeyError(_ error: DynamoError) -> DynamoError {
        let m = error.message
        let unprefixed = m.contains("duplicates") || m.contains("number set") || m.contains("numeric value")
            || m.contains("significant digits") || m.contains("Number overflow") || m.contains("Number underflow")
        if error.code != .validation || unprefixed { return error }
        return .validation("The provided starting key is invalid: \(m)")
    }
}

extension JSONValue {
    /// A string member (nil when absent, null or not a string).
    func string(_ key: String) -> String? { member(key)?.stringValue }
    /// A boolean member (nil when absent, null or not a boolean).
    func bool(_ key: String) -> Bool? { member(key)?.boolValue }
}
