import DynamoEngine
import DynamoModel
import MonitorUI

/// The workspace `streamscope` opens on (unless `--empty`): an `Orders` table (`pk` S, `sk` N)
/// with a NEW_AND_OLD_IMAGES stream, a few orders, and a slow write generator, so every screen
/// is alive from the first second.
enum DemoWorkspace {
    /// The demo table.
    static let tableName = "Orders"

    /// The `:` command that starts the monitor's write generator on the demo table: about two
    /// writes a second, 40 % inserts, 40 % updates, 20 % deletes.
    static let generatorCommand = "gen 2 40/40/20 \(tableName)"

    /// The first orders: nested maps and lists, so Flow's diffs have something to show.
    static let items: [AttributeMap] = [
        order(customer: "CUST#1001", number: 1, status: "PENDING", total: 42, city: "Lisbon", lines: ["keyboard", "mouse"]),
        order(customer: "CUST#1001", number: 2, status: "SHIPPED", total: 129, city: "Lisbon", lines: ["monitor"]),
        order(customer: "CUST#1002", number: 1, status: "PAID", total: 18, city: "Oslo", lines: ["cable", "adapter", "hub"]),
        order(customer: "CUST#1003", number: 1, status: "DELIVERED", total: 310, city: "Kyoto", lines: ["chair"]),
        order(customer: "CUST#1004", number: 7, status: "PENDING", total: 64, city: "Québec", lines: ["lamp", "bulb"]),
    ]

    /// Creates the table with its stream and writes ``items``, followed by one update and one
    /// delete so the stream holds every event type.
    static func create(in engine: EngineMonitorAdapter) throws(DynamoError) {
        try engine.createTable(
            name: tableName, hashKey: KeyAttribute(name: "pk", type: "S"), rangeKey: KeyAttribute(name: "sk", type: "N"),
            streamViewType: .newAndOldImages)
        for item in items { try engine.putItem(table: tableName, item: item) }
        // `status` is a reserved word, so this update goes to the engine with a name placeholder.
        let update = UpdateItemInput(
            tableName: tableName, key: ["pk": .s("CUST#1001"), "sk": .n(DynamoNumber(1))],
            updateExpression: "SET #s = :s, shipping.carrier = :c",
            expressionParameters: ExpressionParameters(names: ["#s": "status"], values: [":s": .s("PAID"), ":c": .s("DHL")]))
        _ = try engine.engine.updateItem(update, region: engine.region)
        try engine.deleteItem(table: tableName, key: ["pk": .s("CUST#1004"), "sk": .n(DynamoNumber(7))])
    }

    private static func order(customer: String, number: Int, status: String, total: Int, city: String, lines: [String]) -> AttributeMap {
        [
            "pk": .s(customer),
            "sk": .n(DynamoNumber(number)),
            "status": .s(status),
            "total": .n(DynamoNumber(total)),
            "shipping": .m(["city": .s(city), "express": .bool(total > 100)]),
            "lines": .l(lines.map { .s($0) }),
        ]
    }
}
