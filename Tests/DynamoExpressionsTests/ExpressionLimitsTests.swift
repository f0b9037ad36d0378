import DynamoExpressions
import DynamoModel
import Testing

struct ExpressionLimitsTests {
    /// `a = :one` padded with spaces to exactly `size` bytes.
    private func condition(bytes size: Int) -> String {
        var text = "a = :one"
        while text.utf8.count < size { text += " " }
        return text
    }

    @Test func expressionsUpTo4096BytesAreAccepted() throws {
        _ = try Fixtures.condition(condition(bytes: 4096))
        _ = try Fixtures.projection("a" + String(repeating: " ", count: 4095))
        _ = try Fixtures.update("SET a = :one" + String(repeating: " ", count: 4096 - 12))
    }

    @Test func expressionsOver4096BytesAreRejectedWithTheirSize() {
        let oversized = condition(bytes: 4097)
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition(oversized) }
        #expect(
            message
                == "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097")
        let update = Fixtures.message { () throws(DynamoError) in
            _ = try Fixtures.update("SET a = :one" + String(repeating: " ", count: 5000))
        }
        #expect(
            update == "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 5012")
        let projection = Fixtures.message { () throws(DynamoError) in
            _ = try Fixtures.projection(Array(repeating: "a", count: 2049).joined(separator: ","))
        }
        #expect(
            projection
                == "Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097")
    }

    @Test func moreThan300OperatorsAreRejected() {
        // 150 comparisons joined by 149 ORs = 299 operators; one more comparison and OR make 301.
        let allowed = Array(repeating: "a = :one", count: 150).joined(separator: " OR ")
        #expect(Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition(allowed) } == nil)
        let tooMany = allowed + " OR a = :one"
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition(tooMany) }
        #expect(message == "Invalid ConditionExpression: The expression contains too many operators; operator count: 301")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let parentheses = String(repeating: "(", count: 2000) + "a = :one" + String(repeating: ")", count: 2000)
        let message = Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition(parentheses) }
        #expect(message?.hasPrefix("Invalid ConditionExpression: Syntax error; token: \"(\"") == true)
        let nots = String(repeating: "NOT ", count: 1000) + "a = :one"
        #expect(Fixtures.message { () throws(DynamoError) in _ = try Fixtures.condition(nots) } != nil)
        let functions = String(repeating: "if_not_exists(a, ", count: 240) + ":one" + String(repeating: ")", count: 240)
        #expect(Fixtures.message { () throws(DynamoError) in _ = try Fixtures.update("SET a = \(functions)") } != nil)
    }
}
