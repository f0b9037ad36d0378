/// One HTTP request as the wire endpoint received it, with the body fully read.
///
/// Transport-neutral: `WireServer` builds it from NIO's parts, tests and benchmarks build it
/// directly. Header names keep the client's spelling; look them up with ``header(_:)``, which
/// ignores case as HTTP requires (SDKs send `X-Amz-Target`, raw clients often `x-amz-target`).
public struct WireRequest: Sendable {
    /// The request method as sent, e.g. `POST` or `GET`.
    public var method: String
    /// The request target as sent, including any query string, e.g. `/` or `/?x=1`.
    public var uri: String
    /// The request headers in arrival order; a name may repeat.
    public var headers: [(name: String, value: String)]
    /// The complete request body (empty when the request had none).
    public var body: [UInt8]

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The request method, e.g. `POST`.
    ///   - uri: The request target, e.g. `/`.
    ///   - headers: The headers in arrival order.
    ///   - body: The complete body.
    public init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// Returns the value of the first header called `name`, compared without regard to ASCII case.
    ///
    /// - Parameter name: The header name, e.g. `X-Amz-Target`.
    /// - Returns: The value of the first matching header, or `nil` when there is none.
    public func header(_ name: String) -> String? {
        for header in headers where header.name.utf8.count == name.utf8.count {
            if Self.asciiCaseInsensitiveEquals(header.name, name) { return header.value }
        }
        return nil
    }

    /// Compares two strings byte by byte, folding ASCII letters only (HTTP header names are ASCII).
    private static func asciiCaseInsensitiveEquals(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return true
            case let (l?, r?):
                if l == r { continue }
                let lowerL = (l >= 65 && l <= 90) ? l | 0x20 : l
                let lowerR = (r >= 65 && r <= 90) ? r | 0x20 : r
                if lowerL != lowerR { return false }
            default:
                return false
            }
        }
    }
}

/// One HTTP response produced by a ``WireHandler``.
///
/// The transport adds the framing headers itself: `Content-Length`, `Date`, `x-amz-crc32`
/// (computed over ``body`` exactly as sent), `Connection` when needed, and `x-amzn-RequestId`
/// unless ``headers`` already carries one. Entries in ``headers`` with those framing names
/// (`Content-Length`, `Content-Type`, `Date`, `x-amz-crc32`, `Connection`, `Transfer-Encoding`)
/// are ignored, so the header block always matches the body.
public struct WireResponse: Sendable {
    /// The HTTP status code, e.g. 200 or 400.
    public var status: Int
    /// The `Content-Type` header value, or `nil` to send none.
    public var contentType: String?
    /// Extra response headers, sent in this order after the ones the transport adds.
    public var headers: [(name: String, value: String)]
    /// The complete response body.
    public var body: [UInt8]

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - status: The HTTP status code.
    ///   - contentType: The `Content-Type`; DynamoDB's JSON 1.0 type unless given.
    ///   - headers: Extra headers.
    ///   - body: The complete body.
    public init(
        status: Int,
        contentType: String? = "application/x-amz-json-1.0",
        headers: [(name: String, value: String)] = [],
        body: [UInt8]
    ) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }
}

/// Turns one complete ``WireRequest`` into one ``WireResponse``: the AWS dispatcher implements it.
///
/// Called synchronously on a server thread (a NIO event loop), possibly on several threads at
/// once, so it must be thread-safe and fast: it should not block on I/O or wait for other
/// requests. Every outcome, including AWS errors, is an ordinary response; the server never calls
/// it for requests it rejects at the HTTP level (malformed, oversized, cut off).
public protocol WireHandler: Sendable {
    /// Handles one request.
    ///
    /// - Parameter request: The request, with its complete body.
    /// - Returns: The response to send.
    func handle(_ request: WireRequest) -> WireResponse
}
