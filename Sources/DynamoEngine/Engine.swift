import DynamoModel
import Synchronization

/// Settings of an ``Engine``; every time-based one is virtual time.
public struct EngineConfiguration: Sendable {
    /// The 12-digit account id in ARNs (what DynamoDB Local and LocalStack use by default).
    public var accountId: String = "000000000000"
    /// Region for requests that carry no SigV4 credential scope.
    public var defaultRegion: String = "us-east-1"
    /// How often TTL expiry is swept.
    public var ttlSweepInterval: Duration = .seconds(5)
    /// How long stream records are retained.
    public var streamRetention: Duration = .seconds(24 * 3600)
    /// An open shard is closed and replaced by one child after this long.
    public var shardRolloverInterval: Duration = .seconds(4 * 3600)
    /// Records per second (virtual time, over a one-second window) above which an open shard
    /// splits into two children; nil disables splitting.
    public var shardSplitThreshold: Int? = nil
    /// Lifetime of a shard iterator.
    public var iteratorLifetime: Duration = .seconds(15 * 60)

    public init() {}
}

/// Collects the events of one engine call, to be published after it commits.
///
/// `isActive` is false when nobody observes the engine, so writers skip building events.
public struct EventSink: Sendable {
    public var isActive: Bool
    public var events: [EngineEvent] = []

    public init(isActive: Bool) {
        self.isActive = isActive
    }

    /// Adds an event built lazily, only when someone listens.
    public mutating func emit(_ event: @autoclosure () -> EngineEvent) {
        if isActive { events.append(event()) }
    }
}

/// The embedded DynamoDB + DynamoDB Streams engine.
///
/// All state is a value (``EngineState``) behind one lock; every operation is synchronous and
/// short. Writes commit, append their stream records in commit order, then publish
/// ``EngineEvent``s to observers. Safe to call from any thread.
public final class Engine: Sendable {
    /// The engine's only source of time.
    public let clock: VirtualClock
    public let configuration: EngineConfiguration
    let state: Mutex<EngineState>
    let observers = ObserverHub()

    /// Creates an empty engine.
    public init(clock: VirtualClock = VirtualClock(), configuration: EngineConfiguration = EngineConfiguration()) {
        self.clock = clock
        self.configuration = configuration
        state = Mutex(EngineState(configuration: configuration, now: clock.now))
    }

    /// Runs `body` on the engine state under the lock, after any maintenance that is due, and
    /// publishes the events it produced once it returns.
    func withState<R>(_ body: (inout EngineState, inout EventSink) throws(DynamoError) -> R) throws(DynamoError) -> R {
        let now = clock.now
        var sink = EventSink(isActive: observers.isActive)
        // The typed error passes straight through the lock (no Result wrapping, whose generic
        // copies showed in the profile of every read); events are published either way.
        do throws(DynamoError) {
            let result = try state.withLock { (state: inout EngineState) throws(DynamoError) -> R in
                state.maintainIfDue(now: now, sink: &sink)
                return try body(&state, &sink)
            }
            if !sink.events.isEmpty { observers.publish(sink.events) }
            return result
        } catch {
            if !sink.events.isEmpty { observers.publish(sink.events) }
            throw error
        }
    }

    /// Subscribes to the engine's change feed.
    ///
    /// A slow subscriber loses the oldest events beyond `bufferingNewest`; it never slows writers.
    public func events(bufferingNewest limit: Int = 10_000) -> AsyncStream<EngineEvent> {
        observers.subscribe(bufferingNewest: limit)
    }

    /// Runs everything time-based that is due now: TTL expiry, shard rollover and splits,
    /// stream status transitions, retention trimming. Called periodically by the host, and
    /// lazily at the start of every operation.
    public func runMaintenance() {
        let now = clock.now
        var sink = EventSink(isActive: observers.isActive)
        state.withLock { $0.maintain(now: now, sink: &sink) }
        if !sink.events.isEmpty { observers.publish(sink.events) }
    }

    /// Tells observers the clock was moved by hand and runs maintenance at the new time.
    public func clockDidChange() {
        observers.publish([.clockChanged])
        runMaintenance()
    }

    /// Wipes all tables and streams (the admin `reset`).
    public func reset() {
        let now = clock.now
        state.withLock { $0 = EngineState(configuration: configuration, now: now) }
        observers.publish([.clockChanged])
    }

    /// The region to use for a request: its SigV4 region, or the default.
    public func region(_ requested: String?) -> String {
        if let requested, !requested.isEmpty { return requested }
        return configuration.defaultRegion
    }
}

/// Fans engine events out to subscribers without blocking the publisher.
final class ObserverHub: Sendable {
    private struct Subscribers {
        var next = 0
        var continuations: [Int: AsyncStream<EngineEvent>.Continuation] = [:]
    }

    private let subscribers = Mutex(Subscribers())
    private let activeCount = Atomic<Int>(0)

    var isActive: Bool { activeCount.load(ordering: .relaxed) > 0 }

    func subscribe(bufferingNewest limit: Int) -> AsyncStream<EngineEvent> {
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream(bufferingPolicy: .bufferingNewest(max(1, limit)))
        let id = subscribers.withLock { s in
            let id = s.next
            s.next += 1
            s.continuations[id] = continuation
            return id
        }
        activeCount.add(1, ordering: .relaxed)
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            let removed = self.subscribers.withLock { $0.continuations.removeValue(forKey: id) != nil }
            if removed { self.activeCount.subtract(1, ordering: .relaxed) }
        }
        return stream
    }

    func publish(_ events: [EngineEvent]) {
        let targets = subscribers.withLock { Array($0.continuations.values) }
        for continuation in targets {
            for event in events { continuation.yield(event) }
        }
    }
}
