import DynamoEngine
import DynamoModel

/// The wire endpoint's request handler: AWS JSON 1.0 for DynamoDB and DynamoDB Streams on
/// `POST /`, a health answer on `GET /`, and StreamScope's admin surface under `/streamscope/`.
///
/// Each request is checked in DynamoDB's order (dynamodb-core §1.5, §1.8): method and content
/// type (404 `<UnknownOperationException/>`), JSON syntax (SerializationException), the
/// `X-Amz-Target` (UnknownOperationException), an empty body, member types (SerializationException
/// with the deserializer's texts), shape constraints (`N validation errors detected: …`), then the
/// engine. Every ``DynamoError`` becomes `__type` + status in one table. The region is read from
/// the SigV4 credential scope of the `Authorization` header; signatures are never verified.
///
/// The admin surface (JSON in and out):
/// - `GET /streamscope/health` → `{"status":"ok"}`
/// - `POST /streamscope/reset` → wipes every table and stream; `{"status":"ok"}`
/// - `GET /streamscope/clock` → `{"now":<epoch seconds>,"iso":"…","speed":x,"paused":bool}`
/// - `POST /streamscope/clock` with `{"advance":seconds}`, `{"set":epochSeconds}`, `{"speed":x}`,
///   `{"pause":true}` or `{"resume":true}` → the clock as `GET` returns it.
///
/// Bad admin input gets 400 with `{"message":"…"}`.
public final class AWSDispatcher: WireHandler {
    /// The engine every request runs against.
    public let engine: Engine

    /// Creates a dispatcher for `engine`.
    ///
    /// - Parameter engine: The engine that serves every operation.
    public init(engine: Engine) {
        self.engine = engine
    }

    static let dynamoPrefix = "DynamoDB_20120810"
    static let streamsPrefix = "DynamoDBStreams_20120810"
    static let healthBody: [UInt8] = Array("healthy: dynamodb.us-east-1.amazonaws.com ".utf8)
    static let notFoundBody: [UInt8] = Array("<UnknownOperationException/>\n".utf8)

    /// Handles one request; never throws and never traps on client input.
    ///
    /// - Parameter request: The complete request.
    /// - Returns: The response, AWS errors included.
    public func handle(_ request: WireRequest) -> WireResponse {
        let path = Self.path(of: request.uri)
        if path.hasPrefix("/streamscope/") || path == "/streamscope" {
            return AdminSurface(engine: engine).handle(request, path: path)
        }
        if request.method == "GET" && path == "/" {
            return WireResponse(status: 200, contentType: "text/plain", body: Self.healthBody)
        }
        let contentType = Self.contentKind(request.header("Content-Type"))
        guard request.method == "POST", request.body.isEmpty || contentType != .other else {
            return WireResponse(status: 404, contentType: nil, body: Self.notFoundBody)
        }
        // dynalite echoes `application/json` to clients that sent it.
        let responseType = contentType == .json ? "application/json" : "application/x-amz-json-1.0"
        do throws(DynamoError) {
            let body = try respond(to: request)
            return WireResponse(status: 200, contentType: responseType, body: body)
        } catch {
            return WireResponse(status: error.wireStatus, contentType: responseType, body: error.wireBody)
        }
    }

    private func respond(to request: WireRequest) throws(DynamoError) -> [UInt8] {
        var json: JSONValue? = nil
        if !request.body.isEmpty {
            do {
                json = try JSONValue.parse(request.body)
            } catch {
                throw DynamoError(.serialization, "")
            }
        }
        guard let target = request.header("X-Amz-Target"), let dot = target.firstIndex(of: ".") else {
            throw DynamoError(.unknownOperation, "")
        }
        let prefix = target[..<dot]
        let operation = String(target[target.index(after: dot)...])
        let region = engine.region(request.header("Authorization").flatMap(CredentialScope.region(inAuthorization:)))
        switch prefix {
        case Self.dynamoPrefix:
            guard let shape = DynamoAPI.shape(of: operation) else { throw DynamoError(.unknownOperation, "") }
            let body = try Self.requireObject(json)
            try DynamoAPI.check(body, against: shape)
            let host = operation == "DescribeEndpoints" ? request.header("Host") : nil
            return try DynamoAPI.perform(operation, body: body, region: region, engine: engine, host: host)
        case Self.streamsPrefix:
            let body = try Self.requireObject(json)
            guard let result = try StreamsWire.respond(operation: operation, body: body, region: region, engine: engine) else {
                throw DynamoError(.unknownOperation, "")
            }
            return result
        default:
            throw DynamoError(.unknownOperation, "")
        }
    }

    /// An empty body, or one that is not a JSON object, is a SerializationException without message.
    private static func requireObject(_ json: JSONValue?) throws(DynamoError) -> JSONValue {
        guard let json, case .object = json else { throw DynamoError(.serialization, "") }
        return json
    }

    /// The request target without its query string.
    static func path(of uri: String) -> Substring {
        if let q = uri.firstIndex(where: { $0 == "?" || $0 == "#" }) { return uri[..<q] }
        return uri[...]
    }

    enum ContentKind { case amzJSON, json, other }

    /// Classifies a `Content-Type` by its media type (the part before `;`, trimmed, any case):
    /// `application/x-amz-json-1.0`, `application/json`, or anything else (including none).
    static func contentKind(_ value: String?) -> ContentKind {
        guard var value else { return .other }
        return value.withUTF8 { bytes -> ContentKind in
            var start = 0
            var end = bytes.count
            if let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")) { end = semicolon }
            while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
            while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
            func matches(_ literal: StaticString) -> Bool {
                guard end - start == literal.utf8CodeUnitCount else { return false }
                let l = literal.utf8Start
                for i in 0..<(end - start) {
                    var c = bytes[start + i]
                    if c >= 65 && c <= 90 { c |= 0x20 }
                    if c != l[i] { return false }
                }
                return true
            }
            if matches("application/x-amz-json-1.0") { return .amzJSON }
            if matches("application/json") { return .json }
            return .other
        }
    }
}
