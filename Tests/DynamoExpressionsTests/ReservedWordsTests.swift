@testable import DynamoExpressions
import DynamoModel
import Testing

struct ReservedWordsTests {
    @Test(arguments: [
        "NAME", "STATUS", "DATA", "DATE", "TIMESTAMP", "TIME", "TTL", "COUNT", "SIZE", "VALUE", "VALUES", "USER", "KEY",
        "KEYS", "TYPE", "ITEMS", "YEAR", "MONTH", "DAY", "COMMENT", "CONNECTION", "LEVEL", "ORDER", "RANGE", "HASH",
        "TOTAL", "STRING", "NUMBER", "BINARY", "LIST", "MAP", "SET", "DELETE", "ADD", "ABORT", "ZONE",
        "FLATTERN", "INNTER", "LOGED", "name", "Status",
    ])
    func frequentlyHitWordsAreReservedInAnyCase(word: String) {
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.projection("a.\(word)") }
        #expect(message == "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: \(word)")
    }

    @Test(arguments: ["id", "pk", "sk", "price", "title", "score", "created_at", "names2", "ab"])
    func ordinaryNamesAreNotReserved(word: String) throws {
        _ = try Fixtures.projection(word)
    }

    @Test func theListHasAWSs573Words() {
        #expect(ReservedWords.all.count == 573)
        #expect(ReservedWords.all.allSatisfy { $0 == $0.uppercased() })
        // REMOVE is an update clause keyword but not on AWS's reserved-word list.
        #expect(!ReservedWords.contains("remove"))
    }

    @Test func placeholdersBypassReservedWords() throws {
        var attributes = try ExpressionAttributes(names: ["#s": "status"], values: [":v": .s("x")])
        let condition = try ConditionExpression.parse("#s = :v", kind: .condition, attributes: &attributes)
        #expect(condition.evaluate(["status": .s("x")]))
    }
}
