@testable import DynamoEngine
import DynamoModel
import Testing

/// GetShardIterator / GetRecords / DescribeStream / ListStreams semantics and errors.
struct StreamsReadingTests {
    /// A stream with `count` records in its only shard.
    static func filled(_ count: Int, configuration: EngineConfiguration = EngineConfiguration()) throws -> (StreamsHarness, String, ShardDescription) {
        var h = StreamsHarness(configuration: configuration)
        let arn = h.createStream()
        for i in 0..<count { h.insert(arn, "k\(i)") }
        let shard = try #require(h.describe(arn).shards.first)
        return (h, arn, shard)
    }

    @Test func iteratorTypesPositionAtTheEdgesOfAnOpenShard() throws {
        var (h, arn, shard) = try Self.filled(3)
        let all = try h.readAll(arn, shard: shard.shardId)
        let numbers = all.map(\.sequenceNumber.description)

        let latest = try h.iterator(arn, shard: shard.shardId, .latest)
        let emptyPage = try h.read(latest)
        #expect(emptyPage.records.isEmpty)
        // On an open shard the chain continues even on an empty page.
        let next = try #require(emptyPage.nextShardIterator)
        h.insert(arn, "later")
        #expect(try h.read(next).records.map(\.keys) == [["pk": .s("later")]])
        #expect(try h.read(latest).records.map(\.keys) == [["pk": .s("later")]])

        #expect(try h.read(h.iterator(arn, shard: shard.shardId, .atSequenceNumber, numbers[1])).records.first?.sequenceNumber.description == numbers[1])
        #expect(try h.read(h.iterator(arn, shard: shard.shardId, .afterSequenceNumber, numbers[1])).records.first?.sequenceNumber.description == numbers[2])
        #expect(try h.read(h.iterator(arn, shard: shard.shardId, .atSequenceNumber, numbers[0])).records.count == 4)
        // AFTER the last record: nothing yet, chain continues.
        let afterLast = try h.read(h.iterator(arn, shard: shard.shardId, .afterSequenceNumber, numbers[2]))
        #expect(afterLast.records.map(\.keys) == [["pk": .s("later")]])
    }

    @Test func aClosedShardReadToItsEndHasNoNextIterator() throws {
        var (h, arn, shard) = try Self.filled(5)
        try h.registry.forceRollover(streamArn: arn, now: h.now, sink: &h.sink)
        let page = try h.read(h.iterator(arn, shard: shard.shardId, .trimHorizon), limit: 3)
        #expect(page.records.count == 3)
        let next = try #require(page.nextShardIterator)
        let last = try h.read(next)
        #expect(last.records.count == 2)
        #expect(last.nextShardIterator == nil)
        // LATEST on a closed shard sits after the end.
        let latest = try h.read(h.iterator(arn, shard: shard.shardId, .latest))
        #expect(latest.records.isEmpty)
        #expect(latest.nextShardIterator == nil)
        // A sequence number past EndingSequenceNumber is out of range.
        let child = try #require(h.describe(arn).shards.last)
        let error = streamsError { () throws(DynamoError) in
            try h.iterator(arn, shard: shard.shardId, .atSequenceNumber, child.startingSequenceNumber.description)
        }
        #expect(error == .validation("Invalid SequenceNumber for the shard"))
    }

    @Test func iteratorsAreReusableUntilTheyExpire() throws {
        var config = EngineConfiguration()
        config.iteratorLifetime = .seconds(900)
        var (h, arn, shard) = try Self.filled(2, configuration: config)
        let iterator = try h.iterator(arn, shard: shard.shardId, .trimHorizon)
        #expect(try h.read(iterator) == h.read(iterator))
        h.now = h.now + .seconds(900)
        #expect(try h.read(iterator).records.count == 2)
        h.now = h.now + .milliseconds(1)
        let error = streamsError { () throws(DynamoError) in try h.read(iterator) }
        #expect(error?.code == .expiredIterator)
        #expect(error?.message == "The provided iterator exceeds the maximum age allowed.")
        _ = arn
    }

    @Test func tamperedOrGarbageIteratorsAreRejected() throws {
        let (h, arn, shard) = try Self.filled(1)
        let iterator = try h.iterator(arn, shard: shard.shardId, .trimHorizon)
        #expect(iterator.hasPrefix(arn + "|1|"))
        var bytes = Array(iterator.utf8)
        let index = bytes.count - 6
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tampered = String(decoding: bytes, as: UTF8.self)
        for bad in [tampered, "garbage", arn + "|1|", arn + "|2|AAAA", "x|1|" + iterator.split(separator: "|").last.map(String.init)!] {
            #expect(streamsError { () throws(DynamoError) in try h.read(bad) } == .validation("Invalid ShardIterator"))
        }
        // An iterator of another engine (other key) is rejected too.
        let other = StreamRegistry(configuration: EngineConfiguration())
        #expect(streamsError { () throws(DynamoError) in try other.records(shardIterator: iterator, limit: nil, now: h.now) } == .validation("Invalid ShardIterator"))
    }

    @Test func limitCapsThePageAndIsValidated() throws {
        let (h, arn, shard) = try Self.filled(30)
        let iterator = try h.iterator(arn, shard: shard.shardId, .trimHorizon)
        #expect(try h.read(iterator, limit: 1).records.count == 1)
        #expect(try h.read(iterator, limit: 7).records.count == 7)
        #expect(try h.read(iterator).records.count == 30)
        #expect(streamsError { () throws(DynamoError) in try h.read(iterator, limit: 0) }
            == .validation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"))
        #expect(streamsError { () throws(DynamoError) in try h.read(iterator, limit: 1001) }
            == .validation("One or more parameter values were invalid: Limit should be less than or equal to 1000"))
        // Paging with the chain returns every record exactly once, in order.
        var chain: String? = iterator
        var seen: [SequenceNumber] = []
        while let current = chain {
            let page = try h.read(current, limit: 4)
            if page.records.isEmpty { break }
            seen += page.records.map(\.sequenceNumber)
            chain = page.nextShardIterator
        }
        #expect(seen.count == 30)
        #expect(seen == seen.sorted())
    }

    @Test func pagesStopAtOneMegabyteButAlwaysCarryOneRecord() throws {
        var h = StreamsHarness()
        let arn = h.createStream(.newImage)
        let big = String(repeating: "x", count: 300_000)
        for i in 0..<5 {
            let item: AttributeMap = ["pk": .s("k\(i)"), "blob": .s(big)]
            h.write(arn, .insert, keys: ["pk": .s("k\(i)")], new: item)
        }
        let shard = try #require(h.describe(arn).shards.first)
        let first = try h.read(h.iterator(arn, shard: shard.shardId, .trimHorizon))
        #expect(first.records.count == 3)
        let second = try h.read(try #require(first.nextShardIterator))
        #expect(second.records.count == 2)

        var huge = StreamsHarness()
        let hugeArn = huge.createStream(.newAndOldImages)
        let old: AttributeMap = ["pk": .s("a"), "blob": .s(String(repeating: "o", count: 400_000))]
        let new: AttributeMap = ["pk": .s("a"), "blob": .s(String(repeating: "n", count: 400_000))]
        huge.write(hugeArn, .modify, keys: ["pk": .s("a")], old: old, new: new)
        huge.write(hugeArn, .modify, keys: ["pk": .s("a")], old: new, new: old)
        let hugeShard = try #require(huge.describe(hugeArn).shards.first)
        let page = try huge.read(huge.iterator(hugeArn, shard: hugeShard.shardId, .trimHorizon))
        #expect(page.records.count == 1)
    }

    @Test func getShardIteratorValidatesInAWSOrder() throws {
        let (h, arn, shard) = try Self.filled(2)
        let number = try h.readAll(arn, shard: shard.shardId)[0].sequenceNumber.description
        func error(_ arn: String, _ shardId: String, _ type: ShardIteratorType, _ sequence: String?) -> DynamoError? {
            streamsError { () throws(DynamoError) in try h.iterator(arn, shard: shardId, type, sequence) }
        }
        #expect(error(arn, shard.shardId, .atSequenceNumber, nil) == .validation("Must specify SequenceNumber with AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER"))
        #expect(error(arn, shard.shardId, .latest, number) == .validation("SequenceNumber is not allowed with TRIM_HORIZON or LATEST"))
        #expect(error(arn, shard.shardId, .atSequenceNumber, "123") == .validation("1 validation error detected: Value '123' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21"))
        #expect(error(arn, "shardId-1", .latest, nil) == .validation("1 validation error detected: Value 'shardId-1' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 28"))
        #expect(error("arn:aws:dynamodb:eu-west-1:123456789012:nothing-like-a-stream", shard.shardId, .latest, nil) == .validation("Invalid StreamArn"))
        let unknown = "arn:aws:dynamodb:eu-west-1:123456789012:table/Other/stream/2027-01-15T08:00:00.123"
        #expect(error(unknown, shard.shardId, .latest, nil) == .notFound("Requested resource not found: Stream: \(unknown) not found"))
        #expect(error(arn, "shardId-00000001800000000123-00000000", .latest, nil) == .notFound("Requested resource not found: Shard does not exist"))
        #expect(error(arn, shard.shardId, .atSequenceNumber, "100000000000000000000") == .validation("Invalid SequenceNumber for the shard"))
        #expect(error(arn, shard.shardId, .atSequenceNumber, "999999999999999999999") == .validation("Invalid SequenceNumber for the shard"))
        // Another region does not see the stream.
        let otherRegion = streamsError { () throws(DynamoError) in
            try h.registry.shardIterator(streamArn: arn, shardId: shard.shardId, type: .latest, sequenceNumber: nil, now: h.now, region: "us-east-1")
        }
        #expect(otherRegion?.code == .resourceNotFound)
    }

    @Test func trimmedPositionsRaiseTrimmedDataAccessButTheStartingNumberStillWorks() throws {
        var config = EngineConfiguration()
        config.streamRetention = .seconds(60)
        var h = StreamsHarness(configuration: config)
        let arn = h.createStream()
        h.insert(arn, "old0")
        h.insert(arn, "old1")
        let shard = try #require(h.describe(arn).shards.first)
        // The first record carries the shard's StartingSequenceNumber; take the second one.
        let oldNumber = try h.readAll(arn, shard: shard.shardId)[1].sequenceNumber.description
        let horizon = try h.iterator(arn, shard: shard.shardId, .trimHorizon)
        h.advance(.seconds(30))
        h.insert(arn, "new")
        let after = try h.iterator(arn, shard: shard.shardId, .afterSequenceNumber, oldNumber)
        h.advance(.seconds(30))
        // The TRIM_HORIZON iterator issued before the trim now points at trimmed data.
        #expect(streamsError { () throws(DynamoError) in try h.read(horizon) }?.code == .trimmedDataAccess)
        let error = streamsError { () throws(DynamoError) in try h.iterator(arn, shard: shard.shardId, .atSequenceNumber, oldNumber) }
        #expect(error == DynamoError(.trimmedDataAccess, "The data you are trying to access has been trimmed"))
        // AFTER the trimmed number loses nothing.
        #expect(try h.read(after).records.map(\.keys) == [["pk": .s("new")]])
        // A fresh TRIM_HORIZON starts at the oldest retained record.
        #expect(try h.readAll(arn, shard: shard.shardId).map(\.keys) == [["pk": .s("new")]])
        // AT the shard's StartingSequenceNumber reads everything retained.
        let fromStart = try h.iterator(arn, shard: shard.shardId, .atSequenceNumber, shard.startingSequenceNumber.description)
        #expect(try h.read(fromStart).records.map(\.keys) == [["pk": .s("new")]])
    }

    @Test func describeStreamPaginatesShardsInIdOrder() throws {
        var h = StreamsHarness(configuration: StreamsShardLifecycleTests.configuration(rollover: .seconds(10)))
        let arn = h.createStream()
        for _ in 0..<6 { h.advance(.seconds(10)) }
        let all = try h.describe(arn).shards
        #expect(all.count == 7)
        #expect(all.map(\.shardId) == all.map(\.shardId).sorted())
        for (parent, child) in zip(all, all.dropFirst()) { #expect(child.parentShardId == parent.shardId) }

        var collected: [String] = []
        var start: String?
        repeat {
            let page = try h.describe(arn, limit: 3, after: start)
            collected += page.shards.map(\.shardId)
            start = page.lastEvaluatedShardId
        } while start != nil
        #expect(collected == all.map(\.shardId))
        // A page ending exactly at the last shard has no LastEvaluatedShardId.
        #expect(try h.describe(arn, limit: 7).lastEvaluatedShardId == nil)
        #expect(try h.describe(arn, after: all.last?.shardId).shards.isEmpty)
        #expect(try h.describe(arn, after: "garbage-shard-id-garbage-garbage").shards.isEmpty)
        #expect(try h.describe(arn, filter: ShardFilter(shardId: all[2].shardId)).shards.map(\.shardId) == [all[3].shardId])
        #expect(try h.describe(arn, filter: ShardFilter(shardId: all[6].shardId)).shards.isEmpty)
        #expect(streamsError { () throws(DynamoError) in try h.describe(arn, limit: 101) }
            == .validation("1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"))
    }

    @Test func listStreamsFiltersByTableAndRegionAndPaginatesNewestFirst() throws {
        var h = StreamsHarness()
        var arns: [String] = []
        for _ in 0..<5 {
            let arn = h.createStream()
            h.registry.disableStream(arn: arn, now: h.now, sink: &h.sink)
            arns.append(arn)
            h.now = h.now + .seconds(1)
        }
        var other = StreamsHarness(tableName: "Other")
        other.registry = h.registry
        other.now = h.now
        let otherArn = other.createStream()
        h.registry = other.registry

        let everything = try h.registry.listStreams(tableName: nil, limit: nil, exclusiveStartStreamArn: nil, region: "eu-west-1")
        #expect(everything.streams.map(\.streamArn) == [otherArn] + arns.reversed())
        #expect(everything.lastEvaluatedStreamArn == nil)
        let orders = try h.registry.listStreams(tableName: "Orders", limit: nil, exclusiveStartStreamArn: nil, region: "eu-west-1")
        #expect(orders.streams.map(\.streamArn) == arns.reversed())
        #expect(try h.registry.listStreams(tableName: "Missing", limit: nil, exclusiveStartStreamArn: nil, region: "eu-west-1").streams.isEmpty)
        #expect(try h.registry.listStreams(tableName: nil, limit: nil, exclusiveStartStreamArn: nil, region: "us-east-1").streams.isEmpty)

        var pages: [[String]] = []
        var start: String?
        repeat {
            let page = try h.registry.listStreams(tableName: "Orders", limit: 2, exclusiveStartStreamArn: start, region: "eu-west-1")
            pages.append(page.streams.map(\.streamArn))
            start = page.lastEvaluatedStreamArn
        } while start != nil
        #expect(pages.flatMap { $0 } == arns.reversed())
        #expect(pages.map(\.count) == [2, 2, 1])
        #expect(streamsError { () throws(DynamoError) in try h.registry.listStreams(tableName: nil, limit: 0, exclusiveStartStreamArn: nil, region: "eu-west-1") }?.code == .validation)
        #expect(streamsError { () throws(DynamoError) in try h.registry.listStreams(tableName: "ab", limit: nil, exclusiveStartStreamArn: nil, region: "eu-west-1") }
            == .validation("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"))
    }

    @Test func aMultiShardStreamNeverMixesShardsInOnePage() throws {
        var h = StreamsHarness()
        let arn = h.createStream()
        let root = try #require(h.describe(arn).shards.first).shardId
        try h.registry.splitShard(streamArn: arn, shardId: root, now: h.now, sink: &h.sink)
        for i in 0..<100 { h.insert(arn, "k\(i)") }
        let children = try h.describe(arn, filter: ShardFilter(shardId: root)).shards
        #expect(children.count == 2)
        let counts = try children.map { try h.readAll(arn, shard: $0.shardId).count }
        #expect(counts.reduce(0, +) == 100)
        #expect(counts.allSatisfy { $0 > 10 })
    }
}
