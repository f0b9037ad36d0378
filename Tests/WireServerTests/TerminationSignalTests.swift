import Testing
import WireServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialized: both tests change the process-wide disposition of SIGINT and SIGTERM.
@Suite(.serialized)
struct TerminationSignalTests {
    @Test func cancellingTheWaitReturnsZero() async {
        let task = Task { await waitForTerminationSignal() }
        task.cancel()
        #expect(await task.value == 0)
    }

    @Test func deliveredSigtermIsReturned() async throws {
        let task = Task { await waitForTerminationSignal() }
        // Signal only once the default action (ending the process) has been replaced.
        // On Linux libdispatch installs its own handler when the source registers; before that
        // the disposition is our SIG_IGN (1) and the signal would be lost.
        #if os(Linux)
        let isInstalled = { ![0, 1].contains(Self.disposition(of: SIGTERM)) }
        #else
        let isInstalled = { Self.disposition(of: SIGTERM) != 0 }
        #endif
        var installed = false
        for _ in 0..<500 where !installed {
            installed = isInstalled()
            if !installed { try await Task.sleep(for: .milliseconds(10)) }
        }
        try #require(installed)
        kill(getpid(), SIGTERM)
        let received = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await task.value }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            task.cancel()
            group.cancelAll()
            return first
        }
        #expect(received == SIGTERM)
        // Restored, so a second Ctrl-C during a slow shutdown ends the process.
        #expect(Self.disposition(of: SIGTERM) == 0)
    }

    /// The current handler of `signalNumber` as a number: 0 is `SIG_DFL`, 1 is `SIG_IGN`.
    private static func disposition(of signalNumber: Int32) -> Int {
        var action = sigaction()
        sigaction(signalNumber, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }
}
