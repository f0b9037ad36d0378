import DynamoExpressions
import DynamoModel

// MARK: - PutItem, GetItem, UpdateItem, DeleteItem

extension Engine {
    /// PutItem (dynamodb-core §3.7): replaces the whole item, optionally under a condition.
    public func putItem(_ input: PutItemInput, region: String) throws(DynamoError) -> WriteItemOutput {
        let itemMeasure = try ItemRules.checkItemSize(input.item)
        try ItemRules.checkPutDeleteReturnValues(input.returnValues)
        var condition: ConditionExpression?
        // A plain put (no expression, no parameters) has nothing to check.
        if input.conditionExpression != nil || input.expressionParameters.names != nil || input.expressionParameters.values != nil {
            var attributes = try ItemRules.attributes(
                input.expressionParameters, expressions: [("ConditionExpression", input.conditionExpression != nil)],
                valueTakers: ["ConditionExpression"])
            condition = try input.conditionExpression.map { (text: String) throws(DynamoError) in
                try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
            }
            try attributes.checkAllUsed()
        }
        let action = WriteAction(
            tableName: input.tableName, kind: .put(input.item), keyMap: AttributeMap(), condition: condition,
            returnOldOnConditionFailure: input.returnValuesOnConditionCheckFailure == .allOld, itemMeasure: itemMeasure)
        let now = clock.now
        return try withState { state, sink throws(DynamoError) in
            let outcome = try state.evaluateInPlace(action, region: region)
            state.apply(outcome, now: now, sink: &sink)
            return WriteItemOutput(
                attributes: input.returnValues == .allOld ? outcome.old : nil,
                consumedCapacity: Capacity.report(input.returnConsumedCapacity, table: outcome.tableID.name, units: Capacity.writeUnits(outcome.old?.itemSize ?? 0, itemMeasure.size)))
        }
    }

    /// GetItem (dynamodb-core §3.8).
    public func getItem(_ input: GetItemInput, region: String) throws(DynamoError) -> GetItemOutput {
        var projection: ProjectionExpression?
        // A plain get (no projection, no names) has nothing to check.
        if input.projectionExpression != nil || input.expressionAttributeNames != nil {
            var attributes = try ItemRules.attributes(
                ExpressionParameters(names: input.expressionAttributeNames),
                expressions: [("ProjectionExpression", input.projectionExpression != nil)], valueTakers: [])
            projection = try input.projectionExpression.map { (text: String) throws(DynamoError) in
                try ProjectionExpression.parse(text, attributes: &attributes)
            }
            try attributes.checkAllUsed()
        }
        // The closures capture only the fields they read: capturing the whole input copies every field.
        let tableName = input.tableName
        let keyMap = input.key
        let capacityMode = input.returnConsumedCapacity
        let consistent = input.consistentRead == true
        return try withState { state, _ throws(DynamoError) in
            try state.withDataTable(tableName, region: region) { table throws(DynamoError) in
                let key = try ItemRules.key(keyMap, of: table)
                if let projection { try ItemRules.checkScalarKeyPaths(projection.paths, of: table, index: nil) }
                let item = table.item(at: key)
                return GetItemOutput(
                    item: item.map { projection?.project($0) ?? $0 },
                    consumedCapacity: Capacity.report(capacityMode, table: table.name, units: Capacity.readUnits(item?.itemSize ?? 0, consistent: consistent)))
            }
        }
    }

    /// UpdateItem (dynamodb-core §3.9): an upsert with update-expression semantics.
    public func updateItem(_ input: UpdateItemInput, region: String) throws(DynamoError) -> WriteItemOutput {
        var attributes = try ItemRules.attributes(
            input.expressionParameters,
            expressions: [("UpdateExpression", input.updateExpression != nil), ("ConditionExpression", input.conditionExpression != nil)],
            valueTakers: ["UpdateExpression", "ConditionExpression"])
        let update = try input.updateExpression.map { (text: String) throws(DynamoError) in
            try UpdateExpression.parse(text, attributes: &attributes)
        }
        let condition = try input.conditionExpression.map { (text: String) throws(DynamoError) in
            try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
        }
        try attributes.checkAllUsed()
        let action = WriteAction(
            tableName: input.tableName, kind: .update(update), keyMap: input.key, condition: condition,
            returnOldOnConditionFailure: input.returnValuesOnConditionCheckFailure == .allOld)
        let now = clock.now
        return try withState { state, sink throws(DynamoError) in
            let outcome = try state.evaluateInPlace(action, region: region)
            state.apply(outcome, now: now, sink: &sink)
            var returned: AttributeMap?
            switch input.returnValues ?? .none {
            case .none: returned = nil
            case .allOld: returned = outcome.old
            case .allNew: returned = outcome.new
            case .updatedOld: returned = outcome.old.flatMap { old in update?.updatedAttributes(in: old, old: true) }
            case .updatedNew: returned = outcome.new.flatMap { new in update?.updatedAttributes(in: new, old: false) }
            }
            if returned?.isEmpty == true { returned = nil }
            return WriteItemOutput(
                attributes: returned,
                consumedCapacity: Capacity.report(input.returnConsumedCapacity, table: outcome.tableID.name, units: Capacity.writeUnits(outcome.old?.itemSize ?? 0, outcome.new?.itemSize ?? 0)))
        }
    }

    /// DeleteItem (dynamodb-core §3.10).
    public func deleteItem(_ input: DeleteItemInput, region: String) throws(DynamoError) -> WriteItemOutput {
        try ItemRules.checkPutDeleteReturnValues(input.returnValues)
        var attributes = try ItemRules.attributes(
            input.expressionParameters, expressions: [("ConditionExpression", input.conditionExpression != nil)],
            valueTakers: ["ConditionExpression"])
        let condition = try input.conditionExpression.map { (text: String) throws(DynamoError) in
            try ConditionExpression.parse(text, kind: .condition, attributes: &attributes)
        }
        try attributes.checkAllUsed()
        let action = WriteAction(
            tableName: input.tableName, kind: .delete, keyMap: input.key, condition: condition,
            returnOldOnConditionFailure: input.returnValuesOnConditionCheckFailure == .allOld)
        let now = clock.now
        return try withState { state, sink throws(DynamoError) in
            let outcome = try state.evaluateInPlace(action, region: region)
            state.apply(outcome, now: now, sink: &sink)
            return WriteItemOutput(
                attributes: input.returnValues == .allOld ? outcome.old : nil,
                consumedCapacity: Capacity.report(input.returnConsumedCapacity, table: outcome.tableID.name, units: Capacity.writeUnits(outcome.old?.itemSize ?? 0)))
        }
    }
}
