import ArgumentParser
import CursesBackend
import DynamoEngine
import DynamoModel
import Foundation
import MonitorUI
import Synchronization
import WireProtocol
import WireServer

/// `streamscope` (and `streamscope monitor`): the live terminal monitor over the embedded engine,
/// with the wire endpoint served alongside.
///
/// Start-up: preflight of the terminal (not a TTY, `TERM=dumb`, too small → one line on stderr
/// and exit code 1), theme, engine, demo workspace (unless `--empty`), endpoint (a busy port is a
/// warning in the status line), then the UI loop on its own thread — the only thread that calls
/// ncurses — while engine maintenance runs every 100 ms and the endpoint serves requests.
/// Quitting (`q`, `:q`, Ctrl-C) or SIGINT/SIGTERM restores the terminal and stops the server.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Open the live monitor (the default): tables, shards, record flow and retention."
    )

    @Option(help: "A theme name (dark, light, high-contrast, colour-blind-safe, monochrome, or a file in themes/) or the path of a .toml theme file.")
    var theme: String = "dark"

    @Flag(help: "Disable every write key and command.")
    var readonly = false

    @Flag(help: "Start with no tables (no demo workspace).")
    var empty = false

    @Flag(name: .customLong("no-endpoint"), help: "Do not serve the DynamoDB endpoint alongside the monitor.")
    var noEndpoint = false

    @Option(help: "The address the endpoint listens on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port the endpoint listens on (0 picks a free one); a busy port is a warning, not a failure.")
    var port: Int = 8000

    @Option(help: "The region of the monitor's own writes and of unsigned requests.")
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
        if let problem = CursesBackend.preflight() { throw Self.failure(problem) }
        let themesDirectory = Self.themesDirectory()
        let startTheme: Theme
        do {
            startTheme = try Theme.load(theme, themesDirectory: themesDirectory)
        } catch {
            throw Self.failure("streamscope: bad --theme: \(error.description)")
        }

        var configuration = EngineConfiguration()
        configuration.defaultRegion = region
        let engine = Engine(clock: VirtualClock(speed: clockSpeed), configuration: configuration)
        let adapter = EngineMonitorAdapter(engine: engine, region: region)
        var startMessages: [MonitorMessage] = []
        if !empty {
            do throws(DynamoError) {
                try DemoWorkspace.create(in: adapter)
                if !readonly { startMessages += Self.command(DemoWorkspace.generatorCommand) }
            } catch {
                startMessages.append(.failed(error))
            }
        }

        var server: WireServer?
        var endpoint: String?
        if !noEndpoint {
            let candidate = WireServer(host: host, port: port, handler: AWSDispatcher(engine: engine))
            do {
                let bound = try await candidate.start()
                server = candidate
                endpoint = "\(ServeCommand.urlHost(host)):\(bound)"
            } catch {
                await candidate.shutdown()
                startMessages.append(.succeeded("⚠ endpoint not started on \(ServeCommand.urlHost(host)):\(port): \(error) (try --port 0 or --no-endpoint)"))
            }
        }

        let stop = StopSignal()
        let settings = UISettings(theme: startTheme, readOnly: readonly, endpoint: endpoint, themesDirectory: themesDirectory)
        let outcome = await withTaskGroup(of: Void.self) { group -> UIOutcome in
            if let server { group.addTask { try? await server.run() } }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    engine.runMaintenance()
                }
            }
            group.addTask {
                if await waitForTerminationSignal() != 0 { stop.request() }
            }
            let outcome = await Self.runUIThread(engine: adapter, settings: settings, startMessages: startMessages, stop: stop)
            group.cancelAll()
            if let server { await server.shutdown() }
            await group.waitForAll()
            return outcome
        }
        if case .failed(let message) = outcome { throw Self.failure(message) }
    }

    // MARK: - The UI thread

    /// What the UI thread needs besides the engine.
    struct UISettings: Sendable {
        var theme: Theme
        var readOnly: Bool
        var endpoint: String?
        var themesDirectory: String
    }

    /// How the UI thread ended.
    enum UIOutcome: Sendable {
        case quit
        case failed(String)
    }

    /// Runs the monitor loop on a dedicated thread (the only one that touches ncurses) and
    /// returns once it ends and the terminal is restored.
    static func runUIThread(engine: EngineMonitorAdapter, settings: UISettings, startMessages: [MonitorMessage], stop: StopSignal) async -> UIOutcome {
        await withCheckedContinuation { (continuation: CheckedContinuation<UIOutcome, Never>) in
            let thread = Thread {
                let outcome: UIOutcome
                do {
                    try CursesBackend.withTerminal { backend in
                        let loop = MonitorLoop(
                            engine: engine, backend: backend, theme: settings.theme, readOnly: settings.readOnly,
                            endpoint: settings.endpoint, themesDirectory: settings.themesDirectory)
                        for message in startMessages { loop.inbox.post(message) }
                        loop.start()
                        while loop.state.isRunning && !stop.isRequested {
                            try loop.step(timeout: .milliseconds(50))
                        }
                    }
                    outcome = .quit
                } catch let error as TerminalUnavailable {
                    outcome = .failed(error.reason)
                } catch {
                    outcome = .failed("streamscope: the monitor stopped: \(error)")
                }
                continuation.resume(returning: outcome)
            }
            thread.name = "streamscope-ui"
            thread.start()
        }
    }

    /// The inputs that type `:text` and Enter.
    static func command(_ text: String) -> [MonitorMessage] {
        [.input(.key(.character(":")))] + text.map { .input(.key(.character($0))) } + [.input(.key(.enter))]
    }

    // MARK: - Helpers

    /// The `themes/` folder: under the current directory, else next to the executable or in one
    /// of its parent folders (`.build/debug/streamscope` → `themes/`); `themes` when none exists
    /// (the built-in themes still work).
    static func themesDirectory() -> String {
        let fileManager = FileManager.default
        var candidates = [fileManager.currentDirectoryPath + "/themes"]
        let executable = (try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
        if let executable {
            var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(folder.appendingPathComponent("themes").path)
                folder = folder.deletingLastPathComponent()
            }
        }
        for path in candidates {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
        }
        return "themes"
    }

    /// Writes one line to stderr and returns exit code 1 to throw.
    static func failure(_ line: String) -> ExitCode {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return ExitCode(1)
    }
}

/// A stop request from a signal handler task to the UI thread.
final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Asks the UI loop to end after its current step.
    func request() { flag.store(true, ordering: .releasing) }

    var isRequested: Bool { flag.load(ordering: .acquiring) }
}
