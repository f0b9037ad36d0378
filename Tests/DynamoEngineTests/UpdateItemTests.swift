import DynamoEngine
import DynamoModel
import Testing

struct UpdateItemTests {
    let engine = makeEngine()
    let key: AttributeMap = ["pk": .s("a"), "sk": num(1)]
    static let invalid = "One or more parameter values were invalid: "

    init() throws {
        try makeTable(engine, sortType: .n)
    }

    @Test func updateOnAMissingItemCreatesItFromTheKey() throws {
        try engine.update(key, "SET v = :v", values: [":v": num(5)])
        #expect(try engine.get(key) == ["pk": .s("a"), "sk": num(1), "v": num(5)])
    }

    @Test func removeOnlyUpdateOnAMissingItemCreatesNothing() throws {
        let output = try engine.update(key, "REMOVE v, w.x", returnValues: .allNew)
        #expect(output.attributes == nil)
        #expect(try engine.get(key) == nil)
    }

    @Test func emptyUpdateCreatesAKeyOnlyItem() throws {
        let output = try engine.update(key, nil, returnValues: .allNew)
        #expect(output.attributes == key)
        #expect(try engine.get(key) == key)
    }

    @Test func addOnAMissingItemCreatesItStartingFromZero() throws {
        try engine.update(key, "ADD n :one, s :set", values: [":one": num(1), ":set": .ss(["x"])])
        #expect(try engine.get(key) == ["pk": .s("a"), "sk": num(1), "n": num(1), "s": .ss(["x"])])
    }

    @Test func updatingAKeyAttributeIsRejected() throws {
        try engine.put(["pk": .s("a"), "sk": num(1)])
        #expect(caught { try engine.update(key, "SET pk = :v", values: [":v": .s("b")]) } == .validation(Self.invalid + "Cannot update attribute pk. This attribute is part of the key"))
        #expect(caught { try engine.update(key, "SET #k = :v", names: ["#k": "sk"], values: [":v": num(2)]) } == .validation(Self.invalid + "Cannot update attribute sk. This attribute is part of the key"))
        #expect(caught { try engine.update(key, "REMOVE sk") } == .validation(Self.invalid + "Cannot update attribute sk. This attribute is part of the key"))
        #expect(caught { try engine.update(key, "ADD sk :v", values: [":v": num(2)]) } == .validation(Self.invalid + "Cannot update attribute sk. This attribute is part of the key"))
    }

    @Test func returnValuesAllOldAndAllNew() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "v": num(1), "w": .s("keep")])
        let old = try engine.update(key, "SET v = v + :one", values: [":one": num(1)], returnValues: .allOld)
        #expect(old.attributes == ["pk": .s("a"), "sk": num(1), "v": num(1), "w": .s("keep")])
        let new = try engine.update(key, "SET v = v + :one", values: [":one": num(1)], returnValues: .allNew)
        #expect(new.attributes == ["pk": .s("a"), "sk": num(1), "v": num(3), "w": .s("keep")])
        let none = try engine.update(key, "SET v = :one", values: [":one": num(1)])
        #expect(none.attributes == nil)
        // ALL_OLD on a created item: nothing.
        let created = try engine.update(["pk": .s("new"), "sk": num(1)], "SET v = :one", values: [":one": num(1)], returnValues: .allOld)
        #expect(created.attributes == nil)
    }

    @Test func updatedOldAndNewReturnOnlyTheUpdatedNestedPaths() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "m": .m(["b": num(1), "keep": num(9)]), "l": .l([num(0), num(1), num(2)]), "gone": .s("x"), "spare": num(7)])
        let old = try engine.update(key, "SET m.b = :v, l[1] = :v REMOVE gone", values: [":v": num(5)], returnValues: .updatedOld)
        #expect(old.attributes == ["m": .m(["b": num(1)]), "l": .l([num(1)]), "gone": .s("x")])
        let new = try engine.update(key, "SET m.b = :w, l[1] = :w REMOVE spare", values: [":w": num(6)], returnValues: .updatedNew)
        #expect(new.attributes == ["m": .m(["b": num(6)]), "l": .l([num(6)])])
        // A new attribute has no old value: UPDATED_OLD is absent.
        let fresh = try engine.update(key, "SET brandNew = :w", values: [":w": num(6)], returnValues: .updatedOld)
        #expect(fresh.attributes == nil)
        // Setting the current value still counts as updated.
        let same = try engine.update(key, "SET brandNew = :w", values: [":w": num(6)], returnValues: .updatedNew)
        #expect(same.attributes == ["brandNew": num(6)])
    }

    @Test func conditionFailureLeavesTheItemAndCarriesItOnlyWhenAsked() throws {
        let item: AttributeMap = ["pk": .s("a"), "sk": num(1), "v": num(1)]
        try engine.put(item)
        var input = UpdateItemInput(tableName: "Tab", key: key, updateExpression: "SET v = :two", conditionExpression: "v = :zero", expressionParameters: ExpressionParameters(values: [":two": num(2), ":zero": num(0)]))
        #expect(caught { try engine.updateItem(input, region: testRegion) } == DynamoError(.conditionalCheckFailed, "The conditional request failed"))
        input.returnValuesOnConditionCheckFailure = .allOld
        #expect(caught { try engine.updateItem(input, region: testRegion) } == DynamoError(.conditionalCheckFailed, "The conditional request failed", item: item))
        #expect(try engine.get(key) == item)
        // On a missing item the condition sees an empty item and no Item is attached.
        input.key = ["pk": .s("b"), "sk": num(1)]
        #expect(caught { try engine.updateItem(input, region: testRegion) } == DynamoError(.conditionalCheckFailed, "The conditional request failed"))
        #expect(try engine.get(input.key) == nil)
    }

    @Test func rightHandSidesReadTheOriginalItem() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "a": num(1)])
        try engine.update(key, "SET a = :v, b = a", values: [":v": num(2)])
        #expect(try engine.get(key)?["b"] == num(1))
        #expect(caught { try engine.update(key, "SET x = :v, y = x", values: [":v": num(2)]) } == .validation("The provided expression refers to an attribute that does not exist in the item"))
    }

    @Test func runtimeUpdateErrorsChangeNothing() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "s": .s("text")])
        #expect(caught { try engine.update(key, "SET s = s + :one", values: [":one": num(1)]) } == .validation("An operand in the update expression has an incorrect data type"))
        #expect(caught { try engine.update(key, "SET m.x = :one", values: [":one": num(1)]) } == .validation("The document path provided in the update expression is invalid for update"))
        #expect(try engine.get(key) == ["pk": .s("a"), "sk": num(1), "s": .s("text")])
    }

    @Test func updateResultSizeIsLimited() throws {
        let half = String(repeating: "x", count: 205_000)
        try engine.put(["pk": .s("a"), "sk": num(1), "p": .s(half)])
        #expect(caught { try engine.update(key, "SET q = :h", values: [":h": .s(half)]) } == .validation("Item size to update has exceeded the maximum allowed size"))
        #expect(try engine.get(key)?["q"] == nil)
    }

    @Test func indexKeyTypeMismatchIsRejected() throws {
        try makeTable(engine, "Gsi", sortType: .n, extraDefinitions: [AttributeDefinition(attributeName: "g", attributeType: .s)], globalIndexes: [gsi("byG", hash: "g")])
        #expect(caught { try engine.update(key, in: "Gsi", "SET g = :n", values: [":n": num(1)]) } == .validation(Self.invalid + "Type mismatch for Index Key g Expected: S Actual: N IndexName: byG"))
        // A computed value of the wrong type has its own message.
        try engine.put(["pk": .s("a"), "sk": num(1), "n": num(5)], into: "Gsi")
        #expect(caught { try engine.update(key, in: "Gsi", "SET g = n") } == .validation("The update expression attempted to update the secondary index key to unsupported type"))
        #expect(caught { try engine.update(key, in: "Gsi", "SET g = if_not_exists(g, :n)", values: [":n": num(1)]) } == .validation("The update expression attempted to update the secondary index key to unsupported type"))
        try engine.delete(key, from: "Gsi")
        #expect(caught { try engine.update(key, in: "Gsi", "SET g = :e", values: [":e": .s("")]) }
            == .validation("One or more parameter values are not valid. The update expression attempted to update a secondary index key to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty string value."))
        #expect(caught { try engine.put(["pk": .s("a"), "sk": num(1), "g": .s("")], into: "Gsi") }
            == .validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byG, IndexKey: g"))
        #expect(try engine.get(key, from: "Gsi") == nil)
    }

    @Test func updatedNewFollowsTheListQuirks() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "m": .m(["c": .l([num(0), num(1), num(2)])])])
        // An out-of-range index appends, and is then absent from UPDATED_NEW.
        let appended = try engine.update(key, "SET m.c[100] = :v", values: [":v": num(9)], returnValues: .updatedNew)
        #expect(appended.attributes == nil)
        #expect(try engine.get(key)?["m"] == .m(["c": .l([num(0), num(1), num(2), num(9)])]))
        // REMOVE of an element reports the element that shifted into its place.
        let removed = try engine.update(key, "REMOVE m.c[1]", returnValues: .updatedNew)
        #expect(removed.attributes == ["m": .m(["c": .l([num(2)])])])
        let removedOld = try engine.update(key, "REMOVE m.c[0]", returnValues: .updatedOld)
        #expect(removedOld.attributes == ["m": .m(["c": .l([num(0)])])])
    }

    @Test func expressionValuesWithoutExpressionsAreRejected() {
        #expect(caught { try engine.update(key, nil, values: [":v": num(1)]) } == .validation("ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null"))
        #expect(caught { try engine.update(key, nil, names: ["#n": "v"]) } == .validation("ExpressionAttributeNames can only be specified when using expressions"))
    }

    @Test func deletingTheLastSetElementsRemovesTheAttribute() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "tags": .ss(["x", "y"])])
        try engine.update(key, "DELETE tags :t", values: [":t": .ss(["x", "y", "z"])])
        #expect(try engine.get(key) == ["pk": .s("a"), "sk": num(1)])
    }

    @Test func listIndexesReferToTheOriginalList() throws {
        try engine.put(["pk": .s("a"), "sk": num(1), "l": .l([num(2), num(3), num(4), num(5), num(6), num(7)])])
        try engine.update(key, "REMOVE l[1] SET l[3] = :v", values: [":v": num(17)])
        #expect(try engine.get(key)?["l"] == .l([num(2), num(4), num(17), num(6), num(7)]))
    }

    @Test func conditionOnAMissingItemCanGuardCreation() throws {
        try engine.update(key, "SET v = :v", condition: "attribute_not_exists(pk)", values: [":v": num(1)])
        #expect(caught { try engine.update(key, "SET v = :v", condition: "attribute_not_exists(pk)", values: [":v": num(2)]) }?.code == .conditionalCheckFailed)
        #expect(try engine.get(key)?["v"] == num(1))
    }

    @Test func nestedSetOnAMissingItemOrThroughAScalarIsInvalid() throws {
        #expect(caught { try engine.update(key, "SET a.b = :v", values: [":v": num(1)]) } == .validation("The document path provided in the update expression is invalid for update"))
        #expect(try engine.get(key) == nil)
        try engine.put(["pk": .s("a"), "sk": num(1), "a": .s("scalar")])
        #expect(caught { try engine.update(key, "REMOVE a.b") } == .validation("The document path provided in the update expression is invalid for update"))
        #expect(caught { try engine.update(key, "SET a[0] = :v", values: [":v": num(1)]) } == .validation("The document path provided in the update expression is invalid for update"))
    }

    @Test func transactionUpdateThatGrowsTooLargeIsACancellationReason() throws {
        let half = String(repeating: "x", count: 205_000)
        try engine.put(["pk": .s("a"), "sk": num(1), "p": .s(half)])
        let error = caught {
            try engine.transactWriteItems(TransactWriteItemsInput(transactItems: [
                .update(tableName: "Tab", key: key, updateExpression: "SET q = :h", conditionExpression: nil, expressionParameters: ExpressionParameters(values: [":h": .s(half)]), returnValuesOnConditionCheckFailure: nil),
            ]), region: testRegion)
        }
        #expect(error?.code == .transactionCanceled)
        #expect(error?.cancellationReasons == [.init(code: "ValidationError", message: "Item size to update has exceeded the maximum allowed size")])
    }
}
