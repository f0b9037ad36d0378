import DynamoEngine
import DynamoModel
import Testing

/// Streams end to end through the public ``Engine`` API, on a manual clock.
struct StreamsEngineTests {
    let engine: Engine
    let clock: VirtualClock
    let region = "eu-central-1"

    init() {
        clock = VirtualClock.manual()
        engine = Engine(clock: clock, configuration: EngineConfiguration())
    }

    @discardableResult
    func createTable(_ name: String = "Orders", stream: StreamViewType? = .newAndOldImages) throws -> TableDescription {
        try engine.createTable(
            CreateTableInput(
                tableName: name, attributeDefinitions: [AttributeDefinition(attributeName: "pk", attributeType: .s)],
                keySchema: [KeySchemaElement(attributeName: "pk", keyType: .hash)], billingMode: .payPerRequest,
                streamSpecification: stream.map { StreamSpecification(streamEnabled: true, streamViewType: $0) }
            ),
            region: region
        )
    }

    func put(_ item: AttributeMap, into table: String = "Orders") throws {
        _ = try engine.putItem(PutItemInput(tableName: table, item: item), region: region)
    }

    func shards(_ arn: String) throws -> [ShardDescription] {
        try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: region).shards
    }

    /// Every retained record of every shard, parents first.
    func readEverything(_ arn: String) throws -> [StreamRecord] {
        var out: [StreamRecord] = []
        for shard in try shards(arn) {
            var iterator: String? = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .trimHorizon, sequenceNumber: nil, region: region)
            while let current = iterator {
                let page = try engine.getRecords(shardIterator: current, limit: 100, region: region)
                out += page.records
                if page.records.isEmpty { break }
                iterator = page.nextShardIterator
            }
        }
        return out
    }

    @Test func writesBecomeRecordsAndNoOpWritesDoNot() throws {
        let arn = try #require(try createTable().latestStreamArn)
        try put(["pk": .s("a"), "v": .n(DynamoNumber(1))])
        try put(["pk": .s("a"), "v": .n(DynamoNumber(1))])           // identical: no record
        try put(["pk": .s("a"), "v": .n(DynamoNumber(2))])
        _ = try engine.updateItem(UpdateItemInput(tableName: "Orders", key: ["pk": .s("b")]), region: region)   // upsert: one INSERT
        _ = try engine.deleteItem(DeleteItemInput(tableName: "Orders", key: ["pk": .s("missing")]), region: region) // nothing
        _ = try engine.deleteItem(DeleteItemInput(tableName: "Orders", key: ["pk": .s("a")]), region: region)
        let records = try readEverything(arn)
        #expect(records.map(\.eventName) == [.insert, .modify, .insert, .remove])
        #expect(records[1].oldImage?["v"] == .n(DynamoNumber(1)))
        #expect(records[1].newImage?["v"] == .n(DynamoNumber(2)))
        #expect(records[2].newImage == ["pk": .s("b")])
        #expect(records[3].oldImage?["v"] == .n(DynamoNumber(2)))
        #expect(records.allSatisfy { $0.awsRegion == region && $0.streamViewType == .newAndOldImages && !$0.isServiceDelete })
    }

    @Test func latestSeesOnlyLaterWrites() throws {
        let arn = try #require(try createTable().latestStreamArn)
        try put(["pk": .s("before")])
        let shard = try #require(try shards(arn).first)
        let latest = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .latest, sequenceNumber: nil, region: region)
        try put(["pk": .s("after")])
        let page = try engine.getRecords(shardIterator: latest, limit: nil, region: region)
        #expect(page.records.map(\.keys) == [["pk": .s("after")]])
        #expect(page.nextShardIterator != nil)
    }

    @Test func disablingAndReEnablingCreatesANewStreamAndKeepsTheOldOneReadable() throws {
        let first = try #require(try createTable().latestStreamArn)
        try put(["pk": .s("one")])
        let disabled = try engine.updateTable(UpdateTableInput(tableName: "Orders", streamSpecification: StreamSpecification(streamEnabled: false)), region: region)
        #expect(disabled.latestStreamArn == first)
        try put(["pk": .s("unstreamed")])
        clock.advance(by: .seconds(1))
        let enabled = try engine.updateTable(UpdateTableInput(tableName: "Orders", streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .keysOnly)), region: region)
        let second = try #require(enabled.latestStreamArn)
        #expect(second != first)
        try put(["pk": .s("two")])

        let old = try engine.describeStream(streamArn: first, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: region)
        #expect(old.streamStatus == .disabled)
        #expect(old.shards.allSatisfy { $0.endingSequenceNumber != nil })
        #expect(try readEverything(first).map(\.keys) == [["pk": .s("one")]])
        let fresh = try readEverything(second)
        #expect(fresh.map(\.keys) == [["pk": .s("two")]])
        #expect(fresh.first?.newImage == nil)
        let listed = try engine.listStreams(tableName: "Orders", limit: nil, exclusiveStartStreamArn: nil, region: region)
        #expect(listed.streams.map(\.streamArn) == [second, first])
    }

    @Test func aDeletedTablesStreamStaysListedAndReadableUntilRetentionEnds() throws {
        let arn = try #require(try createTable().latestStreamArn)
        try put(["pk": .s("a")])
        _ = try engine.deleteTable("Orders", region: region)
        #expect(try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: region).streamStatus == .disabled)
        #expect(try readEverything(arn).count == 1)
        #expect(try engine.listStreams(tableName: "Orders", limit: nil, exclusiveStartStreamArn: nil, region: region).streams.map(\.streamArn) == [arn])
        clock.advance(by: .seconds(25 * 3600))
        let error = caught { () throws(DynamoError) in
            try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: region)
        }
        #expect(error?.code == .resourceNotFound)
        #expect(try engine.listStreams(tableName: nil, limit: nil, exclusiveStartStreamArn: nil, region: region).streams.isEmpty)
    }

    @Test func advancingTheClockPastRetentionTrimsAndRaisesTrimmedDataAccess() throws {
        let arn = try #require(try createTable().latestStreamArn)
        try put(["pk": .s("a")])
        try put(["pk": .s("b")])
        let shard = try #require(try shards(arn).first)
        let records = try readEverything(arn)
        clock.advance(by: .seconds(25 * 3600))
        // Rollovers happened meanwhile; the old shard is closed and empty but still described.
        let all = try shards(arn)
        #expect(all.count >= 2)
        #expect(all.first?.shardId == shard.shardId)
        let error = caught { () throws(DynamoError) in
            try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .afterSequenceNumber, sequenceNumber: records[0].sequenceNumber.description, region: region)
        }
        #expect(error?.code == .trimmedDataAccess)
        #expect(try readEverything(arn).isEmpty)
        // Iterators issued 25 h ago have long expired.
        clock.advance(by: .seconds(24 * 3600))
        #expect(try !shards(arn).contains { $0.shardId == shard.shardId })
    }

    @Test func expiredIteratorsAreRefusedAfterFifteenMinutes() throws {
        let arn = try #require(try createTable().latestStreamArn)
        let shard = try #require(try shards(arn).first)
        let iterator = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .trimHorizon, sequenceNumber: nil, region: region)
        clock.advance(by: .seconds(15 * 60))
        #expect(try engine.getRecords(shardIterator: iterator, limit: nil, region: region).records.isEmpty)
        clock.advance(by: .seconds(1))
        let error = caught { () throws(DynamoError) in try engine.getRecords(shardIterator: iterator, limit: nil, region: region) }
        #expect(error?.code == .expiredIterator)
    }

    @Test func ttlDeletionsAreServiceRemoves() throws {
        let arn = try #require(try createTable(stream: .oldImage).latestStreamArn)
        _ = try engine.updateTimeToLive(tableName: "Orders", enabled: true, attributeName: "ttl", region: region)
        let expiry = clock.now.wholeEpochSeconds + 10
        try put(["pk": .s("a"), "ttl": .n(DynamoNumber(Int(expiry)))])
        clock.advance(by: .seconds(60))
        engine.runMaintenance()
        let records = try readEverything(arn)
        #expect(records.map(\.eventName) == [.insert, .remove])
        #expect(records.last?.isServiceDelete == true)
        #expect(records.last?.oldImage?["pk"] == .s("a"))
    }

    @Test func rolloverAndAdminHooksKeepEveryRecordExactlyOnce() throws {
        let arn = try #require(try createTable().latestStreamArn)
        for i in 0..<20 { try put(["pk": .s("k\(i)")]) }
        try engine.forceRollover(streamArn: arn)
        for i in 20..<40 { try put(["pk": .s("k\(i)")]) }
        let open = try #require(try shards(arn).last)
        try engine.splitShard(streamArn: arn, shardId: open.shardId)
        for i in 40..<60 { try put(["pk": .s("k\(i)")]) }
        clock.advance(by: .seconds(4 * 3600))
        for i in 60..<80 { try put(["pk": .s("k\(i)")]) }
        let records = try readEverything(arn)
        #expect(records.count == 80)
        #expect(Set(records.map(\.keys)).count == 80)
        #expect(Set(records.map(\.sequenceNumber)).count == 80)
        let summary = try #require(engine.streamSummaries().first { $0.streamArn == arn })
        let described = try shards(arn)
        #expect(summary.shards.count == described.count)
        #expect(summary.shards.reduce(0) { $0 + $1.recordCount } == 80)
    }

    /// The monitor's clock keys move the clock by hand and then call `clockDidChange()`:
    /// observers hear of it, and what fell due (here trimming after 25 h) runs in that call,
    /// not at the next operation.
    @Test func aHandMovedClockIsAnnouncedAndWhatFellDueRunsAtOnce() async throws {
        try createTable()
        try put(["pk": .s("a")])
        try put(["pk": .s("b")])
        let events = engine.events(bufferingNewest: 100)
        clock.advance(by: .seconds(25 * 3600))
        engine.clockDidChange()
        #expect(engine.streamSummaries().flatMap(\.shards).reduce(0) { $0 + $1.recordCount } == 0)
        // A later write marks the end of what the clock change published.
        try put(["pk": .s("c")])
        var tags: [String] = []
        for await event in events {
            switch event {
            case .clockChanged: tags.append("clock")
            case .recordsTrimmed(_, _, let count): tags.append("trim \(count)")
            case .recordAppended: tags.append("append")
            default: break
            }
            if tags.last == "append" { break }
        }
        #expect(tags == ["clock", "trim 2", "append"])
    }

    @Test func observersSeeRecordsAndStreamStatus() async throws {
        let events = engine.events(bufferingNewest: 100)
        try createTable()
        try put(["pk": .s("a")])
        var tags: [String] = []
        for await event in events {
            switch event {
            case .streamStatusChanged(_, _, let status): tags.append(status.rawValue)
            case .recordAppended(_, _, let record): tags.append(record.eventName.rawValue)
            case .shardOpened: tags.append("shard")
            default: break
            }
            if tags.count == 4 { break }
        }
        #expect(tags == ["shard", "ENABLING", "ENABLED", "INSERT"])
    }
}
