import Synchronization
import WireProtocol
import WireServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Echoes the request body and reports what it saw in headers; counts its calls.
///
/// `/error` answers a DynamoDB-style 400, `/no-content-type` a response without a type,
/// `/request-id` one that sets its own `x-amzn-RequestId`.
final class EchoHandler: WireHandler {
    private let callCount = Mutex(0)

    var calls: Int { callCount.withLock { $0 } }

    func handle(_ request: WireRequest) -> WireResponse {
        callCount.withLock { $0 += 1 }
        switch request.uri {
        case "/error":
            return WireResponse(
                status: 400,
                body: Array(#"{"__type":"com.amazon.coral.service#SerializationException"}"#.utf8)
            )
        case "/no-content-type":
            return WireResponse(status: 200, contentType: nil, body: [])
        case "/request-id":
            return WireResponse(status: 200, headers: [(name: "x-amzn-RequestId", value: "CUSTOM-ID")], body: [])
        default:
            return WireResponse(
                status: 200,
                headers: [
                    (name: "x-echo-method", value: request.method),
                    (name: "x-echo-target", value: request.header("x-amz-target") ?? "-"),
                    (name: "Content-Length", value: "999"),
                ],
                body: request.body
            )
        }
    }
}

/// Starts a server on 127.0.0.1 port 0, runs `body` with its port, and always shuts it down.
@discardableResult
func withServer<Result>(
    handler: any WireHandler = EchoHandler(),
    maxBodyBytes: Int = 16 * 1024 * 1024,
    threads: Int = 1,
    _ body: (WireServer, Int) async throws -> Result
) async throws -> Result {
    let server = WireServer(host: "127.0.0.1", port: 0, handler: handler, maxBodyBytes: maxBodyBytes, threads: threads)
    let port = try await server.start()
    do {
        let result = try await body(server, port)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Holds each call until ``release()``, so a test can act while a request is inside the handler.
final class GateHandler: WireHandler {
    private let state = Mutex((entered: 0, isReleased: false))

    var entered: Int { state.withLock { $0.entered } }

    func release() {
        state.withLock { $0.isReleased = true }
    }

    func handle(_ request: WireRequest) -> WireResponse {
        state.withLock { $0.entered += 1 }
        // Bounded, so a failing test cannot wedge the event loop for good.
        for _ in 0..<10_000 where !state.withLock({ $0.isReleased }) {
            usleep(1_000)
        }
        return WireResponse(status: 200, body: request.body)
    }
}
