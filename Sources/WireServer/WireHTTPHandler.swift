import NIOCore
import NIOHTTP1
import WireProtocol

/// The per-connection HTTP/1.1 state machine between NIO's HTTP codec and a ``WireHandler``.
///
/// It aggregates each request body into one buffer (refusing more than `maxBodyBytes`), calls the
/// handler synchronously on the event loop, and writes the whole response with one flush, adding
/// the headers DynamoDB sends on every response. Requests rejected at the HTTP level (malformed,
/// oversized, cut off) never reach the handler.
final class WireHTTPHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Between requests: the next part must be a request head.
        case idle
        /// A request head arrived; its body is being collected.
        case receiving
        /// An oversized request was answered with 413; its remaining parts are read and dropped
        /// (so closing does not reset the connection before the client reads the 413).
        case discarding
        /// A final response was sent with `Connection: close`; everything else is ignored.
        case closing
    }

    private let handler: any WireHandler
    private let maxBodyBytes: Int
    private let discardTimeout: TimeAmount
    private var state = State.idle
    private var requestHead: HTTPRequestHead?
    private var requestBody: ByteBuffer?
    /// The request's `Content-Length` (0 when absent or chunked), at most `maxBodyBytes`.
    private var declaredLength = 0
    private var isQuiescing = false
    private var hasPendingRead = false
    private var discardDeadline: Scheduled<Void>?
    /// Completes when the last response with `Connection: close` has been written.
    private var finalResponseWritten: EventLoopFuture<Void>?
    private var requestIDs = RequestIDGenerator()
    private var dates = HTTPDateCache()

    init(handler: any WireHandler, maxBodyBytes: Int, discardTimeout: TimeAmount) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.discardTimeout = discardTimeout
    }

    // MARK: - Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            receiveHead(head, context: context)
        case .body(var chunk):
            guard case .receiving = state else { return }
            let received = (requestBody?.readableBytes ?? 0) + chunk.readableBytes
            guard received <= maxBodyBytes else {
                rejectOversizedRequest(version: requestHead?.version ?? .http1_1, context: context)
                return
            }
            if requestBody == nil {
                if declaredLength > chunk.readableBytes {
                    // More is coming: reserve the declared size once instead of growing by copies.
                    var buffer = context.channel.allocator.buffer(capacity: declaredLength)
                    buffer.writeBuffer(&chunk)
                    requestBody = buffer
                } else {
                    requestBody = chunk
                }
            } else {
                requestBody?.writeBuffer(&chunk)
            }
        case .end:
            switch state {
            case .receiving:
                completeRequest(context: context)
            case .discarding:
                state = .closing
                closeAfterFinalResponse(context: context)
            case .idle, .closing:
                break
            }
        }
    }

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard case .idle = state else { return }
        let length = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
        if length > maxBodyBytes {
            requestHead = head
            rejectOversizedRequest(version: head.version, context: context)
            return
        }
        declaredLength = length
        state = .receiving
        requestHead = head
        requestBody = nil
        // Java SDKs send `Expect: 100-continue` and wait (briefly) for the interim response.
        if head.version.major == 1, head.version.minor >= 1,
            let expect = head.headers.first(name: "expect"), expect.lowercased() == "100-continue"
        {
            let interim = HTTPResponseHead(version: head.version, status: .continue)
            context.writeAndFlush(Self.wrapOutboundOut(.head(interim)), promise: nil)
        }
    }

    private func completeRequest(context: ChannelHandlerContext) {
        guard let head = requestHead else { return }
        let body = requestBody.map { Array($0.readableBytesView) } ?? []
        requestHead = nil
        requestBody = nil
        state = .idle
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(head.headers.count)
        for header in head.headers {
            headers.append((name: header.name, value: header.value))
        }
        let request = WireRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
        let response = handler.handle(request)
        let keepAlive = head.isKeepAlive && !isQuiescing && !Self.asksForProtocolSwitch(head)
        write(response, version: head.version, keepAlive: keepAlive, context: context)
    }

    /// Whether the request asks to leave HTTP/1.1 (`Upgrade` or `CONNECT`). The decoder stops
    /// parsing after such a request, so the connection could serve nothing more: it is closed
    /// after the (ordinary) response instead of hanging.
    private static func asksForProtocolSwitch(_ head: HTTPRequestHead) -> Bool {
        if head.method == .CONNECT { return true }
        guard head.headers.contains(name: "upgrade") else { return false }
        return head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "upgrade" }
    }

    /// Answers 413 with an empty body and closes: immediately when the request already ended,
    /// otherwise once its remaining body has been read or `discardTimeout` has passed.
    private func rejectOversizedRequest(version: HTTPVersion, context: ChannelHandlerContext) {
        state = .discarding
        requestHead = nil
        requestBody = nil
        write(
            WireResponse(status: 413, contentType: nil, body: []),
            version: version,
            keepAlive: false,
            closeWhenWritten: false,
            context: context
        )
        // Half-close: the client sees the 413 and end-of-stream while we drain what it still sends.
        context.close(mode: .output, promise: nil)
        let channel = context.channel
        discardDeadline = context.eventLoop.scheduleTask(in: discardTimeout) {
            channel.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A request cut off mid-body is dropped quietly: the handler never sees it.
        state = .closing
        requestHead = nil
        requestBody = nil
        discardDeadline?.cancel()
        discardDeadline = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError, context.channel.isActive {
            switch state {
            case .idle, .receiving:
                // Malformed HTTP: answer 400 (never the handler) and close.
                requestHead = nil
                requestBody = nil
                write(
                    WireResponse(status: 400, contentType: nil, body: []),
                    version: .http1_1,
                    keepAlive: false,
                    context: context
                )
                return
            case .discarding, .closing:
                break
            }
        }
        // I/O errors (reset by peer, …) and parser errors after a final response: just close
        // (after that response, so a 413 still reaches the client).
        state = .closing
        closeAfterFinalResponse(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        // Graceful shutdown: close idle connections now; a request in progress finishes first and
        // its response carries `Connection: close`.
        isQuiescing = true
        if case .idle = state {
            state = .closing
            context.close(promise: nil)
        }
    }

    // MARK: - Outbound

    /// Holds reads back while the outbound buffer is full, so a client that pipelines requests but
    /// never reads responses cannot make the server buffer without bound.
    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            hasPendingRead = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, hasPendingRead {
            hasPendingRead = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }

    private func write(
        _ response: WireResponse,
        version: HTTPVersion,
        keepAlive: Bool,
        closeWhenWritten: Bool = true,
        context: ChannelHandlerContext
    ) {
        var headers = HTTPHeaders()
        headers.reserveCapacity(7 + response.headers.count)
        var requestID: String?
        for header in response.headers where requestID == nil {
            if header.name.lowercased() == "x-amzn-requestid" { requestID = header.value }
        }
        headers.add(name: "x-amzn-RequestId", value: requestID ?? requestIDs.next())
        headers.add(name: "x-amz-crc32", value: String(CRC32.checksum(response.body)))
        if let contentType = response.contentType {
            headers.add(name: "Content-Type", value: contentType)
        }
        headers.add(name: "Content-Length", value: String(response.body.count))
        headers.add(name: "Date", value: dates.current())
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if version.major == 1, version.minor == 0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        for header in response.headers where !Self.isTransportHeader(header.name) {
            headers.add(name: header.name, value: header.value)
        }

        let head = HTTPResponseHead(
            version: version.major == 1 && version.minor == 0 ? .http1_0 : .http1_1,
            status: HTTPResponseStatus(statusCode: response.status),
            headers: headers
        )
        context.write(Self.wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            let buffer = context.channel.allocator.buffer(bytes: response.body)
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        if keepAlive {
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            if state != .discarding { state = .closing }
            finalResponseWritten = context.writeAndFlush(Self.wrapOutboundOut(.end(nil)))
            if closeWhenWritten {
                closeAfterFinalResponse(context: context)
            }
        }
    }

    /// Closes the connection once the final response (if any) is on the wire: a plain close
    /// would drop writes still queued behind a full socket buffer.
    private func closeAfterFinalResponse(context: ChannelHandlerContext) {
        let channel = context.channel
        if let written = finalResponseWritten {
            written.whenComplete { _ in channel.close(promise: nil) }
        } else {
            channel.close(promise: nil)
        }
    }

    /// Headers the transport owns; a handler's copies are dropped so framing always matches.
    private static func isTransportHeader(_ name: String) -> Bool {
        switch name.lowercased() {
        case "content-length", "content-type", "date", "x-amz-crc32", "connection", "transfer-encoding",
            "x-amzn-requestid":
            return true
        default:
            return false
        }
    }
}

@available(*, unavailable)
extension WireHTTPHandler: Sendable {}
