import DynamoExpressions
import DynamoModel

/// One item write, prepared (parsed and statically checked) before the engine lock is taken.
struct WriteAction {
    enum Kind {
        case put(AttributeMap)
        /// nil: an UpdateItem without UpdateExpression (creates a key-only item if missing).
        case update(UpdateExpression?)
        case delete
        case check
    }

    var tableName: String
    var kind: Kind
    /// The key map (for put: the item's key attributes).
    var keyMap: AttributeMap
    var condition: ConditionExpression?
    var returnOldOnConditionFailure: Bool
    /// The put item's size and JSON length when the caller has computed them already (saves
    /// recomputing the size, and gives a stream record its exact SizeBytes at append).
    var itemMeasure: ItemMeasure? = nil
}

extension WriteAction {
    /// An update may not touch a key attribute of the table (a static error, never a
    /// transaction cancellation reason).
    func checkKeyAttributesUntouched(of table: Table) throws(DynamoError) {
        guard case .update(let update?) = kind else { return }
        for path in update.targetPaths {
            if case .name(let first) = path.elements[0], table.keySchema.contains(first) {
                throw .validation(ItemRules.invalid + "Cannot update attribute \(first). This attribute is part of the key")
            }
        }
    }
}

/// The effect one write would have, computed against the current state.
struct WriteOutcome {
    var tableID: TableID
    var key: (KeyValue, OptionalKey)
    var old: AttributeMap?
    /// The item after the write; nil when there is no item afterwards.
    var new: AttributeMap?
    /// The size of `new` when already computed (stored with it instead of recomputing it).
    var newSize: Int? = nil
    /// The size and JSON length of `new` when already computed (a stream record of the write is
    /// measured from it at append).
    var newMeasure: ItemMeasure? = nil

    /// Whether the write changes stored data (no-op writes publish no stream record).
    var changesData: Bool { old != new }

    var eventName: StreamEventName? {
        guard changesData else { return nil }
        switch (old, new) {
        case (nil, .some): return .insert
        case (.some, nil): return .remove
        case (.some, .some): return .modify
        case (nil, nil): return nil
        }
    }
}

extension EngineState {
    /// Computes what `action` would do; throws ConditionalCheckFailed or a runtime ValidationException.
    func evaluate(_ action: WriteAction, region: String) throws(DynamoError) -> WriteOutcome {
        try Self.evaluate(action, on: try dataTable(action.tableName, region: region))
    }

    /// `evaluate(_:region:)` reading the table in place, without copying the `Table` value
    /// (single-item writes, where that copy was a large share of the call).
    mutating func evaluateInPlace(_ action: WriteAction, region: String) throws(DynamoError) -> WriteOutcome {
        try withDataTable(action.tableName, region: region) { table throws(DynamoError) in
            try Self.evaluate(action, on: table)
        }
    }

    static func evaluate(_ action: WriteAction, on table: Table) throws(DynamoError) -> WriteOutcome {
        let id = TableID(region: table.region, name: table.name)
        let key: (KeyValue, OptionalKey)
        switch action.kind {
        case .put(let item): key = try ItemRules.itemKey(item, of: table)
        default: key = try ItemRules.key(action.keyMap, of: table)
        }
        try action.checkKeyAttributesUntouched(of: table)
        let old = table.item(at: key)
        if let condition = action.condition, !condition.evaluate(old ?? AttributeMap()) {
            throw DynamoError(.conditionalCheckFailed, "The conditional request failed", item: action.returnOldOnConditionFailure ? old : nil)
        }
        var new: AttributeMap?
        var newSize: Int?
        var newMeasure: ItemMeasure?
        switch action.kind {
        case .put(let item):
            new = item
            newSize = action.itemMeasure?.size
            newMeasure = action.itemMeasure
        case .delete:
            new = nil
        case .check:
            new = old
        case .update(let update):
            if let update {
                if old == nil && update.isRemoveOnly {
                    new = nil
                } else {
                    let updated = try update.apply(to: old ?? action.keyMap, itemExists: old != nil)
                    let size = updated.itemSize
                    newSize = size
                    if size > AttributeMap.maximumItemSize {
                        throw .validation("Item size to update has exceeded the maximum allowed size")
                    }
                    try ItemRules.checkIndexKeys(updated, of: table, fromUpdate: true, update: update)
                    new = updated
                }
            } else {
                new = old ?? action.keyMap
            }
        }
        return WriteOutcome(tableID: id, key: key, old: old, new: new, newSize: newSize, newMeasure: newMeasure)
    }

    /// Applies a computed outcome and publishes its change (none for no-op writes).
    mutating func apply(_ outcome: WriteOutcome, now: VirtualInstant, sink: inout EventSink) {
        guard let event = outcome.eventName, let index = tables.index(forKey: outcome.tableID) else { return }
        // In place through the values view: one hash lookup, no copy of the table.
        var stored = outcome.new
        if var new = stored {
            // The stored item and its stream image share the table's names array.
            tables.values[index].shareNames(&new)
            tables.values[index].store(new, at: outcome.key, size: outcome.newSize)
            stored = new
        } else {
            tables.values[index].removeItem(at: outcome.key)
        }
        tables.values[index].writeCount += 1
        commitChange(table: outcome.tableID, event: event, old: outcome.old, new: stored, newMeasure: outcome.newMeasure, now: now, sink: &sink)
    }
}
