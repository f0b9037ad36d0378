import DynamoModel

extension UpdateExpression {
    /// `The document path provided in the update expression is invalid for update`.
    static let invalidPath = DynamoError.validation("The document path provided in the update expression is invalid for update")
    /// `The provided expression refers to an attribute that does not exist in the item`.
    static let missingAttribute = DynamoError.validation(
        "The provided expression refers to an attribute that does not exist in the item")
    /// `An operand in the update expression has an incorrect data type`.
    static let wrongType = DynamoError.validation("An operand in the update expression has an incorrect data type")

    /// Applies the update to `item` and returns the new item.
    ///
    /// Read phase: every SET right-hand side, ADD and DELETE is computed from the original `item`.
    /// Write phase: all results are written into a copy; list indexes in SET and REMOVE refer to
    /// positions in the original list, removals close the gaps, and SETs past the end append in
    /// ascending index order.
    ///
    /// - Parameters:
    ///   - item: The existing item, or the key-only item of an upsert.
    ///   - itemExists: `false` for an upsert on a missing item: REMOVE through a missing parent is
    ///     then ignored instead of rejected (dynamodb-core §4.8).
    /// - Throws: `ValidationException`: `The document path provided in the update expression is
    ///   invalid for update`, `The provided expression refers to an attribute that does not exist
    ///   in the item`, `An operand in the update expression has an incorrect data type`, or a
    ///   number overflow/underflow from `+`, `-` and `ADD`.
    public func apply(to item: AttributeMap, itemExists: Bool = true) throws(DynamoError) -> AttributeMap {
        var root = EditNode()
        for action in actions {
            switch action {
            case .set(let path, let value):
                root.insert(.put(try evaluate(value, in: item)), at: path.elements[...])
            case .remove(let path):
                root.insert(.remove, at: path.elements[...])
            case .add(let path, let value):
                root.insert(.put(try Self.add(value, to: path.resolve(in: item))), at: path.elements[...])
            case .delete(let path, let value):
                guard let existing = path.resolve(in: item) else { continue }
                if let remaining = try Self.delete(value, from: existing) {
                    root.insert(.put(remaining), at: path.elements[...])
                } else {
                    root.insert(.remove, at: path.elements[...])
                }
            }
        }
        return try root.apply(toItem: item, itemExists: itemExists)
    }

    // MARK: - Read phase

    private func evaluate(_ value: SetValue, in item: AttributeMap) throws(DynamoError) -> AttributeValue {
        switch value {
        case .single(let operand):
            return try evaluate(operand, in: item)
        case .plus(let left, let right), .minus(let left, let right):
            let a = try evaluate(left, in: item)
            let b = try evaluate(right, in: item)
            guard case .n(let x) = a, case .n(let y) = b else { throw Self.wrongType }
            if case .plus = value { return .n(try x + y) }
            return .n(try x - y)
        }
    }

    private func evaluate(_ operand: UpdateOperand, in item: AttributeMap) throws(DynamoError) -> AttributeValue {
        switch operand {
        case .path(let path):
            guard let value = path.resolve(in: item) else { throw Self.missingAttribute }
            return value
        case .value(let value):
            return value
        case .ifNotExists(let path, let fallback):
            if let value = path.resolve(in: item) { return value }
            return try evaluate(fallback, in: item)
        case .listAppend(let left, let right):
            let a = try evaluate(left, in: item)
            let b = try evaluate(right, in: item)
            guard case .l(let head) = a, case .l(let tail) = b else { throw Self.wrongType }
            return .l(head + tail)
        }
    }

    /// ADD: a missing attribute starts from 0 or the empty set; N adds exactly; sets unite.
    static func add(_ value: AttributeValue, to existing: AttributeValue?) throws(DynamoError) -> AttributeValue {
        guard let existing else { return value }
        switch (existing, value) {
        case (.n(let a), .n(let b)): return .n(try a + b)
        case (.ss(let a), .ss(let b)): return .ss(union(a, b))
        case (.ns(let a), .ns(let b)): return .ns(union(a, b))
        case (.bs(let a), .bs(let b)): return .bs(union(a, b))
        default: throw wrongType
        }
    }

    /// DELETE: set difference; `nil` when the result is empty (the attribute is removed).
    static func delete(_ value: AttributeValue, from existing: AttributeValue) throws(DynamoError) -> AttributeValue? {
        switch (existing, value) {
        case (.ss(let a), .ss(let b)):
            let remaining = difference(a, b)
            return remaining.isEmpty ? nil : .ss(remaining)
        case (.ns(let a), .ns(let b)):
            let remaining = difference(a, b)
            return remaining.isEmpty ? nil : .ns(remaining)
        case (.bs(let a), .bs(let b)):
            let remaining = difference(a, b)
            return remaining.isEmpty ? nil : .bs(remaining)
        default:
            throw wrongType
        }
    }

    private static func union<T: Hashable>(_ a: [T], _ b: [T]) -> [T] {
        var seen = Set(a)
        var result = a
        for element in b where seen.insert(element).inserted { result.append(element) }
        return result
    }

    private static func difference<T: Hashable>(_ a: [T], _ b: [T]) -> [T] {
        let removed = Set(b)
        return a.filter { !removed.contains($0) }
    }
}

/// The write phase: all edits of one update as a trie over the original item's structure, so that
/// every list index refers to the original list.
struct EditNode {
    enum Edit {
        case put(AttributeValue)
        case remove
    }

    var edit: Edit?
    var names: [String: EditNode] = [:]
    var indexes: [Int: EditNode] = [:]

    /// Whether every edit under this node is a removal.
    var isRemovalOnly: Bool {
        switch edit {
        case .put: return false
        case .remove: return true
        case nil: return names.values.allSatisfy(\.isRemovalOnly) && indexes.values.allSatisfy(\.isRemovalOnly)
        }
    }

    mutating func insert(_ edit: Edit, at elements: ArraySlice<PathElement>) {
        guard let first = elements.first else {
            self.edit = edit
            return
        }
        switch first {
        case .name(let name): names[name, default: EditNode()].insert(edit, at: elements.dropFirst())
        case .index(let index): indexes[index, default: EditNode()].insert(edit, at: elements.dropFirst())
        }
    }

    func apply(toItem item: AttributeMap, itemExists: Bool) throws(DynamoError) -> AttributeMap {
        var result = item
        for (name, child) in names {
            result[name] = try child.apply(to: item[name], itemExists: itemExists)
        }
        return result
    }

    /// The new value at this node's position (`nil` = absent).
    func apply(to value: AttributeValue?, itemExists: Bool) throws(DynamoError) -> AttributeValue? {
        switch edit {
        case .put(let newValue): return newValue
        case .remove: return nil
        case nil: break
        }
        switch value {
        case .m(let map) where indexes.isEmpty:
            return .m(try apply(toItem: map, itemExists: itemExists))
        case .l(let list) where names.isEmpty:
            var result = list
            var removed: [Int] = []
            var appended: [(Int, AttributeValue)] = []
            for (index, child) in indexes {
                if index < list.count {
                    if let newValue = try child.apply(to: list[index], itemExists: itemExists) {
                        result[index] = newValue
                    } else {
                        removed.append(index)
                    }
                } else {
                    switch child.edit {
                    case .put(let newValue):
                        appended.append((index, newValue))
                    case .remove:
                        break  // Removing past the end is a no-op.
                    case nil:
                        // A nested path through a missing element has no parent to write into.
                        if itemExists || !child.isRemovalOnly { throw UpdateExpression.invalidPath }
                    }
                }
            }
            for index in removed.sorted(by: >) { result.remove(at: index) }
            for (_, newValue) in appended.sorted(by: { $0.0 < $1.0 }) { result.append(newValue) }
            return .l(result)
        default:
            // Missing or wrong-typed parent: REMOVE-only edits are ignored on a missing item.
            if !itemExists && isRemovalOnly { return value }
            throw UpdateExpression.invalidPath
        }
    }
}
