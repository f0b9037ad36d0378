import ArgumentParser

/// `streamscope`: a terminal monitor for DynamoDB Streams on an embedded DynamoDB + Streams engine.
@main
struct StreamScopeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streamscope",
        abstract: "A terminal monitor for DynamoDB Streams, on an embedded DynamoDB + DynamoDB Streams engine.",
        subcommands: [MonitorCommand.self, ServeCommand.self],
        defaultSubcommand: MonitorCommand.self
    )
}
