import DynamoExpressions
import DynamoModel
import Testing

struct UpdateStaticErrorTests {
    @Test(arguments: [
        ("SET _123 = :one", #"Syntax error; token: "_", near: "SET _123""#),
        ("SET a = 1", #"Syntax error; token: "1", near: "= 1""#),
        ("SET a = :one + :two + :three", #"Syntax error; token: "+", near: ":two + :three""#),
        ("SET c = if_not_exists(c, :one + :two)", #"Syntax error; token: "+", near: ":one + :two""#),
        ("SET a = :one,", #"Syntax error; token: "<EOF>", near: ",""#),
        ("SET a = :one, REMOVE b", #"Syntax error; token: "REMOVE", near: ", REMOVE b""#),
        ("UPSERT a = :one", #"Syntax error; token: "UPSERT", near: "UPSERT a""#),
        ("SET a :one", #"Syntax error; token: ":one", near: "a :one""#),
        ("ADD a b", #"Syntax error; token: "b", near: "a b""#),
        ("REMOVE a = :one", #"Syntax error; token: "=", near: "a = :one""#),
        ("SET a[:one] = :one", #"Syntax error; token: ":one", near: "[:one]""#),
        ("   ", #"Syntax error; token: "<EOF>", near: """#),
        ("SET a = (b + :one) + :two", #"Syntax error; token: "+", near: ") + :two""#),
        ("SET a = :one AND b = :two", #"Syntax error; token: "AND", near: ":one AND b""#),
        ("", "The expression can not be empty;"),
        ("SET a = :one SET b = :two", #"The "SET" section can only be used once in an update expression;"#),
        ("REMOVE a remove b", #"The "REMOVE" section can only be used once in an update expression;"#),
        ("ADD a :one DELETE b :ss ADD c :one", #"The "ADD" section can only be used once in an update expression;"#),
        ("SET status = :one", "Attribute name is a reserved keyword; reserved keyword: status"),
        ("REMOVE a.Name", "Attribute name is a reserved keyword; reserved keyword: Name"),
        ("SET a = foo(b)", "Invalid function name; function: foo"),
        ("SET a = size(b)", "Invalid function name; function: size"),
        ("SET #undefined = :one", "An expression attribute name used in the document path is not defined; attribute name: #undefined"),
        ("SET a = :undefined", "An expression attribute value used in expression is not defined; attribute value: :undefined"),
        ("SET a = :one REMOVE a", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
        ("SET a = :one, a.b = :two", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
        ("REMOVE #m.a ADD m :one", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m, a], path two: [m]"),
        ("SET a.b = :one, a[1] = :two", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]"),
        ("ADD a :hello", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"),
        ("ADD a :list", "Incorrect operand type for operator or function; operator: ADD, operand type: LIST"),
        ("ADD a :true", "Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN"),
        ("DELETE a :one", "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER"),
        ("DELETE a :map", "Incorrect operand type for operator or function; operator: DELETE, operand type: MAP"),
        ("SET a = :hello + :one", "Incorrect operand type for operator or function; operator or function: +, operand type: S"),
        ("SET a = b - :list", "Incorrect operand type for operator or function; operator or function: -, operand type: L"),
        ("SET a = list_append(:hello, b)", "Incorrect operand type for operator or function; operator or function: list_append, operand type: S"),
        ("SET a = list_append(list_append(a, :list), :list)", "The function is not allowed to be used this way in an expression; function: list_append"),
        ("SET a = if_not_exists(:one, :two)", "Operator or function requires a document path; operator or function: if_not_exists"),
        ("SET a = if_not_exists(a)", "Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1"),
        ("SET a = list_append(a, b, c)", "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 3"),
        // AWS's order: reserved, function, section, name, value, overlap, conflict, ADD/DELETE type, function operands.
        ("SET a = foo(b) SET status = :one", "Attribute name is a reserved keyword; reserved keyword: status"),
        ("SET a = foo(b) SET b = :one", "Invalid function name; function: foo"),
        ("SET #undefined = :one SET b = :one", #"The "SET" section can only be used once in an update expression;"#),
        ("SET a = :undefined, #undefined = :one", "An expression attribute name used in the document path is not defined; attribute name: #undefined"),
        ("SET a = :undefined, a = :one", "An expression attribute value used in expression is not defined; attribute value: :undefined"),
        ("SET a.b = :one, a[1] = :one, c = :one REMOVE c", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c], path two: [c]"),
        ("SET a.b = :one, a[1] = :one ADD c :hello", "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]"),
        ("SET a = :hello + :one ADD c :hello", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"),
    ])
    func updateStaticErrorsUseAWSMessages(expression: String, expected: String) {
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.update(expression) }
        #expect(message == "Invalid UpdateExpression: \(expected)", "\(expression)")
    }

    @Test(arguments: [
        "SET b = if_not_exists(b, :one) + :one", "SET #1 = :1, #_ = :_", "SET a = (:one)", "SET a = (b + :one)",
        "SET a = ((b)) - :one", "SET a = (if_not_exists(a, :zero)) + :one", "SET a = list_append(if_not_exists(l, :list), :list)",
        "SET a[1] = :one, a[2] = :two", "SET a.b = :one, a.c = :two", "REMOVE a[1], a[2]", "DELETE ss :ss ADD ns :ns, n :one",
        "SET a=:one,b=:two REMOVE c,d", "SET a = :one\nREMOVE b\tADD c :one",
    ])
    func validUpdatesParse(expression: String) throws {
        _ = try Fixtures.update(expression)
    }
}
