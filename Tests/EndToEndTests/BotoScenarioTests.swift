import Testing

/// boto3 against a live endpoint: each test starts its own server and runs one script from
/// `Scripts/` (see ``LiveEndpoint``).
struct BotoScenarioTests {
    @Test func tableWaitersDescribeTableShapeAndListTablesPagination() async throws {
        try await LiveEndpoint.runScenario("tables")
    }

    @Test func everyAttributeTypeRoundTripsAndConditionalFailuresAreModeledExceptions() async throws {
        try await LiveEndpoint.runScenario("items")
    }

    @Test func queryAndScanPaginatorsReturnEveryItemExactlyOnce() async throws {
        try await LiveEndpoint.runScenario("pagination")
    }

    @Test func batchWriterAndBatchGetItemWork() async throws {
        try await LiveEndpoint.runScenario("batch_writer")
    }

    @Test func cancelledTransactionsCarryTheirReasons() async throws {
        try await LiveEndpoint.runScenario("transactions")
    }

    @Test func timeToLiveExpiresItemsWhenTheAdminClockMoves() async throws {
        try await LiveEndpoint.runScenario("ttl")
    }

    @Test func malformedRawRequestsGetAWSErrorsAndTheServerStaysUp() async throws {
        try await LiveEndpoint.runScenario("malformed")
    }
}

/// boto3's `dynamodbstreams` client on the same endpoint.
struct StreamsScenarioTests {
    @Test func streamRecordsOfATableAreReadableThroughTheStreamsAPI() async throws {
        try await LiveEndpoint.runScenario("streams_basic")
    }
}
