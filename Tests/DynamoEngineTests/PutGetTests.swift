import DynamoEngine
import DynamoModel
import Testing

struct PutGetTests {
    let engine = makeEngine()
    static let invalid = "One or more parameter values were invalid: "

    init() throws {
        try makeTable(engine, sortType: .n)
        try makeTable(engine, "Bin", hashType: .b)
    }

    @Test func putThenGetReturnsTheWholeItemAndPutReplacesIt() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "x": .s("one"), "y": .bool(true)])
        #expect(try engine.get(["pk": .s("a"), "sk": num(1)]) == ["pk": .s("a"), "sk": num(1), "x": .s("one"), "y": .bool(true)])
        try engine.put(["pk": .s("a"), "sk": num(1), "z": .null])
        #expect(try engine.get(["pk": .s("a"), "sk": num(1)]) == ["pk": .s("a"), "sk": num(1), "z": .null])
        #expect(try engine.get(["pk": .s("a"), "sk": num(2)]) == nil)
        // Numbers are keyed numerically: 1.0 finds 1.
        #expect(try engine.get(["pk": .s("a"), "sk": num("1.0")]) != nil)
    }

    @Test func keyMapsMustMatchTheSchemaExactly() {
        let mismatch = DynamoError.validation("The provided key element does not match the schema")
        #expect(caught { try engine.get(["pk": .s("a")]) } == mismatch)
        #expect(caught { try engine.get(["pk": .s("a"), "sk": num(1), "x": .s("extra")]) } == mismatch)
        #expect(caught { try engine.get(["pk": .s("a"), "sk": .s("1")]) } == mismatch)
        #expect(caught { try engine.get(["pk": .s("a"), "other": num(1)]) } == mismatch)
        #expect(caught { try engine.delete(["pk": num(1), "sk": num(1)]) } == mismatch)
        #expect(caught { try engine.update(["sk": num(1)], nil) } == mismatch)
    }

    @Test func putItemKeyErrorsNameTheKey() {
        #expect(caught { try engine.put(["pk": .s("a")]) } == .validation(Self.invalid + "Missing the key sk in the item"))
        #expect(caught { try engine.put(["pk": .s("a"), "sk": .s("1")]) } == .validation(Self.invalid + "Type mismatch for key sk expected: N actual: S"))
        #expect(caught { try engine.put(["pk": .bool(true), "sk": num(1)]) } == .validation(Self.invalid + "Type mismatch for key pk expected: S actual: BOOL"))
    }

    @Test func emptyStringKeysUseBothWordings() {
        // PutItem: "are not valid."
        #expect(caught { try engine.put(["pk": .s(""), "sk": num(1)]) } == .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"))
        #expect(caught { try engine.put(["pk": .b([])], into: "Bin") } == .validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk"))
        // Key maps: "were invalid:".
        #expect(caught { try engine.get(["pk": .s(""), "sk": num(1)]) } == .validation(Self.invalid + "The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"))
        #expect(caught { try engine.delete(["pk": .b([])], from: "Bin") } == .validation(Self.invalid + "The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk"))
        // Empty strings are fine outside keys.
        #expect(caught { try engine.put(["pk": .s("a"), "sk": num(1), "note": .s(""), "blob": .b([])]) } == nil)
    }

    @Test func keySizeLimitsAre2048And1024Bytes() throws {
        try makeTable(engine, "Str2", sortType: .s)
        try engine.put(["pk": .s(String(repeating: "h", count: 2048)), "sk": .s(String(repeating: "r", count: 1024))], into: "Str2")
        #expect(caught { try engine.put(["pk": .s(String(repeating: "h", count: 2049)), "sk": .s("r")], into: "Str2") }
            == .validation(Self.invalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes"))
        #expect(caught { try engine.put(["pk": .s("h"), "sk": .s(String(repeating: "r", count: 1025))], into: "Str2") }
            == .validation(Self.invalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"))
        // Bytes, not characters: 683 × "é" (2 bytes) = 1366 bytes.
        #expect(caught { try engine.get(["pk": .s("h"), "sk": .s(String(repeating: "é", count: 513))], from: "Str2") }
            == .validation(Self.invalid + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"))
        #expect(caught { try engine.get(["pk": .s(String(repeating: "h", count: 2049)), "sk": .s("r")], from: "Str2") }
            == .validation(Self.invalid + "Size of hashkey has exceeded the maximum size limit of2048 bytes"))
    }

    /// An item of exactly `size` bytes: "pk"(2) + "a"(1) + sk "sk"(2)+1 byte for N 1 (2 bytes) + the padding string.
    func item(ofSize size: Int, table: String = "Tab") -> AttributeMap {
        let fixed = 2 + 1 + 2 + num(1).itemSizeOfValue + 1  // pk = "a", sk = 1, name "p"
        return ["pk": .s("a"), "sk": num(1), "p": .s(String(repeating: "x", count: size - fixed))]
    }

    @Test func itemSizeLimitIs409600BytesAndCheckedBeforeTheTable() throws {
        let largest = item(ofSize: 409_600)
        #expect(largest.itemSize == 409_600)
        try engine.put(largest)
        let tooLarge = item(ofSize: 409_601)
        #expect(tooLarge.itemSize == 409_601)
        #expect(caught { try engine.put(tooLarge) } == .validation("Item size has exceeded the maximum allowed size"))
        #expect(caught { try engine.put(tooLarge, into: "Missing") } == .validation("Item size has exceeded the maximum allowed size"))
        #expect(caught { try engine.put(["pk": .s("a"), "sk": num(1)], into: "Missing") } == .notFound("Requested resource not found"))
    }

    @Test func putReturnValuesAllowOnlyAllOldOrNone() throws {
        let first = try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1), "v": num(1)], returnValues: .allOld), region: testRegion)
        #expect(first.attributes == nil)
        let second = try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1), "v": num(2)], returnValues: .allOld), region: testRegion)
        #expect(second.attributes == ["pk": .s("a"), "sk": num(1), "v": num(1)])
        let none = try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1), "v": num(3)], returnValues: ReturnValue.none), region: testRegion)
        #expect(none.attributes == nil)
        for rv in [ReturnValue.allNew, .updatedOld, .updatedNew] {
            #expect(caught { try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1)], returnValues: rv), region: testRegion) } == .validation("ReturnValues can only be ALL_OLD or NONE"))
        }
    }

    @Test func conditionalPutFailsWithTheItemOnlyWhenAskedAndPresent() throws {
        let item: AttributeMap = ["pk": .s("a"), "sk": num(1), "v": num(1)]
        let guardNew = PutItemInput(tableName: "Tab", item: item, conditionExpression: "attribute_not_exists(pk)")
        _ = try engine.putItem(guardNew, region: testRegion)
        let failed = caught { try engine.putItem(guardNew, region: testRegion) }
        #expect(failed == DynamoError(.conditionalCheckFailed, "The conditional request failed"))
        var asking = guardNew
        asking.returnValuesOnConditionCheckFailure = .allOld
        asking.item["v"] = num(2)
        #expect(caught { try engine.putItem(asking, region: testRegion) } == DynamoError(.conditionalCheckFailed, "The conditional request failed", item: item))
        #expect(try engine.get(["pk": .s("a"), "sk": num(1)]) == item)
        // Missing item: condition on an empty item, no Item in the error.
        let missing = PutItemInput(tableName: "Tab", item: ["pk": .s("b"), "sk": num(1)], conditionExpression: "attribute_exists(pk)", returnValuesOnConditionCheckFailure: .allOld)
        #expect(caught { try engine.putItem(missing, region: testRegion) } == DynamoError(.conditionalCheckFailed, "The conditional request failed"))
    }

    @Test func unusedExpressionValuesAreRejected() {
        let input = PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1)], conditionExpression: "attribute_not_exists(pk)", expressionParameters: ExpressionParameters(values: [":unused": num(1)]))
        #expect(caught { try engine.putItem(input, region: testRegion) } == .validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"))
        let noExpression = PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1)], expressionParameters: ExpressionParameters(values: [":v": num(1)]))
        #expect(caught { try engine.putItem(noExpression, region: testRegion) } == .validation("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"))
    }

    @Test func getItemProjectionReturnsOnlyListedPathsAndAnEmptyItemWhenNothingMatches() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "m": .m(["x": num(1), "y": num(2)]), "l": .l([num(0), num(1), num(2)])])
        let key: AttributeMap = ["pk": .s("a"), "sk": num(1)]
        let projected = try engine.getItem(GetItemInput(tableName: "Tab", key: key, projectionExpression: "m.y, l[2], #n", expressionAttributeNames: ["#n": "absent"]), region: testRegion)
        #expect(projected.item == ["m": .m(["y": num(2)]), "l": .l([num(2)])])
        let nothing = try engine.getItem(GetItemInput(tableName: "Tab", key: key, projectionExpression: "absent"), region: testRegion)
        #expect(nothing.item == AttributeMap())
        let missing = try engine.getItem(GetItemInput(tableName: "Tab", key: ["pk": .s("zz"), "sk": num(1)], projectionExpression: "absent"), region: testRegion)
        #expect(missing.item == nil)
        #expect(caught { try engine.getItem(GetItemInput(tableName: "Tab", key: key, projectionExpression: "pk.x"), region: testRegion) }
            == .validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk"))
    }

    @Test func dataPlaneOperationsOnAMissingTableAreNotFound() {
        let notFound = DynamoError.notFound("Requested resource not found")
        #expect(caught { try engine.get(["pk": .s("a")], from: "Missing") } == notFound)
        #expect(caught { try engine.delete(["pk": .s("a")], from: "Missing") } == notFound)
        #expect(caught { try engine.update(["pk": .s("a")], in: "Missing", nil) } == notFound)
        #expect(caught { try engine.query(ReadInput(tableName: "Missing", keyConditionExpression: "pk = :p", expressionParameters: ExpressionParameters(values: [":p": .s("a")]))) } == notFound)
        #expect(caught { try engine.scan(ReadInput(tableName: "Missing")) } == notFound)
    }

    @Test func regionsHoldSeparateTables() throws {
        try engine.put(["pk": .s("a"), "sk": num(1)])
        #expect(caught { try engine.getItem(GetItemInput(tableName: "Tab", key: ["pk": .s("a"), "sk": num(1)]), region: "eu-west-1") } == .notFound("Requested resource not found"))
        let arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Tab"
        #expect(try engine.getItem(GetItemInput(tableName: arn, key: ["pk": .s("a"), "sk": num(1)]), region: "eu-west-1").item != nil)
    }

    @Test func consumedCapacityIsReportedOnlyWhenAsked() throws {
        let plain = try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1)]), region: testRegion)
        #expect(plain.consumedCapacity == nil)
        let total = try engine.putItem(PutItemInput(tableName: "Tab", item: ["pk": .s("a"), "sk": num(1), "p": .s(String(repeating: "x", count: 1500))], returnConsumedCapacity: .total), region: testRegion)
        #expect(total.consumedCapacity?.capacityUnits == 2)
        #expect(total.consumedCapacity?.tableName == "Tab")
        let read = try engine.getItem(GetItemInput(tableName: "Tab", key: ["pk": .s("a"), "sk": num(1)], consistentRead: true, returnConsumedCapacity: .total), region: testRegion)
        #expect(read.consumedCapacity?.capacityUnits == 1)
        let eventual = try engine.getItem(GetItemInput(tableName: "Tab", key: ["pk": .s("a"), "sk": num(1)], returnConsumedCapacity: .total), region: testRegion)
        #expect(eventual.consumedCapacity?.capacityUnits == 0.5)
    }
}

extension AttributeValue {
    /// Size of this value as a top-level attribute value (item size of `["": self]`).
    var itemSizeOfValue: Int { (["": self] as AttributeMap).itemSize }
}

struct KeyLookupTests {
    let engine = makeEngine()

    @Test func aSortKeyNamedBeforeItsPartitionKeyFindsItemsAndChecksTypes() throws {
        // "a" sorts before "z": the key map's first attribute is the sort key.
        _ = try engine.createTable(
            CreateTableInput(
                tableName: "Rev", attributeDefinitions: [.init(attributeName: "z", attributeType: .s), .init(attributeName: "a", attributeType: .b)],
                keySchema: [.init(attributeName: "z", keyType: .hash), .init(attributeName: "a", keyType: .range)], billingMode: .payPerRequest),
            region: testRegion)
        try engine.put(["z": .s("p"), "a": .b([1, 2]), "v": num(1)], into: "Rev")
        try engine.put(["z": .s("p"), "a": .b([1, 3]), "v": num(2)], into: "Rev")
        #expect(try engine.get(["z": .s("p"), "a": .b([1, 3])], from: "Rev")?["v"] == num(2))
        #expect(try engine.get(["a": .b([1, 2]), "z": .s("p")], from: "Rev")?["v"] == num(1))
        #expect(try engine.get(["z": .s("p"), "a": .b([9])], from: "Rev") == nil)
        let mismatch = DynamoError.validation("The provided key element does not match the schema")
        #expect(caught { try engine.get(["z": .s("p"), "a": .s("x")], from: "Rev") } == mismatch)
        #expect(caught { try engine.get(["z": .b([1]), "a": .b([1, 2])], from: "Rev") } == mismatch)
    }

    @Test func partitionKeysOfEveryLengthAndTypeAreFoundByTheirExactValue() throws {
        try makeTable(engine, "Str")
        try makeTable(engine, "Num", hashType: .n)
        try makeTable(engine, "Bin", hashType: .b)
        let strings = (0..<40).map { String(repeating: "k", count: $0 + 1) } + ["\u{E9}", "e\u{301}", "日本語のキー"]
        for (i, s) in strings.enumerated() { try engine.put(["pk": .s(s), "i": num(i)], into: "Str") }
        for (i, s) in strings.enumerated() { #expect(try engine.get(["pk": .s(s)], from: "Str")?["i"] == num(i)) }
        // Canonically equivalent spellings are different keys, as in DynamoDB.
        #expect(try engine.get(["pk": .s("\u{E9}")], from: "Str")?["i"] != engine.get(["pk": .s("e\u{301}")], from: "Str")?["i"])

        for n in ["1", "-7", "123456789012345678901234567890", "0.5", "1E+40", "9223372036854775807"] {
            try engine.put(["pk": num(n), "text": .s(n)], into: "Num")
        }
        #expect(try engine.get(["pk": num("1.00")], from: "Num")?["text"] == .s("1"))
        #expect(try engine.get(["pk": num("5E-1")], from: "Num")?["text"] == .s("0.5"))
        #expect(try engine.get(["pk": num("10000000000000000000000000000000000000000")], from: "Num")?["text"] == .s("1E+40"))
        #expect(try engine.get(["pk": num("9223372036854775807")], from: "Num")?["text"] == .s("9223372036854775807"))
        #expect(try engine.get(["pk": num("2")], from: "Num") == nil)

        for length in 1...20 { try engine.put(["pk": .b(Array(repeating: UInt8(length), count: length))], into: "Bin") }
        #expect(try engine.get(["pk": .b(Array(repeating: 13, count: 13))], from: "Bin") != nil)
        #expect(try engine.get(["pk": .b(Array(repeating: 13, count: 12))], from: "Bin") == nil)
    }
}
