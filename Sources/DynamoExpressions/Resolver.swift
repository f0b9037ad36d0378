import DynamoModel

/// Substitutes placeholders in raw paths and values, recording reserved words and undefined
/// placeholders as static issues.
struct Resolver {
    var attributes: ExpressionAttributes
    var issues: StaticIssues
    /// The category undefined `:values` are reported under (the condition family reports names and
    /// values together, updates report all names before any value).
    let valueCategory: StaticIssues.Category

    init(attributes: ExpressionAttributes, order: [StaticIssues.Category], valueCategory: StaticIssues.Category) {
        self.attributes = attributes
        self.issues = StaticIssues(order: order)
        self.valueCategory = valueCategory
    }

    mutating func path(_ raw: RawPath) -> DocumentPath {
        var elements: [PathElement] = []
        elements.reserveCapacity(raw.elements.count)
        for element in raw.elements {
            switch element {
            case .bare(let word):
                if ReservedWords.contains(word) {
                    issues.record(.reserved, "Attribute name is a reserved keyword; reserved keyword: \(word)")
                }
                elements.append(.name(word))
            case .placeholder(let placeholder):
                if let name = attributes.name(for: placeholder) {
                    elements.append(.name(name))
                } else {
                    issues.record(
                        .attributeName,
                        "An expression attribute name used in the document path is not defined; attribute name: \(placeholder)")
                    elements.append(.name(placeholder))
                }
            case .index(let index):
                elements.append(.index(index))
            }
        }
        return DocumentPath(elements)
    }

    mutating func value(_ placeholder: String) -> AttributeValue? {
        if let value = attributes.value(for: placeholder) { return value }
        issues.record(
            valueCategory,
            "An expression attribute value used in expression is not defined; attribute value: \(placeholder)")
        return nil
    }
}

/// How AWS prints a literal in BETWEEN messages: `AttributeValue: {N:1}`, `AttributeValue: {S:a}`.
func describeLiteral(_ value: AttributeValue) -> String {
    let payload: String
    switch value {
    case .s(let text): payload = text
    case .n(let number): payload = number.canonical
    case .b(let bytes): payload = Base64.encode(bytes)
    case .bool(let flag): payload = flag ? "true" : "false"
    case .null: payload = "true"
    case .ss(let texts): payload = "[" + texts.joined(separator: ", ") + "]"
    case .ns(let numbers): payload = "[" + numbers.map(\.canonical).joined(separator: ", ") + "]"
    case .bs(let blobs): payload = "[" + blobs.map(Base64.encode).joined(separator: ", ") + "]"
    case .l(let list): payload = "[" + list.map(describeLiteral).joined(separator: ", ") + "]"
    case .m(let map): payload = "{" + map.map { "\($0.name)=\(describeLiteral($0.value))" }.joined(separator: ", ") + "}"
    }
    return "AttributeValue: {\(value.typeName):\(payload)}"
}
