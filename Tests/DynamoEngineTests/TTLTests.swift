import DynamoEngine
import DynamoModel
import Testing

struct TTLTests {
    let engine = makeEngine()

    init() throws {
        try makeTable(engine)
    }

    func enable(_ attribute: String = "expiresAt", _ enabled: Bool = true) throws(DynamoError) {
        _ = try engine.updateTimeToLive(tableName: "Tab", enabled: enabled, attributeName: attribute, region: testRegion)
    }

    var now: Int { Int(engine.clock.now.wholeEpochSeconds) }

    @Test func updateTimeToLiveRulesAndMessages() throws {
        let initial = try engine.describeTimeToLive(tableName: "Tab", region: testRegion)
        #expect(initial.status == "DISABLED" && initial.attributeName == nil)
        #expect(caught { try enable("expiresAt", false) } == .validation("TimeToLive is already disabled"))
        let result = try engine.updateTimeToLive(tableName: "Tab", enabled: true, attributeName: "expiresAt", region: testRegion)
        #expect(result.enabled && result.attributeName == "expiresAt")
        let enabled = try engine.describeTimeToLive(tableName: "Tab", region: testRegion)
        #expect(enabled.status == "ENABLED" && enabled.attributeName == "expiresAt")
        #expect(caught { try enable() } == .validation("TimeToLive is already enabled"))
        #expect(caught { try enable("other") } == .validation("TimeToLive is active on a different AttributeName: current AttributeName is expiresAt"))
        try enable("expiresAt", false)
        #expect(try engine.describeTimeToLive(tableName: "Tab", region: testRegion).status == "DISABLED")
        #expect(caught { try engine.updateTimeToLive(tableName: "Nope", enabled: true, attributeName: "e", region: testRegion) } == .notFound("Requested resource not found: Table: Nope not found"))
        #expect(caught { try engine.describeTimeToLive(tableName: "Nope", region: testRegion) } == .notFound("Requested resource not found: Table: Nope not found"))
        #expect(caught { try enable("") } == .validation("1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1"))
    }

    @Test func expiredItemsAreDeletedByMaintenanceWithARemoveChange() async throws {
        let recorder = try ChangeRecorder(engine)
        try enable()
        try engine.put(["pk": .s("soon"), "expiresAt": num(now + 10)])
        try engine.put(["pk": .s("fraction"), "expiresAt": num("\(now + 10).5")])
        try engine.put(["pk": .s("later"), "expiresAt": num(now + 3600)])
        _ = try await recorder.changes()
        // Not yet expired: still readable.
        engine.clock.advance(by: .seconds(9))
        engine.runMaintenance()
        #expect(try engine.get(["pk": .s("soon")]) != nil)
        engine.clock.advance(by: .seconds(10))
        engine.runMaintenance()
        #expect(try engine.get(["pk": .s("soon")]) == nil)
        #expect(try engine.get(["pk": .s("fraction")]) == nil)
        #expect(try engine.get(["pk": .s("later")]) != nil)
        let changes = try await recorder.changes()
        #expect(Set(changes.map(\.description)) == [Change(table: "Tab", eventName: .remove, keys: ["pk": .s("soon")]).description, Change(table: "Tab", eventName: .remove, keys: ["pk": .s("fraction")]).description])
    }

    @Test func millisecondsStringsNestedAndAncientValuesNeverExpire() throws {
        try enable()
        let ms = now * 1000
        try engine.put(["pk": .s("ms"), "expiresAt": num(ms)])
        try engine.put(["pk": .s("string"), "expiresAt": .s("\(now - 100)")])
        try engine.put(["pk": .s("nested"), "m": .m(["expiresAt": num(now - 100)])])
        try engine.put(["pk": .s("ancient"), "expiresAt": num(now - 6 * 365 * 86_400)])
        try engine.put(["pk": .s("list"), "expiresAt": .l([num(now - 100)])])
        try engine.put(["pk": .s("due"), "expiresAt": num(now - 100)])
        engine.clock.advance(by: .seconds(3600))
        engine.runMaintenance()
        #expect(try engine.scan(ReadInput(tableName: "Tab")).items?.compactMap { $0["pk"]?.stringValue }.sorted() == ["ancient", "list", "ms", "nested", "string"])
    }

    @Test func disablingTimeToLiveStopsDeletions() throws {
        try enable()
        try engine.put(["pk": .s("due"), "expiresAt": num(now + 1)])
        try enable("expiresAt", false)
        engine.clock.advance(by: .seconds(3600))
        engine.runMaintenance()
        #expect(try engine.get(["pk": .s("due")]) != nil)
    }

    @Test func anItemUpdatedBeforeTheSweepIsKept() throws {
        try enable()
        try engine.put(["pk": .s("renewed"), "expiresAt": num(now + 1)])
        engine.clock.advance(by: .seconds(2))
        try engine.update(["pk": .s("renewed")], "SET expiresAt = :t", values: [":t": num(now + 3600)])
        engine.clock.advance(by: .seconds(60))
        engine.runMaintenance()
        #expect(try engine.get(["pk": .s("renewed")]) != nil)
    }

    @Test func expiryUpdatesIndexes() throws {
        try makeTable(engine, "Gsi", extraDefinitions: [AttributeDefinition(attributeName: "g", attributeType: .s)], globalIndexes: [gsi("byG", hash: "g")])
        _ = try engine.updateTimeToLive(tableName: "Gsi", enabled: true, attributeName: "ttl", region: testRegion)
        try engine.put(["pk": .s("a"), "g": .s("x"), "ttl": num(now + 1)], into: "Gsi")
        engine.clock.advance(by: .seconds(60))
        engine.runMaintenance()
        #expect(try engine.scan(ReadInput(tableName: "Gsi", indexName: "byG")).count == 0)
    }
}
