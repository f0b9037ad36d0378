import DynamoModel

/// A key schema: a partition key and an optional sort key, each with its declared type.
struct KeySchema: Sendable, Hashable {
    let hash: KeyAttribute
    let range: KeyAttribute?
    /// The key attribute names in the byte order of an `AttributeMap`, shared by key maps.
    let sortedNames: [String]
    /// Where the hash key's name sits in `sortedNames` (0 or 1).
    let hashPosition: Int
    /// The first byte of each key's type name (`S`, `N`, `B`; 0 for no sort key), for fast checks.
    let hashTypeCode: UInt8
    let rangeTypeCode: UInt8

    init(hash: KeyAttribute, range: KeyAttribute?) {
        self.hash = hash
        self.range = range
        hashTypeCode = hash.type.utf8.count == 1 ? hash.type.utf8.first ?? 0 : 0
        rangeTypeCode = range.map { $0.type.utf8.count == 1 ? $0.type.utf8.first ?? 0 : 0 } ?? 0
        if let range, range.name.utf8Compare(hash.name) < 0 {
            sortedNames = [range.name, hash.name]
            hashPosition = 1
        } else {
            sortedNames = [hash.name] + (range.map { [$0.name] } ?? [])
            hashPosition = 0
        }
    }

    /// The key map of an item from its key values (`range` present exactly when the schema has one).
    func keyMap(hash hashValue: AttributeValue, range rangeValue: AttributeValue?) -> AttributeMap {
        guard range != nil else { return AttributeMap(sortedNames: sortedNames, values: [hashValue]) }
        guard let rangeValue else { return AttributeMap(sortedNames: [hash.name], values: [hashValue]) }
        return AttributeMap(sortedNames: sortedNames, values: hashPosition == 0 ? [hashValue, rangeValue] : [rangeValue, hashValue])
    }

    var elements: [KeySchemaElement] {
        var out = [KeySchemaElement(attributeName: hash.name, keyType: .hash)]
        if let range { out.append(KeySchemaElement(attributeName: range.name, keyType: .range)) }
        return out
    }

    var attributeNames: [String] { [hash.name] + (range.map { [$0.name] } ?? []) }

    func contains(_ name: String) -> Bool { hash.name == name || range?.name == name }
}

/// A secondary index: definition plus its entries.
struct SecondaryIndex: Sendable {
    var name: String
    var isGlobal: Bool
    var keySchema: KeySchema
    var projection: Projection
    var provisionedThroughput: ProvisionedThroughput?
    var arn: String
    var store = SortedStore<IndexSortKey>()
    var sizeBytes = 0

    /// Whether the index projects every attribute.
    var projectsAll: Bool { projection.projectionType == .all }

    /// The index key of an item, or nil when the item lacks an index key attribute (sparse index)
    /// or holds one of another type than declared (writes reject those, but a GSI backfill skips
    /// such items, as DynamoDB does).
    func indexKey(of item: AttributeMap, tableSchema: KeySchema) -> (KeyValue, IndexSortKey)? {
        guard let hashAttribute = item[keySchema.hash.name], hashAttribute.typeName == keySchema.hash.type,
              let hashValue = KeyValue(hashAttribute) else { return nil }
        var sort = OptionalKey(value: nil)
        if let range = keySchema.range {
            guard let attribute = item[range.name], attribute.typeName == range.type, let v = KeyValue(attribute) else { return nil }
            sort = OptionalKey(value: v)
        }
        guard let tableHash = item[tableSchema.hash.name].flatMap(KeyValue.init) else { return nil }
        let tableSort = OptionalKey(value: tableSchema.range.flatMap { item[$0.name] }.flatMap(KeyValue.init))
        return (hashValue, IndexSortKey(indexSort: sort, tableHash: tableHash, tableSort: tableSort))
    }

    /// The attributes of `item` this index holds (table key, index key and projected attributes).
    func project(_ item: AttributeMap, tableSchema: KeySchema) -> AttributeMap {
        if projectsAll { return item }
        var out = AttributeMap()
        for name in tableSchema.attributeNames + keySchema.attributeNames + (projection.nonKeyAttributes ?? []) {
            if let v = item[name] { out[name] = v }
        }
        return out
    }

    /// Whether `name` is available from the index without fetching the table item.
    func projects(_ name: String, tableSchema: KeySchema) -> Bool {
        projectsAll || tableSchema.contains(name) || keySchema.contains(name) || (projection.nonKeyAttributes ?? []).contains(name)
    }
}

/// A table: its definition, items, secondary indexes and stream settings.
struct Table: Sendable {
    var name: String
    var region: String
    var arn: String
    var tableId: String
    var status = "ACTIVE"
    var createdAt: VirtualInstant
    var keySchema: KeySchema
    var attributeDefinitions: [AttributeDefinition]
    var billingMode: BillingMode
    var provisionedThroughput: ProvisionedThroughput
    var deletionProtectionEnabled: Bool
    var tableClass: String?
    var tags: [Tag]
    var indexes: [SecondaryIndex]
    /// View type of the enabled stream; nil when none is enabled.
    var streamViewType: StreamViewType?
    var latestStreamArn: String?
    var latestStreamLabel: String?
    var ttlAttribute: String?
    /// The names array stored items share when they carry the same attribute names.
    var sharedNames: [String] = []
    var store = SortedStore<OptionalKey>()
    var sizeBytes = 0
    var writeCount = 0

    var hasStream: Bool { streamViewType != nil }

    /// The primary key of an item (must contain the key attributes).
    func primaryKey(of item: AttributeMap) -> (KeyValue, OptionalKey)? {
        guard let h = item[keySchema.hash.name].flatMap(KeyValue.init) else { return nil }
        if let range = keySchema.range {
            guard let r = item[range.name].flatMap(KeyValue.init) else { return nil }
            return (h, OptionalKey(value: r))
        }
        return (h, OptionalKey(value: nil))
    }

    /// Only the key attributes of an item.
    func keyAttributes(of item: AttributeMap) -> AttributeMap {
        var out = AttributeMap()
        for name in keySchema.attributeNames {
            if let v = item[name] { out[name] = v }
        }
        return out
    }

    /// Makes `item` share the table's names array when it has the same attribute names; otherwise
    /// its names become the shared array for the items that follow (most items of a table have
    /// one shape, so stored items mostly own only their values).
    mutating func shareNames(_ item: inout AttributeMap) {
        if !item.shareNames(with: sharedNames) { sharedNames = item.names }
    }

    func item(at key: (KeyValue, OptionalKey)) -> AttributeMap? {
        store.get(key.0, key.1)
    }

    /// Stores `item` (replacing any item with the same key) and maintains indexes and counters.
    /// - Returns: the replaced item.
    @discardableResult
    /// - Parameter size: `item.itemSize` when the caller has it already.
    mutating func store(_ item: AttributeMap, at key: (KeyValue, OptionalKey), size: Int? = nil) -> AttributeMap? {
        let old = store.upsert(key.0, key.1, item)
        sizeBytes += (size ?? item.itemSize) - (old?.itemSize ?? 0)
        if !indexes.isEmpty { updateIndexes(old: old, new: item) }
        return old
    }

    /// Removes the item at `key`; returns it.
    @discardableResult
    mutating func removeItem(at key: (KeyValue, OptionalKey)) -> AttributeMap? {
        guard let old = store.remove(key.0, key.1) else { return nil }
        sizeBytes -= old.itemSize
        if !indexes.isEmpty { updateIndexes(old: old, new: nil) }
        return old
    }

    mutating func updateIndexes(old: AttributeMap?, new: AttributeMap?) {
        for i in indexes.indices {
            let schema = keySchema
            if let old, let (pk, sk) = indexes[i].indexKey(of: old, tableSchema: schema) {
                if let removed = indexes[i].store.remove(pk, sk) {
                    indexes[i].sizeBytes -= removed.itemSize
                }
            }
            if let new, let (pk, sk) = indexes[i].indexKey(of: new, tableSchema: schema) {
                let projected = indexes[i].project(new, tableSchema: schema)
                indexes[i].store.upsert(pk, sk, projected)
                indexes[i].sizeBytes += projected.itemSize
            }
        }
    }

    /// Builds an index's entries from the current items (GSI backfill).
    mutating func backfill(indexAt i: Int) {
        let schema = keySchema
        for (_, entries) in store.partitions {
            for entry in entries {
                if let (pk, sk) = indexes[i].indexKey(of: entry.item, tableSchema: schema) {
                    let projected = indexes[i].project(entry.item, tableSchema: schema)
                    indexes[i].store.upsert(pk, sk, projected)
                    indexes[i].sizeBytes += projected.itemSize
                }
            }
        }
    }

    /// The declared type of an attribute used as a key somewhere (table or index).
    func definedType(of name: String) -> ScalarAttributeType? {
        attributeDefinitions.first { $0.attributeName == name }?.attributeType
    }

    var summary: TableSummary {
        TableSummary(
            name: name, region: region, tableArn: arn, status: status, hashKey: keySchema.hash,
            rangeKey: keySchema.range, itemCount: store.count, sizeBytes: sizeBytes, createdAt: createdAt,
            streamViewType: streamViewType, latestStreamArn: latestStreamArn, ttlAttribute: ttlAttribute,
            globalSecondaryIndexes: indexes.filter(\.isGlobal).map(\.name),
            localSecondaryIndexes: indexes.filter { !$0.isGlobal }.map(\.name), writeCount: writeCount
        )
    }
}
