import DynamoExpressions
import DynamoModel
import Testing

struct ProjectionExpressionTests {
    static func n(_ value: Int) -> AttributeValue { .n(DynamoNumber(value)) }

    static let item: AttributeMap = [
        "pk": .s("k"),
        "a": .m(["b": .m(["c": n(1), "d": n(2)]), "e": n(3)]),
        "arr": .l([n(0), n(1), n(2), .m(["x": n(1), "y": n(2), "z": n(3)])]),
        "top": .s("t"),
        "a.b": .s("dotted"),
    ]

    @Test(arguments: [
        ("top", ["top": .s("t")]),
        ("top, absent, a.zz, arr[9], a.e.x, arr[1].y", ["top": .s("t")]),
        ("a.b.c", ["a": .m(["b": .m(["c": n(1)])])]),
        ("a.b.c, a.e, a.b.d", ["a": .m(["b": .m(["c": n(1), "d": n(2)]), "e": n(3)])]),
        ("arr[2], arr[0]", ["arr": .l([n(0), n(2)])]),
        ("arr[3].z, arr[3].x, arr[1]", ["arr": .l([n(1), .m(["x": n(1), "z": n(3)])])]),
        ("#dotted", ["a.b": .s("dotted")]),
        ("#m", [:]),
        ("a.zz.c, arr[8]", [:]),
    ] as [(String, AttributeMap)])
    func projectionBuildsTheListedParts(expression: String, expected: AttributeMap) throws {
        #expect(try Fixtures.projection(expression).project(Self.item) == expected, "\(expression)")
    }

    @Test func keyAttributesAreNotAddedAutomatically() throws {
        #expect(try Fixtures.projection("top").project(Self.item)["pk"] == nil)
    }

    @Test func pathsAreSubstitutedInTextOrder() throws {
        #expect(
            try Fixtures.projection("#pk, a.b[1]").paths == [
                DocumentPath([.name("pk")]), DocumentPath([.name("a"), .name("b"), .index(1)]),
            ])
    }

    @Test(arguments: [
        ("a, a.b", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
        ("top, top", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [top], path two: [top]"),
        ("a.b[1].c, a.b[1]", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b, [1], c], path two: [a, b, [1]]"),
        ("a.b, a[0]", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]"),
        ("a.b, a[0], c, c", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c], path two: [c]"),
        ("a, :one", #"Syntax error; token: ":one", near: ", :one""#),
        ("size(a)", #"Syntax error; token: "(", near: "size(a""#),
        ("a,", #"Syntax error; token: "<EOF>", near: ",""#),
        ("", "The expression can not be empty;"),
        ("#undefined, a, a", "An expression attribute name used in the document path is not defined; attribute name: #undefined"),
        ("Year, #undefined", "Attribute name is a reserved keyword; reserved keyword: Year"),
    ])
    func projectionErrorsUseAWSMessages(expression: String, expected: String) {
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.projection(expression) }
        #expect(message == "Invalid ProjectionExpression: \(expected)", "\(expression)")
    }
}
