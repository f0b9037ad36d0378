import DynamoEngine
import DynamoModel
import Foundation
import Testing
import WireProtocol
import WireServer

/// A real wire endpoint for one test: `WireServer` + `AWSDispatcher` + a fresh `Engine` on
/// `127.0.0.1`, port 0, driven by real clients (boto3 scripts, the AWS CLI).
///
/// Add a scenario by dropping `Scripts/<name>.py` (import helpers from `streamscope_e2e`, exit
/// non-zero on failure) and a test calling `try await LiveEndpoint.runScenario("<name>")`.
/// Streams scenarios use `streams_client()` from the same helper module.
struct LiveEndpoint {
    let engine: Engine
    let port: Int

    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts an endpoint, runs `body` against it, and shuts it down whether `body` passes or fails.
    static func with<R>(_ body: (LiveEndpoint) async throws -> R) async throws -> R {
        let engine = Engine(clock: VirtualClock(), configuration: EngineConfiguration())
        let server = WireServer(host: "127.0.0.1", port: 0, handler: AWSDispatcher(engine: engine), threads: 2)
        let port = try await server.start()
        do {
            let result = try await body(LiveEndpoint(engine: engine, port: port))
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Runs the boto3 scenario `Scripts/<name>.py` against a fresh endpoint; a non-zero exit
    /// fails the test with the script's output.
    static func runScenario(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await with { endpoint in
            try await endpoint.runScript(name, sourceLocation: sourceLocation)
        }
    }

    /// Runs `Scripts/<name>.py` against this endpoint.
    func runScript(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let script = try #require(
            Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Scripts"),
            "missing Scripts/\(name).py", sourceLocation: sourceLocation
        )
        let result = try await Self.run(["python3", script.path], environment: environment)
        if result.status != 0 {
            Issue.record("Scripts/\(name).py exited with \(result.status):\n\(result.output)", sourceLocation: sourceLocation)
        }
    }

    /// Runs `aws <arguments> --endpoint-url <url> --output json` and returns its standard output;
    /// a non-zero exit fails the test with the output.
    @discardableResult
    func aws(_ arguments: [String], expectFailure: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await Self.run(["aws"] + arguments + ["--endpoint-url", url, "--output", "json"], environment: environment)
        if (result.status == 0) == expectFailure {
            Issue.record("aws \(arguments.joined(separator: " ")) exited with \(result.status):\n\(result.output)", sourceLocation: sourceLocation)
        }
        return expectFailure ? result.output : result.standardOutput
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["STREAMSCOPE_ENDPOINT"] = url
        environment["AWS_ACCESS_KEY_ID"] = "streamscope"
        environment["AWS_SECRET_ACCESS_KEY"] = "streamscope"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_REGION"] = "us-east-1"
        environment["AWS_PAGER"] = ""
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        return environment
    }

    struct ProcessResult {
        var status: Int32
        var standardOutput: String
        /// Standard output followed by standard error.
        var output: String
    }

    /// Runs a command found on `PATH`, off the cooperative pool, collecting its output.
    static func run(_ command: [String], environment: [String: String]) async throws -> ProcessResult {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = command
                process.environment = environment
                let out = Pipe()
                let err = Pipe()
                process.standardOutput = out
                process.standardError = err
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                // Drain both pipes concurrently so a chatty process never blocks on a full pipe.
                let errorData = DataBox()
                let group = DispatchGroup()
                group.enter()
                DispatchQueue.global().async {
                    errorData.data = err.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let outputData = out.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                let stdout = String(decoding: outputData, as: UTF8.self)
                let stderr = String(decoding: errorData.data, as: UTF8.self)
                continuation.resume(returning: ProcessResult(status: process.terminationStatus, standardOutput: stdout, output: stdout + stderr))
            }
        }
    }
}

/// Standard error collected on another thread; written once before `DispatchGroup.leave()` and
/// read only after `wait()`, which orders the two accesses (the group is its lock).
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
