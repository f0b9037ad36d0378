import DynamoEngine
import DynamoModel
import Testing
import WireProtocol

/// The `/streamscope/` admin surface.
struct AdminSurfaceTests {
    let fixture = WireFixture()

    func admin(_ method: String, _ path: String, _ body: String = "") -> WireResponse {
        fixture.dispatcher.handle(WireRequest(method: method, uri: path, headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
    }

    @Test func healthAnswersOk() {
        let response = admin("GET", "/streamscope/health")
        #expect(response.status == 200)
        #expect(response.text == #"{"status":"ok"}"#)
        #expect(response.contentType == "application/json")
    }

    @Test func resetWipesEveryTable() {
        fixture.createTable("Gone")
        fixture.createTable("Other", authorization: signed(region: "eu-west-1"))
        #expect(admin("POST", "/streamscope/reset").status == 200)
        #expect(fixture.send("ListTables", "{}").text == #"{"TableNames":[]}"#)
        #expect(fixture.send("ListTables", "{}", authorization: signed(region: "eu-west-1")).text == #"{"TableNames":[]}"#)
    }

    @Test func clockReportsVirtualTime() throws {
        let response = admin("GET", "/streamscope/clock")
        #expect(response.text == #"{"now":1800000000,"iso":"2027-01-15T08:00:00Z","speed":0.0,"paused":true}"#)
    }

    @Test func clockAdvancesSetsAndChangesSpeed() throws {
        let advanced = admin("POST", "/streamscope/clock", #"{"advance":90.5}"#)
        #expect(advanced.status == 200)
        #expect(advanced.json?["now"]?.text == "1800000090.5")
        #expect(fixture.engine.clock.now == VirtualInstant(epochSeconds: 1_800_000_090.5))
        let set = admin("POST", "/streamscope/clock", #"{"set":1900000000}"#)
        #expect(set.json?["now"]?.text == "1900000000")
        let resumed = admin("POST", "/streamscope/clock", #"{"resume":true}"#)
        #expect(resumed.json?["paused"]?.boolValue == false)
        let speed = admin("POST", "/streamscope/clock", #"{"speed":60}"#)
        #expect(speed.json?["speed"]?.text == "60.0")
        let paused = admin("POST", "/streamscope/clock", #"{"pause":true}"#)
        #expect(paused.json?["paused"]?.boolValue == true)
    }

    @Test func advancingTheClockLetsTTLExpireItems() {
        fixture.createTable("Sessions")
        _ = fixture.send("UpdateTimeToLive", #"{"TableName":"Sessions","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}}"#)
        _ = fixture.send("PutItem", #"{"TableName":"Sessions","Item":{"pk":{"S":"s"},"exp":{"N":"1800000010"}}}"#)
        #expect(fixture.send("GetItem", #"{"TableName":"Sessions","Key":{"pk":{"S":"s"}}}"#).text != "{}")
        #expect(admin("POST", "/streamscope/clock", #"{"advance":3600}"#).status == 200)
        #expect(fixture.send("GetItem", #"{"TableName":"Sessions","Key":{"pk":{"S":"s"}}}"#).text == "{}")
    }

    @Test(arguments: [
        ("{", "the body must be a JSON object"),
        ("[]", "the body must be a JSON object"),
        (#"{"advance":"x"}"#, "\"advance\" must be a number"),
        (#"{"advance":-1}"#, "\"advance\" must not be negative"),
        (#"{"set":1}"#, "\"set\" ("),
        (#"{"speed":-2}"#, "\"speed\" must not be negative"),
        (#"{"pause":1}"#, "\"pause\" must be true or false"),
        (#"{"rewind":true}"#, "unknown clock field \"rewind\""),
        ("{}", "nothing to change"),
    ])
    func badClockInputIs400WithAMessage(_ body: String, _ expected: String) throws {
        let before = fixture.engine.clock.now
        let response = admin("POST", "/streamscope/clock", body)
        #expect(response.status == 400)
        let message = try #require(response.json?["message"]?.stringValue)
        #expect(message.hasPrefix(expected), "\(message)")
        #expect(fixture.engine.clock.now == before)
    }

    @Test func unknownAdminPathsAndMethodsAreRejected() {
        #expect(admin("GET", "/streamscope/nothing").status == 404)
        #expect(admin("GET", "/streamscope/reset").status == 405)
        #expect(admin("DELETE", "/streamscope/clock").status == 405)
    }
}
