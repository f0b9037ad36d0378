import DynamoEngine
import DynamoModel
import Testing

struct ConcurrencyTests {
    @Test func concurrentWritersLoseNoItems() async throws {
        let engine = makeEngine()
        try makeTable(engine, sortType: .n)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for i in 0..<250 {
                        try engine.put(["pk": .s("w\(writer)"), "sk": num(i)])
                        try engine.update(["pk": .s("counter"), "sk": num(0)], "ADD n :one", values: [":one": num(1)])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try engine.describeTable("Tab", region: testRegion).itemCount == 8 * 250 + 1)
        #expect(try engine.get(["pk": .s("counter"), "sk": num(0)])?["n"] == num(2000))
    }

    @Test func aSlowObserverKeepsOnlyTheNewestEvents() async throws {
        let engine = makeEngine()
        try makeTable(engine)
        var iterator = engine.events(bufferingNewest: 5).makeAsyncIterator()
        for i in 0..<50 { try engine.put(["pk": .s("k\(i)")]) }
        var seen: [AttributeValue] = []
        for _ in 0..<5 {
            guard case .itemChanged(_, _, _, let keys)? = await iterator.next() else { continue }
            seen.append(keys["pk"] ?? .null)
        }
        #expect(seen == (45..<50).map { .s("k\($0)") })
    }
}
