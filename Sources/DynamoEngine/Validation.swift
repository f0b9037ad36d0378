import DynamoModel

/// Shared validation helpers producing AWS's message formats.
public enum Validation {
    /// `N validation error(s) detected: Value '<v>' at '<path>' failed to satisfy constraint: <c>; …`
    /// (dynamodb-core §1.7). Each error is (rendered value — `'x'` or `null` —, path, constraint).
    public static func constraintMessage(_ errors: [(value: String, path: String, constraint: String)]) -> String {
        let shown = errors.prefix(10)
        let head = shown.count == 1 ? "1 validation error detected: " : "\(shown.count) validation errors detected: "
        return head + shown.map { "Value \($0.value) at '\($0.path)' failed to satisfy constraint: \($0.constraint)" }.joined(separator: "; ")
    }

    static func isNameCharacter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
    }

    /// The constraint failures of a table or index name (3–255 characters of `[a-zA-Z0-9_.-]`).
    public static func nameErrors(_ name: String, path: String) -> [(value: String, path: String, constraint: String)] {
        var errors: [(value: String, path: String, constraint: String)] = []
        if !name.utf8.allSatisfy(isNameCharacter) {
            errors.append(("'\(name)'", path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"))
        }
        if name.utf8.count < 3 {
            errors.append(("'\(name)'", path, "Member must have length greater than or equal to 3"))
        } else if name.utf8.count > 255 {
            errors.append(("'\(name)'", path, "Member must have length less than or equal to 255"))
        }
        return errors
    }

    /// Validates a table name (a table ARN is accepted too).
    static func tableName(_ name: String, path: String) throws(DynamoError) {
        if name.hasPrefix("arn:") { return }
        let errors = nameErrors(name, path: path)
        if !errors.isEmpty { throw .validation(constraintMessage(errors)) }
    }
}

/// A validated table definition from CreateTable.
struct TableDefinition {
    struct Index {
        var indexName: String
        var schema: KeySchema
        var projection: Projection
        var throughput: ProvisionedThroughput?
    }

    var keySchema: KeySchema
    var localIndexes: [Index]
    var globalIndexes: [Index]
    var streamViewType: StreamViewType?
}

/// CreateTable / UpdateTable validation in AWS's order (dynamodb-core §3.2, §3.5).
enum TableDefinitionValidator {
    static let invalid = "One or more parameter values were invalid: "

    static func validate(_ input: CreateTableInput) throws(DynamoError) -> TableDefinition {
        let billing = input.billingMode ?? .provisioned
        if billing == .payPerRequest && input.provisionedThroughput != nil {
            throw .validation(invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        }
        if billing == .provisioned {
            guard let throughput = input.provisionedThroughput else {
                throw .validation(invalid + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
            }
            try checkThroughput(throughput)
        }
        var seen = Set<String>()
        for definition in input.attributeDefinitions {
            if !seen.insert(definition.attributeName).inserted {
                throw .validation("Attribute Name is duplicated: \(definition.attributeName)")
            }
        }
        let keySchema = try schema(input.keySchema, definitions: input.attributeDefinitions, indexName: nil)
        if input.localSecondaryIndexes?.isEmpty == true {
            throw .validation(invalid + "List of LocalSecondaryIndexes is empty")
        }
        if input.globalSecondaryIndexes?.isEmpty == true {
            throw .validation(invalid + "List of GlobalSecondaryIndexes is empty")
        }
        var indexNames = Set<String>()
        var locals: [TableDefinition.Index] = []
        for lsi in input.localSecondaryIndexes ?? [] {
            try Validation.tableName(lsi.indexName, path: "localSecondaryIndexes.member.indexName")
            guard keySchema.range != nil else {
                throw .validation(invalid + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
            }
            let s = try schema(lsi.keySchema, definitions: input.attributeDefinitions, indexName: lsi.indexName)
            guard s.range != nil else {
                throw .validation(invalid + "Index KeySchema does not have a range key for index: \(lsi.indexName)")
            }
            if s.hash.name != keySchema.hash.name {
                throw .validation(invalid + "Index KeySchema does not have the same leading hash key as table KeySchema for index: \(lsi.indexName). index hash key: \(s.hash.name), table hash key: \(keySchema.hash.name)")
            }
            try checkProjection(lsi.projection)
            if !indexNames.insert(lsi.indexName).inserted {
                throw .validation(invalid + "Duplicate index name: \(lsi.indexName)")
            }
            locals.append(.init(indexName: lsi.indexName, schema: s, projection: lsi.projection, throughput: nil))
        }
        if locals.count > 5 {
            throw .validation(invalid + "Number of LocalSecondaryIndexes exceeds per-table limit of 5")
        }
        var globals: [TableDefinition.Index] = []
        for gsi in input.globalSecondaryIndexes ?? [] {
            try Validation.tableName(gsi.indexName, path: "globalSecondaryIndexes.member.indexName")
            let s = try schema(gsi.keySchema, definitions: input.attributeDefinitions, indexName: gsi.indexName)
            try checkProjection(gsi.projection)
            if billing == .payPerRequest && gsi.provisionedThroughput != nil {
                throw .validation(invalid + "ProvisionedThroughput should not be specified for index: \(gsi.indexName) when BillingMode is PAY_PER_REQUEST")
            }
            if billing == .provisioned {
                guard let throughput = gsi.provisionedThroughput else {
                    throw .validation(invalid + "ProvisionedThroughput is not specified for index: \(gsi.indexName)")
                }
                try checkThroughput(throughput)
            }
            if !indexNames.insert(gsi.indexName).inserted {
                throw .validation(invalid + "Duplicate index name: \(gsi.indexName)")
            }
            globals.append(.init(indexName: gsi.indexName, schema: s, projection: gsi.projection, throughput: gsi.provisionedThroughput))
        }
        if globals.count > 20 {
            throw .validation(invalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20")
        }
        // Every attribute definition must be used by some key schema.
        var used = Set(keySchema.attributeNames)
        for index in locals + globals { used.formUnion(index.schema.attributeNames) }
        let defined = input.attributeDefinitions.map(\.attributeName)
        if locals.isEmpty && globals.isEmpty {
            if defined.count != keySchema.attributeNames.count || !defined.allSatisfy(used.contains) {
                throw .validation(invalid + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
            }
        } else if !defined.allSatisfy(used.contains) {
            throw .validation(invalid + "Some AttributeDefinitions are not used. AttributeDefinitions: [\(defined.joined(separator: ", "))], keys used: [\(used.sorted().joined(separator: ", "))]")
        }
        let viewType = try streamViewType(input.streamSpecification, creating: true)
        return TableDefinition(keySchema: keySchema, localIndexes: locals, globalIndexes: globals, streamViewType: viewType)
    }

    static func checkThroughput(_ t: ProvisionedThroughput) throws(DynamoError) {
        for (name, value) in [("ReadCapacityUnits", t.readCapacityUnits), ("WriteCapacityUnits", t.writeCapacityUnits)] {
            if value < 1 {
                throw .validation(Validation.constraintMessage([("'\(value)'", "provisionedThroughput.\(name.prefix(1).lowercased() + name.dropFirst())", "Member must have value greater than or equal to 1")]))
            }
            if value > 1_000_000_000_000 {
                throw .validation("Given value \(value) for \(name) is out of bounds")
            }
        }
    }

    static func checkProjection(_ p: Projection) throws(DynamoError) {
        guard let type = p.projectionType else {
            throw .validation(invalid + "Unknown ProjectionType: null")
        }
        switch type {
        case .all, .keysOnly:
            if p.nonKeyAttributes != nil {
                throw .validation(invalid + "ProjectionType is \(type.rawValue), but NonKeyAttributes is specified")
            }
        case .include:
            if p.nonKeyAttributes?.isEmpty ?? true {
                throw .validation(invalid + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
            }
        }
    }

    /// Validates a KeySchema against the attribute definitions.
    static func schema(_ elements: [KeySchemaElement], definitions: [AttributeDefinition], indexName: String?) throws(DynamoError) -> KeySchema {
        let path = indexName == nil ? "keySchema" : "keySchema"
        if elements.isEmpty {
            throw .validation(Validation.constraintMessage([("null", path, "Member must not be null")]))
        }
        if elements.count > 2 {
            let rendered = elements.map { "KeySchemaElement(attributeName=\($0.attributeName), keyType=\($0.keyType.rawValue))" }.joined(separator: ", ")
            throw .validation(Validation.constraintMessage([("'[\(rendered)]'", path, "Member must have length less than or equal to 2")]))
        }
        if elements.count > definitions.count {
            throw .validation("Invalid KeySchema: Some index key attribute have no definition")
        }
        let missing = elements.map(\.attributeName).filter { name in !definitions.contains { $0.attributeName == name } }
        if !missing.isEmpty {
            throw .validation(invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [\(missing.joined(separator: ", "))], AttributeDefinitions: [\(definitions.map(\.attributeName).joined(separator: ", "))]")
        }
        if elements.count == 2 && elements[0].attributeName == elements[1].attributeName {
            throw .validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
        }
        guard elements[0].keyType == .hash else {
            throw .validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
        }
        if elements.count == 2 && elements[1].keyType != .range {
            throw .validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
        }
        func attribute(_ e: KeySchemaElement) -> KeyAttribute {
            let type = definitions.first { $0.attributeName == e.attributeName }?.attributeType ?? .s
            return KeyAttribute(name: e.attributeName, type: type.rawValue)
        }
        return KeySchema(hash: attribute(elements[0]), range: elements.count == 2 ? attribute(elements[1]) : nil)
    }

    /// The view type a StreamSpecification asks for (nil: no stream).
    static func streamViewType(_ spec: StreamSpecification?, creating: Bool) throws(DynamoError) -> StreamViewType? {
        guard let spec else { return nil }
        guard let enabled = spec.streamEnabled else {
            throw .validation(Validation.constraintMessage([("null", "streamSpecification.streamEnabled", "Member must not be null")]))
        }
        if enabled {
            guard let type = spec.streamViewType else {
                throw .validation(invalid + (creating
                    ? "Table is being created with a stream enabled, UpdateViewType is required"
                    : "If stream is being enabled then UpdateViewType is required"))
            }
            return type
        }
        if spec.streamViewType != nil {
            throw .validation(invalid + (creating
                ? "Table is being created with a stream disabled, UpdateViewType should not be specified"
                : "If stream is being disabled, then UpdateViewType must not be specified"))
        }
        return nil
    }

    /// Checks of UpdateTable that need no table.
    static func validateUpdateShape(_ input: UpdateTableInput) throws(DynamoError) {
        try Validation.tableName(input.tableName, path: "tableName")
        let hasChange = input.provisionedThroughput != nil || input.billingMode != nil || input.streamSpecification != nil
            || input.globalSecondaryIndexUpdates != nil || input.deletionProtectionEnabled != nil || input.tableClass != nil
            || input.hasOtherChanges
        if !hasChange {
            throw .validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required")
        }
        if input.streamSpecification != nil {
            _ = try streamViewType(input.streamSpecification, creating: false)
            if input.globalSecondaryIndexUpdates?.isEmpty == false {
                throw .validation("You cannot create or delete index while changing stream status")
            }
            if input.provisionedThroughput != nil {
                throw .validation("You cannot modify stream status while updating table IOPS")
            }
        }
    }

    /// Applies billing, throughput, GSI and protection changes of UpdateTable to a copy of the table.
    static func applyUpdate(_ input: UpdateTableInput, to table: inout Table) throws(DynamoError) {
        let billing = input.billingMode ?? table.billingMode
        if let throughput = input.provisionedThroughput {
            if billing == .payPerRequest {
                throw .validation(invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
            }
            try checkThroughput(throughput)
            if input.billingMode == nil && throughput == table.provisionedThroughput {
                throw .validation("The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: \(throughput.readCapacityUnits). Requested ReadCapacityUnits: \(throughput.readCapacityUnits). Current WriteCapacityUnits provisioned for the table: \(throughput.writeCapacityUnits). Requested WriteCapacityUnits: \(throughput.writeCapacityUnits). Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")
            }
            table.provisionedThroughput = throughput
        } else if input.billingMode == .provisioned && table.billingMode == .payPerRequest {
            throw .validation(invalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
        }
        if let mode = input.billingMode {
            table.billingMode = mode
            if mode == .payPerRequest { table.provisionedThroughput = ProvisionedThroughput(readCapacityUnits: 0, writeCapacityUnits: 0) }
        }
        if let protection = input.deletionProtectionEnabled { table.deletionProtectionEnabled = protection }
        if let tableClass = input.tableClass { table.tableClass = tableClass }
        guard let updates = input.globalSecondaryIndexUpdates else { return }
        var touched = Set<String>()
        for update in updates {
            let name: String
            switch update {
            case .invalid:
                throw .validation(invalid + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null")
            case .create(let d): name = d.indexName
            case .update(let n, _): name = n
            case .delete(let n): name = n
            }
            if !touched.insert(name).inserted {
                throw .validation(invalid + "Only one global secondary index update per index is allowed simultaneously. Index: \(name)")
            }
        }
        for update in updates {
            switch update {
            case .invalid:
                break
            case .create(let d):
                if table.indexes.contains(where: { $0.name == d.indexName }) {
                    throw .validation("Attempting to create an index which already exists")
                }
                try Validation.tableName(d.indexName, path: "globalSecondaryIndexUpdates.member.create.indexName")
                var definitions = table.attributeDefinitions
                for def in input.attributeDefinitions ?? [] where !definitions.contains(where: { $0.attributeName == def.attributeName }) {
                    definitions.append(def)
                }
                let s = try schema(d.keySchema, definitions: definitions, indexName: d.indexName)
                try checkProjection(d.projection)
                if billing == .payPerRequest && d.provisionedThroughput != nil {
                    throw .validation(invalid + "ProvisionedThroughput should not be specified for index: \(d.indexName) when BillingMode is PAY_PER_REQUEST")
                }
                if billing == .provisioned && d.provisionedThroughput == nil {
                    throw .validation(invalid + "ProvisionedThroughput is not specified for index: \(d.indexName)")
                }
                for name in s.attributeNames where !table.attributeDefinitions.contains(where: { $0.attributeName == name }) {
                    if let def = definitions.first(where: { $0.attributeName == name }) { table.attributeDefinitions.append(def) }
                }
                if table.indexes.filter(\.isGlobal).count >= 20 {
                    throw .validation(invalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20")
                }
                table.indexes.append(SecondaryIndex(name: d.indexName, isGlobal: true, keySchema: s, projection: d.projection, provisionedThroughput: d.provisionedThroughput, arn: "\(table.arn)/index/\(d.indexName)"))
            case .update(let name, let throughput):
                guard let i = table.indexes.firstIndex(where: { $0.name == name && $0.isGlobal }) else {
                    throw .notFound("Requested resource not found: Index: \(name) not found")
                }
                if let throughput { try checkThroughput(throughput) }
                table.indexes[i].provisionedThroughput = throughput
            case .delete(let name):
                guard let i = table.indexes.firstIndex(where: { $0.name == name && $0.isGlobal }) else {
                    throw .notFound("Requested resource not found: Index: \(name) not found")
                }
                table.indexes.remove(at: i)
            }
        }
    }
}
