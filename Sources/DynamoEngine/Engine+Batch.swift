import DynamoExpressions
import DynamoModel

// MARK: - BatchWriteItem, BatchGetItem, TransactWriteItems, TransactGetItems

extension Engine {
    /// BatchWriteItem (dynamodb-core §3.13): all-or-nothing validation, then per-item writes.
    public func batchWriteItem(_ input: BatchWriteItemInput, region: String) throws(DynamoError) -> BatchWriteItemOutput {
        let total = input.requestItems.reduce(0) { $0 + $1.requests.count }
        if input.requestItems.isEmpty {
            throw .validation(Validation.constraintMessage([("'{}'", "requestItems", "Member must have length greater than or equal to 1")]))
        }
        if total > 25 {
            throw .validation("Too many items requested for the BatchWriteItem call")
        }
        for (_, requests) in input.requestItems {
            for request in requests {
                if case .put(let item) = request { try ItemRules.checkItemSize(item) }
            }
        }
        let now = clock.now
        return try withState { state, sink throws(DynamoError) in
            var outcomes: [WriteOutcome] = []
            var capacity: [String: Double] = [:]
            for (tableName, requests) in input.requestItems {
                let table = try state.dataTable(tableName, region: region)
                var seen = Set<KeyPair>()
                for request in requests {
                    let key: (KeyValue, OptionalKey)
                    switch request {
                    case .put(let item): key = try ItemRules.itemKey(item, of: table, batch: true)
                    case .delete(let keyMap): key = try ItemRules.key(keyMap, of: table)
                    }
                    if !seen.insert(KeyPair(hash: key.0, range: key.1)).inserted {
                        throw .validation("Provided list of item keys contains duplicates")
                    }
                    let id = TableID(region: table.region, name: table.name)
                    let old = table.item(at: key)
                    switch request {
                    case .put(let item):
                        outcomes.append(WriteOutcome(tableID: id, key: key, old: old, new: item))
                        capacity[table.name, default: 0] += Capacity.writeUnits(old?.itemSize ?? 0, item.itemSize)
                    case .delete:
                        outcomes.append(WriteOutcome(tableID: id, key: key, old: old, new: nil))
                        capacity[table.name, default: 0] += Capacity.writeUnits(old?.itemSize ?? 0)
                    }
                }
            }
            for outcome in outcomes { state.apply(outcome, now: now, sink: &sink) }
            let consumed = input.returnConsumedCapacity.flatMap { mode in
                mode == .none ? nil : input.requestItems.compactMap { Capacity.report(mode, table: $0.tableName, units: capacity[$0.tableName] ?? 0) }
            }
            return BatchWriteItemOutput(unprocessedItems: [], consumedCapacity: consumed)
        }
    }

    /// BatchGetItem (dynamodb-core §3.14).
    public func batchGetItem(_ input: BatchGetItemInput, region: String) throws(DynamoError) -> BatchGetItemOutput {
        let total = input.requestItems.reduce(0) { $0 + $1.keysAndAttributes.keys.count }
        if input.requestItems.isEmpty {
            throw .validation(Validation.constraintMessage([("'{}'", "requestItems", "Member must have length greater than or equal to 1")]))
        }
        if total > 100 {
            throw .validation("Too many items requested for the BatchGetItem call")
        }
        var projections: [ProjectionExpression?] = []
        for (_, request) in input.requestItems {
            var attributes = try ItemRules.attributes(
                ExpressionParameters(names: request.expressionAttributeNames),
                expressions: [("ProjectionExpression", request.projectionExpression != nil)], valueTakers: [])
            let projection = try request.projectionExpression.map { (text: String) throws(DynamoError) in
                try ProjectionExpression.parse(text, attributes: &attributes)
            }
            try attributes.checkAllUsed()
            projections.append(projection)
        }
        return try withState { state, _ throws(DynamoError) in
            var responses: [(tableName: String, items: [AttributeMap])] = []
            var consumed: [ConsumedCapacity] = []
            for (i, (tableName, request)) in input.requestItems.enumerated() {
                let table = try state.dataTable(tableName, region: region)
                var seen = Set<KeyPair>()
                var items: [AttributeMap] = []
                var bytes = 0
                for keyMap in request.keys {
                    let key = try ItemRules.key(keyMap, of: table)
                    if !seen.insert(KeyPair(hash: key.0, range: key.1)).inserted {
                        throw .validation("Provided list of item keys contains duplicates")
                    }
                    if let item = table.item(at: key) {
                        bytes += item.itemSize
                        items.append(projections[i]?.project(item) ?? item)
                    }
                }
                responses.append((tableName, items))
                if let report = Capacity.report(input.returnConsumedCapacity, table: tableName, units: Capacity.readUnits(bytes, consistent: request.consistentRead == true)) {
                    consumed.append(report)
                }
            }
            return BatchGetItemOutput(responses: responses, unprocessedKeys: [], consumedCapacity: input.returnConsumedCapacity.map { $0 == .none ? nil : consumed } ?? nil)
        }
    }

    /// TransactWriteItems (dynamodb-core §3.15): every condition checked, then all writes or none.
    public func transactWriteItems(_ input: TransactWriteItemsInput, region: String) throws(DynamoError) -> TransactWriteItemsOutput {
        if input.transactItems.isEmpty {
            throw .validation(Validation.constraintMessage([("'[]'", "transactItems", "Member must have length greater than or equal to 1")]))
        }
        if input.transactItems.count > 100 {
            throw .validation(Validation.constraintMessage([("'[…]'", "transactItems", "Member must have length less than or equal to 100")]))
        }
        var actions: [WriteAction] = []
        for item in input.transactItems {
            actions.append(try Self.prepare(item))
        }
        let fingerprint = input.clientRequestToken.map { _ in Self.fingerprint(input) }
        let now = clock.now
        return try withState { state, sink throws(DynamoError) in
            if let token = input.clientRequestToken, let fingerprint {
                if let previous = state.transactionTokens[token], previous.expires > now {
                    guard previous.fingerprint == fingerprint else {
                        throw DynamoError(.idempotentParameterMismatch, "The request uses the same client token as a previous, but non-identical request.")
                    }
                    return TransactWriteItemsOutput(consumedCapacity: nil)
                }
            }
            // Static key checks and duplicate detection across the whole request.
            var seen = Set<ItemIdentity>()
            for action in actions {
                let table = try state.dataTable(action.tableName, region: region)
                let key: (KeyValue, OptionalKey)
                if case .put(let item) = action.kind {
                    key = try ItemRules.itemKey(item, of: table)
                } else {
                    key = try ItemRules.key(action.keyMap, of: table)
                }
                try action.checkKeyAttributesUntouched(of: table)
                if !seen.insert(ItemIdentity(table: TableID(region: table.region, name: table.name), key: KeyPair(hash: key.0, range: key.1))).inserted {
                    throw .validation("Transaction request cannot include multiple operations on one item")
                }
            }
            var outcomes: [WriteOutcome] = []
            var reasons: [DynamoError.CancellationReason] = []
            var failed = false
            for action in actions {
                do throws(DynamoError) {
                    outcomes.append(try state.evaluate(action, region: region))
                    reasons.append(.init(code: "None"))
                } catch {
                    failed = true
                    if error.code == .conditionalCheckFailed {
                        reasons.append(.init(code: "ConditionalCheckFailed", message: error.message, item: error.item))
                    } else {
                        reasons.append(.init(code: "ValidationError", message: error.message))
                    }
                }
            }
            if failed {
                let codes = reasons.map(\.code).joined(separator: ", ")
                throw DynamoError(.transactionCanceled, "Transaction cancelled, please refer cancellation reasons for specific reasons [\(codes)]", cancellationReasons: reasons)
            }
            for (action, outcome) in zip(actions, outcomes) {
                if case .check = action.kind { continue }
                state.apply(outcome, now: now, sink: &sink)
            }
            if let token = input.clientRequestToken, let fingerprint {
                state.transactionTokens[token] = (fingerprint, now + .seconds(600))
            }
            var consumed: [ConsumedCapacity]?
            if let mode = input.returnConsumedCapacity, mode != .none {
                var units: [String: Double] = [:]
                var order: [String] = []
                for outcome in outcomes {
                    if units[outcome.tableID.name] == nil { order.append(outcome.tableID.name) }
                    units[outcome.tableID.name, default: 0] += 2 * Capacity.writeUnits(outcome.old?.itemSize ?? 0, outcome.new?.itemSize ?? 0)
                }
                consumed = order.compactMap { Capacity.report(mode, table: $0, units: units[$0] ?? 0) }
            }
            return TransactWriteItemsOutput(consumedCapacity: consumed)
        }
    }

    static func prepare(_ item: TransactWriteItem) throws(DynamoError) -> WriteAction {
        func condition(_ text: String?, _ attributes: inout ExpressionAttributes) throws(DynamoError) -> ConditionExpression? {
            try text.map { (t: String) throws(DynamoError) in try ConditionExpression.parse(t, kind: .condition, attributes: &attributes) }
        }
        switch item {
        case .conditionCheck(let table, let key, let text, let parameters, let rv):
            var attributes = try ItemRules.attributes(parameters, expressions: [("ConditionExpression", true)], valueTakers: ["ConditionExpression"])
            let c = try condition(text, &attributes)
            try attributes.checkAllUsed()
            return WriteAction(tableName: table, kind: .check, keyMap: key, condition: c, returnOldOnConditionFailure: rv == .allOld)
        case .put(let table, let item, let text, let parameters, let rv):
            let measure = try ItemRules.checkItemSize(item)
            var attributes = try ItemRules.attributes(parameters, expressions: [("ConditionExpression", text != nil)], valueTakers: ["ConditionExpression"])
            let c = try condition(text, &attributes)
            try attributes.checkAllUsed()
            return WriteAction(
                tableName: table, kind: .put(item), keyMap: AttributeMap(), condition: c, returnOldOnConditionFailure: rv == .allOld,
                itemMeasure: measure)
        case .update(let table, let key, let updateText, let text, let parameters, let rv):
            var attributes = try ItemRules.attributes(parameters, expressions: [("UpdateExpression", true), ("ConditionExpression", text != nil)], valueTakers: ["UpdateExpression", "ConditionExpression"])
            let update = try UpdateExpression.parse(updateText, attributes: &attributes)
            let c = try condition(text, &attributes)
            try attributes.checkAllUsed()
            return WriteAction(tableName: table, kind: .update(update), keyMap: key, condition: c, returnOldOnConditionFailure: rv == .allOld)
        case .delete(let table, let key, let text, let parameters, let rv):
            var attributes = try ItemRules.attributes(parameters, expressions: [("ConditionExpression", text != nil)], valueTakers: ["ConditionExpression"])
            let c = try condition(text, &attributes)
            try attributes.checkAllUsed()
            return WriteAction(tableName: table, kind: .delete, keyMap: key, condition: c, returnOldOnConditionFailure: rv == .allOld)
        }
    }

    /// A deterministic description of a transaction, to detect a reused ClientRequestToken.
    static func fingerprint(_ input: TransactWriteItemsInput) -> String {
        String(describing: input.transactItems.map { item -> String in
            switch item {
            case .conditionCheck(let t, let k, let c, let p, _): "C|\(t)|\(k.dynamoJSONText)|\(c)|\(p.names ?? [:])|\(p.values.map { $0.mapValues { $0.dynamoJSON.text } } ?? [:])"
            case .put(let t, let i, let c, let p, _): "P|\(t)|\(i.dynamoJSONText)|\(c ?? "")|\(p.names ?? [:])|\(p.values.map { $0.mapValues { $0.dynamoJSON.text } } ?? [:])"
            case .update(let t, let k, let u, let c, let p, _): "U|\(t)|\(k.dynamoJSONText)|\(u)|\(c ?? "")|\(p.names ?? [:])|\(p.values.map { $0.mapValues { $0.dynamoJSON.text } } ?? [:])"
            case .delete(let t, let k, let c, let p, _): "D|\(t)|\(k.dynamoJSONText)|\(c ?? "")|\(p.names ?? [:])|\(p.values.map { $0.mapValues { $0.dynamoJSON.text } } ?? [:])"
            }
        })
    }

    /// TransactGetItems: a consistent snapshot of up to 100 items.
    public func transactGetItems(_ items: [TransactGetItem], returnConsumedCapacity: ReturnConsumedCapacity?, region: String) throws(DynamoError) -> TransactGetItemsOutput {
        if items.isEmpty || items.count > 100 {
            throw .validation(Validation.constraintMessage([("'[…]'", "transactItems", items.isEmpty ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100")]))
        }
        var projections: [ProjectionExpression?] = []
        for item in items {
            var attributes = try ItemRules.attributes(
                ExpressionParameters(names: item.expressionAttributeNames),
                expressions: [("ProjectionExpression", item.projectionExpression != nil)], valueTakers: [])
            projections.append(try item.projectionExpression.map { (text: String) throws(DynamoError) in
                try ProjectionExpression.parse(text, attributes: &attributes)
            })
            try attributes.checkAllUsed()
        }
        return try withState { state, _ throws(DynamoError) in
            var responses: [AttributeMap?] = []
            var seen = Set<ItemIdentity>()
            for (i, request) in items.enumerated() {
                let table = try state.dataTable(request.tableName, region: region)
                let key = try ItemRules.key(request.key, of: table)
                if !seen.insert(ItemIdentity(table: TableID(region: table.region, name: table.name), key: KeyPair(hash: key.0, range: key.1))).inserted {
                    throw .validation("Transaction request cannot include multiple operations on one item")
                }
                responses.append(table.item(at: key).map { projections[i]?.project($0) ?? $0 })
            }
            return TransactGetItemsOutput(responses: responses, consumedCapacity: nil)
        }
    }
}

/// A primary key as one hashable value.
struct KeyPair: Hashable {
    var hash: KeyValue
    var range: OptionalKey
}

/// An item identified across tables.
struct ItemIdentity: Hashable {
    var table: TableID
    var key: KeyPair
}
