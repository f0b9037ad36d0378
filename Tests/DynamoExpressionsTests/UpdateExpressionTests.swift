import DynamoExpressions
import DynamoModel
import Testing

struct UpdateExpressionTests {
    static func n(_ value: Int) -> AttributeValue { .n(DynamoNumber(value)) }
    static func list(_ values: Int...) -> AttributeValue { .l(values.map(n)) }

    private func apply(
        _ text: String, to item: AttributeMap, values: [String: AttributeValue] = [:], itemExists: Bool = true
    ) throws(DynamoError) -> AttributeMap {
        var merged = Fixtures.values
        for (key, value) in values { merged[key] = value }
        var attributes = try ExpressionAttributes(names: Fixtures.names, values: merged)
        let update = try UpdateExpression.parse(text, attributes: &attributes)
        return try update.apply(to: item, itemExists: itemExists)
    }

    @Test func setCreatesAndReplacesAttributesOfAnyType() throws {
        let result = try apply("SET a = :hello, n = :ss, #m.a = :list", to: Fixtures.item)
        #expect(result["a"] == .s("hello"))
        #expect(result["n"] == .ss(["a", "b"]))
        #expect(result["m"]?.mapValue?["a"] == Fixtures.values[":list"])
        #expect(result["s"] == .s("hello"))
    }

    @Test func rightHandSidesReadTheOriginalItem() throws {
        let swapped = try apply("SET a = b, b = a", to: ["a": Self.n(1), "b": Self.n(2)])
        #expect(swapped == ["a": Self.n(2), "b": Self.n(1)])
        let copied = try apply("REMOVE a SET b = a", to: ["a": Self.n(1)])
        #expect(copied == ["b": Self.n(1)])
        let message = Fixtures.message { () throws(DynamoError) in _ = try apply("SET x = :one, y = x", to: [:]) }
        #expect(message == "The provided expression refers to an attribute that does not exist in the item")
    }

    @Test(arguments: [
        ("SET n = n + :one", "6"), ("SET n = n - :ten", "-5"), ("SET n = :one + n", "6"), ("SET n = :ten - :one", "9"),
        ("SET n = if_not_exists(n, :zero) + :one", "6"), ("SET n = if_not_exists(absent, :zero) + :one", "1"),
        ("SET n = (n) + (:one)", "6"), ("set n = n + :one", "6"), ("sEt n = n + :one", "6"),
    ])
    func arithmeticIsExactDecimal(expression: String, expected: String) throws {
        let result = try apply(expression, to: Fixtures.item)
        #expect(result["n"] == (try Fixtures.number(expected)))
    }

    @Test func arithmeticKeepsFullPrecisionAndRejectsResultsTooLong() throws {
        let precise = try apply(
            "SET n = n + :d", to: ["n": try Fixtures.number("0.1")], values: [":d": try Fixtures.number("0.2")])
        #expect(precise["n"] == (try Fixtures.number("0.3")))
        let message = Fixtures.message { () throws(DynamoError) in
            _ = try apply("SET n = n + :one", to: ["n": try Fixtures.number("1e50")])
        }
        #expect(message == "Number overflow. Attempting to store a number with magnitude larger than supported range")
    }

    @Test(arguments: [
        ("SET a = absent + :one", "The provided expression refers to an attribute that does not exist in the item"),
        ("SET a = :one - absent", "The provided expression refers to an attribute that does not exist in the item"),
        ("SET a = absent", "The provided expression refers to an attribute that does not exist in the item"),
        ("SET a = list_append(absent, :list)", "The provided expression refers to an attribute that does not exist in the item"),
        ("SET a = s + :one", "An operand in the update expression has an incorrect data type"),
        ("SET a = list_append(s, :list)", "An operand in the update expression has an incorrect data type"),
        ("ADD s :one", "An operand in the update expression has an incorrect data type"),
        ("ADD ss :ns", "An operand in the update expression has an incorrect data type"),
        ("ADD n :ss", "An operand in the update expression has an incorrect data type"),
        ("DELETE s :ss", "An operand in the update expression has an incorrect data type"),
        ("DELETE ns :ss", "An operand in the update expression has an incorrect data type"),
        ("SET absent.x = :one", "The document path provided in the update expression is invalid for update"),
        ("SET s.x = :one", "The document path provided in the update expression is invalid for update"),
        ("SET m[0] = :one", "The document path provided in the update expression is invalid for update"),
        ("SET l.x = :one", "The document path provided in the update expression is invalid for update"),
        ("SET l[7].k = :one", "The document path provided in the update expression is invalid for update"),
        ("REMOVE absent.x", "The document path provided in the update expression is invalid for update"),
        ("REMOVE s[0]", "The document path provided in the update expression is invalid for update"),
        ("REMOVE l[7].k", "The document path provided in the update expression is invalid for update"),
        ("ADD absent.x :one", "The document path provided in the update expression is invalid for update"),
    ])
    func runtimeErrorsUseAWSMessages(expression: String, expected: String) {
        let message = Fixtures.message { () throws(DynamoError) in _ = try apply(expression, to: Fixtures.item) }
        #expect(message == expected, "\(expression)")
    }

    @Test func ifNotExistsAndListAppendNest() throws {
        let created = try apply(
            "SET l = list_append(if_not_exists(l, :empty), :more)", to: [:],
            values: [":empty": .l([]), ":more": Self.list(1)])
        #expect(created == ["l": Self.list(1)])
        let prepended = try apply("SET l = list_append(:more, l)", to: ["l": Self.list(2, 3)], values: [":more": Self.list(1)])
        #expect(prepended == ["l": Self.list(1, 2, 3)])
        let nested = try apply(
            "SET a = if_not_exists(b, if_not_exists(c, :one))", to: ["c": Self.n(7)])
        #expect(nested["a"] == Self.n(7))
        let kept = try apply("SET a = if_not_exists(a, :one)", to: ["a": .s("x")])
        #expect(kept == ["a": .s("x")])
    }

    @Test func listIndexesReferToTheOriginalListInEitherClauseOrder() throws {
        let original: AttributeMap = ["a": Self.list(2, 3, 4, 5, 6, 7)]
        let expected: AttributeMap = ["a": Self.list(2, 4, 17, 6, 7)]
        let values = [":v": Self.n(17)]
        #expect(try apply("REMOVE a[1] SET a[3] = :v", to: original, values: values) == expected)
        #expect(try apply("SET a[3] = :v REMOVE a[1]", to: original, values: values) == expected)
        #expect(try apply("REMOVE a[1], a[3], a[5]", to: original) == ["a": Self.list(2, 4, 6)])
    }

    @Test func setPastTheEndAppendsInAscendingIndexOrder() throws {
        let original: AttributeMap = ["l": Self.list(1, 2, 3)]
        #expect(try apply("SET l[10] = :ten", to: original) == ["l": Self.list(1, 2, 3, 10)])
        #expect(
            try apply("SET l[20] = :two, l[10] = :one, l[0] = :zero", to: original) == ["l": Self.list(0, 2, 3, 1, 2)])
        #expect(try apply("REMOVE l[10]", to: original) == original)
    }

    @Test func nestedPathsThroughListElementsUpdateInPlace() throws {
        let item: AttributeMap = [
            "a": .m(["b": Self.n(3), "c": .l([.s("hi"), .m(["x": .m(["y": Self.list(3, 5, 7)]), "q": Self.n(2)])])]),
        ]
        var attributes = try ExpressionAttributes(names: ["#name": "x"], values: [":v": Self.n(9)])
        let set = try UpdateExpression.parse("SET a.c[1].#name.y[1] = :v, a.z = a.c[1].#name.y[1]", attributes: &attributes)
        let updated = try set.apply(to: item)
        #expect(
            updated["a"]
                == .m([
                    "b": Self.n(3), "z": Self.n(5),
                    "c": .l([.s("hi"), .m(["x": .m(["y": Self.list(3, 9, 7)]), "q": Self.n(2)])]),
                ]))
        let removed = try Fixtures.update("REMOVE a.c[1].x.y[1], a.c[1].q").apply(to: item)
        #expect(removed["a"] == .m(["b": Self.n(3), "c": .l([.s("hi"), .m(["x": .m(["y": Self.list(3, 7)])])])]))
        let replaced = try Fixtures.update("REMOVE a.c[0] SET a.c[1].q = :two").apply(to: item)
        #expect(replaced["a"] == .m(["b": Self.n(3), "c": .l([.m(["x": .m(["y": Self.list(3, 5, 7)]), "q": Self.n(2)])])]))
    }

    @Test func removeDeletesEntriesAndLeavesEmptyContainers() throws {
        let item: AttributeMap = ["m": .m(["a": Self.n(1)]), "l": Self.list(1), "x": Self.n(1)]
        let result = try apply("REMOVE m.a, l[0], x, absent, m.b", to: item)
        #expect(result == ["m": .m([:]), "l": .l([])])
    }

    @Test func removeThroughAMissingParentIsIgnoredOnlyForAMissingItem() throws {
        let key: AttributeMap = ["pk": .s("k")]
        #expect(try apply("REMOVE a.b, c[1]", to: key, itemExists: false) == key)
        let message = Fixtures.message { () throws(DynamoError) in _ = try apply("REMOVE a.b", to: key) }
        #expect(message == "The document path provided in the update expression is invalid for update")
        let nested = Fixtures.message { () throws(DynamoError) in _ = try apply("SET a.b = :one", to: key, itemExists: false) }
        #expect(nested == "The document path provided in the update expression is invalid for update")
    }

    @Test func addStartsFromZeroOrTheGivenSetAndUnitesSets() throws {
        #expect(try apply("ADD c :five", to: [:]) == ["c": Self.n(5)])
        #expect(try apply("ADD n :five", to: Fixtures.item)["n"] == Self.n(10))
        #expect(try apply("ADD c :ss", to: [:]) == ["c": .ss(["b", "a"])])
        let united = try apply("ADD ss :s2", to: ["ss": .ss(["a", "b"])], values: [":s2": .ss(["b", "c"])])
        #expect(united == ["ss": .ss(["a", "b", "c"])])
        let numbers = try apply(
            "ADD ns :n2", to: ["ns": .ns([DynamoNumber(1)])], values: [":n2": .ns([DynamoNumber(1), DynamoNumber(2)])])
        #expect(numbers == ["ns": .ns([DynamoNumber(1), DynamoNumber(2)])])
        #expect(try apply("ADD m.c :one", to: ["m": .m([:])]) == ["m": .m(["c": Self.n(1)])])
    }

    @Test func deleteRemovesElementsAndTheAttributeWhenTheSetEmpties() throws {
        let item: AttributeMap = ["ss": .ss(["a", "b"]), "bs": .bs([[1], [2]])]
        #expect(try apply("DELETE ss :ssa", to: item)["ss"] == .ss(["b"]))
        #expect(try apply("DELETE ss :ss", to: item)["ss"] == nil)
        #expect(try apply("DELETE ss :s2", to: item, values: [":s2": .ss(["x"])])["ss"] == .ss(["a", "b"]))
        #expect(try apply("DELETE absent :ss", to: item) == item)
        #expect(try apply("DELETE bs :bs", to: item)["bs"] == nil)
    }

    @Test func targetPathsAndRemoveOnlyDescribeTheActions() throws {
        let update = try Fixtures.update("SET #m.a = :one, l[2] = :two REMOVE x ADD #n :one DELETE ss :ss")
        #expect(
            update.targetPaths == [
                DocumentPath([.name("m"), .name("a")]), DocumentPath([.name("l"), .index(2)]), DocumentPath([.name("x")]),
                DocumentPath([.name("n")]), DocumentPath([.name("ss")]),
            ])
        #expect(!update.isRemoveOnly)
        #expect(try Fixtures.update("REMOVE a DELETE ss :ss").isRemoveOnly)
        #expect(try !Fixtures.update("ADD a :one").isRemoveOnly)
    }

    @Test func literalAssignmentsListPlainValueSets() throws {
        let update = try Fixtures.update("SET a = :one, b = c, d = :one + :two, e = (:hello) ADD f :one")
        #expect(update.literalAssignments.map(\.path) == [DocumentPath([.name("a")]), DocumentPath([.name("e")])])
        #expect(update.literalAssignments.map(\.value) == [Self.n(1), .s("hello")])
    }

    @Test func updatedAttributesAreProjectedAtTheUpdatedPaths() throws {
        let old: AttributeMap = [
            "pk": .s("k"), "a": .m(["b": Self.n(1), "c": Self.list(10, 11, 12), "d": Self.n(4)]), "x": Self.n(1),
            "y": Self.n(2),
        ]
        var attributes = try ExpressionAttributes(names: nil, values: [":v": Self.n(9)])
        let update = try UpdateExpression.parse("SET a.b = :v, a.c[1] = :v, a.c[100] = :v REMOVE x, y", attributes: &attributes)
        let new = try update.apply(to: old)
        #expect(
            update.updatedAttributes(in: old, old: true) == [
                "a": .m(["b": Self.n(1), "c": Self.list(11)]), "x": Self.n(1), "y": Self.n(2),
            ])
        // The appended element (a.c[100]) is absent on the new side; removed attributes too.
        #expect(update.updatedAttributes(in: new, old: false) == ["a": .m(["b": Self.n(9), "c": Self.list(9)])])
    }

    @Test func updatedNewReportsTheElementThatShiftedIntoARemovedPosition() throws {
        let old: AttributeMap = ["a": .m(["c": Self.list(10, 11, 12)])]
        let update = try Fixtures.update("REMOVE a.c[1]")
        let new = try update.apply(to: old)
        #expect(update.updatedAttributes(in: old, old: true) == ["a": .m(["c": Self.list(11)])])
        #expect(update.updatedAttributes(in: new, old: false) == ["a": .m(["c": Self.list(12)])])
        let gone = try Fixtures.update("REMOVE s")
        #expect(gone.updatedAttributes(in: try gone.apply(to: Fixtures.item), old: false).isEmpty)
    }
}
