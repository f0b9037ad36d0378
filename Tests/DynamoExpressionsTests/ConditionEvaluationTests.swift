import DynamoExpressions
import DynamoModel
import Testing

struct ConditionEvaluationTests {
    @Test(arguments: [
        // Comparators on each scalar type.
        ("n = :five", true), ("n = :one", false), ("n <> :one", true), ("n <> :five", false),
        ("n < :ten", true), ("n <= :five", true), ("n > :five", false), ("n >= :five", true),
        ("neg < :zero", true), ("s = :hello", true), ("s > :he", true), ("s < :z", true),
        ("b > :bin", true), ("b < :bin23", true), ("b = :bin", false),
        ("accent > :z", true),  // UTF-8 0xC2BF sorts after "z"
        // Operands may be swapped and parenthesised.
        (":five = n", true), (":ten > n", true), ("(n) = :five", true), ("(n = :five)", true),
        // Different types: = false, <> true, ordering false (never an error).
        ("s = :five", false), ("s <> :five", true), ("s < :five", false), ("s >= :five", false),
        ("t = :true", true), ("z = :null", true), ("t <> :false", true),
        // MISSING: equal false, not-equal true, ordering false.
        ("absent = :one", false), ("absent <> :one", true), ("absent < :one", false), ("absent > :one", false),
        // Sets compare as sets, lists in order, maps deeply.
        ("ss = :ss", true), ("ns = :ns", true), ("bs = :bs", true), ("ss = :ssa", false),
        ("l = :list", true), ("m = :map", true), ("m.b.c = :hello", false), ("m.b.c <> :hello", true),
        // Paths into maps and lists; #name placeholders are one literal name.
        ("l[0] = :one", true), ("l[1] = :x", true), ("l[2].k = :b", false), ("l[2] = :kv", true), ("l[9] = :one", false),
        ("#m.a = :one", true), ("#dotted = :hello", false), ("attribute_exists(#dotted)", true),
        ("attribute_exists(m.b.c)", true), ("attribute_exists(m.b.d)", false), ("attribute_exists(s.x)", false),
        ("attribute_exists(l[2].k)", true), ("attribute_exists(l[3])", false), ("attribute_exists(m[0])", false),
        ("attribute_not_exists(absent)", true), ("attribute_not_exists(n)", false),
        // BETWEEN and IN.
        ("n BETWEEN :one AND :ten", true), ("n BETWEEN :five AND :five", true), ("n BETWEEN :one AND :three", false),
        ("s BETWEEN :a AND :z", true), ("s BETWEEN :one AND :ten", false), ("absent BETWEEN :one AND :ten", false),
        ("n IN (:one, :five)", true), ("n IN (:one)", false), ("s IN (:five, :hello)", true), ("absent IN (:one)", false),
        ("ss IN (:ss)", true),
        // attribute_type.
        ("attribute_type(s, :S)", true), ("attribute_type(n, :N)", true), ("attribute_type(b, :B)", true),
        ("attribute_type(t, :BOOL)", true), ("attribute_type(z, :NULL)", true), ("attribute_type(ss, :SS)", true),
        ("attribute_type(ns, :NS)", true), ("attribute_type(bs, :BS)", true), ("attribute_type(l, :L)", true),
        ("attribute_type(m, :M)", true), ("attribute_type(s, :N)", false), ("attribute_type(absent, :S)", false),
        // begins_with.
        ("begins_with(s, :he)", true), ("begins_with(s, :ell)", false), ("begins_with(s, :empty)", true),
        ("begins_with(b, :bin)", true), ("begins_with(b, :bin23)", false), ("begins_with(n, :he)", false),
        ("begins_with(absent, :he)", false),
        // contains.
        ("contains(s, :ell)", true), ("contains(s, :x)", false), ("contains(ss, :a)", true), ("contains(ss, :x)", false),
        ("contains(ns, :two)", true), ("contains(ns, :three)", false), ("contains(bs, :bin1)", true),
        ("contains(l, :x)", true), ("contains(l, :kv)", true), ("contains(l, :a)", false), ("contains(b, :bin23)", true),
        ("contains(n, :five)", false), ("contains(absent, :a)", false), ("contains(ss, :one)", false),
        // size.
        ("size(s) = :five", true), ("size(b) = :three", true), ("size(ss) = :two", true), ("size(ns) = :two", true),
        ("size(l) = :three", true), ("size(m) = :two", true), ("size(blank) = :zero", true), ("size(accent) = :two", true),
        ("size(n) = :one", false), ("size(n) <> :one", true), ("size(absent) > :zero", false),
        ("size(s) BETWEEN :one AND :ten", true), ("size(s) > size(l)", true), ("size(:hello) = :five", true),
        // Boolean logic and precedence: AND binds tighter than OR, NOT tighter than AND.
        ("n = :one OR s = :hello AND t = :true", true), ("n = :one OR s = :hello AND t = :false", false),
        ("(n = :one OR s = :hello) AND t = :false", false), ("n = :five OR n = :one AND t = :false", true),
        ("NOT n = :one", true), ("NOT n = :five", false), ("NOT NOT n = :five", true),
        ("NOT n = :one AND s = :hello", true), ("NOT (n = :five AND s = :x)", true), ("not n = :one and s = :hello", true),
        ("attribute_not_exists(absent) AND attribute_exists(pk)", true),
    ])
    func conditionEvaluatesAgainstTheFixtureItem(expression: String, expected: Bool) throws {
        let condition = try Fixtures.condition(expression)
        #expect(condition.evaluate(Fixtures.item) == expected, "\(expression)")
    }

    @Test func conditionOnAnEmptyItemTreatsEveryPathAsMissing() throws {
        #expect(try Fixtures.condition("attribute_not_exists(pk)").evaluate([:]))
        #expect(try Fixtures.condition("pk <> :p1").evaluate([:]))
        #expect(try !Fixtures.condition("pk = :p1").evaluate([:]))
    }

    @Test func numbersCompareNumericallyNotTextually() throws {
        var attributes = try ExpressionAttributes(
            names: nil, values: [":a": try Fixtures.number("1.0"), ":b": try Fixtures.number("10")])
        let equal = try ConditionExpression.parse("x = :a", kind: .filter, attributes: &attributes)
        let less = try ConditionExpression.parse("x < :b", kind: .filter, attributes: &attributes)
        let item: AttributeMap = ["x": try Fixtures.number("1")]
        #expect(equal.evaluate(item))
        #expect(less.evaluate(["x": try Fixtures.number("9.5")]))
        #expect(!less.evaluate(["x": try Fixtures.number("100")]))
    }

    @Test func stringEqualityIsByteWiseWithoutUnicodeNormalisation() throws {
        var attributes = try ExpressionAttributes(
            names: nil, values: [":composed": .s("\u{E9}"), ":set": .ss(["\u{E9}"]), ":list": .l([.s("\u{E9}")])])
        let equal = try ConditionExpression.parse("a = :composed", kind: .condition, attributes: &attributes)
        let inSet = try ConditionExpression.parse("contains(s, :composed)", kind: .condition, attributes: &attributes)
        let inList = try ConditionExpression.parse("l = :list", kind: .condition, attributes: &attributes)
        let decomposed: AttributeMap = ["a": .s("e\u{301}"), "s": .ss(["e\u{301}"]), "l": .l([.s("e\u{301}")])]
        #expect(!equal.evaluate(decomposed))
        #expect(!inSet.evaluate(decomposed))
        #expect(!inList.evaluate(decomposed))
        #expect(equal.evaluate(["a": .s("\u{E9}")]))
    }

    @Test func referencedPathsAreSubstitutedAndInTextOrder() throws {
        let condition = try Fixtures.condition("#pk = :p1 AND m.b.c = :hello OR size(l[1]) > :one")
        #expect(
            condition.referencedPaths == [
                DocumentPath([.name("pk")]),
                DocumentPath([.name("m"), .name("b"), .name("c")]),
                DocumentPath([.name("l"), .index(1)]),
            ])
        let dotted = try Fixtures.condition("attribute_exists(#dotted)")
        #expect(dotted.referencedPaths == [DocumentPath([.name("a.b")])])
    }

    @Test func parsedConditionEvaluatesManyItems() throws {
        let condition = try Fixtures.condition("n BETWEEN :one AND :ten AND begins_with(s, :he)")
        var matched = 0
        for index in 0..<10_000 {
            let item: AttributeMap = ["n": .n(DynamoNumber(index % 20)), "s": .s(index % 2 == 0 ? "hello" : "world")]
            if condition.evaluate(item) { matched += 1 }
        }
        // n in 1...10 for 10 of every 20 values, and s = "hello" for the even ones among them.
        #expect(matched == 2_500)
    }
}
