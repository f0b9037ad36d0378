// The request shapes of the DynamoDB operations StreamScope serves: member names and JSON types
// from botocore's `service-2.json`, constraints and enum printing orders as DynamoDB reports them
// (dynamodb-core §1.7, §3).

/// Request shapes, one per operation, plus the pieces they share.
enum OperationShapes {
    // MARK: Shared members

    static let nameRules: [Rule] = [.tableNamePattern(allowsArn: false), .minLength(3), .maxLength(255)]
    static let tableName = ShapeMember("TableName", .string, [.notNull, .tableNamePattern(allowsArn: true), .minLength(3), .maxLength(255)])
    /// Control-plane operations report a missing TableName with their own sentence.
    static let controlTableName = ShapeMember("TableName", .string, [.required, .tableNamePattern(allowsArn: true), .minLength(3), .maxLength(255)])
    static let indexName = ShapeMember("IndexName", .string, nameRules)
    static let returnConsumedCapacity = ShapeMember("ReturnConsumedCapacity", .string, [.oneOf(["INDEXES", "TOTAL", "NONE"])])
    static let returnItemCollectionMetrics = ShapeMember("ReturnItemCollectionMetrics", .string, [.oneOf(["SIZE", "NONE"])])
    static let returnValues = ShapeMember("ReturnValues", .string, [.oneOf(["ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"])])
    static let returnValuesOnConditionCheckFailure = ShapeMember("ReturnValuesOnConditionCheckFailure", .string, [.oneOf(["ALL_OLD", "NONE"])])
    static let conditionalOperator = ShapeMember("ConditionalOperator", .string, [.oneOf(["OR", "AND"])])
    static let expressionAttributeNames = ShapeMember("ExpressionAttributeNames", Shape.stringMap)
    static let expressionAttributeValues = ShapeMember("ExpressionAttributeValues", Shape.attributeMap)
    static let conditionExpression = ShapeMember("ConditionExpression", .string)
    static let projectionExpression = ShapeMember("ProjectionExpression", .string)
    static let attributesToGet = ShapeMember("AttributesToGet", .list(.string, elementRules: [.maxLength(65535)]), [.minLength(1)])
    static let consistentRead = ShapeMember("ConsistentRead", .boolean)
    static let key = ShapeMember("Key", Shape.attributeMap, [.notNull])
    static let item = ShapeMember("Item", Shape.attributeMap, [.notNull])
    static let select = ShapeMember("Select", .string, [.oneOf(["SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"])])
    static let limit = ShapeMember("Limit", .integer, [.minValue(1)])
    static let exclusiveStartKey = ShapeMember("ExclusiveStartKey", Shape.attributeMap)

    static let comparisonOperators = ["IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"]
    static let expected = ShapeMember("Expected", .map(.structure("ExpectedAttributeValue", [
        ShapeMember("Value", .attributeValue), ShapeMember("Exists", .boolean),
        ShapeMember("ComparisonOperator", .string, [.oneOf(comparisonOperators)]),
        ShapeMember("AttributeValueList", .list(.attributeValue)),
    ]), valueClass: "com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue"))
    static let condition: Shape = .structure("Condition", [
        ShapeMember("AttributeValueList", .list(.attributeValue)),
        ShapeMember("ComparisonOperator", .string, [.notNull, .oneOf(comparisonOperators)]),
    ])
    static func conditions(_ name: String) -> ShapeMember {
        ShapeMember(name, .map(condition, valueClass: "com.amazonaws.dynamodb.v20120810.Condition"))
    }

    static let keySchema: Shape = .list(.structure("KeySchemaElement", [
        ShapeMember("AttributeName", .string, [.notNull, .minLength(1), .maxLength(255)]),
        ShapeMember("KeyType", .string, [.notNull, .oneOf(["HASH", "RANGE"])]),
    ]))
    static let attributeDefinitions: Shape = .list(.structure("AttributeDefinition", [
        ShapeMember("AttributeName", .string, [.notNull, .minLength(1), .maxLength(255)]),
        ShapeMember("AttributeType", .string, [.notNull, .oneOf(["B", "N", "S"])]),
    ]))
    static let provisionedThroughput: Shape = .structure("ProvisionedThroughput", [
        ShapeMember("ReadCapacityUnits", .long, [.notNull, .minValue(1)]),
        ShapeMember("WriteCapacityUnits", .long, [.notNull, .minValue(1)]),
    ])
    static let projection: Shape = .structure("Projection", [
        ShapeMember("ProjectionType", .string, [.oneOf(["ALL", "INCLUDE", "KEYS_ONLY"])]),
        ShapeMember("NonKeyAttributes", .list(.string, elementRules: [.minLength(1), .maxLength(255)]), [.minLength(1), .maxLength(20)]),
    ])
    static let streamSpecification: Shape = .structure("StreamSpecification", [
        ShapeMember("StreamEnabled", .boolean, [.notNull]),
        ShapeMember("StreamViewType", .string, [.oneOf(["OLD_IMAGE", "KEYS_ONLY", "NEW_AND_OLD_IMAGES", "NEW_IMAGE"])]),
    ])
    static let billingMode = ShapeMember("BillingMode", .string, [.oneOf(["PROVISIONED", "PAY_PER_REQUEST"])])
    static let tableClass = ShapeMember("TableClass", .string, [.oneOf(["STANDARD", "STANDARD_INFREQUENT_ACCESS"])])
    static let tag: Shape = .structure("Tag", [
        ShapeMember("Key", .string, [.notNull, .minLength(1), .maxLength(128)]),
        ShapeMember("Value", .string, [.notNull, .minLength(0), .maxLength(256)]),
    ])
    static let sseSpecification = ShapeMember("SSESpecification", .structure("SSESpecification", [
        ShapeMember("Enabled", .boolean), ShapeMember("SSEType", .string), ShapeMember("KMSMasterKeyId", .string),
    ]))
    static let onDemandThroughput = ShapeMember("OnDemandThroughput", .structure("OnDemandThroughput", [
        ShapeMember("MaxReadRequestUnits", .long), ShapeMember("MaxWriteRequestUnits", .long),
    ]))
    static let warmThroughput = ShapeMember("WarmThroughput", .structure("WarmThroughput", [
        ShapeMember("ReadUnitsPerSecond", .long), ShapeMember("WriteUnitsPerSecond", .long),
    ]))
    static func secondaryIndex(_ name: String, global: Bool) -> Shape {
        var members = [
            ShapeMember("IndexName", .string, [.notNull] + nameRules),
            ShapeMember("KeySchema", keySchema, [.notNull, .minLength(1)]),
            ShapeMember("Projection", projection, [.notNull]),
        ]
        if global {
            members.append(ShapeMember("ProvisionedThroughput", provisionedThroughput))
            members.append(onDemandThroughput)
            members.append(warmThroughput)
        }
        return .structure(name, members)
    }

    // MARK: Control plane

    static let createTable: [ShapeMember] = [
        ShapeMember("AttributeDefinitions", attributeDefinitions, [.notNull]),
        controlTableName,
        ShapeMember("KeySchema", keySchema, [.notNull, .minLength(1)]),
        ShapeMember("LocalSecondaryIndexes", .list(secondaryIndex("LocalSecondaryIndex", global: false))),
        ShapeMember("GlobalSecondaryIndexes", .list(secondaryIndex("GlobalSecondaryIndex", global: true))),
        billingMode,
        ShapeMember("ProvisionedThroughput", provisionedThroughput),
        ShapeMember("StreamSpecification", streamSpecification),
        sseSpecification,
        ShapeMember("Tags", .list(tag)),
        tableClass,
        ShapeMember("DeletionProtectionEnabled", .boolean),
        ShapeMember("ResourcePolicy", .string),
        onDemandThroughput,
        warmThroughput,
    ]

    static let tableOnly: [ShapeMember] = [controlTableName]

    static let updateTable: [ShapeMember] = [
        ShapeMember("AttributeDefinitions", attributeDefinitions),
        controlTableName,
        billingMode,
        ShapeMember("ProvisionedThroughput", provisionedThroughput),
        ShapeMember("GlobalSecondaryIndexUpdates", .list(.structure("GlobalSecondaryIndexUpdate", [
            ShapeMember("Update", .structure("UpdateGlobalSecondaryIndexAction", [
                ShapeMember("IndexName", .string, [.notNull] + nameRules),
                ShapeMember("ProvisionedThroughput", provisionedThroughput),
                onDemandThroughput, warmThroughput,
            ])),
            ShapeMember("Create", secondaryIndex("CreateGlobalSecondaryIndexAction", global: true)),
            ShapeMember("Delete", .structure("DeleteGlobalSecondaryIndexAction", [
                ShapeMember("IndexName", .string, [.notNull] + nameRules),
            ])),
        ]))),
        ShapeMember("StreamSpecification", streamSpecification),
        sseSpecification,
        ShapeMember("ReplicaUpdates", .list(.structure("ReplicationGroupUpdate", [])), [.minLength(1)]),
        tableClass,
        ShapeMember("DeletionProtectionEnabled", .boolean),
        ShapeMember("MultiRegionConsistency", .string),
        onDemandThroughput,
        warmThroughput,
    ]

    /// DynamoDB reports `limit` before `exclusiveStartTableName` [DL, live response].
    static let listTables: [ShapeMember] = [
        ShapeMember("Limit", .integer, [.minValue(1), .maxValue(100)]),
        ShapeMember("ExclusiveStartTableName", .string, nameRules),
    ]

    static let updateTimeToLive: [ShapeMember] = [
        tableName,
        ShapeMember("TimeToLiveSpecification", .structure("TimeToLiveSpecification", [
            ShapeMember("Enabled", .boolean, [.notNull]),
            ShapeMember("AttributeName", .string, [.notNull, .minLength(1), .maxLength(255)]),
        ]), [.notNull]),
    ]

    static let describeTimeToLive: [ShapeMember] = [tableName]

    static let resourceArn = ShapeMember("ResourceArn", .string, [.notNull, .minLength(1), .maxLength(1283)])
    static let tagResource: [ShapeMember] = [resourceArn, ShapeMember("Tags", .list(tag), [.notNull])]
    static let untagResource: [ShapeMember] = [
        resourceArn, ShapeMember("TagKeys", .list(.string, elementRules: [.minLength(1), .maxLength(128)]), [.notNull]),
    ]
    static let listTagsOfResource: [ShapeMember] = [resourceArn, ShapeMember("NextToken", .string)]

    // MARK: Data plane

    static let putItem: [ShapeMember] = [
        tableName, item, expected, returnValues, returnConsumedCapacity, returnItemCollectionMetrics,
        conditionalOperator, conditionExpression, expressionAttributeNames, expressionAttributeValues,
        returnValuesOnConditionCheckFailure,
    ]

    static let getItem: [ShapeMember] = [
        tableName, key, attributesToGet, consistentRead, returnConsumedCapacity, projectionExpression,
        expressionAttributeNames,
    ]

    static let updateItem: [ShapeMember] = [
        tableName, key,
        ShapeMember("AttributeUpdates", .map(.structure("AttributeValueUpdate", [
            ShapeMember("Value", .attributeValue),
            ShapeMember("Action", .string, [.oneOf(["ADD", "PUT", "DELETE"])]),
        ]), valueClass: "com.amazonaws.dynamodb.v20120810.AttributeValueUpdate")),
        expected, conditionalOperator, returnValues, returnConsumedCapacity, returnItemCollectionMetrics,
        ShapeMember("UpdateExpression", .string), conditionExpression, expressionAttributeNames,
        expressionAttributeValues, returnValuesOnConditionCheckFailure,
    ]

    static let deleteItem: [ShapeMember] = [
        tableName, key, expected, conditionalOperator, returnValues, returnConsumedCapacity,
        returnItemCollectionMetrics, conditionExpression, expressionAttributeNames, expressionAttributeValues,
        returnValuesOnConditionCheckFailure,
    ]

    static let query: [ShapeMember] = [
        tableName, indexName, select, attributesToGet, limit, consistentRead, conditions("KeyConditions"),
        conditions("QueryFilter"), conditionalOperator, ShapeMember("ScanIndexForward", .boolean), exclusiveStartKey,
        returnConsumedCapacity, projectionExpression, ShapeMember("FilterExpression", .string),
        ShapeMember("KeyConditionExpression", .string), expressionAttributeNames, expressionAttributeValues,
    ]

    static let scan: [ShapeMember] = [
        tableName, indexName, attributesToGet, limit, select, conditions("ScanFilter"), conditionalOperator,
        exclusiveStartKey, returnConsumedCapacity,
        ShapeMember("TotalSegments", .integer, [.minValue(1), .maxValue(1_000_000)]),
        ShapeMember("Segment", .integer, [.minValue(0), .maxValue(999_999)]),
        projectionExpression, ShapeMember("FilterExpression", .string), expressionAttributeNames,
        expressionAttributeValues, consistentRead,
    ]

    static let writeRequest: Shape = .structure("WriteRequest", [
        ShapeMember("PutRequest", .structure("PutRequest", [item])),
        ShapeMember("DeleteRequest", .structure("DeleteRequest", [key])),
    ])

    static let batchWriteItem: [ShapeMember] = [
        ShapeMember(
            "RequestItems",
            .map(.list(writeRequest), valueClass: "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>"),
            [.notNull, .minLength(1), .mapValueLength(min: 1, max: 25)]
        ),
        returnConsumedCapacity, returnItemCollectionMetrics,
    ]

    static let keysAndAttributes: Shape = .structure("KeysAndAttributes", [
        ShapeMember("Keys", .list(Shape.attributeMap), [.notNull, .minLength(1), .maxLength(100)]),
        attributesToGet, consistentRead, projectionExpression, expressionAttributeNames,
    ])

    static let batchGetItem: [ShapeMember] = [
        ShapeMember(
            "RequestItems", .map(keysAndAttributes, valueClass: "com.amazonaws.dynamodb.v20120810.KeysAndAttributes"),
            [.notNull, .minLength(1), .maxLength(100)]
        ),
        returnConsumedCapacity,
    ]

    static let transactWriteItems: [ShapeMember] = [
        ShapeMember("TransactItems", .list(.structure("TransactWriteItem", [
            ShapeMember("ConditionCheck", .structure("ConditionCheck", [
                key, tableName, ShapeMember("ConditionExpression", .string, [.notNull]), expressionAttributeNames,
                expressionAttributeValues, returnValuesOnConditionCheckFailure,
            ])),
            ShapeMember("Put", .structure("Put", [
                item, tableName, conditionExpression, expressionAttributeNames, expressionAttributeValues,
                returnValuesOnConditionCheckFailure,
            ])),
            ShapeMember("Delete", .structure("Delete", [
                key, tableName, conditionExpression, expressionAttributeNames, expressionAttributeValues,
                returnValuesOnConditionCheckFailure,
            ])),
            ShapeMember("Update", .structure("Update", [
                key, ShapeMember("UpdateExpression", .string, [.notNull]), tableName, conditionExpression,
                expressionAttributeNames, expressionAttributeValues, returnValuesOnConditionCheckFailure,
            ])),
        ])), [.notNull, .minLength(1), .maxLength(100)]),
        returnConsumedCapacity, returnItemCollectionMetrics,
        ShapeMember("ClientRequestToken", .string, [.minLength(1), .maxLength(36)]),
    ]

    static let transactGetItems: [ShapeMember] = [
        ShapeMember("TransactItems", .list(.structure("TransactGetItem", [
            ShapeMember("Get", .structure("Get", [key, tableName, projectionExpression, expressionAttributeNames]), [.notNull]),
        ])), [.notNull, .minLength(1), .maxLength(100)]),
        returnConsumedCapacity,
    ]

    static let empty: [ShapeMember] = []
}
