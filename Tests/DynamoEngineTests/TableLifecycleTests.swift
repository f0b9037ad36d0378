import DynamoEngine
import DynamoModel
import Testing

struct TableLifecycleTests {
    let engine = makeEngine()

    func create(
        _ name: String = "Tab", definitions: [AttributeDefinition] = [AttributeDefinition(attributeName: "pk", attributeType: .s)],
        schema: [KeySchemaElement] = [KeySchemaElement(attributeName: "pk", keyType: .hash)],
        billing: BillingMode? = nil, throughput: ProvisionedThroughput? = ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5),
        lsis: [SecondaryIndexDefinition]? = nil, gsis: [SecondaryIndexDefinition]? = nil, stream: StreamSpecification? = nil,
        protection: Bool? = nil
    ) throws(DynamoError) -> TableDescription {
        try engine.createTable(
            CreateTableInput(
                tableName: name, attributeDefinitions: definitions, keySchema: schema, billingMode: billing,
                provisionedThroughput: throughput, localSecondaryIndexes: lsis, globalSecondaryIndexes: gsis,
                streamSpecification: stream, deletionProtectionEnabled: protection),
            region: testRegion)
    }

    static let invalid = "One or more parameter values were invalid: "
    static let pk = AttributeDefinition(attributeName: "pk", attributeType: .s)
    static let sk = AttributeDefinition(attributeName: "sk", attributeType: .n)
    static let hash = KeySchemaElement(attributeName: "pk", keyType: .hash)
    static let range = KeySchemaElement(attributeName: "sk", keyType: .range)
    static let units = ProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 1)

    @Test func createTableRejectsThroughputUnderPayPerRequest() {
        #expect(caught { try create(billing: .payPerRequest) } == .validation(Self.invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"))
    }

    @Test func createTableRequiresThroughputWhenProvisioned() {
        #expect(caught { try create(throughput: nil) } == .validation(Self.invalid + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"))
    }

    @Test func createTableRejectsOutOfBoundsThroughput() {
        #expect(caught { try create(throughput: ProvisionedThroughput(readCapacityUnits: 1_000_000_000_001, writeCapacityUnits: 1)) } == .validation("Given value 1000000000001 for ReadCapacityUnits is out of bounds"))
        #expect(caught { try create(throughput: ProvisionedThroughput(readCapacityUnits: 1, writeCapacityUnits: 1_000_000_000_001)) } == .validation("Given value 1000000000001 for WriteCapacityUnits is out of bounds"))
    }

    @Test func createTableChecksKeySchemaInAWSOrder() {
        // More key elements than definitions.
        #expect(caught { try create(schema: [Self.hash, Self.range]) } == .validation("Invalid KeySchema: Some index key attribute have no definition"))
        // Key attribute not defined.
        #expect(caught { try create(definitions: [Self.pk, AttributeDefinition(attributeName: "x", attributeType: .s)], schema: [Self.hash, Self.range]) }
            == .validation(Self.invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [sk], AttributeDefinitions: [pk, x]"))
        // Same name twice.
        #expect(caught { try create(definitions: [Self.pk, Self.sk], schema: [Self.hash, KeySchemaElement(attributeName: "pk", keyType: .range)]) }
            == .validation("Both the Hash Key and the Range Key element in the KeySchema have the same name"))
        // First not HASH, second not RANGE.
        #expect(caught { try create(definitions: [Self.pk, Self.sk], schema: [Self.range, Self.hash]) } == .validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type"))
        #expect(caught { try create(definitions: [Self.pk, Self.sk], schema: [Self.hash, KeySchemaElement(attributeName: "sk", keyType: .hash)]) }
            == .validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"))
        // Definitions that no key uses.
        #expect(caught { try create(definitions: [Self.pk, Self.sk]) } == .validation(Self.invalid + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"))
    }

    @Test func createTableRejectsUnusedDefinitionsWhenIndexesExist() {
        let defs = [Self.pk, Self.sk, AttributeDefinition(attributeName: "g", attributeType: .s), AttributeDefinition(attributeName: "unused", attributeType: .s)]
        let index = SecondaryIndexDefinition(indexName: "byG", keySchema: [KeySchemaElement(attributeName: "g", keyType: .hash)], projection: Projection(projectionType: .all), provisionedThroughput: Self.units)
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], gsis: [index]) }
            == .validation(Self.invalid + "Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, g, unused], keys used: [g, pk, sk]"))
    }

    @Test func createTableValidatesSecondaryIndexes() {
        let defs = [Self.pk, Self.sk, AttributeDefinition(attributeName: "l", attributeType: .s)]
        let lsi = SecondaryIndexDefinition(indexName: "byL", keySchema: [Self.hash, KeySchemaElement(attributeName: "l", keyType: .range)], projection: Projection(projectionType: .keysOnly))
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: []) } == .validation(Self.invalid + "List of LocalSecondaryIndexes is empty"))
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], gsis: []) } == .validation(Self.invalid + "List of GlobalSecondaryIndexes is empty"))
        // LSI on a hash-only table.
        #expect(caught { try create(definitions: [Self.pk, AttributeDefinition(attributeName: "l", attributeType: .s)], lsis: [lsi]) }
            == .validation(Self.invalid + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"))
        // LSI without range, with another hash.
        let noRange = SecondaryIndexDefinition(indexName: "byL", keySchema: [Self.hash], projection: Projection(projectionType: .all))
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: [noRange]) } == .validation(Self.invalid + "Index KeySchema does not have a range key for index: byL"))
        let otherHash = SecondaryIndexDefinition(indexName: "byL", keySchema: [KeySchemaElement(attributeName: "l", keyType: .hash), Self.range], projection: Projection(projectionType: .all))
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: [otherHash]) }
            == .validation(Self.invalid + "Index KeySchema does not have the same leading hash key as table KeySchema for index: byL. index hash key: l, table hash key: pk"))
        // Projections.
        var bad = lsi
        bad.projection = Projection(projectionType: nil)
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: [bad]) } == .validation(Self.invalid + "Unknown ProjectionType: null"))
        bad.projection = Projection(projectionType: .keysOnly, nonKeyAttributes: ["x"])
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: [bad]) } == .validation(Self.invalid + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified"))
        bad.projection = Projection(projectionType: .include)
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: [bad]) } == .validation(Self.invalid + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"))
        // GSI throughput rules.
        let g = SecondaryIndexDefinition(indexName: "byG", keySchema: [KeySchemaElement(attributeName: "l", keyType: .hash)], projection: Projection(projectionType: .all))
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], gsis: [g]) } == .validation(Self.invalid + "ProvisionedThroughput is not specified for index: byG"))
        var gWithUnits = g
        gWithUnits.provisionedThroughput = Self.units
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], billing: .payPerRequest, throughput: nil, gsis: [gWithUnits]) }
            == .validation(Self.invalid + "ProvisionedThroughput should not be specified for index: byG when BillingMode is PAY_PER_REQUEST"))
        // Duplicate names across LSI and GSI.
        var sameName = gWithUnits
        sameName.indexName = "byL"
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: [lsi], gsis: [sameName]) } == .validation(Self.invalid + "Duplicate index name: byL"))
    }

    @Test func createTableLimitsIndexCounts() {
        var defs = [Self.pk, Self.sk]
        var lsis: [SecondaryIndexDefinition] = []
        for i in 0..<6 {
            defs.append(AttributeDefinition(attributeName: "a\(i)", attributeType: .s))
            lsis.append(SecondaryIndexDefinition(indexName: "lsi\(i)", keySchema: [Self.hash, KeySchemaElement(attributeName: "a\(i)", keyType: .range)], projection: Projection(projectionType: .all)))
        }
        #expect(caught { try create(definitions: defs, schema: [Self.hash, Self.range], lsis: lsis) } == .validation(Self.invalid + "Number of LocalSecondaryIndexes exceeds per-table limit of 5"))
        var gsis: [SecondaryIndexDefinition] = []
        for i in 0..<21 {
            gsis.append(SecondaryIndexDefinition(indexName: "gsi\(i)", keySchema: [KeySchemaElement(attributeName: "a0", keyType: .hash)], projection: Projection(projectionType: .all)))
        }
        #expect(caught { try create(definitions: [Self.pk, AttributeDefinition(attributeName: "a0", attributeType: .s)], billing: .payPerRequest, throughput: nil, gsis: gsis) }
            == .validation(Self.invalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20"))
    }

    @Test func createTableValidatesStreamSpecification() {
        #expect(caught { try create(stream: StreamSpecification(streamEnabled: true)) } == .validation(Self.invalid + "Table is being created with a stream enabled, UpdateViewType is required"))
        #expect(caught { try create(stream: StreamSpecification(streamEnabled: false, streamViewType: .keysOnly)) } == .validation(Self.invalid + "Table is being created with a stream disabled, UpdateViewType should not be specified"))
        #expect(caught { try create(stream: StreamSpecification(streamEnabled: nil, streamViewType: .keysOnly)) }
            == .validation("1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"))
    }

    @Test func createTableValidatesTheName() {
        #expect(caught { try create("ab") } == .validation("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"))
        #expect(caught { try create("a b") }?.message.hasPrefix("1 validation error detected: Value 'a b' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern") == true)
    }

    @Test func createTableRejectsAnExistingName() throws {
        _ = try create()
        #expect(caught { try create() } == .inUse("Table already exists: Tab"))
        // Tables are per region.
        _ = try engine.createTable(CreateTableInput(tableName: "Tab", attributeDefinitions: [Self.pk], keySchema: [Self.hash], billingMode: .payPerRequest), region: "eu-west-1")
    }

    @Test func createTableReportsCreatingThenDescribeReportsActive() throws {
        let created = try create(stream: StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
        #expect(created.tableStatus == "CREATING")
        #expect(created.tableArn == "arn:aws:dynamodb:us-east-1:000000000000:table/Tab")
        let label = try #require(created.latestStreamLabel)
        #expect(created.latestStreamArn == "arn:aws:dynamodb:us-east-1:000000000000:table/Tab/stream/\(label)")
        #expect(created.streamSpecification == StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
        let described = try engine.describeTable("Tab", region: testRegion)
        #expect(described.tableStatus == "ACTIVE")
        #expect(described.tableId == created.tableId)
        #expect(described.latestStreamArn == created.latestStreamArn)
        #expect(described.provisionedThroughput == ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5))
        #expect(described.billingMode == .provisioned)
        #expect(described.deletionProtectionEnabled == false)
        // The ARN works as a table name.
        #expect(try engine.describeTable(created.tableArn, region: "eu-west-1").tableName == "Tab")
    }

    @Test func describeTableShowsIndexesWithArnsAndStatus() throws {
        let defs = [Self.pk, Self.sk, AttributeDefinition(attributeName: "g", attributeType: .s), AttributeDefinition(attributeName: "l", attributeType: .n)]
        let lsi = SecondaryIndexDefinition(indexName: "byL", keySchema: [Self.hash, KeySchemaElement(attributeName: "l", keyType: .range)], projection: Projection(projectionType: .keysOnly))
        let g = SecondaryIndexDefinition(indexName: "byG", keySchema: [KeySchemaElement(attributeName: "g", keyType: .hash)], projection: Projection(projectionType: .include, nonKeyAttributes: ["x"]))
        let created = try create(definitions: defs, schema: [Self.hash, Self.range], billing: .payPerRequest, throughput: nil, lsis: [lsi], gsis: [g])
        #expect(created.globalSecondaryIndexes.first?.indexStatus == "CREATING")
        try engine.put(["pk": .s("a"), "sk": num(1), "g": .s("x"), "l": num(3)])
        let d = try engine.describeTable("Tab", region: testRegion)
        let gd = try #require(d.globalSecondaryIndexes.first)
        #expect(gd.indexName == "byG")
        #expect(gd.indexStatus == "ACTIVE")
        #expect(gd.indexArn == "arn:aws:dynamodb:us-east-1:000000000000:table/Tab/index/byG")
        #expect(gd.projection == Projection(projectionType: .include, nonKeyAttributes: ["x"]))
        #expect(gd.itemCount == 1)
        let ld = try #require(d.localSecondaryIndexes.first)
        #expect(ld.indexStatus == nil)
        #expect(ld.provisionedThroughput == nil)
        #expect(ld.indexArn == "arn:aws:dynamodb:us-east-1:000000000000:table/Tab/index/byL")
        #expect(d.itemCount == 1)
        #expect(d.tableSizeBytes > 0)
        #expect(d.provisionedThroughput == ProvisionedThroughput(readCapacityUnits: 0, writeCapacityUnits: 0))
        #expect(d.streamSpecification == nil && d.latestStreamArn == nil)
    }

    @Test func describeTableOfAMissingTableNamesIt() {
        #expect(caught { try engine.describeTable("Nope", region: testRegion) } == .notFound("Requested resource not found: Table: Nope not found"))
    }

    @Test func listTablesPaginatesExactly() throws {
        for name in ["b-table", "a-table", "C-table", "d-table", "e_table"] { _ = try create(name) }
        let all = try engine.listTables(ListTablesInput(), region: testRegion)
        #expect(all.tableNames == ["C-table", "a-table", "b-table", "d-table", "e_table"])
        #expect(all.lastEvaluatedTableName == nil)
        let first = try engine.listTables(ListTablesInput(limit: 2), region: testRegion)
        #expect(first.tableNames == ["C-table", "a-table"])
        #expect(first.lastEvaluatedTableName == "a-table")
        // A limit equal to the remaining count returns no LastEvaluatedTableName.
        let rest = try engine.listTables(ListTablesInput(exclusiveStartTableName: "a-table", limit: 3), region: testRegion)
        #expect(rest.tableNames == ["b-table", "d-table", "e_table"])
        #expect(rest.lastEvaluatedTableName == nil)
        // The start name need not exist.
        let after = try engine.listTables(ListTablesInput(exclusiveStartTableName: "c-a", limit: 1), region: testRegion)
        #expect(after.tableNames == ["d-table"])
        #expect(after.lastEvaluatedTableName == "d-table")
        #expect(try engine.listTables(ListTablesInput(), region: "eu-west-1").tableNames.isEmpty)
        #expect(caught { try engine.listTables(ListTablesInput(limit: 0), region: testRegion) } == .validation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"))
        #expect(caught { try engine.listTables(ListTablesInput(exclusiveStartTableName: "ab"), region: testRegion) }
            == .validation("1 validation error detected: Value 'ab' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3"))
        #expect(caught { try engine.listTables(ListTablesInput(exclusiveStartTableName: "ab", limit: 0), region: testRegion) }
            == .validation("2 validation errors detected: Value 'ab' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"))
        #expect(caught { try engine.listTables(ListTablesInput(limit: 101), region: testRegion) } == .validation("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"))
    }

    @Test func updateTableChangesThroughputAndRejectsTheSameValue() throws {
        _ = try create()
        let updated = try engine.updateTable(UpdateTableInput(tableName: "Tab", provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 7, writeCapacityUnits: 9)), region: testRegion)
        #expect(updated.provisionedThroughput == ProvisionedThroughput(readCapacityUnits: 7, writeCapacityUnits: 9))
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 7, writeCapacityUnits: 9)), region: testRegion) }?.message.hasPrefix("The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 7. Requested ReadCapacityUnits: 7.") == true)
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab"), region: testRegion) }?.message.hasPrefix("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled") == true)
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Nope", deletionProtectionEnabled: true), region: testRegion) } == .notFound("Requested resource not found: Table: Nope not found"))
        let onDemand = try engine.updateTable(UpdateTableInput(tableName: "Tab", billingMode: .payPerRequest), region: testRegion)
        #expect(onDemand.billingMode == .payPerRequest)
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", provisionedThroughput: Self.units), region: testRegion) } == .validation(Self.invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"))
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", billingMode: .provisioned), region: testRegion) } == .validation(Self.invalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"))
    }

    @Test func updateTableCreatesABackfilledQueryableIndexAndDeletesIt() throws {
        try makeTable(engine, sortType: .n)
        try engine.put(["pk": .s("a"), "sk": num(1), "color": .s("red")])
        try engine.put(["pk": .s("b"), "sk": num(2), "color": .s("red")])
        try engine.put(["pk": .s("c"), "sk": num(3)])
        try engine.put(["pk": .s("d"), "sk": num(4), "color": num(5)])  // wrong type for the new index: not indexed
        let updated = try engine.updateTable(
            UpdateTableInput(tableName: "Tab", attributeDefinitions: [AttributeDefinition(attributeName: "color", attributeType: .s)], globalSecondaryIndexUpdates: [.create(gsi("byColor", hash: "color"))]),
            region: testRegion)
        #expect(updated.globalSecondaryIndexes.map(\.indexName) == ["byColor"])
        #expect(updated.globalSecondaryIndexes.first?.indexStatus == "CREATING")
        #expect(try engine.describeTable("Tab", region: testRegion).globalSecondaryIndexes.first?.indexStatus == "ACTIVE")
        #expect(updated.attributeDefinitions.contains(AttributeDefinition(attributeName: "color", attributeType: .s)))
        let page = try engine.query(ReadInput(tableName: "Tab", indexName: "byColor", keyConditionExpression: "color = :c", expressionParameters: ExpressionParameters(values: [":c": .s("red")])))
        #expect(page.count == 2)
        #expect(page.items?.map { $0["pk"] } == [.s("a"), .s("b")])
        #expect(try engine.scan(ReadInput(tableName: "Tab", indexName: "byColor")).count == 2)
        // New writes are indexed and type-checked.
        try engine.put(["pk": .s("e"), "sk": num(5), "color": .s("red")])
        #expect(try engine.query(ReadInput(tableName: "Tab", indexName: "byColor", keyConditionExpression: "color = :c", expressionParameters: ExpressionParameters(values: [":c": .s("red")]))).count == 3)
        #expect(caught { try engine.put(["pk": .s("f"), "sk": num(6), "color": num(1)]) } == .validation(Self.invalid + "Type mismatch for Index Key color Expected: S Actual: N IndexName: byColor"))
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", globalSecondaryIndexUpdates: [.create(gsi("byColor", hash: "color"))]), region: testRegion) } == .validation("Attempting to create an index which already exists"))
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", globalSecondaryIndexUpdates: [.delete(indexName: "byColor"), .delete(indexName: "byColor")]), region: testRegion) }
            == .validation(Self.invalid + "Only one global secondary index update per index is allowed simultaneously. Index: byColor"))
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", globalSecondaryIndexUpdates: [.invalid]), region: testRegion) }
            == .validation(Self.invalid + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"))
        let deleted = try engine.updateTable(UpdateTableInput(tableName: "Tab", globalSecondaryIndexUpdates: [.delete(indexName: "byColor")]), region: testRegion)
        #expect(deleted.globalSecondaryIndexes.map(\.indexStatus) == ["DELETING"])
        #expect(try engine.describeTable("Tab", region: testRegion).globalSecondaryIndexes.isEmpty)
        #expect(caught { try engine.query(ReadInput(tableName: "Tab", indexName: "byColor", keyConditionExpression: "color = :c", expressionParameters: ExpressionParameters(values: [":c": .s("red")]))) }
            == .validation("The table does not have the specified index: byColor"))
    }

    @Test func updateTableEnablesAndDisablesStreamsByTheLiveRules() throws {
        try makeTable(engine)
        let u = { (spec: StreamSpecification) throws(DynamoError) -> TableDescription in
            try engine.updateTable(UpdateTableInput(tableName: "Tab", streamSpecification: spec), region: testRegion)
        }
        #expect(caught { try u(StreamSpecification(streamEnabled: false)) } == .validation("Table has no stream to disable: TableName: Tab"))
        #expect(caught { try u(StreamSpecification(streamEnabled: true)) } == .validation(Self.invalid + "If stream is being enabled then UpdateViewType is required"))
        #expect(caught { try u(StreamSpecification(streamEnabled: false, streamViewType: .keysOnly)) } == .validation(Self.invalid + "If stream is being disabled, then UpdateViewType must not be specified"))
        #expect(caught { try u(StreamSpecification(streamEnabled: nil, streamViewType: .keysOnly)) }
            == .validation("1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"))
        let enabled = try u(StreamSpecification(streamEnabled: true, streamViewType: .newImage))
        #expect(enabled.streamSpecification == StreamSpecification(streamEnabled: true, streamViewType: .newImage))
        let firstArn = try #require(enabled.latestStreamArn)
        #expect(caught { try u(StreamSpecification(streamEnabled: true, streamViewType: .newImage)) } == .validation("Table already has an enabled stream: TableName: Tab"))
        #expect(caught { try u(StreamSpecification(streamEnabled: true, streamViewType: .keysOnly)) } == .validation("Table already has an enabled stream: TableName: Tab"))
        let disabled = try u(StreamSpecification(streamEnabled: false))
        #expect(disabled.streamSpecification == nil)
        #expect(disabled.latestStreamArn == firstArn)
        #expect(try engine.describeTable("Tab", region: testRegion).latestStreamArn == firstArn)
        engine.clock.advance(by: .seconds(1))
        let again = try u(StreamSpecification(streamEnabled: true, streamViewType: .keysOnly))
        #expect(again.latestStreamArn != firstArn)
        #expect(again.latestStreamArn?.hasPrefix("arn:aws:dynamodb:us-east-1:000000000000:table/Tab/stream/") == true)
    }

    @Test func updateTableRejectsStreamChangesCombinedWithOtherChanges() throws {
        _ = try create()
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", provisionedThroughput: Self.units, streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .keysOnly)), region: testRegion) }
            == .validation("You cannot modify stream status while updating table IOPS"))
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", globalSecondaryIndexUpdates: [.delete(indexName: "x")], streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .keysOnly)), region: testRegion) }
            == .validation("You cannot create or delete index while changing stream status"))
    }

    @Test func deleteTableHonoursDeletionProtection() throws {
        _ = try create(protection: true)
        #expect(caught { try engine.deleteTable("Tab", region: testRegion) } == .validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."))
        _ = try engine.updateTable(UpdateTableInput(tableName: "Tab", deletionProtectionEnabled: false), region: testRegion)
        let deleted = try engine.deleteTable("Tab", region: testRegion)
        #expect(deleted.tableStatus == "DELETING")
        #expect(caught { try engine.describeTable("Tab", region: testRegion) } == .notFound("Requested resource not found: Table: Tab not found"))
        #expect(caught { try engine.get(["pk": .s("a")]) } == .notFound("Requested resource not found"))
        #expect(caught { try engine.deleteTable("Tab", region: testRegion) } == .notFound("Requested resource not found: Table: Tab not found"))
    }

    @Test func deleteTableDropsItemsAndARecreatedTableIsEmpty() throws {
        try makeTable(engine)
        try engine.put(["pk": .s("a")])
        _ = try engine.deleteTable("Tab", region: testRegion)
        try makeTable(engine)
        #expect(try engine.get(["pk": .s("a")]) == nil)
        #expect(try engine.describeTable("Tab", region: testRegion).itemCount == 0)
    }

    @Test func createTableRejectsMoreThanTwoKeyElementsAndDuplicateDefinitions() {
        let defs = [Self.pk, Self.sk, AttributeDefinition(attributeName: "x", attributeType: .s)]
        let three = [Self.hash, Self.range, KeySchemaElement(attributeName: "x", keyType: .range)]
        #expect(caught { try create(definitions: defs, schema: three) }
            == .validation("1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), KeySchemaElement(attributeName=sk, keyType=RANGE), KeySchemaElement(attributeName=x, keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2"))
        #expect(caught { try create(definitions: [Self.pk, Self.pk]) } != nil)
    }

    @Test func tableCountsFollowWrites() throws {
        try makeTable(engine)
        try engine.put(["pk": .s("a"), "v": .s("12345")])
        try engine.put(["pk": .s("b")])
        var d = try engine.describeTable("Tab", region: testRegion)
        #expect(d.itemCount == 2)
        #expect(d.tableSizeBytes == (["pk": .s("a"), "v": .s("12345")] as AttributeMap).itemSize + (["pk": .s("b")] as AttributeMap).itemSize)
        try engine.put(["pk": .s("a")])
        try engine.delete(["pk": .s("b")])
        d = try engine.describeTable("Tab", region: testRegion)
        #expect(d.itemCount == 1)
        #expect(d.tableSizeBytes == (["pk": .s("a")] as AttributeMap).itemSize)
    }

    @Test func updateTableIndexCreationChecksDefinitionsAndThroughput() throws {
        _ = try create()
        let g = SecondaryIndexDefinition(indexName: "byG", keySchema: [KeySchemaElement(attributeName: "g", keyType: .hash)], projection: Projection(projectionType: .all))
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", globalSecondaryIndexUpdates: [.create(g)]), region: testRegion) }
            == .validation(Self.invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [g], AttributeDefinitions: [pk]"))
        let gDef = [AttributeDefinition(attributeName: "g", attributeType: .s)]
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", attributeDefinitions: gDef, globalSecondaryIndexUpdates: [.create(g)]), region: testRegion) }
            == .validation(Self.invalid + "ProvisionedThroughput is not specified for index: byG"))
        var withUnits = g
        withUnits.provisionedThroughput = Self.units
        let updated = try engine.updateTable(UpdateTableInput(tableName: "Tab", attributeDefinitions: gDef, globalSecondaryIndexUpdates: [.create(withUnits)]), region: testRegion)
        #expect(updated.globalSecondaryIndexes.first?.provisionedThroughput == Self.units)
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", globalSecondaryIndexUpdates: [.delete(indexName: "nope")]), region: testRegion) }?.code == .resourceNotFound)
        // A failed update changes nothing.
        #expect(caught { try engine.updateTable(UpdateTableInput(tableName: "Tab", provisionedThroughput: ProvisionedThroughput(readCapacityUnits: 9, writeCapacityUnits: 9), globalSecondaryIndexUpdates: [.delete(indexName: "nope")]), region: testRegion) }?.code == .resourceNotFound)
        #expect(try engine.describeTable("Tab", region: testRegion).provisionedThroughput == ProvisionedThroughput(readCapacityUnits: 5, writeCapacityUnits: 5))
    }
}
