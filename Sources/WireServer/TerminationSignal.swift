import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGINT or SIGTERM and returns its number, for graceful shutdown of `streamscope serve`.
///
/// While waiting, both signals are ignored by the process (their default action, termination,
/// is replaced) and delivered through `DispatchSource` instead. Once one arrives, the default
/// actions are restored, so a second Ctrl-C during a slow shutdown still ends the process.
///
/// - Returns: `SIGINT` or `SIGTERM`; 0 if the calling task is cancelled first.
public func waitForTerminationSignal() async -> Int32 {
    let waiter = TerminationSignalWaiter()
    return await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            waiter.install(continuation)
        }
    } onCancel: {
        waiter.finish(with: 0)
    }
}

/// The signal sources and the waiting continuation of one ``waitForTerminationSignal()`` call.
private final class TerminationSignalWaiter: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Int32, Never>?
        var sources: [any DispatchSourceSignal] = []
        var result: Int32?
    }

    private static let signals: [Int32] = [SIGINT, SIGTERM]
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "WireServer.terminationSignal")

    func install(_ continuation: CheckedContinuation<Int32, Never>) {
        let earlyResult = state.withLock { state -> Int32? in
            if let result = state.result { return result }
            state.continuation = continuation
            for signalNumber in Self.signals {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
                source.setEventHandler { [self] in finish(with: signalNumber) }
                source.resume()
                state.sources.append(source)
            }
            return nil
        }
        if let earlyResult { continuation.resume(returning: earlyResult) }
    }

    func finish(with signalNumber: Int32) {
        let (continuation, sources) = state.withLock {
            state -> (CheckedContinuation<Int32, Never>?, [any DispatchSourceSignal]) in
            guard state.result == nil else { return (nil, []) }
            state.result = signalNumber
            defer {
                state.continuation = nil
                state.sources = []
            }
            return (state.continuation, state.sources)
        }
        for source in sources { source.cancel() }
        if !sources.isEmpty {
            for signalNumber in Self.signals { signal(signalNumber, SIG_DFL) }
        }
        continuation?.resume(returning: signalNumber)
    }
}
