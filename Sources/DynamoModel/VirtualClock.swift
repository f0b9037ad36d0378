import Foundation
import Synchronization

/// A point in virtual time: nanoseconds since the Unix epoch.
public struct VirtualInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// An instant from epoch seconds.
    public init(epochSeconds: Double) {
        nanosecondsSinceEpoch = Int64((epochSeconds * 1_000_000_000).rounded())
    }

    /// Seconds since the epoch, with fraction.
    public var epochSeconds: Double { Double(nanosecondsSinceEpoch) / 1_000_000_000 }
    /// Whole seconds since the epoch, rounded down.
    public var wholeEpochSeconds: Int64 {
        nanosecondsSinceEpoch >= 0 ? nanosecondsSinceEpoch / 1_000_000_000 : (nanosecondsSinceEpoch - 999_999_999) / 1_000_000_000
    }
    /// Milliseconds since the epoch, rounded down.
    public var epochMilliseconds: Int64 { nanosecondsSinceEpoch / 1_000_000 }

    public static func < (lhs: VirtualInstant, rhs: VirtualInstant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    public static func + (lhs: VirtualInstant, rhs: Duration) -> VirtualInstant {
        VirtualInstant(nanosecondsSinceEpoch: lhs.nanosecondsSinceEpoch + rhs.nanoseconds)
    }

    public static func - (lhs: VirtualInstant, rhs: Duration) -> VirtualInstant {
        VirtualInstant(nanosecondsSinceEpoch: lhs.nanosecondsSinceEpoch - rhs.nanoseconds)
    }

    public static func - (lhs: VirtualInstant, rhs: VirtualInstant) -> Duration {
        .nanoseconds(lhs.nanosecondsSinceEpoch - rhs.nanosecondsSinceEpoch)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmm` in UTC, without a zone: DynamoDB's stream label format.
    public var streamLabel: String {
        let millis = epochMilliseconds
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let ms = Int(millis - seconds * 1000)
        let c = CivilTime(epochSeconds: seconds)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d", c.year, c.month, c.day, c.hour, c.minute, c.second, ms)
    }

    /// ISO-8601 UTC with seconds, e.g. `2026-11-27T17:00:00Z`.
    public var description: String {
        let c = CivilTime(epochSeconds: wholeEpochSeconds)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        return scaled + attoseconds / 1_000_000_000
    }

    /// The duration in seconds, with fraction.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

/// A UTC calendar breakdown of epoch seconds (proleptic Gregorian), without Foundation calendars.
struct CivilTime {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(epochSeconds: Int64) {
        var days = Int(epochSeconds / 86_400)
        var rem = Int(epochSeconds % 86_400)
        if rem < 0 { rem += 86_400; days -= 1 }
        hour = rem / 3600
        minute = (rem % 3600) / 60
        second = rem % 60
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}

/// The engine's only source of time: real time, scaled time, paused, or moved by hand.
///
/// Everything time-based in StreamScope (retention, shard rollover, iterator expiry, TTL,
/// record ages) reads ``now``. Tests create a manual clock and move it with ``advance(by:)``.
public final class VirtualClock: Sendable {
    struct State {
        /// Real monotonic reading when the anchor was taken.
        var realAnchor: ContinuousClock.Instant
        /// Virtual time at the anchor.
        var virtualAnchor: VirtualInstant
        /// Virtual seconds per real second; 0 when paused.
        var speed: Double
        /// Speed to resume with after a pause.
        var speedBeforePause: Double
        /// Counts every change made by hand (jumps, speed, pause), so observers can redraw.
        var generation: UInt64
    }

    private let state: Mutex<State>
    private let realClock = ContinuousClock()

    /// A clock that starts at `start` (default: the real wall-clock time) and runs at `speed`.
    public init(start: VirtualInstant? = nil, speed: Double = 1) {
        let origin = start ?? VirtualInstant(epochSeconds: Date().timeIntervalSince1970)
        state = Mutex(State(realAnchor: ContinuousClock().now, virtualAnchor: origin, speed: speed, speedBeforePause: speed == 0 ? 1 : speed, generation: 0))
    }

    /// A paused clock for tests, moved only by ``advance(by:)`` and ``set(to:)``.
    public static func manual(at start: VirtualInstant = VirtualInstant(epochSeconds: 1_800_000_000)) -> VirtualClock {
        VirtualClock(start: start, speed: 0)
    }

    private static func read(_ s: State, realNow: ContinuousClock.Instant) -> VirtualInstant {
        if s.speed == 0 { return s.virtualAnchor }
        let elapsed = (realNow - s.realAnchor).seconds * s.speed
        return s.virtualAnchor + .nanoseconds(Int64(elapsed * 1e9))
    }

    /// The current virtual time.
    public var now: VirtualInstant {
        let realNow = realClock.now
        return state.withLock { Self.read($0, realNow: realNow) }
    }

    /// Virtual seconds per real second (0 while paused).
    public var speed: Double { state.withLock { $0.speed } }
    /// Whether the clock is paused.
    public var isPaused: Bool { state.withLock { $0.speed == 0 } }
    /// Changes whenever the clock is moved or re-speeded by hand.
    public var generation: UInt64 { state.withLock { $0.generation } }

    private func reanchor(_ s: inout State, realNow: ContinuousClock.Instant) {
        s.virtualAnchor = Self.read(s, realNow: realNow)
        s.realAnchor = realNow
        s.generation &+= 1
    }

    /// Moves virtual time forward by `duration` (backward moves are ignored).
    public func advance(by duration: Duration) {
        let realNow = realClock.now
        state.withLock { s in
            reanchor(&s, realNow: realNow)
            if duration > .zero { s.virtualAnchor = s.virtualAnchor + duration }
        }
    }

    /// Sets virtual time; a time before the current one is refused (time never runs backward).
    /// - Returns: whether the clock was moved.
    @discardableResult
    public func set(to instant: VirtualInstant) -> Bool {
        let realNow = realClock.now
        return state.withLock { s in
            reanchor(&s, realNow: realNow)
            guard instant >= s.virtualAnchor else { return false }
            s.virtualAnchor = instant
            return true
        }
    }

    /// Sets the speed (virtual seconds per real second); 0 pauses.
    public func setSpeed(_ speed: Double) {
        let realNow = realClock.now
        state.withLock { s in
            reanchor(&s, realNow: realNow)
            s.speed = max(0, speed)
            if speed > 0 { s.speedBeforePause = speed }
        }
    }

    /// Pauses the clock.
    public func pause() { setSpeed(0) }

    /// Resumes at the speed the clock had before it was paused.
    public func resume() {
        let realNow = realClock.now
        state.withLock { s in
            reanchor(&s, realNow: realNow)
            if s.speed == 0 { s.speed = s.speedBeforePause }
        }
    }
}
