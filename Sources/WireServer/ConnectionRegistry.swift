import NIOCore
import Synchronization

/// The open child channels of a server, so shutdown can ask each to finish and close.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isQuiescing = false
    }

    private let state = Mutex(State())

    /// Records `channel` until it closes. Returns `true` if shutdown already began, in which case
    /// the caller should quiesce the new channel right away.
    func register(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let isQuiescing = state.withLock { state -> Bool in
            state.channels[id] = channel
            return state.isQuiescing
        }
        channel.closeFuture.whenComplete { [self] _ in
            _ = state.withLock { $0.channels.removeValue(forKey: id) }
        }
        return isQuiescing
    }

    /// Marks the start of shutdown and returns the channels open at this moment.
    func beginQuiescing() -> [any Channel] {
        state.withLock { state in
            state.isQuiescing = true
            return Array(state.channels.values)
        }
    }

    /// The channels still open.
    var openChannels: [any Channel] {
        state.withLock { Array($0.channels.values) }
    }
}
