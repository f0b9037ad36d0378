import DynamoModel

/// The `ExpressionAttributeNames` and `ExpressionAttributeValues` of one request, with usage
/// tracking across all of its expressions.
///
/// Parse every expression of the request with the same value (`inout`), then call
/// ``checkAllUsed()``: AWS rejects placeholders that no expression of the request references
/// (dynamodb-core §4.9), counting usage over all expressions together.
public struct ExpressionAttributes: Sendable {
    /// `#name` → attribute name.
    public private(set) var names: [String: String]
    /// `:value` → attribute value.
    public private(set) var values: [String: AttributeValue]
    private var usedNames: Set<String> = []
    private var usedValues: Set<String> = []

    /// Validates the two maps of a request.
    ///
    /// - Parameters:
    ///   - names: `ExpressionAttributeNames`, or `nil` when absent.
    ///   - values: `ExpressionAttributeValues`, or `nil` when absent. Their attribute values are
    ///     expected to be validated already by the decoder.
    /// - Throws: `ValidationException` for an empty map (`ExpressionAttributeNames must not be empty`)
    ///   or a malformed key (`ExpressionAttributeNames contains invalid key: Syntax error; key: "<k>"`),
    ///   names first.
    public init(names: [String: String]?, values: [String: AttributeValue]?) throws(DynamoError) {
        if let names {
            if names.isEmpty { throw .validation("ExpressionAttributeNames must not be empty") }
            for key in names.keys.sorted() where !Self.isPlaceholder(key, sigil: "#") {
                throw .validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
            }
        }
        if let values {
            if values.isEmpty { throw .validation("ExpressionAttributeValues must not be empty") }
            for key in values.keys.sorted() where !Self.isPlaceholder(key, sigil: ":") {
                throw .validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
            }
        }
        self.names = names ?? [:]
        self.values = values ?? [:]
    }

    /// No names and no values.
    public init() {
        names = [:]
        values = [:]
    }

    /// Rejects names, then values, that no parsed expression referenced.
    ///
    /// - Throws: `Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}`
    ///   (keys sorted), then the same for `ExpressionAttributeValues`.
    public func checkAllUsed() throws(DynamoError) {
        let unusedNames = names.keys.filter { !usedNames.contains($0) }.sorted()
        if !unusedNames.isEmpty {
            throw .validation(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unusedNames.joined(separator: ", "))}")
        }
        let unusedValues = values.keys.filter { !usedValues.contains($0) }.sorted()
        if !unusedValues.isEmpty {
            throw .validation(
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unusedValues.joined(separator: ", "))}")
        }
    }

    /// The attribute name for `#placeholder`, marking it used.
    mutating func name(for placeholder: String) -> String? {
        guard let name = names[placeholder] else { return nil }
        usedNames.insert(placeholder)
        return name
    }

    /// The value for `:placeholder`, marking it used.
    mutating func value(for placeholder: String) -> AttributeValue? {
        guard let value = values[placeholder] else { return nil }
        usedValues.insert(placeholder)
        return value
    }

    /// Whether `key` is the sigil followed by one or more of `[A-Za-z0-9_]`.
    private static func isPlaceholder(_ key: String, sigil: Character) -> Bool {
        guard key.first == sigil else { return false }
        let rest = key.utf8.dropFirst()
        return !rest.isEmpty && rest.allSatisfy(Lexer.isPlaceholderByte)
    }
}
