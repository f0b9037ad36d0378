@testable import DynamoEngine
@testable import DynamoModel
import Foundation
import Testing

/// Trimmed record buffers handed to the background worker are destroyed there: the images they
/// held are released (nothing leaks), whether they arrive alone or many at once.
struct BackgroundReleaseTests {
    /// Records whose new image is the only other owner of `image`'s values storage.
    static func records(holding image: AttributeMap, count: Int) -> [StoredStreamRecord] {
        (0..<count).map { i in
            StoredStreamRecord(
                sequence: UInt64(i + 1), time: VirtualInstant(nanosecondsSinceEpoch: Int64(i)), keys: nil, newImage: image,
                oldImage: nil, sizeBytes: 0, wireBytes: 0, eventName: .insert, isServiceDelete: false
            )
        }
    }

    /// Polls `condition` for up to ten seconds.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }

    @Test func aReleasedBufferIsDestroyedAndItsImagesFreed() {
        weak var storage: ValueSlots?
        do {
            let image: AttributeMap = ["pk": .s("a"), "v": .s(String(repeating: "x", count: 64))]
            storage = image.storage
            BackgroundRelease.release(Self.records(holding: image, count: 10_000))
        }
        #expect(Self.eventually { storage == nil })
    }

    /// A trim that takes most of a shard copies the kept records into a new buffer and hands
    /// the old one, which shares their images, to the worker: once it has finished, the kept
    /// records still read back whole.
    @Test func recordsKeptByACompactingTrimReadBackWhole() throws {
        var h = StreamsHarness(configuration: StreamsShardLifecycleTests.configuration(retention: .seconds(1000), rollover: .seconds(100_000)))
        h.checksEveryWrite = false
        let arn = h.createStream(.newAndOldImages)
        for i in 0..<10_000 {
            h.insert(arn, "k\(i)", value: i)
            if i % 1000 == 999 { h.now = h.now + .seconds(1) }
        }
        // Ten seconds of records: the first six expire.
        h.now = StreamsHarness.start + .seconds(1005)
        h.registry.maintain(now: h.now, sink: &h.sink)
        h.registry.checkInvariants()
        #expect(Self.eventually { BackgroundRelease.isIdle })
        let shard = try #require(h.describe(arn).shards.first).shardId
        let rest = try h.readAll(arn, shard: shard)
        #expect(rest.count == 4000)
        #expect(rest.map(\.keys) == (6000..<10_000).map { ["pk": .s("k\($0)")] as AttributeMap })
        #expect(rest.map(\.newImage) == (6000..<10_000).map { ["pk": .s("k\($0)"), "n": .n(DynamoNumber($0))] as AttributeMap? })
        #expect(h.registry.summaries().first?.shards.first?.trimmedCount == 6000)
    }

    @Test func manyBuffersQueuedTogetherAreAllDestroyed() {
        var storages: [() -> ValueSlots?] = []
        for i in 0..<40 {
            let image: AttributeMap = ["pk": .s("k\(i)"), "v": .s(String(repeating: "y", count: 40))]
            weak var storage = image.storage
            storages.append { storage }
            BackgroundRelease.release(Self.records(holding: image, count: 5_000))
        }
        #expect(Self.eventually { storages.allSatisfy { $0() == nil } })
    }
}
