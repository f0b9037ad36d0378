@testable import DynamoEngine
import DynamoModel
import Testing

/// Shard lifecycle under a hand-moved clock: status, rollover, split, trimming, expiry.
struct StreamsShardLifecycleTests {
    static func configuration(
        retention: Duration = .seconds(24 * 3600), rollover: Duration = .seconds(4 * 3600), split: Int? = nil
    ) -> EngineConfiguration {
        var c = EngineConfiguration()
        c.streamRetention = retention
        c.shardRolloverInterval = rollover
        c.shardSplitThreshold = split
        return c
    }

    @Test func enablingPublishesEnablingThenEnabledWithOneRootShard() throws {
        var h = StreamsHarness()
        let arn = h.createStream()
        #expect(h.drainEvents().map(\.streamsTag) == ["open root", "ENABLING", "ENABLED"])
        let description = try h.describe(arn)
        #expect(description.streamStatus == .enabled)
        #expect(description.shards.count == 1)
        #expect(description.tableName == "Orders")
        #expect(description.creationRequestDateTime == h.now)
    }

    @Test func aConfiguredTransitionDelayKeepsTheStreamEnablingUntilItPasses() throws {
        var h = StreamsHarness()
        h.registry.statusTransitionDelay = .seconds(4)
        let arn = h.createStream()
        #expect(try h.describe(arn).streamStatus == .enabling)
        #expect(h.registry.nextMaintenanceDue == h.now + .seconds(4))
        // Writes are captured while ENABLING.
        h.insert(arn, "a")
        h.advance(.seconds(3))
        #expect(try h.describe(arn).streamStatus == .enabling)
        h.advance(.seconds(1))
        #expect(try h.describe(arn).streamStatus == .enabled)
        h.registry.disableStream(arn: arn, now: h.now, sink: &h.sink)
        #expect(try h.describe(arn).streamStatus == .disabling)
        h.advance(.seconds(4))
        #expect(try h.describe(arn).streamStatus == .disabled)
        let shard = try #require(h.describe(arn).shards.first)
        #expect(try h.readAll(arn, shard: shard.shardId).count == 1)
    }

    @Test func rolloverClosesTheShardAndOpensOneChildAfterTheInterval() throws {
        var h = StreamsHarness(configuration: Self.configuration(rollover: .seconds(3600)))
        let arn = h.createStream()
        h.insert(arn, "a")
        h.insert(arn, "b")
        _ = h.drainEvents()
        h.advance(.seconds(3599))
        #expect(try h.describe(arn).shards.count == 1)
        h.advance(.seconds(1))
        // The child is registered before the parent closes.
        #expect(h.drainEvents().map(\.streamsTag) == ["open child", "close"])
        let shards = try h.describe(arn).shards
        #expect(shards.count == 2)
        let (parent, child) = (shards[0], shards[1])
        #expect(child.parentShardId == parent.shardId)
        #expect(child.endingSequenceNumber == nil)
        let records = try h.readAll(arn, shard: parent.shardId)
        #expect(parent.endingSequenceNumber == records.last?.sequenceNumber)
        #expect(child.startingSequenceNumber > parent.endingSequenceNumber ?? child.startingSequenceNumber)
        #expect(child.shardId.hasPrefix("shardId-00000001800003600123-"))
        h.insert(arn, "c")
        let childRecords = try h.readAll(arn, shard: child.shardId)
        #expect(childRecords.map(\.keys) == [["pk": .s("c")]])
        #expect(childRecords.first?.sequenceNumber == child.startingSequenceNumber)
    }

    @Test func anEmptyShardClosesWithEndingEqualToStarting() throws {
        var h = StreamsHarness(configuration: Self.configuration(rollover: .seconds(60)))
        let arn = h.createStream()
        h.advance(.seconds(60))
        let shards = try h.describe(arn).shards
        #expect(shards.count == 2)
        #expect(shards[0].endingSequenceNumber == shards[0].startingSequenceNumber)
        #expect(shards[1].startingSequenceNumber > shards[0].startingSequenceNumber)
    }

    @Test func aShardSplitsIntoTwoChildrenWhenItsRatePassesTheThresholdAndKeysStayInOneLineage() throws {
        var h = StreamsHarness(configuration: Self.configuration(split: 10))
        let arn = h.createStream()
        for i in 0..<11 { h.insert(arn, "k\(i)") }
        let shards = try h.describe(arn).shards
        #expect(shards.count == 3)
        #expect(shards[0].endingSequenceNumber != nil)
        #expect(shards[1].parentShardId == shards[0].shardId)
        #expect(shards[2].parentShardId == shards[0].shardId)
        #expect(shards.map(\.shardId) == shards.map(\.shardId).sorted())
        // In the next second every key goes to exactly one child, in write order.
        h.advance(.seconds(1))
        for round in 0..<3 { for i in 0..<6 { h.insert(arn, "k\(i)", value: round) } }
        let first = try h.readAll(arn, shard: shards[1].shardId)
        let second = try h.readAll(arn, shard: shards[2].shardId)
        #expect(first.count + second.count == 18)
        let firstKeys = Set(first.map(\.keys))
        let secondKeys = Set(second.map(\.keys))
        #expect(firstKeys.isDisjoint(with: secondKeys))
        for records in [first, second] {
            for key in Set(records.map(\.keys)) {
                let values = records.filter { $0.keys == key }.compactMap { $0.newImage?["n"] }
                #expect(values == [num(0), num(1), num(2)])
            }
        }
    }

    @Test func theAdminHooksRollOverAndSplitOnDemand() throws {
        var h = StreamsHarness()
        let arn = h.createStream()
        try h.registry.forceRollover(streamArn: arn, now: h.now, sink: &h.sink)
        var shards = try h.describe(arn).shards
        #expect(shards.count == 2)
        try h.registry.splitShard(streamArn: arn, shardId: shards[1].shardId, now: h.now, sink: &h.sink)
        shards = try h.describe(arn).shards
        #expect(shards.count == 4)
        #expect(shards.filter { $0.endingSequenceNumber == nil }.count == 2)
        let children = try h.describe(arn, filter: ShardFilter(shardId: shards[1].shardId)).shards
        #expect(children.map(\.shardId) == [shards[2].shardId, shards[3].shardId])
        #expect(streamsError { () throws(DynamoError) in try h.registry.splitShard(streamArn: arn, shardId: shards[0].shardId, now: h.now, sink: &h.sink) }?.code == .validation)
        #expect(streamsError { () throws(DynamoError) in try h.registry.forceRollover(streamArn: arn + "x", now: h.now, sink: &h.sink) }?.code == .resourceNotFound)
        h.registry.checkInvariants()
    }

    @Test func recordsOlderThanTheRetentionAreTrimmedExactlyOnTime() throws {
        var h = StreamsHarness(configuration: Self.configuration(retention: .seconds(100), rollover: .seconds(10_000)))
        let arn = h.createStream()
        h.insert(arn, "a")
        h.advance(.seconds(10))
        h.insert(arn, "b")
        #expect(h.registry.nextMaintenanceDue == StreamsHarness.start + .seconds(100))
        _ = h.drainEvents()
        h.advance(.seconds(89))
        let shard = try #require(h.describe(arn).shards.first).shardId
        #expect(try h.readAll(arn, shard: shard).count == 2)
        h.advance(.seconds(1))
        #expect(h.drainEvents().map(\.streamsTag) == ["trim 1"])
        let remaining = try h.readAll(arn, shard: shard)
        #expect(remaining.map(\.keys) == [["pk": .s("b")]])
        let summary = try #require(h.registry.summaries().first?.shards.first)
        #expect(summary.trimmedCount == 1)
        #expect(summary.recordCount == 1)
        #expect(summary.retainedBytes == remaining[0].sizeBytes)
    }

    @Test func trimmingInStepsDropsOnlyTheExpiredPrefixAndCompactsIt() throws {
        var h = StreamsHarness(configuration: Self.configuration(retention: .seconds(1000), rollover: .seconds(100_000)))
        h.checksEveryWrite = false
        let arn = h.createStream(.keysOnly)
        for i in 0..<2000 {
            h.insert(arn, "k\(i % 7)")
            if i % 100 == 99 { h.now = h.now + .seconds(1) }
        }
        // 20 seconds of records; trim the first 5 seconds, in pieces.
        h.now = StreamsHarness.start + .seconds(1000)
        h.registry.maintain(now: h.now, sink: &h.sink)
        h.registry.checkInvariants()
        let shard = try #require(h.describe(arn).shards.first).shardId
        #expect(try h.readAll(arn, shard: shard).count == 1900)
        h.now = h.now + .seconds(4)
        h.registry.maintain(now: h.now, sink: &h.sink)
        h.registry.checkInvariants()
        #expect(try h.readAll(arn, shard: shard).count == 1500)
        #expect(h.registry.summaries().first?.shards.first?.trimmedCount == 500)
        h.now = h.now + .seconds(8)
        h.registry.maintain(now: h.now, sink: &h.sink)
        h.registry.checkInvariants()
        let rest = try h.readAll(arn, shard: shard)
        #expect(rest.count == 700)
        #expect(h.registry.summaries().first?.shards.first?.trimmedCount == 1300)
        #expect(rest.first?.approximateCreationDateTime == StreamsHarness.start + .seconds(13))
    }

    @Test func closedShardsVanishOnceTheirRetentionRunsOut() throws {
        var h = StreamsHarness(configuration: Self.configuration(retention: .seconds(100), rollover: .seconds(50)))
        let arn = h.createStream()
        h.insert(arn, "a")
        h.advance(.seconds(50))
        let parent = try #require(h.describe(arn).shards.first).shardId
        _ = h.drainEvents()
        h.advance(.seconds(50))
        // The record is trimmed now, the shard closed 50 s ago stays 50 s more.
        #expect(h.drainEvents().map(\.streamsTag) == ["open child", "close", "trim 1"])
        #expect(try h.describe(arn).shards.count == 3)
        h.advance(.seconds(50))
        let tags = h.drainEvents().map(\.streamsTag)
        #expect(tags.contains("remove shard"))
        let ids = try h.describe(arn).shards.map(\.shardId)
        #expect(!ids.contains(parent))
        #expect(streamsError { () throws(DynamoError) in try h.iterator(arn, shard: parent, .trimHorizon) }?.message == "Requested resource not found: Shard does not exist")
    }

    @Test func aDisabledStreamStaysReadableForTheRetentionThenVanishes() throws {
        var h = StreamsHarness(configuration: Self.configuration(retention: .seconds(3600), rollover: .seconds(100_000)))
        let arn = h.createStream()
        h.insert(arn, "a")
        let shard = try #require(h.describe(arn).shards.first).shardId
        let open = try h.iterator(arn, shard: shard, .trimHorizon)
        _ = h.drainEvents()
        h.advance(.seconds(10))
        h.registry.disableStream(arn: arn, now: h.now, sink: &h.sink)
        #expect(h.drainEvents().map(\.streamsTag) == ["close", "DISABLING", "DISABLED"])
        let description = try h.describe(arn)
        #expect(description.streamStatus == .disabled)
        #expect(description.shards.allSatisfy { $0.endingSequenceNumber != nil })
        // An iterator issued before the disable keeps working; the closed shard ends the chain.
        let page = try h.read(open)
        #expect(page.records.count == 1)
        #expect(page.nextShardIterator == nil)
        // Writes after disabling are not captured.
        h.insert(arn, "late")
        #expect(try h.readAll(arn, shard: shard).count == 1)
        #expect(try h.registry.listStreams(tableName: nil, limit: nil, exclusiveStartStreamArn: nil, region: "eu-west-1").streams.count == 1)
        h.advance(.seconds(3599))
        #expect(try h.describe(arn).streamStatus == .disabled)
        h.advance(.seconds(1))
        #expect(h.drainEvents().map(\.streamsTag).suffix(2) == ["remove shard", "remove stream"])
        let error = streamsError { () throws(DynamoError) in try h.describe(arn) }
        #expect(error?.code == .resourceNotFound)
        #expect(error?.message == "Requested resource not found: Stream: \(arn) not found")
        #expect(try h.registry.listStreams(tableName: nil, limit: nil, exclusiveStartStreamArn: nil, region: "eu-west-1").streams.isEmpty)
        #expect(h.registry.nextMaintenanceDue == nil)
    }
}
