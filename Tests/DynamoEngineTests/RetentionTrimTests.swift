import DynamoEngine
import DynamoModel
import Testing

/// Trimming after 24 hours, seen through the engine's public surface: record counts, retained
/// bytes and what GetRecords still returns.
struct RetentionTrimTests {
    let clock = VirtualClock.manual()
    let engine: Engine

    init() throws {
        engine = Engine(clock: clock)
        try makeTable(engine, stream: .newAndOldImages)
    }

    var shard: ShardSummary? {
        get throws { try engine.streamSummaries().first?.shards.first }
    }

    func readAll() throws -> [StreamRecord] {
        let arn = try #require(try engine.describeTable("Tab", region: testRegion).latestStreamArn)
        var records: [StreamRecord] = []
        for shard in try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: testRegion).shards {
            var iterator: String? = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .trimHorizon, sequenceNumber: nil, region: testRegion)
            while let current = iterator {
                let page = try engine.getRecords(shardIterator: current, limit: 1000, region: testRegion)
                records += page.records
                iterator = page.records.isEmpty ? nil : page.nextShardIterator
            }
        }
        return records
    }

    @Test func aPartialTrimKeepsTheNewerRecordsAndTheirBytes() throws {
        for i in 0..<3 { try engine.put(["pk": .s("old\(i)"), "v": .s(String(repeating: "x", count: i * 10))]) }
        clock.advance(by: .seconds(3600))
        for i in 0..<2 { try engine.put(["pk": .s("new\(i)"), "v": num(i)]) }
        let before = try readAll()
        #expect(before.count == 5)
        #expect(try shard?.retainedBytes == before.reduce(0) { $0 + $1.sizeBytes })

        clock.advance(by: .seconds(24 * 3600 - 1800))
        engine.runMaintenance()
        let kept = try readAll()
        #expect(kept.map { $0.keys["pk"] } == [.s("new0"), .s("new1")])
        #expect(try shard?.recordCount == 2)
        #expect(try shard?.trimmedCount == 3)
        #expect(try shard?.retainedBytes == kept.reduce(0) { $0 + $1.sizeBytes })

        clock.advance(by: .seconds(3600))
        engine.runMaintenance()
        #expect(try readAll().isEmpty)
        #expect(try shard?.recordCount == 0)
        #expect(try shard?.retainedBytes == 0)
        #expect(try shard?.trimmedCount == 5)
    }

    @Test func recordsTrimmedBeforeAnyReadLeaveNoBytesBehind() throws {
        for i in 0..<4 { try engine.put(["pk": .s("a\(i)")]) }
        clock.advance(by: .seconds(7200))
        try engine.put(["pk": .s("b")])
        // Nothing has been read (so nothing measured) when the first four expire.
        clock.advance(by: .seconds(23 * 3600))
        engine.runMaintenance()
        #expect(try shard?.recordCount == 1)
        let kept = try readAll()
        #expect(kept.map { $0.keys["pk"] } == [.s("b")])
        #expect(try shard?.retainedBytes == kept[0].sizeBytes)
    }
}
