import DynamoExpressions
import DynamoModel
import Testing

struct ConditionStaticErrorTests {
    @Test(arguments: [
        // Syntax: offending token and the window around it.
        ("foo", #"Syntax error; token: "<EOF>", near: "foo""#),
        ("a+:delta<b", #"Syntax error; token: "+", near: "a+:delta""#),
        ("a = 1", #"Syntax error; token: "1", near: "= 1""#),
        ("_x = :one", #"Syntax error; token: "_", near: "_x""#),
        ("1x = :one", #"Syntax error; token: "1", near: "1x""#),
        ("a = :one AND", #"Syntax error; token: "<EOF>", near: "AND""#),
        ("a IN ()", #"Syntax error; token: ")", near: "()""#),
        ("a[:one] = :one", #"Syntax error; token: ":one", near: "[:one]""#),
        ("a[#n] = :one", ##"Syntax error; token: "#n", near: "[#n]""##),
        ("# = :one", ##"Syntax error; token: "#", near: "# =""##),
        ("a = :", #"Syntax error; token: ":", near: "= :""#),
        ("a = :one = :two", #"Syntax error; token: "=", near: ":one = :two""#),
        ("NOT a", #"Syntax error; token: "<EOF>", near: "a""#),
        ("a BETWEEN :one", #"Syntax error; token: "<EOF>", near: ":one""#),
        ("a == :one", #"Syntax error; token: "=", near: "== :one""#),
        ("a = :one OR", #"Syntax error; token: "<EOF>", near: "OR""#),
        ("(a = :one", #"Syntax error; token: "<EOF>", near: ":one""#),
        ("a ! :one", #"Syntax error; token: "!", near: "a ! :one""#),
        ("a = :one AND AND b = :two", #"Syntax error; token: "AND", near: "AND AND b""#),
        // Redundant parentheses come right after syntax.
        ("((a = :one))", "The expression has redundant parentheses;"),
        ("a > ((b))", "The expression has redundant parentheses;"),
        ("((a = :one)) AND size(a) = :one AND foo(a)", "The expression has redundant parentheses;"),
        // Functions.
        ("foo(a)", "Invalid function name; function: foo"),
        ("attRIbute_exIsts(a)", "Invalid function name; function: attRIbute_exIsts"),
        ("size(a)", "The function is not allowed to be used this way in an expression; function: size"),
        ("attribute_exists(a) = :one", "The function is not allowed to be used this way in an expression; function: attribute_exists"),
        ("begins_with(a, contains(b, :a))", "The function is not allowed to be used this way in an expression; function: contains"),
        ("attribute_exists(a, b)", "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"),
        ("contains(a)", "Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1"),
        ("size(a, b) = :one", "Incorrect number of operands for operator or function; operator or function: size, number of operands: 2"),
        ("attribute_exists(:one)", "Operator or function requires a document path; operator or function: attribute_exists"),
        ("attribute_not_exists(size(a))", "Operator or function requires a document path; operator or function: attribute_not_exists"),
        ("attribute_type(a, :one)", "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"),
        ("attribute_type(a, :XYZ)", "Invalid attribute type name found; type: XYZ, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"),
        ("begins_with(a, :one)", "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
        ("begins_with(:ss, a)", "Incorrect operand type for operator or function; operator or function: begins_with, operand type: SS"),
        ("size(:one) = a", "Incorrect operand type for operator or function; operator or function: size, operand type: N"),
        ("size(:true) = a", "Incorrect operand type for operator or function; operator or function: size, operand type: BOOL"),
        ("size(:null) = a", "Incorrect operand type for operator or function; operator or function: size, operand type: NULL"),
        // Distinct operands.
        ("a = a", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
        ("m.b[1] <> m.b[1]", "The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [m, b, [1]]"),
        ("contains(a, a)", "The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]"),
        ("#n = n", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [n]"),
        // Ordering literals must be N, S or B — even in a branch that never runs.
        ("a < :true", "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"),
        ("a >= :null", "Incorrect operand type for operator or function; operator or function: >=, operand type: NULL"),
        ("a = :one OR a > :ss", "Incorrect operand type for operator or function; operator or function: >, operand type: SS"),
        (":list <= a", "Incorrect operand type for operator or function; operator or function: <=, operand type: L"),
        ("a BETWEEN :map AND :one", "Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: M"),
        ("a BETWEEN :one AND :a", "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}"),
        ("a BETWEEN :b AND :a", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}"),
        ("a BETWEEN :ten AND :one", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}"),
        ("a = :true AND a = :null", nil),
        // Reserved words (bare names only, as written), placeholders.
        ("status = :one", "Attribute name is a reserved keyword; reserved keyword: status"),
        ("a.Size = :one", "Attribute name is a reserved keyword; reserved keyword: Size"),
        ("#status = :one", nil),
        ("#undefined = :one", "An expression attribute name used in the document path is not defined; attribute name: #undefined"),
        ("a = :undefined", "An expression attribute value used in expression is not defined; attribute value: :undefined"),
        ("#1 = :1 AND #_ = :_", nil),
        // Order: function before misuse before reserved before placeholders before operands.
        ("status = :undefined AND foo(a)", "Invalid function name; function: foo"),
        ("status = :undefined AND size(a)", "The function is not allowed to be used this way in an expression; function: size"),
        ("#undefined = :one AND status = :one", "Attribute name is a reserved keyword; reserved keyword: status"),
        ("a = a AND #undefined = :one", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
        ("#undefined = a AND a = a", "An expression attribute name used in the document path is not defined; attribute name: #undefined"),
        // The first faulty predicate decides; within it: placeholder, operand count, distinct, type.
        ("a < :true AND b = b", "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"),
        ("b = b AND a < :true", "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [b]"),
        ("a BETWEEN :b AND :a AND c < :true", "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}"),
        ("a < :true AND #undefined = :one", "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"),
        ("a < :undefined AND b < :true", "An expression attribute value used in expression is not defined; attribute value: :undefined"),
        ("attribute_type(a, a)", "The first operand must be distinct from the remaining operands for this operator or function; operator: attribute_type, first operand: [a]"),
        ("attribute_type(a, b)", "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"),
        ("a BETWEEN a AND :one", nil),
        ("a IN (a, :one)", nil),
    ] as [(String, String?)])
    func conditionStaticErrorsUseAWSMessages(expression: String, expected: String?) {
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition(expression) }
        #expect(message == expected.map { "Invalid ConditionExpression: \($0)" }, "\(expression)")
    }

    @Test func messagesNameTheExpressionParameter() {
        let filter = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition("foo", kind: .filter) }
        #expect(filter == #"Invalid FilterExpression: Syntax error; token: "<EOF>", near: "foo""#)
        let empty = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition("") }
        #expect(empty == "Invalid ConditionExpression: The expression can not be empty;")
    }

    @Test func errorsAreValidationExceptions() {
        do {
            _ = try Fixtures.condition("foo")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .validation)
        }
    }

    @Test func keywordsAreCaseInsensitiveAndFunctionNamesAreNot() throws {
        #expect(try Fixtures.condition("a = :one aNd NoT b = :two oR c iN (:one)").evaluate(["c": .n(DynamoNumber(1))]))
        #expect(try Fixtures.condition("a BeTwEeN :one and :ten").evaluate(["a": .n(DynamoNumber(2))]))
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition("Contains(a, :a)") }
        #expect(message == "Invalid ConditionExpression: Invalid function name; function: Contains")
    }

    @Test func inAcceptsAHundredOperandsAndNoMore() throws {
        var values: [String: AttributeValue] = [:]
        for index in 0..<101 { values[":v\(index)"] = .n(DynamoNumber(index)) }
        var attributes = try ExpressionAttributes(names: nil, values: values)
        let hundred = (0..<100).map { ":v\($0)" }.joined(separator: ", ")
        let condition = try ConditionExpression.parse("a IN (\(hundred))", kind: .condition, attributes: &attributes)
        #expect(condition.evaluate(["a": .n(DynamoNumber(99))]))
        let message = Fixtures.message { () throws(DynamoError) in
            _ = try ConditionExpression.parse("a IN (\(hundred), :v100)", kind: .condition, attributes: &attributes)
        }
        #expect(
            message
                == "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: IN, number of operands: 101"
        )
    }
}
