import DynamoExpressions
import DynamoModel
import Testing

struct KeyConditionTests {
    static let names: [String: String] = ["#pk": "pk", "#sk": "sk", "#x": "x"]
    static let values: [String: AttributeValue] = [
        ":p": .s("p1"), ":s": .s("b"), ":t": .s("d"), ":n": .n(DynamoNumber(1)), ":n2": .n(DynamoNumber(2)),
        ":e": .s(""), ":bin": .b([1]), ":true": .bool(true), ":a": .s("a"),
    ]

    private func parse(
        _ text: String, rangeKey: (name: String, type: String)? = ("sk", "S")
    ) throws(DynamoError) -> KeyCondition {
        var attributes = try ExpressionAttributes(names: Self.names, values: Self.values)
        return try KeyCondition.parse(text, hashKey: ("pk", "S"), rangeKey: rangeKey, attributes: &attributes)
    }

    @Test func partitionKeyAloneGivesNoSortCondition() throws {
        let condition = try parse("pk = :p")
        #expect(condition.partitionKeyName == "pk")
        #expect(condition.partitionValue == .s("p1"))
        #expect(condition.sortKeyName == nil)
        #expect(condition.sortCondition == nil)
    }

    @Test(arguments: [
        ("pk = :p AND sk = :s", ["b"], ["a", "c"]),
        ("pk = :p AND sk < :s", ["a", "B", ""], ["b", "c"]),
        ("pk = :p AND sk <= :s", ["a", "b"], ["c"]),
        ("pk = :p AND sk > :s", ["c", "ba"], ["b", "a"]),
        ("pk = :p AND sk >= :s", ["b", "c"], ["a"]),
        ("pk = :p AND sk BETWEEN :s AND :t", ["b", "c", "d"], ["a", "da", "e"]),
        ("pk = :p AND begins_with(sk, :s)", ["b", "bz", "b1"], ["a", "cb"]),
        ("sk > :s AND pk = :p", ["c"], ["b"]),
        (":s < sk AND :p = pk", ["c"], ["b"]),
        ("(pk = :p) AND (sk >= :s)", ["b"], ["a"]),
        ("(pk = :p AND sk >= :s)", ["b"], ["a"]),
        ("#pk = :p and #sk between :s and :t", ["c"], ["e"]),
    ])
    func sortConditionsMatchByTheKeyOrdering(expression: String, matching: [String], notMatching: [String]) throws {
        let condition = try parse(expression)
        let sort = try #require(condition.sortCondition)
        #expect(condition.sortKeyName == "sk")
        for value in matching { #expect(sort.matches(.s(value)), "\(expression) should match \(value)") }
        for value in notMatching { #expect(!sort.matches(.s(value)), "\(expression) should not match \(value)") }
    }

    @Test func numericAndBinarySortKeysCompareByValue() throws {
        var attributes = try ExpressionAttributes(names: nil, values: Self.values)
        let numeric = try KeyCondition.parse(
            "pk = :p AND sk > :n", hashKey: ("pk", "S"), rangeKey: ("sk", "N"), attributes: &attributes)
        #expect(numeric.sortCondition?.matches(.n(DynamoNumber(10))) == true)
        #expect(numeric.sortCondition?.matches(.n(DynamoNumber(-10))) == false)
        let binary = try KeyCondition.parse(
            "pk = :p AND begins_with(sk, :bin)", hashKey: ("pk", "S"), rangeKey: ("sk", "B"), attributes: &attributes)
        #expect(binary.sortCondition?.matches(.b([1, 255])) == true)
        #expect(binary.sortCondition?.matches(.b([2])) == false)
    }

    @Test(arguments: [
        ("pk = :p OR sk = :s", "Invalid operator used in KeyConditionExpression: OR"),
        ("NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"),
        ("pk IN (:p)", "Invalid operator used in KeyConditionExpression: IN"),
        ("pk <> :p", "Invalid operator used in KeyConditionExpression: <>"),
        ("pk = :p AND attribute_exists(sk)", "Invalid operator used in KeyConditionExpression: attribute_exists"),
        ("pk = :p AND contains(sk, :s)", "Invalid operator used in KeyConditionExpression: contains"),
        ("pk = :p AND size(sk) = :n", "KeyConditionExpressions cannot contain nested operations"),
        ("pk = :p AND sk.x = :s", "KeyConditionExpressions cannot have conditions on nested attributes"),
        ("pk = :p AND sk = pk", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
        ("pk = :p AND :s = :t", "Invalid condition in KeyConditionExpression: No key attribute specified"),
        ("pk = :p AND :s BETWEEN sk AND :t", "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand"),
        ("pk = :p AND begins_with(:s, sk)", "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand"),
        ("pk = :p AND pk = :p", "KeyConditionExpressions must only contain one condition per key"),
        ("pk = :p AND sk BETWEEN :t AND :s", "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:d}, upper bound operand: AttributeValue: {S:b}"),
        ("pk = :p AND sk BETWEEN :s AND :n", "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {N:1}"),
        ("pk = :p AND sk < :true", "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL"),
        ("pk = :p AND #undefined = :s", "Invalid KeyConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #undefined"),
        ("pk = :undefined", "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :undefined"),
        ("pk = :p AND name = :s", "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"),
        ("pk = :p AND foo(sk)", "Invalid KeyConditionExpression: Invalid function name; function: foo"),
        ("pk", #"Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "pk""#),
        ("", "Invalid KeyConditionExpression: The expression can not be empty;"),
        ("((pk = :p))", "Invalid KeyConditionExpression: The expression has redundant parentheses;"),
        ("sk = :s", "Query condition missed key schema element: pk"),
        ("pk = :p AND x = :s", "Query condition missed key schema element: sk"),
        ("pk > :p", "Query key condition not supported"),
        ("begins_with(pk, :p)", "Query key condition not supported"),
        ("pk = :n", "One or more parameter values were invalid: Condition parameter type does not match schema type"),
        ("pk = :p AND sk > :n", "One or more parameter values were invalid: Condition parameter type does not match schema type"),
        ("pk = :true", "One or more parameter values were invalid: ComparisonOperator EQ is not valid for BOOL AttributeValue type"),
        ("pk = :p AND sk = :true", "One or more parameter values were invalid: ComparisonOperator EQ is not valid for BOOL AttributeValue type"),
        // The grammar's checks come before the key-condition shape, and the shape is checked in text order.
        ("pk = :p OR size(sk) = :undefined", "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :undefined"),
        ("size(sk) = :n OR pk = :p", "Invalid operator used in KeyConditionExpression: OR"),
        ("sk = pk AND attribute_exists(sk)", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
        ("pk = :e", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
    ])
    func keyConditionErrorsUseAWSMessages(expression: String, expected: String) {
        let message = Fixtures.message { () throws(DynamoError) in _ = try parse(expression) }
        #expect(message == expected, "\(expression)")
    }

    @Test func hashOnlySchemaRejectsASecondCondition() {
        let message = Fixtures.message { () throws(DynamoError) in _ = try parse("pk = :p AND sk = :s", rangeKey: nil) }
        #expect(message == "Query key condition not supported")
    }

    @Test func moreThanTwoConditionsAreRejected() {
        let message = Fixtures.message { () throws(DynamoError) in _ = try parse("pk = :p AND sk = :s AND #x = :t") }
        #expect(message == "Conditions can be of length 1 or 2 only")
    }

    @Test func placeholdersUsedByTheKeyConditionCountAsUsed() throws {
        var attributes = try ExpressionAttributes(names: ["#pk": "pk"], values: [":p": .s("p1")])
        _ = try KeyCondition.parse("#pk = :p", hashKey: ("pk", "S"), rangeKey: nil, attributes: &attributes)
        try attributes.checkAllUsed()
    }
}
