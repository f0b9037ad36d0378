import DynamoEngine
import DynamoModel
import Testing

/// The region every test uses unless it tests regions.
let testRegion = "us-east-1"

/// A fresh engine on a manual virtual clock.
func makeEngine(configuration: EngineConfiguration = EngineConfiguration()) -> Engine {
    Engine(clock: VirtualClock.manual(), configuration: configuration)
}

/// An `N` attribute value from an integer.
func num(_ value: Int) -> AttributeValue { .n(DynamoNumber(value)) }

/// An `N` attribute value from its text (test literals only).
func num(_ text: String) -> AttributeValue {
    do { return .n(try DynamoNumber(parsing: text)) } catch { fatalError("bad number literal \(text): \(error)") }
}

/// Runs `body` and returns the `DynamoError` it threw, or nil (any other error is a test failure).
func caught<R>(_ body: () throws -> R, sourceLocation: SourceLocation = #_sourceLocation) -> DynamoError? {
    do {
        _ = try body()
        return nil
    } catch let error as DynamoError {
        return error
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A provisioned table with a string partition key `pk` and, optionally, a sort key `sk` of `sortType`.
@discardableResult
func makeTable(
    _ engine: Engine, _ name: String = "Tab", sortType: ScalarAttributeType? = nil, hashType: ScalarAttributeType = .s,
    extraDefinitions: [AttributeDefinition] = [], localIndexes: [SecondaryIndexDefinition]? = nil,
    globalIndexes: [SecondaryIndexDefinition]? = nil, stream: StreamViewType? = nil
) throws(DynamoError) -> TableDescription {
    var definitions = [AttributeDefinition(attributeName: "pk", attributeType: hashType)]
    var schema = [KeySchemaElement(attributeName: "pk", keyType: .hash)]
    if let sortType {
        definitions.append(AttributeDefinition(attributeName: "sk", attributeType: sortType))
        schema.append(KeySchemaElement(attributeName: "sk", keyType: .range))
    }
    return try engine.createTable(
        CreateTableInput(
            tableName: name, attributeDefinitions: definitions + extraDefinitions, keySchema: schema,
            billingMode: .payPerRequest, localSecondaryIndexes: localIndexes, globalSecondaryIndexes: globalIndexes,
            streamSpecification: stream.map { StreamSpecification(streamEnabled: true, streamViewType: $0) }),
        region: testRegion)
}

/// A GSI definition for PAY_PER_REQUEST tables.
func gsi(_ name: String, hash: String, range: String? = nil, projection: Projection = Projection(projectionType: .all)) -> SecondaryIndexDefinition {
    var schema = [KeySchemaElement(attributeName: hash, keyType: .hash)]
    if let range { schema.append(KeySchemaElement(attributeName: range, keyType: .range)) }
    return SecondaryIndexDefinition(indexName: name, keySchema: schema, projection: projection)
}

extension Engine {
    @discardableResult
    func put(_ item: AttributeMap, into table: String = "Tab") throws(DynamoError) -> WriteItemOutput {
        try putItem(PutItemInput(tableName: table, item: item), region: testRegion)
    }

    func get(_ key: AttributeMap, from table: String = "Tab") throws(DynamoError) -> AttributeMap? {
        try getItem(GetItemInput(tableName: table, key: key), region: testRegion).item
    }

    @discardableResult
    func update(
        _ key: AttributeMap, in table: String = "Tab", _ expression: String?, condition: String? = nil,
        names: [String: String]? = nil, values: [String: AttributeValue]? = nil, returnValues: ReturnValue? = nil
    ) throws(DynamoError) -> WriteItemOutput {
        try updateItem(
            UpdateItemInput(
                tableName: table, key: key, updateExpression: expression, conditionExpression: condition,
                expressionParameters: ExpressionParameters(names: names, values: values), returnValues: returnValues),
            region: testRegion)
    }

    @discardableResult
    func delete(_ key: AttributeMap, from table: String = "Tab") throws(DynamoError) -> WriteItemOutput {
        try deleteItem(DeleteItemInput(tableName: table, key: key), region: testRegion)
    }

    func query(_ input: ReadInput) throws(DynamoError) -> ReadOutput { try query(input, region: testRegion) }
    func scan(_ input: ReadInput) throws(DynamoError) -> ReadOutput { try scan(input, region: testRegion) }

    /// Every page of a Query or Scan, following LastEvaluatedKey.
    func allPages(_ input: ReadInput, isQuery: Bool, maxPages: Int = 10_000) throws(DynamoError) -> [ReadOutput] {
        var pages: [ReadOutput] = []
        var request = input
        while pages.count < maxPages {
            let page = isQuery ? try query(request) : try scan(request)
            pages.append(page)
            guard let next = page.lastEvaluatedKey else { break }
            request.exclusiveStartKey = next
        }
        return pages
    }
}

/// One `itemChanged` event of the change feed.
struct Change: Equatable, CustomStringConvertible {
    var table: String
    var eventName: StreamEventName
    var keys: AttributeMap

    var description: String { "\(eventName.rawValue) \(table) \(keys.dynamoJSONText)" }
}

/// Records the change feed of an engine. Subscribe before writing; `changes()` writes a unique
/// marker item and returns every item change published before it.
final class ChangeRecorder {
    static let markerTable = "ChangeFeedMarker"
    private let engine: Engine
    private var iterator: AsyncStream<EngineEvent>.Iterator
    private var markers = 0

    init(_ engine: Engine) throws {
        self.engine = engine
        iterator = engine.events(bufferingNewest: 100_000).makeAsyncIterator()
        try makeTable(engine, Self.markerTable)
    }

    func changes() async throws -> [Change] {
        markers += 1
        let marker = AttributeValue.s("marker-\(markers)")
        try engine.put(["pk": marker], into: Self.markerTable)
        var out: [Change] = []
        while let event = await iterator.next() {
            guard case .itemChanged(let table, _, let name, let keys) = event else { continue }
            if table == Self.markerTable {
                if keys["pk"] == marker { return out }
                continue
            }
            out.append(Change(table: table, eventName: name, keys: keys))
        }
        Issue.record("change feed ended before the marker")
        return out
    }
}
