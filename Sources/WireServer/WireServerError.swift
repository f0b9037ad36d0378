/// Why a ``WireServer`` could not start.
///
/// The description is a complete sentence naming the address, suitable for printing as is
/// (the monitor shows it as a warning and keeps running without the endpoint).
public struct WireServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Hashable, Sendable {
        /// Another socket is already listening on the address and port (`EADDRINUSE`).
        case addressInUse
        /// Binding failed for another reason (unknown host, permission denied, …).
        case bindFailed
        /// ``WireServer/start()`` was called on a server that was already started or shut down
        /// (a server starts once; a failed bind can be retried).
        case alreadyStarted
        /// ``WireServer/shutdown()`` was called while the server was still starting.
        case shutDownWhileStarting
    }

    /// The kind of failure.
    public var code: Code
    /// The host the server tried to bind.
    public var host: String
    /// The port the server tried to bind (0 means "any free port").
    public var port: Int
    /// The underlying system error text, when there is one.
    public var detail: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - host: The host the server tried to bind.
    ///   - port: The port the server tried to bind.
    ///   - detail: The underlying system error text.
    public init(code: Code, host: String, port: Int, detail: String? = nil) {
        self.code = code
        self.host = host
        self.port = port
        self.detail = detail
    }

    /// A sentence such as `address 127.0.0.1:8000 is already in use`.
    public var description: String {
        switch code {
        case .addressInUse:
            return "address \(host):\(port) is already in use"
        case .bindFailed:
            return "cannot listen on \(host):\(port)" + (detail.map { ": \($0)" } ?? "")
        case .alreadyStarted:
            return "the wire server on \(host):\(port) was already started or shut down"
        case .shutDownWhileStarting:
            return "the wire server on \(host):\(port) was shut down while starting"
        }
    }
}
