import DynamoExpressions
import DynamoModel

/// Key, item and expression-parameter checks shared by the item operations.
enum ItemRules {
    static let invalid = "One or more parameter values were invalid: "

    /// Static size check of a whole item (before any table lookup, as AWS does).
    /// - Returns: the item's size and DynamoDB JSON length, from one in-place pass (a stream
    ///   record of the write takes its exact SizeBytes from it instead of walking the item again).
    @discardableResult
    static func checkItemSize(_ item: AttributeMap) throws(DynamoError) -> ItemMeasure {
        let measure = item.measure
        if measure.size > AttributeMap.maximumItemSize {
            throw .validation("Item size has exceeded the maximum allowed size")
        }
        return measure
    }

    /// A `Key` map (GetItem, UpdateItem, DeleteItem, batch and transaction keys) against the schema.
    static func key(_ key: AttributeMap, of table: Table) throws(DynamoError) -> (KeyValue, OptionalKey) {
        guard key.count == table.keySchema.sortedNames.count else {
            throw .validation("The provided key element does not match the schema")
        }
        if let fast = fastKey(key, schema: table.keySchema) {
            try checkKeySizes(hash: fast.0, range: fast.1.value)
            return fast
        }
        // A mismatched name or type, or an empty value: the general path below gives the error.
        let schema = table.keySchema
        func value(_ attribute: KeyAttribute) throws(DynamoError) -> KeyValue {
            guard let v = key[attribute.name], v.typeName == attribute.type, let k = KeyValue(v) else {
                throw .validation("The provided key element does not match the schema")
            }
            if isEmptyKeyValue(k) {
                throw .validation(invalid + "The AttributeValue for a key attribute cannot contain an empty \(k.emptyNoun) value. Key: \(attribute.name)")
            }
            return k
        }
        let h = try value(schema.hash)
        let r = try schema.range.map { (a: KeyAttribute) throws(DynamoError) -> KeyValue in try value(a) }
        try checkKeySizes(hash: h, range: r)
        return (h, OptionalKey(value: r))
    }

    /// The key of a well-formed key map (exactly the schema's names, declared types, no empty
    /// value), read in place without lookups; nil sends the caller down the checking path.
    @inline(__always)
    private static func fastKey(_ key: borrowing AttributeMap, schema: borrowing KeySchema) -> (KeyValue, OptionalKey)? {
        let sameNames = key.names.withUnsafeBufferPointer { names in
            schema.sortedNames.withUnsafeBufferPointer { expected in
                for i in names.indices where !names[i].utf8Equals(expected[i]) { return false }
                return true
            }
        }
        guard sameNames else { return nil }
        guard let h = KeyValue(key.value(at: schema.hashPosition), typeCode: schema.hashTypeCode), !isEmptyKeyValue(h) else { return nil }
        guard key.count == 2 else { return (h, OptionalKey(value: nil)) }
        guard let r = KeyValue(key.value(at: 1 - schema.hashPosition), typeCode: schema.rangeTypeCode), !isEmptyKeyValue(r) else { return nil }
        return (h, OptionalKey(value: r))
    }

    /// The key attributes of an item being written (PutItem and friends), and its index keys.
    /// - Parameter batch: BatchWriteItem rewrites missing/mismatched keys to the generic text.
    static func itemKey(_ item: AttributeMap, of table: Table, batch: Bool = false) throws(DynamoError) -> (KeyValue, OptionalKey) {
        let schema = table.keySchema
        func value(_ attribute: KeyAttribute) throws(DynamoError) -> KeyValue {
            guard let v = item[attribute.name] else {
                throw .validation(batch ? "The provided key element does not match the schema" : invalid + "Missing the key \(attribute.name) in the item")
            }
            guard v.typeName == attribute.type, let k = KeyValue(v) else {
                throw .validation(batch ? "The provided key element does not match the schema" : invalid + "Type mismatch for key \(attribute.name) expected: \(attribute.type) actual: \(v.typeName)")
            }
            if isEmptyKeyValue(k) {
                throw .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty \(k.emptyNoun) value. Key: \(attribute.name)")
            }
            return k
        }
        let h = try value(schema.hash)
        let r = try schema.range.map { (a: KeyAttribute) throws(DynamoError) -> KeyValue in try value(a) }
        try checkKeySizes(hash: h, range: r)
        try checkIndexKeys(item, of: table)
        return (h, OptionalKey(value: r))
    }

    /// Index key attributes present in an item must have the declared type and not be empty.
    ///
    /// - Parameter update: the update expression that produced `item`: a wrong type that it computed
    ///   (rather than assigned as a `:value` literal) has its own message.
    static func checkIndexKeys(_ item: AttributeMap, of table: Table, fromUpdate: Bool = false, update: UpdateExpression? = nil) throws(DynamoError) {
        for index in table.indexes {
            for attribute in index.keySchema.attributeNames.compactMap({ name in index.keySchema.hash.name == name ? index.keySchema.hash : index.keySchema.range }) {
                guard let v = item[attribute.name] else { continue }
                guard v.typeName == attribute.type, let k = KeyValue(v) else {
                    if let update, !update.literalAssignments.contains(where: { $0.path.elements.count == 1 && $0.path.attributeName == attribute.name }) {
                        throw .validation("The update expression attempted to update the secondary index key to unsupported type")
                    }
                    throw .validation(invalid + "Type mismatch for Index Key \(attribute.name) Expected: \(attribute.type) Actual: \(v.typeName) IndexName: \(index.name)")
                }
                if isEmptyKeyValue(k) {
                    if fromUpdate {
                        throw .validation("One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty \(k.emptyNoun) value.")
                    }
                    throw .validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty \(k.emptyNoun) value. IndexName: \(index.name), IndexKey: \(attribute.name)")
                }
            }
        }
    }

    static func isEmptyKeyValue(_ k: KeyValue) -> Bool {
        switch k {
        case .s(let s): s.isEmpty
        case .b(let b): b.isEmpty
        case .n: false
        }
    }

    static func checkKeySizes(hash: KeyValue, range: KeyValue?) throws(DynamoError) {
        if hash.exceeds(2048) {
            throw .validation(invalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes")
        }
        if let range, range.exceeds(1024) {
            throw .validation(invalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        }
    }

    /// Checks the expression parameters of a request and starts usage tracking.
    ///
    /// - Parameters:
    ///   - expressions: every expression parameter of the operation with whether it is present.
    ///   - valueTakers: the operation's value-taking expression names, for the "can only be specified" text.
    static func attributes(
        _ parameters: ExpressionParameters, expressions: [(name: String, present: Bool)], valueTakers: [String]
    ) throws(DynamoError) -> ExpressionAttributes {
        let anyExpression = expressions.contains { $0.present }
        if parameters.names != nil && !anyExpression {
            throw .validation("ExpressionAttributeNames can only be specified when using expressions")
        }
        if parameters.values != nil {
            let present = expressions.filter { $0.present && valueTakers.contains($0.name) }
            if present.isEmpty {
                let absent = valueTakers
                let list = absent.count == 1 ? "\(absent[0]) is null" : absent.joined(separator: " and ") + " are null"
                throw .validation("ExpressionAttributeValues can only be specified when using expressions: \(list)")
            }
        }
        return try ExpressionAttributes(names: parameters.names, values: parameters.values)
    }

    /// ReturnValues of PutItem and DeleteItem.
    static func checkPutDeleteReturnValues(_ rv: ReturnValue?) throws(DynamoError) {
        if let rv, rv != .none && rv != .allOld {
            throw .validation("ReturnValues can only be ALL_OLD or NONE")
        }
    }

    /// Paths that descend into a key attribute are not allowed in projections and filters.
    static func checkScalarKeyPaths(_ paths: [DocumentPath], of table: Table, index: SecondaryIndex?) throws(DynamoError) {
        for path in paths where path.elements.count > 1 {
            guard case .name(let first) = path.elements[0] else { continue }
            if table.keySchema.contains(first) {
                throw .validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: \(first)")
            }
            if let index, index.keySchema.contains(first) {
                throw .validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: \(first)")
            }
        }
    }
}

extension KeyValue {
    var byteSize: Int {
        switch self {
        case .s(let s): s.utf8.count
        case .b(let b): b.count
        case .n(let n): n.storageSize
        }
    }

    /// Whether the key value is larger than `limit` bytes. Numbers are at most 21 bytes, so
    /// only strings and binary are measured.
    func exceeds(_ limit: Int) -> Bool {
        switch self {
        case .s(let s): s.utf8.count > limit
        case .b(let b): b.count > limit
        case .n: false
        }
    }

    var emptyNoun: String {
        if case .b = self { return "binary" }
        return "string"
    }
}

/// ConsumedCapacity arithmetic (dynamodb-core §2.8).
enum Capacity {
    static func writeUnits(_ sizes: [Int]) -> Double {
        let size = sizes.max() ?? 0
        return Double(max(1, (size + 1023) / 1024))
    }

    static func readUnits(_ size: Int, consistent: Bool) -> Double {
        let units = Double(max(1, (size + 4095) / 4096))
        return consistent ? units : units / 2
    }

    static func writeUnits(_ sizes: Int...) -> Double { writeUnits(sizes) }

    /// A ConsumedCapacity report when the request asked for one; `units` is computed only then.
    static func report(_ mode: ReturnConsumedCapacity?, table: String, units: @autoclosure () -> Double) -> ConsumedCapacity? {
        guard let mode, mode != .none else { return nil }
        let units = units()
        return ConsumedCapacity(tableName: table, capacityUnits: units, tableCapacityUnits: mode == .indexes ? units : nil, globalSecondaryIndexes: nil, localSecondaryIndexes: nil)
    }
}
