import DynamoModel
import Testing

struct AttributeMapTests {
    @Test func namesStayInByteOrderThroughInsertsAndRemovals() {
        var map: AttributeMap = ["b": .s("2"), "a": .s("1"), "Z": .null]
        map["c"] = .bool(true)
        map["a"] = nil
        #expect(map.names == ["Z", "b", "c"])
        #expect(Array(map.values) == [.null, .s("2"), .bool(true)])
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

    static let everyKind: [AttributeValue] = [
        .s("short"), .s(String(repeating: "long string ", count: 5)), .s(""),
        .n(DynamoNumber(42)), .n(DynamoNumber(-7)), .n(try! DynamoNumber(parsing: "3.14159")), .n(try! DynamoNumber(parsing: "1E+100")),
        .b([]), .b([0, 1, 255]), .bool(true), .bool(false), .null,
        .m(["inner": .s("x"), "n": .n(DynamoNumber(1))]), .m([:]),
        .l([.s("a"), .n(DynamoNumber(2)), .null, .l([.bool(true)])]),
        .ss(["a", "b"]), .ns([DynamoNumber(1), try! DynamoNumber(parsing: "0.5")]), .bs([[1], [2, 3]]),
    ]

    @Test func everyKindOfValueIsStoredReplacedAndRemovedIntact() {
        var map = AttributeMap()
        for (i, value) in Self.everyKind.enumerated() { map["a" + String(1000 + i)] = value }
        #expect(map.count == Self.everyKind.count)
        #expect(Array(map.values) == Self.everyKind)
        for (i, value) in Self.everyKind.enumerated() { #expect(map["a" + String(1000 + i)] == value) }
        // Replace each value by the next kind, then remove every other attribute.
        for i in Self.everyKind.indices { map["a" + String(1000 + i)] = Self.everyKind[(i + 1) % Self.everyKind.count] }
        for i in Self.everyKind.indices { #expect(map.value(at: i) == Self.everyKind[(i + 1) % Self.everyKind.count]) }
        for i in stride(from: 0, to: Self.everyKind.count, by: 2) { map["a" + String(1000 + i)] = nil }
        #expect(map.count == Self.everyKind.count / 2)
        for i in stride(from: 1, to: Self.everyKind.count, by: 2) { #expect(map["a" + String(1000 + i)] == Self.everyKind[(i + 1) % Self.everyKind.count]) }
        #expect(map.itemSize == map.entries.reduce(0) { $0 + $1.name.utf8.count + $1.value.size })
    }

    @Test func copiesAreIndependentOfLaterChanges() {
        let original: AttributeMap = ["a": .s("one"), "b": .l([.n(DynamoNumber(1))]), "c": .m(["x": .null])]
        var copy = original
        copy["a"] = .s("changed")
        copy["d"] = .bool(true)
        copy["b"] = nil
        #expect(original == ["a": .s("one"), "b": .l([.n(DynamoNumber(1))]), "c": .m(["x": .null])])
        #expect(copy == ["a": .s("changed"), "c": .m(["x": .null]), "d": .bool(true)])
        var third = copy
        #expect(third.removeValue(forKey: "c") == .m(["x": .null]))
        #expect(copy["c"] == .m(["x": .null]))
        #expect(third.count == 2)
    }

    @Test func mapsGrowPastManyAttributesAndKeepOrder() {
        var map = AttributeMap()
        let names = (0..<300).map { "attr\($0)" }
        for name in names.shuffled() { map[name] = .s(name + "-value") }
        #expect(map.names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for name in names { #expect(map[name] == .s(name + "-value")) }
        for name in names.prefix(150) { map.removeValue(forKey: name) }
        #expect(map.count == 150)
        #expect(map.entries.allSatisfy { $0.value == .s($0.name + "-value") })
    }
}


struct AttributeMapProjectionTests {
    @Test func aMapOverChosenValuesCopiesThemIntact() {
        let image: AttributeMap = [
            "a": .s("a long string value that is not small"), "b": .n(DynamoNumber(7)), "c": .b([1, 2]),
            "d": .m(["x": .null]), "e": .ns([DynamoNumber(1)]),
        ]
        let keys = AttributeMap(sortedNames: ["k1", "k2"], valuesOf: image, at: 3, 0)
        #expect(keys == ["k1": .m(["x": .null]), "k2": .s("a long string value that is not small")])
        let single = AttributeMap(sortedNames: ["only"], valuesOf: image, at: 4)
        #expect(single == ["only": .ns([DynamoNumber(1)])])
        // The source is unchanged and the copies are independent of it.
        var changed = keys
        changed["k1"] = .null
        #expect(image["d"] == .m(["x": .null]))
        #expect(keys["k1"] == .m(["x": .null]))
    }
}
