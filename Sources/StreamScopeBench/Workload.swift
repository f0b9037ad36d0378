import DynamoEngine
import DynamoModel

/// The benchmark's items: ~200 bytes, 10 attributes, string partition key + number sort key.
enum Workload {
    static let partitions = 1000

    static func item(_ i: Int) -> AttributeMap {
        let p = i % partitions
        let cities = ["Lisbon", "Nairobi", "Osaka", "Toronto", "Santiago", "Tallinn"]
        return [
            "pk": .s("customer#\(String(p + 100_000))"),
            "sk": .n(DynamoNumber(i)),
            "name": .s("Customer number \(i)"),
            "email": .s("customer\(i)@example.com"),
            "city": .s(cities[i % cities.count]),
            "age": .n(DynamoNumber(18 + i % 60)),
            "score": .n(DynamoNumber(i * 7 % 1000)),
            "active": .bool(i % 3 != 0),
            "plan": .s(i % 2 == 0 ? "standard-monthly" : "premium-annual"),
            "note": .s("created by the StreamScope benchmark run"),
        ]
    }

    static func key(_ i: Int) -> AttributeMap {
        ["pk": .s("customer#\(String(i % partitions + 100_000))"), "sk": .n(DynamoNumber(i))]
    }

    static func createTable(_ engine: Engine, name: String, stream: StreamViewType? = nil) throws(DynamoError) {
        _ = try engine.createTable(
            CreateTableInput(
                tableName: name,
                attributeDefinitions: [.init(attributeName: "pk", attributeType: .s), .init(attributeName: "sk", attributeType: .n)],
                keySchema: [.init(attributeName: "pk", keyType: .hash), .init(attributeName: "sk", keyType: .range)],
                billingMode: .payPerRequest,
                streamSpecification: stream.map { StreamSpecification(streamEnabled: true, streamViewType: $0) }),
            region: "us-east-1")
    }
}
