import DynamoEngine
import DynamoModel

/// In-process figures of the engine core (issue 2).
enum EngineBench {
    /// Resident bytes per item of a fresh table, measured in a child process.
    static func memoryPerItem(_ count: Int) throws(DynamoError) -> Double {
        try MemoryProbe.measure(kind: "items", count: count) / Double(count)
    }

    static func run(_ report: Report, itemCount: Int) throws(DynamoError) {
        report.header("Engine core, in-process, one thread (\(itemCount) items, string pk + number sk)")
        let engine = Engine(clock: VirtualClock.manual())
        try Workload.createTable(engine, name: "Bench")
        let items = (0..<itemCount).map(Workload.item)
        let averageSize = Double(items.reduce(0) { $0 + $1.itemSize }) / Double(items.count)
        let inputs = items.map { PutItemInput(tableName: "Bench", item: $0) }
        var failure: DynamoError?
        let putSeconds = measure {
            for input in inputs {
                do throws(DynamoError) { _ = try engine.putItem(input, region: "us-east-1") } catch { failure = error }
            }
        }
        if let failure { throw failure }
        report.add(.info("average item size (DynamoDB size)", averageSize, "bytes"))
        report.add(.atMost("resident memory per stored item / item size", try memoryPerItem(itemCount) / averageSize, "x", 3))

        let keys = (0..<itemCount).map(Workload.key)
        let getInputs = keys.map { GetItemInput(tableName: "Bench", key: $0) }
        // Five timed rounds over every key; the best round counts (the others show the machine's noise).
        let rounds = 5
        var found = 0
        var bestGetSeconds = Double.infinity
        for _ in 0..<rounds {
            let seconds = measure {
                for input in getInputs {
                    if (try? engine.getItem(input, region: "us-east-1"))?.item != nil { found += 1 }
                }
            }
            bestGetSeconds = min(bestGetSeconds, seconds)
        }
        guard found == itemCount * rounds else {
            throw .validation("benchmark: GetItem found \(found) of \(itemCount * rounds) items")
        }
        report.add(.atLeast("GetItem (best of \(rounds) rounds)", Double(itemCount) / bestGetSeconds, "ops/s", 1_000_000))

        let updateInputs = keys.map {
            UpdateItemInput(
                tableName: "Bench", key: $0, updateExpression: "SET #c = :city ADD score :one",
                expressionParameters: ExpressionParameters(names: ["#c": "city"], values: [":city": .s("Porto"), ":one": .n(DynamoNumber(1))]))
        }
        let updateSeconds = measure {
            for input in updateInputs {
                do throws(DynamoError) { _ = try engine.updateItem(input, region: "us-east-1") } catch { failure = error }
            }
        }
        if let failure { throw failure }
        report.add(.info("UpdateItem (SET + ADD, expression parsed per call)", Double(itemCount) / updateSeconds, "ops/s"))

        var queried = 0
        let queryInputs = (0..<Workload.partitions).map { p in
            ReadInput(
                tableName: "Bench", keyConditionExpression: "pk = :p",
                expressionParameters: ExpressionParameters(values: [":p": .s("customer#\(String(p + 100_000))")]))
        }
        let querySeconds = measure {
            for input in queryInputs {
                if let out = try? engine.query(input, region: "us-east-1") { queried += out.count }
            }
        }
        guard queried == itemCount else {
            throw .validation("benchmark: Query returned \(queried) of \(itemCount) items")
        }
        report.add(.info("Query (whole partitions of \(itemCount / Workload.partitions) items)", Double(Workload.partitions) / querySeconds, "queries/s"))
        report.add(.info("Query items returned", Double(queried) / querySeconds, "items/s"))

        // Two more PutItem runs on fresh tables, last so that their memory churn cannot disturb the
        // figures above; the best of the three counts, as for the other throughputs.
        var bestPut = Double(itemCount) / putSeconds
        for _ in 0..<2 { bestPut = max(bestPut, try StreamsBench.putThroughput(stream: nil, count: itemCount)) }
        report.add(.atLeast("PutItem (new items, best of 3 fresh tables)", bestPut, "ops/s", 500_000))
    }
}
