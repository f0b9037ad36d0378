import DynamoExpressions
import DynamoModel

/// Shared test data: one item with every type, and placeholders covering every type.
enum Fixtures {
    static let item: AttributeMap = [
        "pk": .s("p1"),
        "n": .n(DynamoNumber(5)),
        "neg": .n(DynamoNumber(-3)),
        "s": .s("hello"),
        "b": .b([1, 2, 3]),
        "t": .bool(true),
        "z": .null,
        "ss": .ss(["a", "b"]),
        "ns": .ns([DynamoNumber(1), DynamoNumber(2)]),
        "bs": .bs([[1], [2]]),
        "l": .l([.n(DynamoNumber(1)), .s("x"), .m(["k": .s("v")])]),
        "m": .m(["a": .n(DynamoNumber(1)), "b": .m(["c": .s("deep")])]),
        "a.b": .s("dotted"),
        "blank": .s(""),
        "accent": .s("¿"),
    ]

    static let names: [String: String] = [
        "#pk": "pk", "#n": "n", "#dotted": "a.b", "#m": "m", "#status": "status", "#1": "1", "#_": "_",
    ]

    static let values: [String: AttributeValue] = [
        ":zero": .n(DynamoNumber(0)),
        ":one": .n(DynamoNumber(1)),
        ":two": .n(DynamoNumber(2)),
        ":three": .n(DynamoNumber(3)),
        ":five": .n(DynamoNumber(5)),
        ":ten": .n(DynamoNumber(10)),
        ":hello": .s("hello"),
        ":he": .s("he"),
        ":ell": .s("ell"),
        ":a": .s("a"),
        ":b": .s("b"),
        ":x": .s("x"),
        ":z": .s("z"),
        ":p1": .s("p1"),
        ":empty": .s(""),
        ":bin": .b([1, 2]),
        ":bin23": .b([2, 3]),
        ":bin1": .b([1]),
        ":true": .bool(true),
        ":false": .bool(false),
        ":null": .null,
        ":ss": .ss(["b", "a"]),
        ":ssa": .ss(["a"]),
        ":ns": .ns([DynamoNumber(2), DynamoNumber(1)]),
        ":bs": .bs([[2], [1]]),
        ":list": .l([.n(DynamoNumber(1)), .s("x"), .m(["k": .s("v")])]),
        ":map": .m(["b": .m(["c": .s("deep")]), "a": .n(DynamoNumber(1))]),
        ":kv": .m(["k": .s("v")]),
        ":S": .s("S"), ":N": .s("N"), ":B": .s("B"), ":BOOL": .s("BOOL"), ":NULL": .s("NULL"),
        ":SS": .s("SS"), ":NS": .s("NS"), ":BS": .s("BS"), ":L": .s("L"), ":M": .s("M"), ":XYZ": .s("XYZ"),
        ":1": .s("digits"), ":_": .s("underscore"),
    ]

    static func attributes() throws(DynamoError) -> ExpressionAttributes {
        try ExpressionAttributes(names: names, values: values)
    }

    static func condition(_ text: String, kind: ExpressionKind = .condition) throws(DynamoError) -> ConditionExpression {
        var attributes = try attributes()
        return try ConditionExpression.parse(text, kind: kind, attributes: &attributes)
    }

    static func update(_ text: String) throws(DynamoError) -> UpdateExpression {
        var attributes = try attributes()
        return try UpdateExpression.parse(text, attributes: &attributes)
    }

    static func projection(_ text: String) throws(DynamoError) -> ProjectionExpression {
        var attributes = try attributes()
        return try ProjectionExpression.parse(text, attributes: &attributes)
    }

    /// The message of the `DynamoError` thrown by `body`, or nil when it does not throw.
    static func message(_ body: () throws(DynamoError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return error.message
        }
    }

    static func number(_ text: String) throws(DynamoError) -> AttributeValue {
        .n(try DynamoNumber(parsing: text))
    }
}
