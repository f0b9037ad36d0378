@testable import DynamoExpressions
import DynamoModel
import Testing

struct LexerTests {
    private func tokens(_ text: String) -> [String] {
        Lexer.tokenize(Array(text.utf8)).map { token in
            let kind =
                switch token.kind {
                case .name: "name"
                case .nameRef: "#"
                case .valueRef: ":"
                case .number: "digits"
                case .punctuation: "p"
                case .invalid: "invalid"
                case .eof: "eof"
                }
            return "\(kind) \(token.text)"
        }
    }

    @Test(arguments: [
        ("a_1.B2[10]", ["name a_1", "p .", "name B2", "p [", "digits 10", "p ]", "eof "]),
        ("#1 #_ #a_b :1 :_ :x9", ["# #1", "# #_", "# #a_b", ": :1", ": :_", ": :x9", "eof "]),
        ("a<>b<=c>=d<e>f=g", [
            "name a", "p <>", "name b", "p <=", "name c", "p >=", "name d", "p <", "name e", "p >", "name f", "p =",
            "name g", "eof ",
        ]),
        ("\ta\r\n,\n b ", ["name a", "p ,", "name b", "eof "]),
        ("_x", ["invalid _", "name x", "eof "]),
        ("1x", ["digits 1", "name x", "eof "]),
        ("# : $", ["invalid #", "invalid :", "invalid $", "eof "]),
        ("a-b+c", ["name a", "p -", "name b", "p +", "name c", "eof "]),
        ("é=\"x\"", ["invalid é", "p =", "invalid \"", "name x", "invalid \"", "eof "]),
        ("", ["eof "]),
    ])
    func tokensFollowTheLexicalRules(text: String, expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test(arguments: [
        "#1 = :1", "#_ = :_", "a.b[0].c = :1", "a . b [ 0 ] = :1", "A = :1", "a_b_c = :1", "x1 = :1",
    ])
    func validLexemesParse(expression: String) throws {
        _ = try Fixtures.condition(expression)
    }

    @Test func hugeListIndexesDoNotCrash() throws {
        let condition = try Fixtures.condition("l[99999999999999999999999] = :one")
        #expect(!condition.evaluate(Fixtures.item))
    }
}
