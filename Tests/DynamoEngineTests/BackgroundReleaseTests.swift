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
