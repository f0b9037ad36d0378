import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import WireProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The HTTP/1.1 binding of the wire endpoint: accepts connections, turns each request into a
/// ``WireRequest`` for a ``WireHandler`` and sends back its ``WireResponse``.
///
/// The handler runs synchronously on the NIO event loop that owns the connection, with no task
/// hop, and each response is written with one flush. Every response carries `x-amzn-RequestId`,
/// `x-amz-crc32` (CRC-32 of the body bytes sent), `Content-Length` and `Date`, plus
/// `Content-Type` when the response has one. Keep-alive is the default; HTTP/1.0 and
/// `Connection: close` are honoured, `Expect: 100-continue` is answered with `100 Continue`.
///
/// Bad input is answered at the HTTP level without calling the handler: a body larger than
/// `maxBodyBytes` gets 413 with an empty body and the connection closes; malformed HTTP gets 400
/// and the connection closes; a request cut off mid-body is dropped quietly.
///
/// ```swift
/// let server = WireServer(port: 0, handler: dispatcher)
/// let port = try await server.start()
/// try await server.run()          // until shutdown() or task cancellation
/// ```
public final class WireServer: Sendable {
    /// The host the server binds.
    public let host: String
    /// The port requested at creation (0: any free port; ``start()`` returns the bound one).
    public let requestedPort: Int

    private let handler: any WireHandler
    private let maxBodyBytes: Int
    private let threads: Int
    private let drainTimeout: TimeAmount
    private let state = Mutex(State.idle)
    private let connections = ConnectionRegistry()
    private let shutdownRequested = OneShotSignal()
    private let stopped = OneShotSignal()

    private enum State {
        case idle
        case starting(shutdownPending: Bool)
        case running(group: MultiThreadedEventLoopGroup, channel: any Channel)
        case stopping
        case stopped
    }

    /// The port the server listens on while it runs, `nil` before ``start()`` and after shutdown.
    public var boundPort: Int? {
        state.withLock { state in
            guard case .running(_, let channel) = state else { return nil }
            return channel.localAddress?.port
        }
    }

    /// Creates a server; nothing is bound until ``start()`` or ``run()``.
    ///
    /// - Parameters:
    ///   - host: The address to bind, e.g. `127.0.0.1`, `0.0.0.0` or `localhost`.
    ///   - port: The port to bind; 0 picks a free one.
    ///   - handler: Turns requests into responses; called on event-loop threads.
    ///   - maxBodyBytes: The largest request body accepted (DynamoDB: 16 MiB); larger gets 413.
    ///   - threads: The number of event-loop threads.
    ///   - drainTimeout: How long ``shutdown()`` lets in-flight requests finish before closing
    ///     their connections anyway.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8000,
        handler: any WireHandler,
        maxBodyBytes: Int = 16 * 1024 * 1024,
        threads: Int = System.coreCount,
        drainTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.requestedPort = port
        self.handler = handler
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.threads = max(1, threads)
        self.drainTimeout = TimeAmount(drainTimeout)
    }

    /// Binds the listening socket and starts accepting connections.
    ///
    /// - Returns: The bound port (useful when the server was created with port 0).
    /// - Throws: ``WireServerError`` with code ``WireServerError/Code/addressInUse`` when another
    ///   socket holds the address, ``WireServerError/Code/bindFailed`` for other bind failures,
    ///   ``WireServerError/Code/alreadyStarted`` once started or shut down (after a failed bind,
    ///   calling again retries).
    public func start() async throws -> Int {
        let canStart = state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .starting(shutdownPending: false)
            return true
        }
        guard canStart else {
            throw WireServerError(code: .alreadyStarted, host: host, port: requestedPort)
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let channel: any Channel
        do {
            channel = try await makeBootstrap(group: group).bind(host: host, port: requestedPort).get()
        } catch {
            try? await group.shutdownGracefully()
            // A shutdown() that arrived meanwhile is waiting for `stopped`; otherwise allow a retry.
            let wasShutDown = state.withLock { state -> Bool in
                if case .starting(shutdownPending: true) = state {
                    state = .stopped
                    return true
                }
                state = .idle
                return false
            }
            if wasShutDown { stopped.fire() }
            throw mapBindError(error)
        }

        let shutdownPending = state.withLock { state -> Bool in
            let pending: Bool
            if case .starting(shutdownPending: true) = state { pending = true } else { pending = false }
            state = .running(group: group, channel: channel)
            return pending
        }
        // If the listening socket ever closes on its own, run() wakes and shuts down cleanly.
        let shutdownRequested = self.shutdownRequested
        channel.closeFuture.whenComplete { _ in shutdownRequested.fire() }
        if shutdownPending {
            await stop(group: group, channel: channel)
            throw WireServerError(code: .shutDownWhileStarting, host: host, port: requestedPort)
        }
        return channel.localAddress?.port ?? requestedPort
    }

    /// Serves until ``shutdown()`` is called or the calling task is cancelled, then shuts down
    /// gracefully (see ``shutdown()``) before returning. Starts the server first if needed.
    ///
    /// - Throws: The errors of ``start()`` when the server was not started yet.
    public func run() async throws {
        let needsStart = state.withLock { state -> Bool in
            if case .idle = state { return true }
            return false
        }
        if needsStart {
            _ = try await start()
        }
        let shutdownRequested = self.shutdownRequested
        await withTaskCancellationHandler {
            await shutdownRequested.wait()
        } onCancel: {
            shutdownRequested.fire()
        }
        await shutdown()
    }

    /// Stops accepting connections, lets requests in progress finish (up to the drain timeout),
    /// closes every connection and stops the event-loop threads. Safe to call more than once and
    /// from several tasks; every call returns once the server has stopped.
    public func shutdown() async {
        shutdownRequested.fire()
        enum Action {
            case stop(MultiThreadedEventLoopGroup, any Channel)
            case wait
            case none
        }
        let action = state.withLock { state -> Action in
            switch state {
            case .idle:
                state = .stopped
                return .none
            case .starting:
                state = .starting(shutdownPending: true)
                return .wait
            case .running(let group, let channel):
                state = .stopping
                return .stop(group, channel)
            case .stopping:
                return .wait
            case .stopped:
                return .none
            }
        }
        switch action {
        case .stop(let group, let channel):
            await stop(group: group, channel: channel)
        case .wait:
            await stopped.wait()
        case .none:
            stopped.fire()
        }
    }

    // MARK: - Internals

    private func stop(group: MultiThreadedEventLoopGroup, channel: any Channel) async {
        state.withLock { $0 = .stopping }
        // Quiesce first (new connections see the flag and close at once), then stop listening:
        // once a client is refused, every earlier connection already knows to close.
        let open = connections.beginQuiescing()
        let loop = group.next()
        let quiesced = open.map { connection in
            connection.eventLoop.submit {
                connection.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
            }
        }
        try? await EventLoopFuture.andAllComplete(quiesced, on: loop).get()
        try? await channel.close()
        let connections = self.connections
        let forceClose = loop.scheduleTask(in: drainTimeout) {
            for connection in connections.openChannels { connection.close(promise: nil) }
        }
        try? await EventLoopFuture.andAllComplete(open.map(\.closeFuture), on: loop).get()
        forceClose.cancel()
        try? await group.shutdownGracefully()
        state.withLock { $0 = .stopped }
        stopped.fire()
    }

    private func makeBootstrap(group: MultiThreadedEventLoopGroup) -> ServerBootstrap {
        let handler = self.handler
        let maxBodyBytes = self.maxBodyBytes
        let connections = self.connections
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                let shouldQuiesce = connections.register(channel)
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: false)
                    try pipeline.addHandler(
                        WireHTTPHandler(handler: handler, maxBodyBytes: maxBodyBytes, discardTimeout: .seconds(5))
                    )
                    if shouldQuiesce {
                        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
                    }
                }
            }
    }

    private func mapBindError(_ error: any Error) -> WireServerError {
        if let ioError = error as? IOError, ioError.errnoCode == EADDRINUSE {
            return WireServerError(code: .addressInUse, host: host, port: requestedPort, detail: "\(ioError)")
        }
        return WireServerError(code: .bindFailed, host: host, port: requestedPort, detail: "\(error)")
    }
}

extension TimeAmount {
    /// Converts a `Duration`, saturating at the largest representable amount.
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if nanoseconds.overflow {
            self = .nanoseconds(seconds < 0 ? .min : .max)
        } else {
            self = .nanoseconds(nanoseconds.partialValue &+ attoseconds / 1_000_000_000)
        }
    }
}
