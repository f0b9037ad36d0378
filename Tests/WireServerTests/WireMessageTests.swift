import Testing
import WireProtocol

@testable import WireServer

struct WireMessageTests {
    @Test func headerLookupIgnoresCaseAndReturnsTheFirstMatch() {
        let request = WireRequest(
            method: "POST",
            uri: "/",
            headers: [
                (name: "X-Amz-Target", value: "DynamoDB_20120810.ListTables"), (name: "x-amz-target", value: "second"),
            ],
            body: []
        )
        #expect(request.header("x-amz-target") == "DynamoDB_20120810.ListTables")
        #expect(request.header("X-AMZ-TARGET") == "DynamoDB_20120810.ListTables")
        #expect(request.header("X-Amz-Targe") == nil)
        #expect(request.header("Content-Type") == nil)
    }

    @Test func responseDefaultsToDynamoJSONContentType() {
        #expect(WireResponse(status: 200, body: []).contentType == "application/x-amz-json-1.0")
    }

    @Test func requestIDsAre52UpperCaseAlphanumericsAndDistinct() {
        var generator = RequestIDGenerator()
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = generator.next()
            #expect(id.utf8.count == 52)
            #expect(id.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) })
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test(arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
    ])
    func dateHeaderUsesIMFFixdate(seconds: Int64, expected: String) {
        #expect(HTTPDateCache.format(epochSeconds: seconds) == expected)
    }

    @Test func busyPortErrorNamesTheAddress() {
        let error = WireServerError(code: .addressInUse, host: "127.0.0.1", port: 8000)
        #expect(error.description == "address 127.0.0.1:8000 is already in use")
    }
}
