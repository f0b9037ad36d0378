import DynamoModel

/// One step of a ``DocumentPath``: a map key (or top-level attribute name) or a list index.
public enum PathElement: Hashable, Sendable {
    /// A top-level attribute name or a map key, after `#name` substitution (dots are literal).
    case name(String)
    /// A list position, `[i]`.
    case index(Int)
}

/// A document path such as `a.b[3].c`, with every `#name` placeholder already substituted.
///
/// The first element is always a ``PathElement/name(_:)``. A path resolves in an item when every
/// step exists: `.name` on an `M`, `[i]` on an `L` with `i < count` (dynamodb-core §4.2).
public struct DocumentPath: Hashable, Sendable, CustomStringConvertible {
    /// The steps, outermost first.
    public var elements: [PathElement]

    /// A path from its steps.
    public init(_ elements: [PathElement]) {
        self.elements = elements
    }

    /// The top-level attribute name the path starts at.
    public var attributeName: String {
        if case .name(let name) = elements.first { return name }
        return ""
    }

    /// Whether the path names a top-level attribute only (no `.` or `[]` steps).
    public var isTopLevel: Bool { elements.count == 1 }

    /// The path as DynamoDB prints it in messages: `[a, b, [3]]`.
    public var description: String {
        var text = "["
        for (offset, element) in elements.enumerated() {
            if offset > 0 { text += ", " }
            switch element {
            case .name(let name): text += name
            case .index(let index): text += "[\(index)]"
            }
        }
        return text + "]"
    }

    /// The value at this path in `item`, or `nil` when the path does not resolve.
    public func resolve(in item: AttributeMap) -> AttributeValue? {
        guard case .name(let first) = elements.first, var current = item[first] else { return nil }
        var position = 1
        while position < elements.count {
            switch (elements[position], current) {
            case (.name(let key), .m(let map)):
                guard let next = map[key] else { return nil }
                current = next
            case (.index(let index), .l(let list)):
                guard index < list.count else { return nil }
                current = list[index]
            default:
                return nil
            }
            position += 1
        }
        return current
    }

    /// Whether one path is a prefix of the other (equal paths included).
    func overlaps(_ other: DocumentPath) -> Bool {
        let shared = min(elements.count, other.elements.count)
        for position in 0..<shared where elements[position] != other.elements[position] { return false }
        return true
    }

    /// Whether the paths agree up to a step where one has a name and the other an index.
    func conflicts(with other: DocumentPath) -> Bool {
        let shared = min(elements.count, other.elements.count)
        for position in 0..<shared {
            switch (elements[position], other.elements[position]) {
            case (.name(let a), .name(let b)): if a != b { return false }
            case (.index(let a), .index(let b)): if a != b { return false }
            default: return true
            }
        }
        return false
    }
}

/// Checks a list of paths pairwise for overlap, then for conflict (§4.7, §4.8), the earlier path
/// printed first.
func checkOverlapsAndConflicts(_ paths: [DocumentPath], into issues: inout StaticIssues) {
    for later in paths.indices {
        for earlier in 0..<later where paths[earlier].overlaps(paths[later]) {
            issues.record(
                .overlap,
                "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                    + "path one: \(paths[earlier]), path two: \(paths[later])")
        }
    }
    for later in paths.indices {
        for earlier in 0..<later where paths[earlier].conflicts(with: paths[later]) {
            issues.record(
                .conflict,
                "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                    + "path one: \(paths[earlier]), path two: \(paths[later])")
        }
    }
}
