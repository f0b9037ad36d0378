import DynamoEngine
import DynamoModel
import Testing
import WireProtocol

/// A dispatcher over a fresh engine with a manual clock, and helpers to send raw requests.
struct WireFixture {
    let engine: Engine
    let dispatcher: AWSDispatcher

    init() {
        engine = Engine(clock: .manual(), configuration: EngineConfiguration())
        dispatcher = AWSDispatcher(engine: engine)
    }

    /// Sends `POST /` with a DynamoDB target (nil: no target header) and a raw body.
    func send(
        _ operation: String?, _ body: String, prefix: String = "DynamoDB_20120810",
        contentType: String? = "application/x-amz-json-1.0", authorization: String? = nil, method: String = "POST",
        uri: String = "/"
    ) -> WireResponse {
        send(operation, bytes: Array(body.utf8), prefix: prefix, contentType: contentType, authorization: authorization, method: method, uri: uri)
    }

    func send(
        _ operation: String?, bytes: [UInt8], prefix: String = "DynamoDB_20120810",
        contentType: String? = "application/x-amz-json-1.0", authorization: String? = nil, method: String = "POST",
        uri: String = "/"
    ) -> WireResponse {
        var headers: [(name: String, value: String)] = [("Host", "127.0.0.1:8000")]
        if let contentType { headers.append(("Content-Type", contentType)) }
        if let operation { headers.append(("X-Amz-Target", "\(prefix).\(operation)")) }
        if let authorization { headers.append(("Authorization", authorization)) }
        return dispatcher.handle(WireRequest(method: method, uri: uri, headers: headers, body: bytes))
    }

    /// Creates a table `name` with a string hash key `pk` (and a number range key `sk` when asked).
    @discardableResult
    func createTable(_ name: String, range: Bool = false, authorization: String? = nil) -> WireResponse {
        let definitions = range
            ? #"[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]"#
            : #"[{"AttributeName":"pk","AttributeType":"S"}]"#
        let schema = range
            ? #"[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]"#
            : #"[{"AttributeName":"pk","KeyType":"HASH"}]"#
        return send("CreateTable", #"{"TableName":"\#(name)","AttributeDefinitions":\#(definitions),"KeySchema":\#(schema),"BillingMode":"PAY_PER_REQUEST"}"#, authorization: authorization)
    }
}

extension WireResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    var json: JSONValue? { try? JSONValue.parse(body) }

    /// `__type` of an error body.
    var errorType: String? { json?["__type"]?.stringValue }

    /// `message` (or `Message`) of an error body.
    var message: String? { json?["message"]?.stringValue ?? json?["Message"]?.stringValue }
}

func signed(region: String) -> String {
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240131/\(region)/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef"
}
