import DynamoEngine
import DynamoModel
import Foundation
import WireProtocol
import WireServer

/// Figures of the wire endpoint (issues 2 and 3), server and load generator in one process.
enum WireBench {
    static func run(_ report: Report, seconds: Double, records: Int) async throws {
        report.header("Wire endpoint, keep-alive load on 127.0.0.1 (\(ProcessInfo.processInfo.activeProcessorCount) cores shared by server and load)")
        let engine = Engine(clock: VirtualClock.manual())
        try Workload.createTable(engine, name: "Wire")
        let server = WireServer(host: "127.0.0.1", port: 0, handler: AWSDispatcher(engine: engine))
        let port = try await server.start()
        let serving = Task { try await server.run() }
        defer { serving.cancel() }

        let bodies: [[UInt8]] = (0..<10_000).map { i in
            LoadGenerator.httpRequest(target: "DynamoDB_20120810.PutItem", body: "{\"TableName\":\"Wire\",\"Item\":\(Workload.item(i).dynamoJSONText)}")
        }
        let put = LoadGenerator.run(port: port, connections: 32, duration: seconds) { connection, i in
            bodies[(connection * 997 + i) % bodies.count]
        }
        report.add(.atLeast("PutItem over HTTP (32 keep-alive connections)", Double(put.requests) / put.seconds, "requests/s", 20_000))
        report.add(.info("PutItem over HTTP p50 latency", percentile(put.latencies, 50) * 1000, "ms"))
        report.add(.info("PutItem over HTTP p99 latency", percentile(put.latencies, 99) * 1000, "ms"))
        report.add(.atMost("PutItem over HTTP errors", Double(put.errors), "requests", 0))

        // Streams over the wire: drain records with GetRecords(Limit 1000), one call at a time.
        try Workload.createTable(engine, name: "WireStream", stream: .newAndOldImages)
        for i in 0..<records {
            _ = try engine.putItem(PutItemInput(tableName: "WireStream", item: Workload.item(i)), region: "us-east-1")
        }
        let arn = try engine.describeTable("WireStream", region: "us-east-1").latestStreamArn ?? ""
        let shards = try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: "us-east-1").shards
        guard let socket = LoadGenerator.connect(port: port) else { throw DynamoError.validation("benchmark: cannot connect") }
        defer { close(socket) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var latencies: [Double] = []
        var drained = 0
        let clock = ContinuousClock()
        let start = clock.now
        for shard in shards {
            var iterator: String? = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .trimHorizon, sequenceNumber: nil, region: "us-east-1")
            while let current = iterator {
                let request = LoadGenerator.httpRequest(target: "DynamoDBStreams_20120810.GetRecords", body: "{\"ShardIterator\":\"\(current)\",\"Limit\":1000}")
                let t0 = clock.now
                guard LoadGenerator.sendAll(socket, request), let (status, body) = LoadGenerator.readResponse(socket, &buffer), status == 200 else {
                    throw DynamoError.validation("benchmark: GetRecords over HTTP failed")
                }
                latencies.append((clock.now - t0).seconds)
                let json = try JSONValue.parse(body)
                let count = json["Records"]?.arrayValue?.count ?? 0
                drained += count
                iterator = count == 0 ? nil : json["NextShardIterator"]?.stringValue
            }
        }
        let elapsed = (clock.now - start).seconds
        latencies.sort()
        report.add(.info("drain \(drained) records over HTTP, GetRecords(Limit 1000)", Double(drained) / elapsed, "records/s"))
        report.add(.info("GetRecords over HTTP p99 per call", percentile(latencies, 99) * 1000, "ms"))
        await server.shutdown()
    }
}
