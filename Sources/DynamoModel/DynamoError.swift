/// An error the engine reports, carrying an AWS error code and AWS's message text.
///
/// The engine throws it with typed throws; only `WireProtocol` maps ``Code`` to the wire's
/// `__type` and HTTP status.
public struct DynamoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The AWS error codes StreamScope produces.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case validation = "ValidationException"
        case serialization = "SerializationException"
        case unknownOperation = "UnknownOperationException"
        case resourceNotFound = "ResourceNotFoundException"
        case resourceInUse = "ResourceInUseException"
        case conditionalCheckFailed = "ConditionalCheckFailedException"
        case transactionCanceled = "TransactionCanceledException"
        case transactionConflict = "TransactionConflictException"
        case idempotentParameterMismatch = "IdempotentParameterMismatchException"
        case limitExceeded = "LimitExceededException"
        case trimmedDataAccess = "TrimmedDataAccessException"
        case expiredIterator = "ExpiredIteratorException"
        case internalServerError = "InternalServerError"
        case missingAuthenticationToken = "MissingAuthenticationTokenException"
    }

    /// One entry of `CancellationReasons` in a `TransactionCanceledException`, in request order.
    public struct CancellationReason: Hashable, Sendable {
        /// `None`, `ConditionalCheckFailed`, `ValidationError`, …
        public var code: String
        /// Absent for `None`.
        public var message: String?
        /// The item, when the action asked `ReturnValuesOnConditionCheckFailure: ALL_OLD` and it existed.
        public var item: AttributeMap?

        public init(code: String, message: String? = nil, item: AttributeMap? = nil) {
            self.code = code
            self.message = message
            self.item = item
        }
    }

    public var code: Code
    public var message: String
    /// `Item` of a `ConditionalCheckFailedException` (with `ReturnValuesOnConditionCheckFailure: ALL_OLD`).
    public var item: AttributeMap?
    /// `CancellationReasons` of a `TransactionCanceledException`.
    public var cancellationReasons: [CancellationReason]?

    public init(_ code: Code, _ message: String, item: AttributeMap? = nil, cancellationReasons: [CancellationReason]? = nil) {
        self.code = code
        self.message = message
        self.item = item
        self.cancellationReasons = cancellationReasons
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// A `ValidationException` with the given message.
    public static func validation(_ message: String) -> DynamoError { DynamoError(.validation, message) }
    /// A `SerializationException` with the given message.
    public static func serialization(_ message: String) -> DynamoError { DynamoError(.serialization, message) }
    /// A `ResourceNotFoundException` with the given message.
    public static func notFound(_ message: String) -> DynamoError { DynamoError(.resourceNotFound, message) }
    /// A `ResourceInUseException` with the given message.
    public static func inUse(_ message: String) -> DynamoError { DynamoError(.resourceInUse, message) }
}
