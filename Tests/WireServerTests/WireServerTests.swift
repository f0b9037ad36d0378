import Foundation
import Testing
import WireProtocol
import WireServer

struct WireServerTests {
    // MARK: - Headers and keep-alive

    @Test func everyResponseCarriesRequestIDChecksumLengthDateAndContentType() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(body: #"{"TableNames":[]}"#, headers: ["X-Amz-Target: DynamoDB_20120810.ListTables"])
            let response = try client.readResponse()

            #expect(response.status == 200)
            #expect(response.bodyText == #"{"TableNames":[]}"#)
            let requestID = try #require(response.header("x-amzn-RequestId"))
            #expect(requestID.utf8.count == 52)
            #expect(requestID.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) })
            #expect(response.header("x-amz-crc32") == "1315925753")
            #expect(response.header("x-amz-crc32") == String(CRC32.checksum(response.body)))
            #expect(response.header("Content-Type") == "application/x-amz-json-1.0")
            #expect(response.header("Content-Length") == "17")
            let date = try #require(response.header("Date"))
            #expect(
                date.range(
                    of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#,
                    options: .regularExpression
                ) != nil
            )
            #expect(response.header("x-echo-target") == "DynamoDB_20120810.ListTables")
            #expect(response.header("x-echo-method") == "POST")
            #expect(response.headers.filter { $0.name.lowercased() == "content-length" }.count == 1)
        }
    }

    @Test func responseWithoutContentTypeSendsNoneAndHandlerRequestIDIsKept() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(uri: "/no-content-type", body: "{}")
            let bare = try client.readResponse()
            #expect(bare.header("Content-Type") == nil)
            #expect(bare.header("x-amz-crc32") == "0")
            #expect(bare.header("Content-Length") == "0")

            try client.sendRequest(uri: "/request-id", body: "{}")
            let custom = try client.readResponse()
            #expect(custom.header("x-amzn-RequestId") == "CUSTOM-ID")
            #expect(custom.headers.filter { $0.name.lowercased() == "x-amzn-requestid" }.count == 1)
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnectionWithDistinctRequestIDs() async throws {
        let handler = EchoHandler()
        try await withServer(handler: handler) { _, port in
            let client = try RawHTTPClient(port: port)
            var ids = Set<String>()
            for index in 0..<5 {
                try client.sendRequest(body: #"{"n":\#(index)}"#)
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.bodyText == #"{"n":\#(index)}"#)
                #expect(response.header("Connection") == nil)
                ids.insert(try #require(response.header("x-amzn-RequestId")))
            }
            #expect(ids.count == 5)
            #expect(handler.calls == 5)
            #expect(!client.isClosedByServer(waitingMilliseconds: 200))
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            let request = { (body: String) in
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            }
            try client.send(request("first") + request("second") + request("third"))
            #expect(try client.readResponse().bodyText == "first")
            #expect(try client.readResponse().bodyText == "second")
            #expect(try client.readResponse().bodyText == "third")
        }
    }

    @Test func largeBodyArrivingInManyReadsIsAggregatedIntact() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            let body = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            try client.send(Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n".utf8))
            for start in stride(from: 0, to: body.count, by: 100_000) {
                try client.send(Array(body[start..<min(start + 100_000, body.count)]))
            }
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.body == body)
            #expect(response.header("x-amz-crc32") == String(CRC32.checksum(body)))
        }
    }

    @Test func chunkedBodyWithinTheLimitIsAggregated() async throws {
        try await withServer(maxBodyBytes: 1024) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send(
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
            )
            let response = try client.readResponse()
            #expect(response.bodyText == "hello world")
            #expect(response.header("Content-Length") == "11")
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(body: "{}", headers: ["Connection: close"])
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsRequested() async throws {
        try await withServer { _, port in
            let plain = try RawHTTPClient(port: port)
            try plain.send("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}")
            let first = try plain.readResponse()
            #expect(first.version == "HTTP/1.0")
            #expect(first.status == 200)
            #expect(plain.isClosedByServer())

            let keepAlive = try RawHTTPClient(port: port)
            for _ in 0..<2 {
                try keepAlive.send("POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}")
                let response = try keepAlive.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Connection") == "keep-alive")
            }
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBodyIsSent() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("{}")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "{}")
        }
    }

    @Test func errorResponseFromTheHandlerKeepsTheConnectionUsable() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(uri: "/error", body: "not json")
            let error = try client.readResponse()
            #expect(error.status == 400)
            #expect(error.header("x-amz-crc32") == "3948637019")
            #expect(error.header("Connection") == nil)

            try client.sendRequest(body: "{}")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func upgradeRequestIsAnsweredAndTheConnectionClosedInsteadOfHanging() async throws {
        try await withServer { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    // MARK: - Bad input

    @Test func oversizedBodyWithContentLengthGets413AndTheServerKeepsServing() async throws {
        let handler = EchoHandler()
        try await withServer(handler: handler, maxBodyBytes: 1024) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(body: String(repeating: "x", count: 2048))
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.body.isEmpty)
            #expect(response.header("x-amz-crc32") == "0")
            #expect(response.header("x-amzn-RequestId")?.utf8.count == 52)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())

            let next = try RawHTTPClient(port: port)
            try next.sendRequest(body: String(repeating: "y", count: 1024))
            #expect(try next.readResponse().status == 200)
            #expect(handler.calls == 1)
        }
    }

    @Test func oversizedChunkedBodyGets413() async throws {
        let handler = EchoHandler()
        try await withServer(handler: handler, maxBodyBytes: 1024) { _, port in
            let client = try RawHTTPClient(port: port)
            let chunk = String(repeating: "z", count: 600)
            try client.send(
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n"
            )
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(client.isClosedByServer())
            #expect(handler.calls == 0)
        }
    }

    @Test func oversizedBodyWithExpectContinueGets413InsteadOf100() async throws {
        try await withServer(maxBodyBytes: 1024) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse().status == 413)
            #expect(client.isClosedByServer())
        }
    }

    @Test func requestCutOffMidBodyIsDroppedAndTheServerStaysUp() async throws {
        let handler = EchoHandler()
        try await withServer(handler: handler) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send(
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + String(repeating: "a", count: 50)
            )
            client.close()

            let next = try RawHTTPClient(port: port)
            try next.sendRequest(body: "{}")
            #expect(try next.readResponse().status == 200)
            #expect(handler.calls == 1)
        }
    }

    @Test(arguments: [
        "this is not http\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "POST / HTTP/1.1\r\nBad Header Without Colon\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func malformedHTTPGets400AndClosesWithoutCallingTheHandler(request: String) async throws {
        let handler = EchoHandler()
        try await withServer(handler: handler) { _, port in
            let client = try RawHTTPClient(port: port)
            try client.send(request)
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("x-amzn-RequestId")?.utf8.count == 52)
            #expect(response.header("x-amz-crc32") == "0")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
            #expect(handler.calls == 0)

            let next = try RawHTTPClient(port: port)
            try next.sendRequest(body: "{}")
            #expect(try next.readResponse().status == 200)
        }
    }

    // MARK: - Concurrency and lifecycle

    @Test func fiftyConcurrentConnectionsAreAllServed() async throws {
        let handler = EchoHandler()
        try await withServer(handler: handler, threads: 2) { _, port in
            let clients = try (0..<50).map { _ in try RawHTTPClient(port: port) }
            for (index, client) in clients.enumerated() {
                try client.sendRequest(body: #"{"client":\#(index)}"#)
            }
            for (index, client) in clients.enumerated() {
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.bodyText == #"{"client":\#(index)}"#)
            }
            for client in clients {
                try client.sendRequest(body: "again")
                #expect(try client.readResponse().bodyText == "again")
            }
            #expect(handler.calls == 100)
        }
    }

    @Test func gracefulShutdownFinishesAnInFlightRequestAndStopsAccepting() async throws {
        let server = WireServer(port: 0, handler: EchoHandler(), threads: 1)
        let port = try await server.start()
        let client = try RawHTTPClient(port: port)
        do {
            // The interim 100 proves the server has the request head before shutdown begins.
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n01234")
            #expect(try client.readResponse().status == 100)

            async let stopping: Void = server.shutdown()
            var refused = false
            for _ in 0..<200 where !refused {
                if (try? RawHTTPClient(port: port)) == nil {
                    refused = true
                } else {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            #expect(refused)

            try client.send("56789")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "0123456789")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
            await stopping
        } catch {
            await server.shutdown()
            throw error
        }
    }

    @Test func gracefulShutdownWaitsForAHandlerThatIsStillRunning() async throws {
        let handler = GateHandler()
        let server = WireServer(port: 0, handler: handler, threads: 1)
        let port = try await server.start()
        do {
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(body: "in flight")
            for _ in 0..<500 where handler.entered == 0 {
                try await Task.sleep(for: .milliseconds(10))
            }
            try #require(handler.entered == 1)

            async let stopping: Void = server.shutdown()
            try await Task.sleep(for: .milliseconds(50))
            handler.release()
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "in flight")
            #expect(client.isClosedByServer())
            await stopping
        } catch {
            handler.release()
            await server.shutdown()
            throw error
        }
    }

    @Test func shutdownForceClosesARequestThatStallsPastTheDrainTimeout() async throws {
        let handler = EchoHandler()
        let server = WireServer(port: 0, handler: handler, threads: 1, drainTimeout: .milliseconds(200))
        let port = try await server.start()
        let client = try RawHTTPClient(port: port)
        try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n012")
        let interim = try client.readResponse()
        let started = ContinuousClock.now
        await server.shutdown()
        #expect(interim.status == 100)
        // The body never completes, so only the 200 ms drain timeout can end the shutdown; the
        // bound is loose because a loaded CI machine schedules the event loop late.
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(client.isClosedByServer())
        #expect(handler.calls == 0)
    }

    @Test func shutdownClosesIdleKeepAliveConnections() async throws {
        let server = WireServer(port: 0, handler: EchoHandler(), threads: 1)
        let port = try await server.start()
        let client = try RawHTTPClient(port: port)
        try client.sendRequest(body: "{}")
        _ = try client.readResponse()
        #expect(server.boundPort == port)
        await server.shutdown()
        #expect(client.isClosedByServer())
        #expect(server.boundPort == nil)
        await server.shutdown()  // A second call returns at once.
    }

    @Test func runShutsDownGracefullyWhenItsTaskIsCancelled() async throws {
        let server = WireServer(port: 0, handler: EchoHandler(), threads: 1)
        let port = try await server.start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(body: "{}")
            #expect(try client.readResponse().status == 200)
            group.cancelAll()
            try await group.waitForAll()
            #expect(client.isClosedByServer())
        }
        #expect((try? RawHTTPClient(port: port)) == nil)
    }

    @Test func busyPortMakesStartThrowAddressInUseAndStartCanBeRetried() async throws {
        let first = WireServer(port: 0, handler: EchoHandler(), threads: 1)
        let port = try await first.start()
        let second = WireServer(port: port, handler: EchoHandler(), threads: 1)
        do {
            do {
                _ = try await second.start()
                Issue.record("second server bound a port that is in use")
            } catch let error as WireServerError {
                #expect(error.code == .addressInUse)
                #expect(error.description == "address 127.0.0.1:\(port) is already in use")
            }
            await first.shutdown()
            #expect(try await second.start() == port)
            let client = try RawHTTPClient(port: port)
            try client.sendRequest(body: "{}")
            #expect(try client.readResponse().status == 200)
        } catch {
            await first.shutdown()
            await second.shutdown()
            throw error
        }
        await second.shutdown()
    }

    @Test func startTwiceThrowsAlreadyStarted() async throws {
        try await withServer { server, _ in
            await #expect(throws: WireServerError.self) { _ = try await server.start() }
        }
    }
}
