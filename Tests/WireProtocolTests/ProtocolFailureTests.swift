import DynamoModel
import Testing
import WireProtocol

/// dynamodb-core §1.5: protocol-level failures, in DynamoDB's order, with exact bodies.
struct ProtocolFailureTests {
    let fixture = WireFixture()

    @Test func getOnTheRootAnswersTheHealthText() {
        let response = fixture.send(nil, "", method: "GET")
        #expect(response.status == 200)
        #expect(response.text == "healthy: dynamodb.us-east-1.amazonaws.com ")
    }

    @Test(arguments: ["GET /other", "PUT /", "DELETE /", "HEAD /x"])
    func otherMethodsAnswer404WithTheXMLBody(_ line: String) {
        let parts = line.split(separator: " ")
        let response = fixture.send("ListTables", "{}", method: String(parts[0]), uri: String(parts[1]))
        #expect(response.status == 404)
        #expect(response.text == "<UnknownOperationException/>\n")
        #expect(CRC32.checksum(response.body) == 3_552_371_480)
    }

    @Test func aBodyWithAForeignContentTypeAnswers404() {
        let response = fixture.send("ListTables", "{}", contentType: "text/plain")
        #expect(response.status == 404)
        #expect(response.text == "<UnknownOperationException/>\n")
        let missing = fixture.send("ListTables", "{}", contentType: nil)
        #expect(missing.status == 404)
    }

    @Test func contentTypeParametersAndPlainJSONAreAccepted() {
        let withCharset = fixture.send("ListTables", "{}", contentType: "application/x-amz-json-1.0; charset=utf-8")
        #expect(withCharset.status == 200)
        #expect(withCharset.text == #"{"TableNames":[]}"#)
        let plain = fixture.send("ListTables", "{}", contentType: "application/json")
        #expect(plain.status == 200)
        #expect(plain.contentType == "application/json")
        #expect(withCharset.contentType == "application/x-amz-json-1.0")
    }

    @Test func unparsableJSONIsASerializationExceptionWithoutMessage() {
        for body in ["{", "{\"a\":}", "nope", "{} {}"] {
            let response = fixture.send("ListTables", body)
            #expect(response.status == 400)
            #expect(response.text == #"{"__type":"com.amazon.coral.service#SerializationException"}"#)
        }
    }

    @Test func unparsableJSONWinsOverAMissingTarget() {
        let response = fixture.send(nil, "{")
        #expect(response.text == #"{"__type":"com.amazon.coral.service#SerializationException"}"#)
    }

    @Test func invalidUTF8IsASerializationException() {
        let response = fixture.send("ListTables", bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D])
        #expect(response.status == 400)
        #expect(response.errorType == "com.amazon.coral.service#SerializationException")
    }

    @Test func missingForeignOrUnknownTargetsAreUnknownOperations() {
        let expected = #"{"__type":"com.amazon.coral.service#UnknownOperationException"}"#
        #expect(fixture.send(nil, "{}").text == expected)
        #expect(fixture.send("ListTables", "{}", prefix: "DynamoDB_20111205").text == expected)
        #expect(fixture.send("DescribeEverything", "{}").text == expected)
        #expect(fixture.send("", "{}").text == expected)
        #expect(fixture.send(nil, "{}").status == 400)
        var noDot = WireRequest(method: "POST", uri: "/", headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "ListTables")], body: Array("{}".utf8))
        #expect(fixture.dispatcher.handle(noDot).text == expected)
        noDot.headers = [("content-type", "application/x-amz-json-1.0"), ("x-amz-target", "DynamoDB_20120810.ListTables")]
        #expect(fixture.dispatcher.handle(noDot).status == 200)
    }

    @Test func anEmptyBodyWithAKnownTargetIsASerializationException() {
        let response = fixture.send("ListTables", "")
        #expect(response.status == 400)
        #expect(response.text == #"{"__type":"com.amazon.coral.service#SerializationException"}"#)
    }

    @Test func aBodyThatIsNotAnObjectIsASerializationException() {
        let response = fixture.send("ListTables", "[1,2]")
        #expect(response.errorType == "com.amazon.coral.service#SerializationException")
    }

    @Test func theQueryStringIsIgnored() {
        #expect(fixture.send("ListTables", "{}", uri: "/?x=1").status == 200)
    }

    @Test func theRegionComesFromTheCredentialScope() throws {
        #expect(fixture.createTable("Orders", authorization: signed(region: "eu-west-1")).status == 200)
        let described = fixture.send("DescribeTable", #"{"TableName":"Orders"}"#, authorization: signed(region: "eu-west-1"))
        let arn = try #require(described.json?["Table"]?["TableArn"]?.stringValue)
        #expect(arn == "arn:aws:dynamodb:eu-west-1:000000000000:table/Orders")
        // Another region, or an unsigned request (default us-east-1), does not see the table.
        #expect(fixture.send("ListTables", "{}").text == #"{"TableNames":[]}"#)
        #expect(fixture.send("ListTables", "{}", authorization: signed(region: "ap-south-1")).text == #"{"TableNames":[]}"#)
        #expect(fixture.send("ListTables", "{}", authorization: signed(region: "eu-west-1")).text == #"{"TableNames":["Orders"]}"#)
    }

    @Test func aMalformedAuthorizationHeaderFallsBackToTheDefaultRegion() {
        fixture.createTable("Tab1", authorization: "AWS4-HMAC-SHA256 Credential=onlythree/parts/here, Signature=x")
        #expect(fixture.send("ListTables", "{}").text == #"{"TableNames":["Tab1"]}"#)
    }

    @Test func unknownStreamsOperationsAreUnknownOperations() {
        let response = fixture.send("NoSuchStreamsCall", "{}", prefix: "DynamoDBStreams_20120810")
        #expect(response.text == #"{"__type":"com.amazon.coral.service#UnknownOperationException"}"#)
    }
}
