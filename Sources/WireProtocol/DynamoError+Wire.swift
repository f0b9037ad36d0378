import DynamoModel

extension DynamoError.Code {
    /// How an error code goes on the wire: `__type` namespace, HTTP status, and whether the
    /// message member is spelled `Message` (dynamodb-core §1.4). The only such table.
    var wire: (namespace: String, status: Int, capitalMessage: Bool) {
        switch self {
        case .validation:
            ("com.amazon.coral.validate#", 400, false)
        case .serialization:
            ("com.amazon.coral.service#", 400, true)
        case .unknownOperation, .missingAuthenticationToken:
            ("com.amazon.coral.service#", 400, false)
        case .transactionCanceled, .idempotentParameterMismatch:
            ("com.amazonaws.dynamodb.v20120810#", 400, true)
        case .internalServerError:
            ("com.amazonaws.dynamodb.v20120810#", 500, false)
        case .resourceNotFound, .resourceInUse, .conditionalCheckFailed, .transactionConflict, .limitExceeded,
            .trimmedDataAccess, .expiredIterator:
            ("com.amazonaws.dynamodb.v20120810#", 400, false)
        }
    }
}

extension DynamoError {
    /// The JSON error body: `__type`, the message (omitted when empty), and the modeled extras
    /// (`Item` of ConditionalCheckFailedException, `CancellationReasons` of TransactionCanceledException).
    var wireBody: [UInt8] {
        let wire = code.wire
        var writer = JSONWriter(capacity: 128)
        writer.openObject()
        writer.key("__type")
        writer.string(wire.namespace + code.rawValue)
        if !message.isEmpty {
            writer.key(wire.capitalMessage ? "Message" : "message")
            writer.string(message)
        }
        if let item {
            writer.key("Item")
            writer.attributes(item)
        }
        if let reasons = cancellationReasons {
            writer.key("CancellationReasons")
            writer.openArray()
            for reason in reasons {
                writer.openObject()
                if let item = reason.item {
                    writer.key("Item")
                    writer.attributes(item)
                }
                writer.key("Code")
                writer.string(reason.code)
                if let message = reason.message {
                    writer.key("Message")
                    writer.string(message)
                }
                writer.closeObject()
            }
            writer.closeArray()
        }
        writer.closeObject()
        return writer.bytes
    }

    /// The HTTP status for this error.
    var wireStatus: Int { code.wire.status }
}
