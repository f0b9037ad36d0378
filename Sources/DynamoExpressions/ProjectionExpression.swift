import DynamoModel

/// A parsed ProjectionExpression: the attributes (or nested parts) a read returns.
public struct ProjectionExpression: Sendable {
    /// The listed paths, after `#name` substitution, in text order.
    public let paths: [DocumentPath]
    private let tree: ProjectionTree

    /// Parses and checks a projection (dynamodb-core §4.7).
    ///
    /// - Throws: `ValidationException`: `Invalid ProjectionExpression: ` followed by a syntax error,
    ///   reserved word, undefined `#name`, or overlapping / conflicting paths, in that order.
    public static func parse(
        _ text: String, attributes: inout ExpressionAttributes
    ) throws(DynamoError) -> ProjectionExpression {
        do throws(ExpressionError) {
            try ExpressionError.checkText(text)
            var parser = Parser(text)
            let raw = try parser.parseProjection()
            var resolver = Resolver(attributes: attributes, order: StaticIssues.projection, valueCategory: .attributeValue)
            let paths = raw.map { resolver.path($0) }
            checkOverlapsAndConflicts(paths, into: &resolver.issues)
            try resolver.issues.throwFirst()
            attributes = resolver.attributes
            return ProjectionExpression(paths: paths, tree: ProjectionTree(paths: paths))
        } catch {
            throw error.dynamoError(for: .projection)
        }
    }

    /// The parts of `item` the projection names; key attributes are not added, unresolved paths
    /// are skipped, and the result may be empty.
    public func project(_ item: AttributeMap) -> AttributeMap {
        tree.project(item: item)
    }
}
