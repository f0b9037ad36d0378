import DynamoEngine
import DynamoModel
import Foundation
import Synchronization

/// In-process figures of DynamoDB Streams (issue 3).
enum StreamsBench {
    static func run(_ report: Report, recordCount: Int, putCount: Int) throws(DynamoError) {
        report.header("Streams, in-process (\(recordCount) records)")
        // PutItem throughput with and without a NEW_AND_OLD_IMAGES stream, same workload. The two
        // are measured alternately, ten times each on fresh engines with half the puts, and the
        // best of each kept: this machine's speed changes by up to twofold within seconds, so one
        // measurement of each (or a few long ones) can land in different phases and swing the
        // ratio by tens of points; many short alternating runs let both see the same phases.
        var plain = 0.0
        var streamed = 0.0
        let batch = max(1, putCount / 2)
        for _ in 0..<10 {
            plain = max(plain, try putThroughput(stream: nil, count: batch))
            streamed = max(streamed, try putThroughput(stream: .newAndOldImages, count: batch))
        }
        report.add(.info("PutItem without a stream (best of 10)", plain, "ops/s"))
        report.add(.info("PutItem with a NEW_AND_OLD_IMAGES stream (best of 10)", streamed, "ops/s"))
        report.add(.atLeast("PutItem with stream / without", streamed / plain * 100, "%", 70))

        // Memory per retained record, against the same table without a stream.
        let rssPlain = try MemoryProbe.measure(kind: "items", count: putCount)
        let rssStream = try MemoryProbe.measure(kind: "records", count: putCount)
        let sizeBytes = averageSizeBytes(count: 1000)
        report.add(.info("average record SizeBytes (INSERT, NEW_AND_OLD_IMAGES)", sizeBytes, "bytes"))
        report.add(.atMost("resident memory per retained record / SizeBytes", max(0, rssStream - rssPlain) / Double(putCount) / sizeBytes, "x", 2))

        // Drain a million records with GetRecords(Limit 1000).
        let clock = VirtualClock.manual()
        let engine = Engine(clock: clock)
        try Workload.createTable(engine, name: "Drain", stream: .newAndOldImages)
        for i in 0..<recordCount {
            _ = try engine.putItem(PutItemInput(tableName: "Drain", item: Workload.item(i)), region: "us-east-1")
        }
        let arn = try engine.describeTable("Drain", region: "us-east-1").latestStreamArn ?? ""
        let shards = try engine.describeStream(streamArn: arn, limit: nil, exclusiveStartShardId: nil, shardFilter: nil, region: "us-east-1").shards
        // Three full drains with fresh TRIM_HORIZON iterators; the best counts (records are complete
        // when appended, so every pass does the same work; the others show the machine's noise).
        var bestDrainSeconds = Double.infinity
        for _ in 0..<3 {
            var drained = 0
            var failure: DynamoError?
            let seconds = measure {
                do throws(DynamoError) {
                    for shard in shards {
                        var iterator: String? = try engine.getShardIterator(streamArn: arn, shardId: shard.shardId, type: .trimHorizon, sequenceNumber: nil, region: "us-east-1")
                        while let current = iterator {
                            let page = try engine.getRecords(shardIterator: current, limit: 1000, region: "us-east-1")
                            drained += page.records.count
                            iterator = page.records.isEmpty ? nil : page.nextShardIterator
                        }
                    }
                } catch { failure = error }
            }
            if let failure { throw failure }
            guard drained == recordCount else {
                throw .validation("benchmark: drained \(drained) of \(recordCount) records")
            }
            bestDrainSeconds = min(bestDrainSeconds, seconds)
        }
        report.add(.atLeast("drain with GetRecords(Limit 1000), best of 3", Double(recordCount) / bestDrainSeconds, "records/s", 2_000_000))

        // Trim them all after 25 h while a writer keeps writing to another table. The writer runs
        // before the clock moves: whichever call comes first after the jump (the writer's next
        // PutItem or the maintenance run below) trims, under the engine lock, and the writer's
        // longest PutItem counts that wait either way. It keeps writing for half a second after
        // the trim, while a background thread frees the trimmed records (about 0.2 s for a
        // million), so that work counts too.
        try Workload.createTable(engine, name: "Writer")
        let writer = WriterProbe()
        let thread = Thread {
            var i = 0
            let c = ContinuousClock()
            while !writer.stop.load(ordering: .relaxed) {
                let start = c.now
                _ = try? engine.putItem(PutItemInput(tableName: "Writer", item: Workload.item(i)), region: "us-east-1")
                let waited = Int((c.now - start).seconds * 1_000_000)
                if waited > writer.worstMicroseconds.load(ordering: .relaxed) { writer.worstMicroseconds.store(waited, ordering: .relaxed) }
                i += 1
            }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.05)
        writer.worstMicroseconds.store(0, ordering: .relaxed)
        let trimSeconds = measure {
            clock.advance(by: .seconds(25 * 3600))
            engine.runMaintenance()
        }
        Thread.sleep(forTimeInterval: 0.5)
        writer.stop.store(true, ordering: .relaxed)
        Thread.sleep(forTimeInterval: 0.05)
        let remaining = engine.streamSummaries().filter { $0.streamArn == arn }.flatMap(\.shards).reduce(0) { $0 + $1.recordCount }
        guard remaining == 0 else {
            throw .validation("benchmark: \(remaining) records left after trimming")
        }
        report.add(.atMost("trim \(recordCount) expired records", trimSeconds * 1000, "ms", 100))
        report.add(.atMost("longest PutItem wait while trimming", Double(writer.worstMicroseconds.load(ordering: .relaxed)) / 1000, "ms", 5))
    }

    static func putThroughput(stream: StreamViewType?, count: Int) throws(DynamoError) -> Double {
        let engine = Engine(clock: VirtualClock.manual())
        try Workload.createTable(engine, name: "Put", stream: stream)
        let inputs = (0..<count).map { PutItemInput(tableName: "Put", item: Workload.item($0)) }
        var failure: DynamoError?
        let seconds = measure {
            for input in inputs {
                do throws(DynamoError) { _ = try engine.putItem(input, region: "us-east-1") } catch { failure = error }
            }
        }
        if let failure { throw failure }
        return Double(count) / seconds
    }

    /// SizeBytes of INSERT records on a NEW_AND_OLD_IMAGES stream: Keys + NewImage.
    static func averageSizeBytes(count: Int) -> Double {
        var total = 0
        for i in 0..<count {
            let item = Workload.item(i)
            let keys: AttributeMap = ["pk": item["pk"] ?? .null, "sk": item["sk"] ?? .null]
            total += keys.itemSize + item.itemSize
        }
        return Double(total) / Double(count)
    }
}

/// Shared between the benchmark and its writer thread.
final class WriterProbe: Sendable {
    let stop = Atomic<Bool>(false)
    let worstMicroseconds = Atomic<Int>(0)
}
