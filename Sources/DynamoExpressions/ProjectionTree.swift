import DynamoModel

/// A set of non-overlapping document paths as a trie, used to build projected items
/// (ProjectionExpression, and ReturnValues `UPDATED_OLD` / `UPDATED_NEW`).
///
/// Result rules (dynamodb-core §4.7): unresolved paths are skipped; nested map paths keep their
/// ancestors and siblings merge; list indexes give a compacted list in ascending source-index
/// order; a container none of whose paths resolve is omitted.
struct ProjectionTree: Sendable {
    /// Whether a path ends here (its whole value is taken).
    var isTerminal = false
    /// Map-key children, sorted by name so results are built in AttributeMap order.
    var names: [(name: String, node: ProjectionTree)] = []
    /// List-index children, sorted ascending.
    var indexes: [(index: Int, node: ProjectionTree)] = []

    init() {}

    init(paths: [DocumentPath]) {
        for path in paths { insert(path.elements[...]) }
    }

    private mutating func insert(_ elements: ArraySlice<PathElement>) {
        guard let first = elements.first else {
            isTerminal = true
            return
        }
        switch first {
        case .name(let name):
            var low = 0
            var high = names.count
            while low < high {
                let mid = (low + high) / 2
                if names[mid].name < name { low = mid + 1 } else { high = mid }
            }
            if low == names.count || names[low].name != name {
                names.insert((name, ProjectionTree()), at: low)
            }
            names[low].node.insert(elements.dropFirst())
        case .index(let index):
            var low = 0
            var high = indexes.count
            while low < high {
                let mid = (low + high) / 2
                if indexes[mid].index < index { low = mid + 1 } else { high = mid }
            }
            if low == indexes.count || indexes[low].index != index {
                indexes.insert((index, ProjectionTree()), at: low)
            }
            indexes[low].node.insert(elements.dropFirst())
        }
    }

    /// The projection of a whole item (the root's name children are top-level attributes).
    func project(item: AttributeMap) -> AttributeMap {
        var result = AttributeMap()
        result.reserveCapacity(names.count)
        for (name, node) in names {
            if let value = item[name], let projected = node.project(value) {
                result[name] = projected
            }
        }
        return result
    }

    /// The projection of one value, or `nil` when nothing under this node resolves.
    func project(_ value: AttributeValue) -> AttributeValue? {
        if isTerminal { return value }
        switch value {
        case .m(let map) where !names.isEmpty:
            let projected = project(item: map)
            return projected.isEmpty ? nil : .m(projected)
        case .l(let list) where !indexes.isEmpty:
            var projected: [AttributeValue] = []
            for (index, node) in indexes where index < list.count {
                if let element = node.project(list[index]) { projected.append(element) }
            }
            return projected.isEmpty ? nil : .l(projected)
        default:
            return nil
        }
    }
}
