import Foundation
import Testing

/// The real `streamscope` binary running in a detached tmux session of a private tmux server,
/// driven like a user: `send-keys` in, `capture-pane -p` out, every check waiting (polling every
/// 50 ms) until the screen shows what it should or a timeout passes.
///
/// The pane runs `streamscope …; echo EXITED rc=$?`, so a clean exit leaves the exit code on the
/// restored (normal) screen. ``close()`` kills the tmux server; call it in a `defer`.
final class MonitorTmuxSession {
    /// The private tmux socket name (`tmux -L`), unique per session.
    let socket: String
    let session = "monitor"
    /// A file the pane writes the monitor's process id to.
    let pidFile: String

    /// `streamscope` next to the test bundle (`swift test` builds it into the same folder).
    static func binary(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let folder = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = folder.appendingPathComponent("streamscope").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MonitorTestFailure("the streamscope binary is not at \(path); build it first (swift build --product streamscope, or swift test builds it)")
        }
        return path
    }

    /// Starts `streamscope arguments` in a `width`×`height` pane with `TERM` and a UTF-8 locale.
    init(arguments: [String], width: Int = 100, height: Int = 30, term: String = "tmux-256color") throws {
        guard Self.which("tmux") else { throw MonitorTestFailure("tmux is not installed; the monitor end-to-end tests need it") }
        let id = UUID().uuidString.prefix(8).lowercased()
        socket = "streamscope-e2e-\(id)"
        pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("streamscope-e2e-\(id).pid").path
        let binary = try Self.binary()
        let command = ([binary] + arguments).map(Self.shellQuoted).joined(separator: " ")
        // The inner shell records its pid and then becomes streamscope; the outer one reports the exit code.
        let inner = "echo $$ > \(Self.shellQuoted(pidFile)); exec env TERM=\(term) LANG=C.UTF-8 LC_ALL=C.UTF-8 \(command)"
        let pane = "sh -c \(Self.shellQuoted(inner)); echo EXITED rc=$?; sleep 600"
        // The tmux server this starts daemonizes and keeps every descriptor it inherits, including
        // the one Foundation's Process watches for the child's exit, so spawn it directly.
        let argv = ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", pane]
        let status = Self.spawnAndWait(argv)
        guard status == 0 else { throw MonitorTestFailure("tmux new-session exited with \(status)") }
    }

    deinit { close() }

    /// Kills the private tmux server (and with it anything still running in the pane).
    func close() {
        let server = Int32(Self.run(["tmux", "-L", socket, "display-message", "-p", "#{pid}"]).output.trimmingCharacters(in: .whitespacesAndNewlines))
        let monitor = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        _ = Self.run(["tmux", "-L", socket, "kill-server"])
        // kill-server has been seen to leave the server and the pane's process running; make sure.
        Thread.sleep(forTimeInterval: 0.1)
        for pid in [monitor, server].compactMap({ $0 }) where pid > 1 && kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: pidFile)
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }

    /// The pane's text.
    func screen() -> String {
        Self.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", session]).output
    }

    /// Waits until the screen satisfies `condition`; returns that screen, or throws with the last one.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(15), _ condition: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while clock.now < deadline {
            last = screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw MonitorTestFailure("timed out after \(timeout) waiting for \(what); the screen was:\n\(last)")
    }

    /// Waits until every one of `texts` is on the screen.
    @discardableResult
    func waitFor(_ texts: String..., timeout: Duration = .seconds(15)) throws -> String {
        try waitFor(texts.map { "\"\($0)\"" }.joined(separator: " and "), timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Sends tmux key names (`Enter`, `Escape`, `q`, `C-c`).
    func press(_ keys: String...) {
        _ = Self.run(["tmux", "-L", socket, "send-keys", "-t", session] + keys)
    }

    /// Types `text` literally.
    func type(_ text: String) {
        _ = Self.run(["tmux", "-L", socket, "send-keys", "-t", session, "-l", text])
    }

    /// Types a `:` command and Enter.
    func command(_ text: String) {
        type(":" + text)
        press("Enter")
    }

    func resize(width: Int, height: Int) {
        _ = Self.run(["tmux", "-L", socket, "resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The monitor's process id, once the pane has started it.
    func processID() throws -> Int32 {
        _ = try waitFor("the pid file", timeout: .seconds(10)) { _ in FileManager.default.fileExists(atPath: pidFile) }
        let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw MonitorTestFailure("no pid in \(pidFile): \(text)")
        }
        return pid
    }

    /// The endpoint URL from the tab bar (`endpoint 127.0.0.1:PORT ●`).
    func endpointURL() throws -> String {
        let screen = try waitFor("the endpoint in the tab bar") { $0.contains("endpoint 127.0.0.1:") }
        guard let range = screen.range(of: "endpoint 127.0.0.1:") else { throw MonitorTestFailure("no endpoint on screen") }
        let port = screen[range.upperBound...].prefix { $0.isNumber }
        return "http://127.0.0.1:\(port)"
    }

    // MARK: - Processes

    struct ProcessResult {
        var status: Int32
        var output: String
        var standardError: String
    }

    /// Runs a command found on `PATH` and waits for it; stdin is /dev/null, stdout and stderr are pipes.
    static func run(_ command: [String], environment: [String: String]? = nil) -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ProcessResult(status: -1, output: "cannot run \(command[0]): \(error)", standardError: "")
        }
        let errorData = ErrorData()
        let reader = Thread { errorData.data = err.fileHandleForReading.readDataToEndOfFile(); errorData.done.signal() }
        reader.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        errorData.done.wait()
        process.waitUntilExit()
        let standardError = String(decoding: errorData.data, as: UTF8.self)
        return ProcessResult(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self) + standardError, standardError: standardError)
    }

    /// Runs `argv` (found on `PATH`) with stdin/stdout/stderr on /dev/null and waits for it.
    /// - Returns: its exit status, or -1 when it cannot start.
    static func spawnAndWait(_ argv: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The tmux server daemonizes from this child: it must not inherit the other descriptors of
        // the test process — among them the pipes and exit-watch descriptors of processes other
        // tests run at the same time — or those would never see their process end. bash closes
        // every descriptor above 2 before it becomes the command.
        let closeAndExec = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done 2>/dev/null; exec "$@""#
        let command = ["bash", "-c", closeAndExec, "streamscope-e2e"] + argv
        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + environment).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "bash", &actions, nil, arguments, environment) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        return (status >> 8) & 0xFF
    }

    static func which(_ program: String) -> Bool {
        run(["sh", "-c", "command -v \(program)"]).status == 0
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Standard error read on another thread; written before `done.signal()`, read after `wait()`.
private final class ErrorData: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

/// A failed end-to-end step, with what the screen showed.
struct MonitorTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
