import DynamoModel

// Interface between the table core and the streams part of the engine. The streams engineer
// replaces these bodies with the real implementation; the signatures are what the core calls.

/// Every stream of the engine (all regions), with shards, records, iterators and retention.
struct StreamRegistry: Sendable {
    let configuration: EngineConfiguration

    init(configuration: EngineConfiguration) {
        self.configuration = configuration
    }

    /// Creates a new stream for `table` (CreateTable/UpdateTable enabling it) and returns its ARN and label.
    mutating func createStream(for table: StreamTableInfo, viewType: StreamViewType, now: VirtualInstant, sink: inout EventSink) -> (arn: String, label: String) {
        let label = now.streamLabel
        return ("\(table.tableArn)/stream/\(label)", label)
    }

    /// Disables a stream (UpdateTable disabling it, or DeleteTable): closes its open shards.
    mutating func disableStream(arn: String, now: VirtualInstant, sink: inout EventSink) {}

    /// Appends the record for one committed change to the stream (called in commit order, under the engine lock).
    mutating func append(_ change: ItemChange, toStream arn: String, sink: inout EventSink) {}

    /// The earliest virtual time at which ``maintain(now:sink:)`` has something to do.
    var nextMaintenanceDue: VirtualInstant? { nil }

    /// Rollover, splits, status transitions, trimming and expiry that are due at `now`.
    mutating func maintain(now: VirtualInstant, sink: inout EventSink) {}
}
