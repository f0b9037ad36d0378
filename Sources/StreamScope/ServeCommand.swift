import ArgumentParser
import DynamoEngine
import DynamoModel
import Foundation
import WireProtocol
import WireServer

/// `streamscope serve`: the headless wire endpoint (DynamoDB and DynamoDB Streams over AWS JSON
/// 1.0, plus the `/streamscope/` admin surface) on an in-memory engine.
///
/// Prints one line with the URL to pass as `--endpoint-url`, runs engine maintenance (TTL expiry,
/// shard rollover, retention) every 100 ms of real time, and shuts down gracefully on SIGINT or
/// SIGTERM. A busy port is one clear error line and exit code 1.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the DynamoDB and DynamoDB Streams endpoint without the monitor."
    )

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8000

    @Option(help: "The region of requests that are not signed with one.")
    var region: String = "us-east-1"

    @Option(help: "Virtual seconds per real second (0 starts paused).")
    var clockSpeed: Double = 1

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, not \(port)")
        }
        guard clockSpeed.isFinite, clockSpeed >= 0 else {
            throw ValidationError("--clock-speed must be a number of at least 0, not \(clockSpeed)")
        }
        guard !region.isEmpty else {
            throw ValidationError("--region must not be empty")
        }
    }

    func run() async throws {
        var configuration = EngineConfiguration()
        configuration.defaultRegion = region
        let engine = Engine(clock: VirtualClock(speed: clockSpeed), configuration: configuration)
        let server = WireServer(host: host, port: port, handler: AWSDispatcher(engine: engine))
        let boundPort: Int
        do {
            boundPort = try await server.start()
        } catch {
            FileHandle.standardError.write(Data("streamscope: cannot start the endpoint: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let url = "http://\(Self.urlHost(host)):\(boundPort)"
        FileHandle.standardOutput.write(Data("StreamScope endpoint listening on \(url) — use --endpoint-url \(url)\n".utf8))

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await server.run()
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    engine.runMaintenance()
                }
            }
            group.addTask {
                let signal = await waitForTerminationSignal()
                if signal != 0 { await server.shutdown() }
            }
            // The server returns once shut down (by a signal or on its own); then stop the rest.
            _ = await group.next()
            group.cancelAll()
            await server.shutdown()
        }
    }

    /// IPv6 literals need brackets in a URL.
    static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
