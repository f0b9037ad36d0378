import DynamoEngine
import DynamoModel

/// The DynamoDB Streams operations on the wire (`DynamoDBStreams_20120810.*`, AWS JSON 1.0):
/// ListStreams, DescribeStream, GetShardIterator and GetRecords (streams.md §1, §4.1, §5.3, §6).
///
/// Requests are checked like DynamoDB's (member JSON types → SerializationException, then shape
/// constraints → one `N validation errors detected: …` ValidationException), decoded, and run
/// against the ``Engine``; responses omit absent members and keep `Records` present when empty.
enum StreamsWire {
    /// Runs one Streams operation and returns the response document.
    ///
    /// - Parameters:
    ///   - operation: The part of `X-Amz-Target` after `DynamoDBStreams_20120810.`.
    ///   - body: The request body, a JSON object.
    ///   - region: The request's region (SigV4 scope or the engine default).
    ///   - engine: The engine to run it on.
    /// - Returns: The response body, or nil for an unknown operation (the dispatcher answers
    ///   UnknownOperationException).
    /// - Throws: The operation's ``DynamoError``.
    static func handle(operation: String, body: JSONValue, region: String, engine: Engine) throws(DynamoError) -> JSONValue? {
        guard let members = shape(of: operation) else { return nil }
        try check(body, against: members)
        switch operation {
        case "ListStreams":
            return encode(try listStreams(body, region: region, engine: engine))
        case "DescribeStream":
            return encode(try describeStream(body, region: region, engine: engine))
        case "GetShardIterator":
            return .object([.init("ShardIterator", .string(try getShardIterator(body, region: region, engine: engine)))])
        case "GetRecords":
            return encode(try getRecords(body, region: region, engine: engine))
        default:
            return nil
        }
    }

    /// Like ``handle(operation:body:region:engine:)``, but returns the serialized body; GetRecords
    /// is written straight to bytes (its pages can be 1 MB).
    static func respond(operation: String, body: JSONValue, region: String, engine: Engine) throws(DynamoError) -> [UInt8]? {
        guard operation == "GetRecords" else { return try handle(operation: operation, body: body, region: region, engine: engine)?.serialized }
        try check(body, against: getRecordsShape)
        let output = try getRecords(body, region: region, engine: engine)
        var out: [UInt8] = []
        out.reserveCapacity(64 + output.records.reduce(0) { $0 + 2 * $1.sizeBytes + 400 })
        out.append(contentsOf: #"{"Records":["#.utf8)
        for (i, record) in output.records.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            writeRecord(record, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let next = output.nextShardIterator {
            out.append(contentsOf: #","NextShardIterator":"#.utf8)
            JSONValue.writeString(next, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    // MARK: - Shapes

    static func shape(of operation: String) -> [ShapeMember]? {
        switch operation {
        case "ListStreams": listStreamsShape
        case "DescribeStream": describeStreamShape
        case "GetShardIterator": getShardIteratorShape
        case "GetRecords": getRecordsShape
        default: nil
        }
    }

    private static let streamArnRules: [Rule] = [.minLength(37), .maxLength(1024)]
    private static let shardIdRules: [Rule] = [.minLength(28), .maxLength(65)]

    static let listStreamsShape: [ShapeMember] = [
        ShapeMember("TableName", .string, [.minLength(3), .maxLength(255), .tableNamePattern(allowsArn: false)]),
        ShapeMember("Limit", .integer, [.minValue(1), .maxValue(100)]),
        ShapeMember("ExclusiveStartStreamArn", .string, streamArnRules),
    ]

    static let describeStreamShape: [ShapeMember] = [
        ShapeMember("StreamArn", .string, [.notNull] + streamArnRules),
        ShapeMember("Limit", .integer, [.minValue(1), .maxValue(100)]),
        ShapeMember("ExclusiveStartShardId", .string, shardIdRules),
        ShapeMember("ShardFilter", .structure("ShardFilter", [
            ShapeMember("Type", .string, [.notNull, .oneOf(ShardFilter.FilterType.allCases.map(\.rawValue))]),
            ShapeMember("ShardId", .string, [.notNull] + shardIdRules),
        ])),
    ]

    static let getShardIteratorShape: [ShapeMember] = [
        ShapeMember("StreamArn", .string, [.notNull] + streamArnRules),
        ShapeMember("ShardId", .string, [.notNull] + shardIdRules),
        ShapeMember("ShardIteratorType", .string, [.notNull, .oneOf(ShardIteratorType.allCases.map(\.rawValue))]),
        ShapeMember("SequenceNumber", .string, [.minLength(21), .maxLength(40)]),
    ]

    /// `Limit` above 1000 has its own message, checked by the engine.
    static let getRecordsShape: [ShapeMember] = [
        ShapeMember("ShardIterator", .string, [.notNull, .minLength(1), .maxLength(2048)]),
        ShapeMember("Limit", .integer, [.minValue(1)]),
    ]

    private static func check(_ body: JSONValue, against members: [ShapeMember]) throws(DynamoError) {
        try Shape.structure("", members).typeCheck(body)
        var failures: [ConstraintFailure] = []
        try Shape.checkConstraints(of: members, in: body, parent: "", failures: &failures)
        if !failures.isEmpty {
            throw .validation(Validation.constraintMessage(failures))
        }
    }

    // MARK: - Decoding and running

    private static func string(_ body: JSONValue, _ key: String) -> String? {
        body.member(key)?.stringValue
    }

    private static func integer(_ body: JSONValue, _ key: String) -> Int? {
        body.member(key).flatMap(Shape.integer).map { Int(clamping: $0) }
    }

    private static func listStreams(_ body: JSONValue, region: String, engine: Engine) throws(DynamoError) -> ListStreamsOutput {
        try engine.listStreams(
            tableName: string(body, "TableName"), limit: integer(body, "Limit"),
            exclusiveStartStreamArn: string(body, "ExclusiveStartStreamArn"), region: region
        )
    }

    private static func describeStream(_ body: JSONValue, region: String, engine: Engine) throws(DynamoError) -> StreamDescription {
        var filter: ShardFilter?
        if let object = body.member("ShardFilter"), let shardId = string(object, "ShardId") {
            filter = ShardFilter(type: .childShards, shardId: shardId)
        }
        return try engine.describeStream(
            streamArn: string(body, "StreamArn") ?? "", limit: integer(body, "Limit"),
            exclusiveStartShardId: string(body, "ExclusiveStartShardId"), shardFilter: filter, region: region
        )
    }

    private static func getShardIterator(_ body: JSONValue, region: String, engine: Engine) throws(DynamoError) -> String {
        guard let type = string(body, "ShardIteratorType").flatMap(ShardIteratorType.init(rawValue:)) else {
            throw .validation("Invalid ShardIteratorType.")
        }
        return try engine.getShardIterator(
            streamArn: string(body, "StreamArn") ?? "", shardId: string(body, "ShardId") ?? "", type: type,
            sequenceNumber: string(body, "SequenceNumber"), region: region
        )
    }

    private static func getRecords(_ body: JSONValue, region: String, engine: Engine) throws(DynamoError) -> GetRecordsOutput {
        try engine.getRecords(shardIterator: string(body, "ShardIterator") ?? "", limit: integer(body, "Limit"), region: region)
    }

    // MARK: - Encoding

    static func encode(_ output: ListStreamsOutput) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("Streams", .array(output.streams.map { stream in
                .object([
                    .init("StreamArn", .string(stream.streamArn)),
                    .init("TableName", .string(stream.tableName)),
                    .init("StreamLabel", .string(stream.streamLabel)),
                ])
            })),
        ]
        if let last = output.lastEvaluatedStreamArn { members.append(.init("LastEvaluatedStreamArn", .string(last))) }
        return .object(members)
    }

    static func encode(_ description: StreamDescription) -> JSONValue {
        var members: [JSONValue.Member] = [
            .init("StreamArn", .string(description.streamArn)),
            .init("StreamLabel", .string(description.streamLabel)),
            .init("StreamStatus", .string(description.streamStatus.rawValue)),
            .init("StreamViewType", .string(description.streamViewType.rawValue)),
            .init("CreationRequestDateTime", .number(epochSecondsWithMillis(description.creationRequestDateTime))),
            .init("TableName", .string(description.tableName)),
            .init("KeySchema", .array(description.keySchema.map { element in
                .object([.init("AttributeName", .string(element.attributeName)), .init("KeyType", .string(element.keyType.rawValue))])
            })),
            .init("Shards", .array(description.shards.map(encode))),
        ]
        if let last = description.lastEvaluatedShardId { members.append(.init("LastEvaluatedShardId", .string(last))) }
        return .object([.init("StreamDescription", .object(members))])
    }

    static func encode(_ shard: ShardDescription) -> JSONValue {
        var range: [JSONValue.Member] = [.init("StartingSequenceNumber", .string(shard.startingSequenceNumber.description))]
        if let ending = shard.endingSequenceNumber { range.append(.init("EndingSequenceNumber", .string(ending.description))) }
        var members: [JSONValue.Member] = [.init("ShardId", .string(shard.shardId))]
        if let parent = shard.parentShardId { members.append(.init("ParentShardId", .string(parent))) }
        members.append(.init("SequenceNumberRange", .object(range)))
        return .object(members)
    }

    static func encode(_ output: GetRecordsOutput) -> JSONValue {
        var members: [JSONValue.Member] = [.init("Records", .array(output.records.map(encode)))]
        if let next = output.nextShardIterator { members.append(.init("NextShardIterator", .string(next))) }
        return .object(members)
    }

    /// One record in the model's member order (streams.md §4.1).
    static func encode(_ record: StreamRecord) -> JSONValue {
        var dynamodb: [JSONValue.Member] = [
            .init("ApproximateCreationDateTime", .number(wholeEpochSeconds(record.approximateCreationDateTime))),
            .init("Keys", record.keys.dynamoJSON),
        ]
        if let newImage = record.newImage { dynamodb.append(.init("NewImage", newImage.dynamoJSON)) }
        if let oldImage = record.oldImage { dynamodb.append(.init("OldImage", oldImage.dynamoJSON)) }
        dynamodb.append(.init("SequenceNumber", .string(record.sequenceNumber.description)))
        dynamodb.append(.init("SizeBytes", .number(String(record.sizeBytes))))
        dynamodb.append(.init("StreamViewType", .string(record.streamViewType.rawValue)))
        var members: [JSONValue.Member] = [
            .init("eventID", .string(record.eventID)),
            .init("eventName", .string(record.eventName.rawValue)),
            .init("eventVersion", .string("1.1")),
            .init("eventSource", .string("aws:dynamodb")),
            .init("awsRegion", .string(record.awsRegion)),
            .init("dynamodb", .object(dynamodb)),
        ]
        if record.isServiceDelete {
            members.append(.init("userIdentity", .object([
                .init("PrincipalId", .string("dynamodb.amazonaws.com")), .init("Type", .string("Service")),
            ])))
        }
        return .object(members)
    }

    /// The same JSON as ``encode(_:)-(StreamRecord)``, written directly.
    static func writeRecord(_ record: StreamRecord, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"eventID":"#.utf8)
        record.eventIdentifier.writeJSONString(into: &out)
        out.append(contentsOf: #","eventName":""#.utf8)
        out.append(contentsOf: record.eventName.rawValue.utf8)
        out.append(contentsOf: #"","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"#.utf8)
        JSONValue.writeString(record.awsRegion, into: &out)
        out.append(contentsOf: #","dynamodb":{"ApproximateCreationDateTime":"#.utf8)
        out.append(contentsOf: wholeEpochSeconds(record.approximateCreationDateTime).utf8)
        out.append(contentsOf: #","Keys":"#.utf8)
        record.keys.writeDynamoJSON(into: &out)
        if let newImage = record.newImage {
            out.append(contentsOf: #","NewImage":"#.utf8)
            newImage.writeDynamoJSON(into: &out)
        }
        if let oldImage = record.oldImage {
            out.append(contentsOf: #","OldImage":"#.utf8)
            oldImage.writeDynamoJSON(into: &out)
        }
        out.append(contentsOf: #","SequenceNumber":""#.utf8)
        out.append(contentsOf: record.sequenceNumber.description.utf8)
        out.append(contentsOf: #"","SizeBytes":"#.utf8)
        out.append(contentsOf: String(record.sizeBytes).utf8)
        out.append(contentsOf: #","StreamViewType":""#.utf8)
        out.append(contentsOf: record.streamViewType.rawValue.utf8)
        out.append(contentsOf: #""}"#.utf8)
        if record.isServiceDelete {
            out.append(contentsOf: #","userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}"#.utf8)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `ApproximateCreationDateTime`: whole epoch seconds, written `<seconds>.0` (streams.md §1).
    static func wholeEpochSeconds(_ instant: VirtualInstant) -> String {
        "\(instant.wholeEpochSeconds).0"
    }

    /// `CreationRequestDateTime`: epoch seconds with milliseconds.
    static func epochSecondsWithMillis(_ instant: VirtualInstant) -> String {
        let millis = instant.epochMilliseconds
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let fraction = String(millis - seconds * 1000)
        return "\(seconds)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
