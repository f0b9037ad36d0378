import Foundation
import Testing

/// `streamscope` (the monitor) driven in tmux like a user: the demo workspace, writes from the
/// keyboard, the clock, resizing, quitting, signals, and a boto3 client on the endpoint served
/// alongside. Each test owns a private tmux server (see ``MonitorTmuxSession``); they run one at
/// a time, so no tmux server started by one test inherits the output pipes of another.
@Suite(.serialized) struct MonitorTmuxTests {
    @Test func startShowsTheDemoTableWithItsStreamAndTheGeneratorRunning() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"])
        defer { monitor.close() }
        try monitor.waitFor("Orders", "pk S · sk N", "NEW_AND_OLD_IMAGES", "gen 2/s", "endpoint 127.0.0.1:")
        // The generator keeps Flow alive: new records arrive without any key press.
        monitor.press("3")
        let first = try monitor.waitFor("LIVE", "gen#")
        try monitor.waitFor("a newer generated record") { $0 != first && $0.contains("gen#") }
    }

    @Test func anItemPutByKeysAppearsInFlowAsAnInsertWithItsImageAndAnUpdateShowsTheDiff() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"])
        defer { monitor.close() }
        try monitor.waitFor("Orders", "gen 2/s")
        monitor.command("gen off")
        try monitor.waitFor("write generator stopped")

        monitor.press("p")
        try monitor.waitFor("put into Orders")
        monitor.type(#"{"pk": "E2E#1", "sk": 1, "qty": 1, "note": "typed"}"#)
        monitor.press("Enter")
        try monitor.waitFor("put pk=E2E#1  sk=1 into Orders")
        monitor.press("3")
        let insert = try monitor.waitFor("INSERT pk=E2E#1", "+ qty", "+ note")
        #expect(insert.contains("\"typed\""))

        // Open the table, find the item, update it with an expression and values.
        monitor.press("1")
        try monitor.waitFor("› tables")
        try monitor.startUpdate(ofItem: "E2E#1")
        monitor.type(#"SET qty = :n, color = :c REMOVE note ; {":n": 5, ":c": "red"}"#)
        monitor.press("Enter")
        try monitor.waitFor("updated pk=E2E#1  sk=1 in Orders")
        monitor.press("3")
        let diff = try monitor.waitFor("MODIFY pk=E2E#1", "+ color", "~ qty", "− note")
        #expect(diff.contains("→ 5"))
    }

    @Test func aReservedWordIsUpdatedFromTheKeyboardThroughItsSelfNamedPlaceholder() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"])
        defer { monitor.close() }
        try monitor.waitFor("Orders", "gen 2/s")
        monitor.command("gen off")
        try monitor.waitFor("write generator stopped")
        monitor.press("p")
        try monitor.waitFor("put into Orders")
        monitor.type(#"{"pk": "E2E#2", "sk": 2, "status": "PENDING"}"#)
        monitor.press("Enter")
        try monitor.waitFor("put pk=E2E#2  sk=2 into Orders")
        try monitor.startUpdate(ofItem: "E2E#2")
        monitor.type(#"SET #status = :s ; {":s": "SHIPPED"}"#)
        monitor.press("Enter")
        try monitor.waitFor("updated pk=E2E#2  sk=2 in Orders")
        monitor.press("3")
        let diff = try monitor.waitFor("MODIFY pk=E2E#2", "~ status")
        #expect(diff.contains("\"SHIPPED\""))
    }

    @Test func jumpingTheClock25HoursTrimsEveryRecordInRetention() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"])
        defer { monitor.close() }
        try monitor.waitFor("Orders", "gen 2/s")
        monitor.command("gen off")
        try monitor.waitFor("write generator stopped")
        monitor.press("4")
        try monitor.waitFor("retention 24 h", " rec · expiry in 23h")
        monitor.command("jump 25h")
        try monitor.waitFor("records trimmed after the jump") { screen in
            screen.contains("(no records)") && screen.range(of: #"trimmed [1-9][0-9]* records"#, options: .regularExpression) != nil
        }
    }

    @Test func resizingTo60x20AndBackKeepsTheMonitorRunningAndQuitRestoresTheTerminal() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"])
        defer { monitor.close() }
        try monitor.waitFor("Orders", "1 Tables   2 Shards   3 Flow   4 Retention")
        monitor.resize(width: 60, height: 20)
        try monitor.waitFor("the 60-column layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("Orders") && lines.allSatisfy { $0.count <= 60 } && lines.contains { $0.hasPrefix("──") && $0.count == 60 }
        }
        monitor.press("3")
        try monitor.waitFor("LIVE")
        monitor.resize(width: 100, height: 30)
        try monitor.waitFor("the 100-column layout") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("──") && $0.count == 100 } && screen.contains("LIVE")
        }
        monitor.press("q")
        let after = try monitor.waitFor("EXITED rc=0")
        // The monitor's screen is gone: the normal screen shows only the shell's line.
        #expect(!after.contains("StreamScope"))
    }

    @Test func sigtermEndsTheMonitorCleanly() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"])
        defer { monitor.close() }
        try monitor.waitFor("Orders")
        let pid = try monitor.processID()
        #expect(kill(pid, SIGTERM) == 0)
        let after = try monitor.waitFor("EXITED rc=0")
        #expect(!after.contains("StreamScope"))
    }

    @Test func aBoto3WriteThroughTheEndpointAppearsInFlow() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"])
        defer { monitor.close() }
        try monitor.waitFor("Orders")
        let url = try monitor.endpointURL()
        monitor.command("gen off")
        monitor.press("3")
        try monitor.waitFor("LIVE")
        let script = try #require(Bundle.module.url(forResource: "monitor_boto_write", withExtension: "py", subdirectory: "Scripts"))
        var environment = ProcessInfo.processInfo.environment
        environment["STREAMSCOPE_ENDPOINT"] = url
        environment["AWS_ACCESS_KEY_ID"] = "streamscope"
        environment["AWS_SECRET_ACCESS_KEY"] = "streamscope"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        let result = MonitorTmuxSession.run(["python3", script.path], environment: environment)
        #expect(result.status == 0, "Scripts/monitor_boto_write.py: \(result.output)")
        try monitor.waitFor("INSERT pk=BOTO#1", "+ note", "\"from boto3\"")
    }

    @Test func aBusyPortIsAWarningInTheStatusLineNotAFailure() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let monitor = try MonitorTmuxSession(arguments: ["--port", "\(port)"])
        defer { monitor.close() }
        try monitor.waitFor("Orders", "⚠ endpoint not started on 127.0.0.1:\(port)")
        #expect(!monitor.screen().contains("endpoint 127.0.0.1:\(port) ●"))
    }

    @Test func termDumbIsOneLineAndExitCode1() throws {
        let monitor = try MonitorTmuxSession(arguments: ["--port", "0"], term: "dumb")
        defer { monitor.close() }
        let screen = try monitor.waitFor("EXITED rc=1")
        #expect(screen.contains("streamscope: TERM=dumb"))
    }

    @Test func withoutATerminalItPrintsOneLineAndExitsWith1() throws {
        let result = MonitorTmuxSession.run([try MonitorTmuxSession.binary(), "--port", "0"])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("streamscope: ") == true && result.standardError.contains("not a terminal"))
    }
}

extension MonitorTmuxSession {
    /// From the Tables screen: opens Orders, filters to the item with partition key `pk`, and
    /// opens the update prompt for it.
    func startUpdate(ofItem pk: String) throws {
        press("Enter")
        try waitFor("Orders · page 1")
        press("/")
        type(pk)
        press("Enter")
        try waitFor("filter: \(pk)", "1 item")
        press("u")
        try waitFor("update Orders pk=\(pk)")
    }
}
