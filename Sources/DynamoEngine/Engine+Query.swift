import DynamoExpressions
import DynamoModel

// MARK: - Query and Scan (dynamodb-core §3.11, §3.12)

/// The 1 MB of data a Query or Scan page reads at most.
let readPageByteLimit = 1_048_576

/// Parsed, statically checked parts of a Query or Scan request.
struct ReadRequest {
    var input: ReadInput
    var attributes: ExpressionAttributes
    var filter: ConditionExpression?
    var projection: ProjectionExpression?
    var isQuery: Bool
}

/// Where a read pass starts inside one sorted store.
enum StartPosition<S: Comparable> {
    case beginning
    /// Strictly after (in the read direction) this entry.
    case after(KeyValue, S)
}

extension Engine {
    /// Query: items of one partition of a table or index, in sort-key order.
    public func query(_ input: ReadInput, region: String) throws(DynamoError) -> ReadOutput {
        let request = try prepareRead(input, isQuery: true)
        return try withState { state, _ throws(DynamoError) in try state.read(request, region: region) }
    }

    /// Scan: every item of a table or index (or of one parallel-scan segment), in a stable order.
    public func scan(_ input: ReadInput, region: String) throws(DynamoError) -> ReadOutput {
        let request = try prepareRead(input, isQuery: false)
        return try withState { state, _ throws(DynamoError) in try state.read(request, region: region) }
    }

    func prepareRead(_ input: ReadInput, isQuery: Bool) throws(DynamoError) -> ReadRequest {
        if let limit = input.limit, limit < 1 {
            throw .validation(Validation.constraintMessage([("'\(limit)'", "limit", "Member must have value greater than or equal to 1")]))
        }
        if isQuery && input.keyConditionExpression == nil {
            throw .validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
        }
        if !isQuery {
            switch (input.segment, input.totalSegments) {
            case (.some, nil):
                throw .validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
            case (nil, .some):
                throw .validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
            case (let s?, let t?):
                if t < 1 || t > 1_000_000 {
                    throw .validation(Validation.constraintMessage([("'\(t)'", "totalSegments", t < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 1000000")]))
                }
                if s < 0 {
                    throw .validation(Validation.constraintMessage([("'\(s)'", "segment", "Member must have value greater than or equal to 0")]))
                }
                if s >= t {
                    throw .validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(s) is not less than TotalSegments: \(t)")
                }
            case (nil, nil):
                break
            }
        }
        if input.select == .count && input.projectionExpression != nil {
            throw .validation((isQuery ? "1 validation error detected: " : "") + "Cannot specify the ProjectionExpression when choosing to get only the Count")
        }
        if input.select == .allProjectedAttributes && input.projectionExpression != nil {
            throw .validation("Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES")
        }
        if input.select == .allProjectedAttributes && input.indexName == nil {
            throw .validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
        }
        if input.select == .specificAttributes && input.projectionExpression == nil {
            throw .validation("SPECIFIC_ATTRIBUTES requires a ProjectionExpression")
        }
        var attributes = try ItemRules.attributes(
            input.expressionParameters,
            expressions: [
                ("KeyConditionExpression", input.keyConditionExpression != nil),
                ("FilterExpression", input.filterExpression != nil),
                ("ProjectionExpression", input.projectionExpression != nil),
            ],
            valueTakers: isQuery ? ["FilterExpression", "KeyConditionExpression"] : ["FilterExpression"])
        let filter = try input.filterExpression.map { (text: String) throws(DynamoError) in
            try ConditionExpression.parse(text, kind: .filter, attributes: &attributes)
        }
        let projection = try input.projectionExpression.map { (text: String) throws(DynamoError) in
            try ProjectionExpression.parse(text, attributes: &attributes)
        }
        if !isQuery { try attributes.checkAllUsed() }
        return ReadRequest(input: input, attributes: attributes, filter: filter, projection: projection, isQuery: isQuery)
    }
}

extension EngineState {
    mutating func read(_ request: ReadRequest, region: String) throws(DynamoError) -> ReadOutput {
        let input = request.input
        let table = try dataTable(input.tableName, region: region)
        let id = TableID(region: table.region, name: table.name)
        var index: SecondaryIndex?
        if let indexName = input.indexName {
            guard let found = table.indexes.first(where: { $0.name == indexName }) else {
                throw .validation("The table does not have the specified index: \(indexName)")
            }
            if found.isGlobal && input.consistentRead == true {
                throw .validation("Consistent reads are not supported on global secondary indexes")
            }
            if found.isGlobal && input.select == .allAttributes && !found.projectsAll {
                throw .validation(ItemRules.invalid + "Select type ALL_ATTRIBUTES is not supported for global secondary index \(found.name) because its projection type is not ALL")
            }
            if found.isGlobal, !found.projectsAll, let projection = request.projection {
                let missing = projection.paths.compactMap { path -> String? in
                    let name = path.attributeName
                    return found.projects(name, tableSchema: table.keySchema) ? nil : name
                }
                if !missing.isEmpty {
                    throw .validation(ItemRules.invalid + "Global secondary index \(found.name) does not project [\(missing.joined(separator: ", "))]")
                }
            }
            index = found
        }
        let sourceSchema = index?.keySchema ?? table.keySchema
        var attributes = request.attributes
        var keyCondition: KeyCondition?
        if let text = input.keyConditionExpression {
            keyCondition = try KeyCondition.parse(
                text, hashKey: (sourceSchema.hash.name, sourceSchema.hash.type),
                rangeKey: sourceSchema.range.map { ($0.name, $0.type) }, attributes: &attributes)
            try attributes.checkAllUsed()
        }
        if let projection = request.projection {
            try ItemRules.checkScalarKeyPaths(projection.paths, of: table, index: index)
        }
        if let filter = request.filter {
            try ItemRules.checkScalarKeyPaths(filter.referencedPaths, of: table, index: index)
            if request.isQuery {
                for path in filter.referencedPaths {
                    let name = path.attributeName
                    if sourceSchema.contains(name) || (index != nil && table.keySchema.contains(name) && index?.isGlobal == false) {
                        throw .validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: \(name)")
                    }
                }
            }
        }
        var partitionValue: KeyValue?
        if let keyCondition {
            guard let v = KeyValue(keyCondition.partitionValue) else {
                throw .validation(ItemRules.invalid + "Condition parameter type does not match schema type")
            }
            if ItemRules.isEmptyKeyValue(v) {
                throw .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: \(keyCondition.partitionKeyName)")
            }
            partitionValue = v
        }
        let forward = input.scanIndexForward ?? true
        let limit = input.limit ?? Int.max
        var pass = ReadPass(request: request, keyCondition: keyCondition, limit: limit)
        let needsTableFetch = index.map { !$0.isGlobal && !$0.projectsAll && (input.select == .allAttributes || request.projection.map { p in p.paths.contains { !$0.isProjected(by: $0.attributeName, index: index, table: table) } } ?? false) } ?? false

        if let index {
            let indexPosition = indexOf(index.name, in: id)
            let start = try startPosition(for: input.exclusiveStartKey, table: table, index: index, keyCondition: keyCondition, isQuery: request.isQuery)
            if case .after(let pk, _) = start { try checkSegment(of: pk, segment: input.segment, totalSegments: input.totalSegments) }
            guard let indexPosition, var source = tables[id] else { return pass.output(table: table.name) }
            if let partitionValue {
                let entries = source.indexes[indexPosition].store.partition(partitionValue)
                pass.readPartition(entries, partition: partitionValue, forward: forward, start: start, fetch: needsTableFetch ? { item in table.primaryKey(of: item).flatMap { table.item(at: $0) } ?? item } : nil, keyOf: { item in Self.lastKey(item, table: table, index: index) })
            } else {
                let order = source.indexes[indexPosition].store.scanOrder()
                let store = source.indexes[indexPosition].store
                tables[id] = source
                pass.scan(order: order, store: store, segment: input.segment, totalSegments: input.totalSegments, start: start, fetch: needsTableFetch ? { item in table.primaryKey(of: item).flatMap { table.item(at: $0) } ?? item } : nil, keyOf: { item in Self.lastKey(item, table: table, index: index) })
            }
        } else {
            let start = try startPosition(for: input.exclusiveStartKey, table: table, keyCondition: keyCondition, isQuery: request.isQuery)
            if case .after(let pk, _) = start { try checkSegment(of: pk, segment: input.segment, totalSegments: input.totalSegments) }
            if let partitionValue {
                pass.readPartition(table.store.partition(partitionValue), partition: partitionValue, forward: forward, start: start, fetch: nil, keyOf: { item in table.keyAttributes(of: item) })
            } else {
                guard var source = tables[id] else { return pass.output(table: table.name) }
                let order = source.store.scanOrder()
                tables[id] = source
                pass.scan(order: order, store: source.store, segment: input.segment, totalSegments: input.totalSegments, start: start, keyOf: { item in table.keyAttributes(of: item) })
            }
        }
        var output = pass.output(table: table.name)
        if let mode = input.returnConsumedCapacity, mode != .none {
            output.consumedCapacity = Capacity.report(mode, table: table.name, units: Capacity.readUnits(pass.bytesRead, consistent: input.consistentRead == true))
        }
        return output
    }

    func indexOf(_ name: String, in id: TableID) -> Int? {
        tables[id]?.indexes.firstIndex { $0.name == name }
    }

    static func lastKey(_ item: AttributeMap, table: Table, index: SecondaryIndex) -> AttributeMap {
        var key = table.keyAttributes(of: item)
        for name in index.keySchema.attributeNames {
            if let v = item[name] { key[name] = v }
        }
        return key
    }

    /// The table start position from an ExclusiveStartKey.
    func startPosition(for key: AttributeMap?, table: Table, keyCondition: KeyCondition?, isQuery: Bool) throws(DynamoError) -> StartPosition<OptionalKey> {
        guard let key else { return .beginning }
        let position: (KeyValue, OptionalKey)
        do {
            position = try ItemRules.key(key, of: table)
        } catch {
            if key.count != table.keySchema.attributeNames.count || !table.keySchema.attributeNames.allSatisfy({ key[$0] != nil }) {
                throw .validation("The provided starting key is invalid")
            }
            throw .validation("The provided starting key is invalid: \(error.message)")
        }
        try checkBoundaries(key, keyCondition: keyCondition, partition: position.0)
        return .after(position.0, position.1)
    }

    /// A Scan's ExclusiveStartKey must belong to the requested segment.
    func checkSegment(of partition: KeyValue, segment: Int?, totalSegments: Int?) throws(DynamoError) {
        guard let segment, let totalSegments else { return }
        if ReadPass.segment(of: partition.stableHash, totalSegments: totalSegments) != segment {
            throw .validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: \(totalSegments) Segment: \(segment)")
        }
    }

    /// The index start position from an ExclusiveStartKey (table keys + index keys).
    func startPosition(for key: AttributeMap?, table: Table, index: SecondaryIndex, keyCondition: KeyCondition?, isQuery: Bool) throws(DynamoError) -> StartPosition<IndexSortKey> {
        guard let key else { return .beginning }
        let names = Set(table.keySchema.attributeNames + index.keySchema.attributeNames)
        guard key.count == names.count, names.allSatisfy({ key[$0] != nil }) else {
            throw .validation("The provided starting key is invalid")
        }
        for name in names {
            let type = name == index.keySchema.hash.name ? index.keySchema.hash.type
                : name == index.keySchema.range?.name ? index.keySchema.range?.type
                : name == table.keySchema.hash.name ? table.keySchema.hash.type : table.keySchema.range?.type
            if key[name]?.typeName != type {
                throw .validation("The provided starting key is invalid: The provided key element does not match the schema")
            }
        }
        guard let (pk, sk) = index.indexKey(of: key, tableSchema: table.keySchema) else {
            throw .validation("The provided starting key is invalid")
        }
        try checkBoundaries(key, keyCondition: keyCondition, partition: pk)
        return .after(pk, sk)
    }

    func checkBoundaries(_ key: AttributeMap, keyCondition: KeyCondition?, partition: KeyValue) throws(DynamoError) {
        guard let keyCondition else { return }
        if KeyValue(keyCondition.partitionValue) != partition {
            throw .validation("The provided starting key is outside query boundaries based on provided conditions")
        }
        if let name = keyCondition.sortKeyName, let condition = keyCondition.sortCondition, let value = key[name], !condition.matches(value) {
            throw .validation("The provided starting key does not match the range key predicate")
        }
    }
}

extension KeyValue {
    /// Whether this S or B value starts with `prefix` (of the same type).
    func hasPrefix(_ prefix: KeyValue) -> Bool {
        switch (self, prefix) {
        case (.s(let a), .s(let p)): a.utf8.starts(with: p.utf8)
        case (.b(let a), .b(let p)): a.starts(with: p)
        default: false
        }
    }
}

extension DocumentPath {
    func isProjected(by name: String, index: SecondaryIndex?, table: Table) -> Bool {
        index?.projects(name, tableSchema: table.keySchema) ?? true
    }
}

/// One page of a Query or Scan: applies Limit and the 1 MB cut, then the filter, projection and Select.
struct ReadPass {
    let request: ReadRequest
    let keyCondition: KeyCondition?
    let limit: Int
    var items: [AttributeMap] = []
    var count = 0
    var scanned = 0
    var bytesRead = 0
    var lastEvaluatedKey: AttributeMap?
    var stopped = false

    init(request: ReadRequest, keyCondition: KeyCondition?, limit: Int) {
        self.request = request
        self.keyCondition = keyCondition
        self.limit = limit
    }

    /// Reads one entry; returns false once the page is full.
    mutating func consume(_ stored: AttributeMap, fetch: ((AttributeMap) -> AttributeMap)?, keyOf: (AttributeMap) -> AttributeMap) -> Bool {
        scanned += 1
        bytesRead += stored.itemSize
        let item = fetch?(stored) ?? stored
        if request.filter?.evaluate(item) ?? true {
            count += 1
            if request.input.select != .count {
                items.append(request.projection?.project(item) ?? item)
            }
        }
        if scanned >= limit || bytesRead >= readPageByteLimit {
            lastEvaluatedKey = keyOf(stored)
            stopped = true
            return false
        }
        return true
    }

    mutating func readPartition<S>(
        _ entries: [SortedStore<S>.Entry], partition: KeyValue, forward: Bool, start: StartPosition<S>,
        fetch: ((AttributeMap) -> AttributeMap)?, keyOf: (AttributeMap) -> AttributeMap
    ) {
        let sortName = keyCondition?.sortKeyName
        let sortCondition = keyCondition?.sortCondition
        // Binary-search the sort-key condition's range instead of walking the partition from its start.
        var range = 0..<entries.count
        if let sortName, let sortCondition {
            range = Self.matchingRange(entries, sortName: sortName, condition: sortCondition)
        }
        if case .after(let pk, let sk) = start, pk == partition {
            if forward {
                range = max(range.lowerBound, SortedStore<S>.lowerBound(entries, sk, strictly: true))..<range.upperBound
            } else {
                range = range.lowerBound..<min(range.upperBound, SortedStore<S>.lowerBound(entries, sk))
            }
        }
        guard !range.isEmpty else { return }
        var i = forward ? range.lowerBound : range.upperBound - 1
        while range.contains(i) {
            let item = entries[i].item
            i += forward ? 1 : -1
            if let sortName, let sortCondition {
                guard let v = item[sortName], sortCondition.matches(v) else { continue }
            }
            if !consume(item, fetch: fetch, keyOf: keyOf) { return }
        }
    }

    /// The entries of a partition (sorted by the sort key `sortName`) that can satisfy `condition`:
    /// every sort-key condition selects one contiguous run of the sort order.
    static func matchingRange<S>(_ entries: [SortedStore<S>.Entry], sortName: String, condition: KeyCondition.SortCondition) -> Range<Int> {
        func first(where predicate: (KeyValue) -> Bool) -> Int {
            var low = 0
            var high = entries.count
            while low < high {
                let mid = (low + high) / 2
                // Every entry of a partition read here carries the sort key; one without it sorts first.
                let value = entries[mid].item[sortName].flatMap(KeyValue.init)
                if value.map(predicate) ?? false { high = mid } else { low = mid + 1 }
            }
            return low
        }
        func atLeast(_ bound: AttributeValue) -> Int { KeyValue(bound).map { b in first { !($0 < b) } } ?? 0 }
        func above(_ bound: AttributeValue) -> Int { KeyValue(bound).map { b in first { b < $0 } } ?? entries.count }
        var lower = 0
        var upper = entries.count
        switch condition {
        case .equal(let v):
            lower = atLeast(v)
            upper = above(v)
        case .less(let v):
            upper = atLeast(v)
        case .lessOrEqual(let v):
            upper = above(v)
        case .greater(let v):
            lower = above(v)
        case .greaterOrEqual(let v):
            lower = atLeast(v)
        case .between(let low, let high):
            lower = atLeast(low)
            upper = above(high)
        case .beginsWith(let prefix):
            lower = atLeast(prefix)
            if let p = KeyValue(prefix) {
                upper = first { p < $0 && !$0.hasPrefix(p) }
            }
        }
        return lower..<max(lower, upper)
    }

    mutating func scan<S>(
        order: [PartitionPosition], store: SortedStore<S>, segment: Int?, totalSegments: Int?, start: StartPosition<S>,
        fetch: ((AttributeMap) -> AttributeMap)? = nil, keyOf: (AttributeMap) -> AttributeMap
    ) {
        var first = 0
        var last = order.count
        if let segment, let totalSegments {
            first = Self.firstIndex(order) { Self.segment(of: $0.hash, totalSegments: totalSegments) >= segment }
            last = Self.firstIndex(order) { Self.segment(of: $0.hash, totalSegments: totalSegments) > segment }
        }
        var startKey: (KeyValue, S)?
        if case .after(let pk, let sk) = start {
            let position = PartitionPosition(pk)
            let i = Self.firstIndex(order) { !($0 < position) }
            first = max(first, i)
            startKey = (pk, sk)
        }
        var i = first
        while i < last {
            let pk = order[i].key
            let entries = store.partition(pk)
            var j = 0
            if let (startPK, startSK) = startKey, startPK == pk {
                j = SortedStore<S>.lowerBound(entries, startSK, strictly: true)
            }
            while j < entries.count {
                if !consume(entries[j].item, fetch: fetch, keyOf: keyOf) { return }
                j += 1
            }
            i += 1
        }
    }

    /// The parallel-scan segment of a partition: contiguous ranges of the 64-bit hash space, so a
    /// partition never spans segments.
    static func segment(of hash: UInt64, totalSegments: Int) -> Int {
        Int((UInt128(hash) * UInt128(totalSegments)) >> 64)
    }

    static func firstIndex(_ order: [PartitionPosition], where predicate: (PartitionPosition) -> Bool) -> Int {
        var low = 0
        var high = order.count
        while low < high {
            let mid = (low + high) / 2
            if predicate(order[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    func output(table: String) -> ReadOutput {
        ReadOutput(
            items: request.input.select == .count ? nil : items, count: count, scannedCount: scanned,
            lastEvaluatedKey: lastEvaluatedKey, consumedCapacity: nil)
    }
}
