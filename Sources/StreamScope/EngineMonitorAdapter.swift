import DynamoEngine
import DynamoModel
import MonitorUI

/// The embedded ``DynamoEngine/Engine`` as the monitor sees it (``MonitorUI/MonitorEngine``).
///
/// Writes go to the table's own region when a table of that name exists only elsewhere (a client
/// through the endpoint may use another region), else to ``region``. Stream reads (the Flow
/// backfill, the Retention counts) use the DynamoDB Streams API of the engine, exactly as a
/// consumer over the wire would.
struct EngineMonitorAdapter: MonitorEngine {
    /// The engine behind the monitor.
    let engine: Engine
    /// The region of the monitor's own writes (`--region`).
    let region: String

    init(engine: Engine, region: String = "us-east-1") {
        self.engine = engine
        self.region = region
    }

    var clock: VirtualClock { engine.clock }

    func tableSummaries() -> [TableSummary] {
        engine.tableSummaries().sorted { ($0.name, $0.region) < ($1.name, $1.region) }
    }

    func streamSummaries() -> [StreamSummary] { engine.streamSummaries() }

    func recordCount(streamArn: String, shardId: String, createdBefore instant: VirtualInstant) -> Int {
        var count = 0
        forEachRecordPage(streamArn: streamArn, shardId: shardId) { records in
            for record in records {
                guard record.approximateCreationDateTime < instant else { return false }
                count += 1
            }
            return true
        }
        return count
    }

    func recentRecords(limit: Int) -> [FlowRecord] {
        guard limit > 0 else { return [] }
        var newest: [FlowRecord] = []
        for stream in engine.streamSummaries() {
            for shard in stream.shards where shard.recordCount > 0 {
                var fromShard: [FlowRecord] = []
                forEachRecordPage(streamArn: stream.streamArn, shardId: shard.shardId, region: stream.region) { records in
                    fromShard += records.map { FlowRecord(tableName: stream.tableName, streamArn: stream.streamArn, shardId: shard.shardId, record: $0) }
                    if fromShard.count > 2 * limit { fromShard.removeFirst(fromShard.count - limit) }
                    return true
                }
                newest += fromShard.suffix(limit)
            }
        }
        newest.sort {
            ($0.record.approximateCreationDateTime, $0.record.sequenceNumber) < ($1.record.approximateCreationDateTime, $1.record.sequenceNumber)
        }
        return Array(newest.suffix(limit))
    }

    /// No stream readers run inside the monitor process (Lambda mappings and KCL workers are
    /// external clients of the endpoint, whose positions the engine does not see).
    func readerPositions() -> [ReaderPosition] { [] }

    func scanPage(table: String, startKey: AttributeMap?, limit: Int) throws(DynamoError) -> (items: [AttributeMap], lastKey: AttributeMap?) {
        let output = try engine.scan(ReadInput(tableName: table, limit: limit, exclusiveStartKey: startKey), region: region(of: table))
        return (output.items ?? [], output.lastEvaluatedKey)
    }

    func putItem(table: String, item: AttributeMap) throws(DynamoError) {
        _ = try engine.putItem(PutItemInput(tableName: table, item: item), region: region(of: table))
    }

    func updateItem(table: String, key: AttributeMap, updateExpression: String, values: [String: AttributeValue]) throws(DynamoError) {
        let names = Self.selfNamedPlaceholders(in: updateExpression)
        let parameters = ExpressionParameters(names: names.isEmpty ? nil : names, values: values.isEmpty ? nil : values)
        _ = try engine.updateItem(UpdateItemInput(tableName: table, key: key, updateExpression: updateExpression, expressionParameters: parameters), region: region(of: table))
    }

    /// `#name` placeholders typed at the monitor's update prompt stand for the attribute of the same
    /// name, so reserved words (`status`, `total`, …) can be updated as `#status` without a names map.
    static func selfNamedPlaceholders(in expression: String) -> [String: String] {
        var names: [String: String] = [:]
        var current: [UInt8]? = nil
        func flush() {
            if let token = current, token.count > 1 {
                let text = String(decoding: token, as: UTF8.self)
                names[text] = String(text.dropFirst())
            }
            current = nil
        }
        for c in expression.utf8 {
            let isNameCharacter = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
            if c == UInt8(ascii: "#") {
                flush()
                current = [c]
            } else if current != nil && isNameCharacter {
                current?.append(c)
            } else {
                flush()
            }
        }
        flush()
        return names
    }

    func deleteItem(table: String, key: AttributeMap) throws(DynamoError) {
        _ = try engine.deleteItem(DeleteItemInput(tableName: table, key: key), region: region(of: table))
    }

    func createTable(name: String, hashKey: KeyAttribute, rangeKey: KeyAttribute?, streamViewType: StreamViewType?) throws(DynamoError) {
        var definitions = [AttributeDefinition(attributeName: hashKey.name, attributeType: try Self.scalarType(hashKey))]
        var schema = [KeySchemaElement(attributeName: hashKey.name, keyType: .hash)]
        if let rangeKey {
            definitions.append(AttributeDefinition(attributeName: rangeKey.name, attributeType: try Self.scalarType(rangeKey)))
            schema.append(KeySchemaElement(attributeName: rangeKey.name, keyType: .range))
        }
        let stream = streamViewType.map { StreamSpecification(streamEnabled: true, streamViewType: $0) }
        let input = CreateTableInput(
            tableName: name, attributeDefinitions: definitions, keySchema: schema,
            billingMode: .payPerRequest, streamSpecification: stream)
        _ = try engine.createTable(input, region: region)
    }

    /// Enables, disables or changes the view type of a table's stream. A change of view type is
    /// a disable followed by an enable, as DynamoDB requires (the old stream stays readable for 24 h).
    func setStream(table: String, viewType: StreamViewType?) throws(DynamoError) {
        let tableRegion = region(of: table)
        let current = engine.tableSummaries().first { $0.name == table && $0.region == tableRegion }?.streamViewType
        if current == viewType, viewType != nil {
            throw .validation("Table already has an enabled stream: TableName: \(table)")
        }
        if current != nil, viewType != nil {
            _ = try engine.updateTable(UpdateTableInput(tableName: table, streamSpecification: StreamSpecification(streamEnabled: false)), region: tableRegion)
        }
        let specification = viewType.map { StreamSpecification(streamEnabled: true, streamViewType: $0) } ?? StreamSpecification(streamEnabled: false)
        _ = try engine.updateTable(UpdateTableInput(tableName: table, streamSpecification: specification), region: tableRegion)
    }

    func events(bufferingNewest: Int) -> AsyncStream<EngineEvent> { engine.events(bufferingNewest: bufferingNewest) }

    func clockDidChange() { engine.clockDidChange() }

    // MARK: - Helpers

    /// ``region``, unless the only table of that name lives in another region.
    func region(of table: String) -> String {
        let regions = engine.tableSummaries().filter { $0.name == table }.map(\.region)
        if regions.isEmpty || regions.contains(region) { return region }
        return regions.sorted()[0]
    }

    static func scalarType(_ key: KeyAttribute) throws(DynamoError) -> ScalarAttributeType {
        guard let type = ScalarAttributeType(rawValue: key.type) else {
            throw .validation("Member must satisfy enum value set: [B, N, S] (attribute \(key.name) has type \(key.type))")
        }
        return type
    }

    /// Reads a shard from its trim horizon, one GetRecords page at a time, until `body` returns
    /// false or the shard has nothing more. A shard that vanished meanwhile simply ends the read.
    private func forEachRecordPage(streamArn: String, shardId: String, region: String? = nil, _ body: ([StreamRecord]) -> Bool) {
        let streamRegion = region ?? engine.streamSummaries().first { $0.streamArn == streamArn }?.region ?? self.region
        do throws(DynamoError) {
            var iterator: String? = try engine.getShardIterator(streamArn: streamArn, shardId: shardId, type: .trimHorizon, sequenceNumber: nil, region: streamRegion)
            while let current = iterator {
                let page = try engine.getRecords(shardIterator: current, limit: 1000, region: streamRegion)
                if page.records.isEmpty || !body(page.records) { return }
                iterator = page.nextShardIterator
            }
        } catch {
            return
        }
    }
}
