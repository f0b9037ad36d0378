import DynamoModel
import Testing

struct AttributeMapTests {
    @Test func namesStayInByteOrderThroughInsertsAndRemovals() {
        var map: AttributeMap = ["b": .s("2"), "a": .s("1"), "Z": .null]
        map["c"] = .bool(true)
        map["a"] = nil
        #expect(map.names == ["Z", "b", "c"])
        #expect(map.values == [.null, .s("2"), .bool(true)])
        let removed = map.removeValue(forKey: "b")
        let removedAgain = map.removeValue(forKey: "b")
        #expect(removed == .s("2"))
        #expect(removedAgain == nil)
        #expect(map.entries == [.init(name: "Z", value: .null), .init(name: "c", value: .bool(true))])
    }

    @Test func mapsWithTheSameNamesShareOneNamesArray() {
        let first: AttributeMap = ["pk": .s("a"), "n": .n(DynamoNumber(1))]
        var second: AttributeMap = ["n": .n(DynamoNumber(2)), "pk": .s("b")]
        let didShare = second.shareNames(with: first.names)
        #expect(didShare)
        let shared = first.names.withUnsafeBufferPointer { a in second.names.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
        #expect(shared)
        #expect(second == ["pk": .s("b"), "n": .n(DynamoNumber(2))])

        // Changing a value leaves the shared names alone; adding a name gives the map its own names.
        second["n"] = .n(DynamoNumber(3))
        second["extra"] = .null
        #expect(first.names == ["n", "pk"])
        #expect(second.names == ["extra", "n", "pk"])
    }

    @Test func namesAreNotSharedWhenTheyDifferByteForByte() {
        // "é" precomposed and decomposed are equal Swift strings but different DynamoDB names.
        var decomposed: AttributeMap = ["e\u{301}": .s("x")]
        let sharedPrecomposed = decomposed.shareNames(with: ["\u{E9}"])
        let sharedOther = decomposed.shareNames(with: ["a", "b"])
        #expect(!sharedPrecomposed)
        #expect(!sharedOther)
        #expect(decomposed.names == ["e\u{301}"])
        #expect(decomposed.names[0].utf8.count == 3)
    }

    @Test func equalityAndHashingFollowNamesAndValues() {
        let a: AttributeMap = ["x": .ns([DynamoNumber(1), DynamoNumber(2)]), "y": .s("v")]
        let b = AttributeMap(sortedNames: ["x", "y"], values: [.ns([DynamoNumber(2), DynamoNumber(1)]), .s("v")])
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != ["x": .ns([DynamoNumber(1)]), "y": .s("v")])
        #expect(a != ["x": .ns([DynamoNumber(1), DynamoNumber(2)]), "z": .s("v")])
        #expect(Array(a).map(\.name) == ["x", "y"])
    }
}
