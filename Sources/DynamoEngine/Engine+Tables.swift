import DynamoModel
import Synchronization

// MARK: - Control plane: CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables, TTL

extension Engine {
    /// CreateTable (dynamodb-core §3.2).
    public func createTable(_ input: CreateTableInput, region: String) throws(DynamoError) -> TableDescription {
        try Validation.tableName(input.tableName, path: "tableName")
        let definition = try TableDefinitionValidator.validate(input)
        return try withState { state, sink throws(DynamoError) in
            let id = TableID(region: region, name: input.tableName)
            guard state.tables[id] == nil else {
                throw .inUse("Table already exists: \(input.tableName)")
            }
            let now = clock.now
            let arn = "arn:aws:dynamodb:\(region):\(configuration.accountId):table/\(input.tableName)"
            var indexes: [SecondaryIndex] = []
            for lsi in definition.localIndexes {
                indexes.append(SecondaryIndex(name: lsi.indexName, isGlobal: false, keySchema: lsi.schema, projection: lsi.projection, provisionedThroughput: nil, arn: "\(arn)/index/\(lsi.indexName)"))
            }
            for gsi in definition.globalIndexes {
                indexes.append(SecondaryIndex(name: gsi.indexName, isGlobal: true, keySchema: gsi.schema, projection: gsi.projection, provisionedThroughput: gsi.throughput, arn: "\(arn)/index/\(gsi.indexName)"))
            }
            var table = Table(
                name: input.tableName, region: region, arn: arn, tableId: state.idGenerator.uuid(),
                createdAt: now, keySchema: definition.keySchema, attributeDefinitions: input.attributeDefinitions,
                billingMode: input.billingMode ?? .provisioned,
                provisionedThroughput: input.provisionedThroughput ?? ProvisionedThroughput(readCapacityUnits: 0, writeCapacityUnits: 0),
                deletionProtectionEnabled: input.deletionProtectionEnabled ?? false, tableClass: input.tableClass,
                tags: input.tags ?? [], indexes: indexes
            )
            if let viewType = definition.streamViewType {
                let stream = state.streams.createStream(for: table.streamInfo(accountId: configuration.accountId), viewType: viewType, now: now, sink: &sink)
                table.streamViewType = viewType
                table.latestStreamArn = stream.arn
                table.latestStreamLabel = stream.label
            }
            state.tables[id] = table
            sink.emit(.tableCreated(table: input.tableName, region: region))
            var description = table.describe()
            // AWS reports CREATING in the CreateTable response; the table is ACTIVE by the first DescribeTable.
            description.tableStatus = "CREATING"
            for i in description.globalSecondaryIndexes.indices { description.globalSecondaryIndexes[i].indexStatus = "CREATING" }
            return description
        }
    }

    /// DescribeTable.
    public func describeTable(_ tableName: String, region: String) throws(DynamoError) -> TableDescription {
        try withState { state, _ throws(DynamoError) in
            try state.controlTable(tableName, region: region).describe()
        }
    }

    /// ListTables: names sorted by bytes, paginated by `ExclusiveStartTableName`.
    public func listTables(_ input: ListTablesInput, region: String) throws(DynamoError) -> ListTablesOutput {
        var errors: [(value: String, path: String, constraint: String)] = []
        if let start = input.exclusiveStartTableName {
            errors += Validation.nameErrors(start, path: "exclusiveStartTableName")
        }
        if let limit = input.limit, limit < 1 || limit > 100 {
            errors.append((
                "'\(limit)'", "limit",
                limit < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 100"
            ))
        }
        if !errors.isEmpty { throw .validation(Validation.constraintMessage(errors)) }
        return withStateNoThrow { state in
            var names = state.tables.keys.filter { $0.region == region }.map(\.name)
            names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            if let start = input.exclusiveStartTableName {
                names = names.filter { start.utf8.lexicographicallyPrecedes($0.utf8) }
            }
            let limit = input.limit ?? 100
            if names.count > limit {
                let page = Array(names.prefix(limit))
                return ListTablesOutput(tableNames: page, lastEvaluatedTableName: page.last)
            }
            return ListTablesOutput(tableNames: names, lastEvaluatedTableName: nil)
        }
    }

    /// DeleteTable: items vanish without stream records; an enabled stream becomes DISABLED.
    public func deleteTable(_ tableName: String, region: String) throws(DynamoError) -> TableDescription {
        try withState { state, sink throws(DynamoError) in
            let table = try state.controlTable(tableName, region: region)
            if table.deletionProtectionEnabled {
                throw .validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
            }
            let now = clock.now
            if table.hasStream, let arn = table.latestStreamArn {
                state.streams.disableStream(arn: arn, now: now, sink: &sink)
            }
            var description = table.describe()
            description.tableStatus = "DELETING"
            description.streamSpecification = nil
            state.tables[TableID(region: table.region, name: table.name)] = nil
            sink.emit(.tableDeleted(table: table.name, region: table.region))
            return description
        }
    }

    /// UpdateTable (dynamodb-core §3.5, streams.md §2.2).
    public func updateTable(_ input: UpdateTableInput, region: String) throws(DynamoError) -> TableDescription {
        try TableDefinitionValidator.validateUpdateShape(input)
        return try withState { state, sink throws(DynamoError) in
            let table = try state.controlTable(input.tableName, region: region)
            let id = TableID(region: table.region, name: table.name)
            var updated = table
            let now = clock.now
            try TableDefinitionValidator.applyUpdate(input, to: &updated)
            if let spec = input.streamSpecification {
                if spec.streamEnabled == true {
                    if updated.hasStream {
                        throw .validation("Table already has an enabled stream: TableName: \(table.name)")
                    }
                } else if !updated.hasStream {
                    throw .validation("Table has no stream to disable: TableName: \(table.name)")
                }
            }
            // Build new GSIs before committing anything.
            for i in updated.indexes.indices where updated.indexes[i].isGlobal && table.indexes.first(where: { $0.name == updated.indexes[i].name }) == nil {
                updated.backfill(indexAt: i)
            }
            if let spec = input.streamSpecification {
                if spec.streamEnabled == true, let viewType = spec.streamViewType {
                    let stream = state.streams.createStream(for: updated.streamInfo(accountId: configuration.accountId), viewType: viewType, now: now, sink: &sink)
                    updated.streamViewType = viewType
                    updated.latestStreamArn = stream.arn
                    updated.latestStreamLabel = stream.label
                } else if let arn = updated.latestStreamArn {
                    state.streams.disableStream(arn: arn, now: now, sink: &sink)
                    updated.streamViewType = nil
                }
            }
            state.tables[id] = updated
            sink.emit(.tableUpdated(table: table.name, region: table.region))
            // The response shows new GSIs as CREATING and deleted ones as DELETING, as AWS does;
            // DescribeTable shows the finished state (both transitions take no time here).
            var description = updated.describe()
            let before = table.describe().globalSecondaryIndexes
            for i in description.globalSecondaryIndexes.indices where !before.contains(where: { $0.indexName == description.globalSecondaryIndexes[i].indexName }) {
                description.globalSecondaryIndexes[i].indexStatus = "CREATING"
            }
            for var index in before where !description.globalSecondaryIndexes.contains(where: { $0.indexName == index.indexName }) {
                index.indexStatus = "DELETING"
                description.globalSecondaryIndexes.append(index)
            }
            return description
        }
    }

    /// UpdateTimeToLive.
    public func updateTimeToLive(tableName: String, enabled: Bool, attributeName: String, region: String) throws(DynamoError) -> (enabled: Bool, attributeName: String) {
        if attributeName.isEmpty || attributeName.utf8.count > 255 {
            throw .validation(Validation.constraintMessage([(
                "'\(attributeName)'", "timeToLiveSpecification.attributeName",
                attributeName.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 255"
            )]))
        }
        return try withState { state, sink throws(DynamoError) in
            let table = try state.controlTable(tableName, region: region)
            let id = TableID(region: table.region, name: table.name)
            if enabled {
                if let current = table.ttlAttribute {
                    if current != attributeName {
                        throw .validation("TimeToLive is active on a different AttributeName: current AttributeName is \(current)")
                    }
                    throw .validation("TimeToLive is already enabled")
                }
                state.tables[id]?.ttlAttribute = attributeName
            } else {
                guard table.ttlAttribute != nil else { throw .validation("TimeToLive is already disabled") }
                state.tables[id]?.ttlAttribute = nil
            }
            sink.emit(.tableUpdated(table: table.name, region: table.region))
            return (enabled, attributeName)
        }
    }

    /// DescribeTimeToLive.
    public func describeTimeToLive(tableName: String, region: String) throws(DynamoError) -> TimeToLiveDescription {
        try withState { state, _ throws(DynamoError) in
            let table = try state.controlTable(tableName, region: region)
            if let attribute = table.ttlAttribute {
                return TimeToLiveDescription(status: "ENABLED", attributeName: attribute)
            }
            return TimeToLiveDescription(status: "DISABLED", attributeName: nil)
        }
    }

    /// Summaries of every table, for the monitor.
    public func tableSummaries() -> [TableSummary] {
        withStateNoThrow { state in
            state.tables.values.map(\.summary).sorted { ($0.region, $0.name) < ($1.region, $1.name) }
        }
    }

    /// Tags of a table (ListTagsOfResource).
    public func tags(ofResource arn: String, region: String) throws(DynamoError) -> [Tag] {
        try withState { state, _ throws(DynamoError) in
            try state.controlTable(arn, region: region).tags
        }
    }

    /// TagResource / UntagResource.
    public func updateTags(ofResource arn: String, adding: [Tag], removingKeys: [String], region: String) throws(DynamoError) {
        try withState { state, _ throws(DynamoError) in
            let table = try state.controlTable(arn, region: region)
            var tags = table.tags.filter { tag in !removingKeys.contains(tag.key) && !adding.contains { $0.key == tag.key } }
            tags.append(contentsOf: adding)
            state.tables[TableID(region: table.region, name: table.name)]?.tags = tags
        }
    }

    func withStateNoThrow<R>(_ body: (inout EngineState) -> R) -> R {
        let now = clock.now
        var sink = EventSink(isActive: observers.isActive)
        let result = state.withLock { state in
            state.maintainIfDue(now: now, sink: &sink)
            return body(&state)
        }
        if !sink.events.isEmpty { observers.publish(sink.events) }
        return result
    }
}

extension EngineState {
    /// A table for a control-plane operation (not-found text names the table).
    func controlTable(_ nameOrArn: String, region: String) throws(DynamoError) -> Table {
        let id = tableID(nameOrArn, region: region)
        guard let table = tables[id] else {
            throw .notFound("Requested resource not found: Table: \(id.name) not found")
        }
        return table
    }

    /// A table for a data-plane operation.
    func dataTable(_ nameOrArn: String, region: String) throws(DynamoError) -> Table {
        guard let table = tables[tableID(nameOrArn, region: region)] else {
            throw .notFound("Requested resource not found")
        }
        return table
    }
}

extension Table {
    func streamInfo(accountId: String) -> StreamTableInfo {
        StreamTableInfo(tableName: name, region: region, accountId: accountId, tableArn: arn, keySchema: keySchema.elements)
    }

    func describe() -> TableDescription {
        func describeIndex(_ index: SecondaryIndex) -> SecondaryIndexDescription {
            SecondaryIndexDescription(
                indexName: index.name, keySchema: index.keySchema.elements, projection: index.projection,
                indexStatus: index.isGlobal ? "ACTIVE" : nil,
                provisionedThroughput: index.isGlobal ? (index.provisionedThroughput ?? ProvisionedThroughput(readCapacityUnits: 0, writeCapacityUnits: 0)) : nil,
                indexSizeBytes: index.sizeBytes, itemCount: index.store.count, indexArn: index.arn
            )
        }
        return TableDescription(
            tableName: name, tableArn: arn, tableId: tableId, tableStatus: status, creationDateTime: createdAt,
            keySchema: keySchema.elements, attributeDefinitions: attributeDefinitions, billingMode: billingMode,
            provisionedThroughput: provisionedThroughput, tableSizeBytes: sizeBytes, itemCount: store.count,
            localSecondaryIndexes: indexes.filter { !$0.isGlobal }.map(describeIndex),
            globalSecondaryIndexes: indexes.filter(\.isGlobal).map(describeIndex),
            streamSpecification: streamViewType.map { StreamSpecification(streamEnabled: true, streamViewType: $0) },
            latestStreamLabel: latestStreamLabel, latestStreamArn: latestStreamArn,
            deletionProtectionEnabled: deletionProtectionEnabled, tableClass: tableClass
        )
    }
}
