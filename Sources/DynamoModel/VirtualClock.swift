import Foundation
import Synchronization

/// A point in virtual time: nanoseconds since the Unix epoch.
public struct VirtualInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// An instant from epoch seconds (NaN gives the epoch; out-of-range values saturate).
    public init(epochSeconds: Double) {
        let nanoseconds = (epochSeconds * 1_000_000_000).rounded()
        if nanoseconds.isNaN {
            nanosecondsSinceEpoch = 0
        } else if nanoseconds >= 9.223_372_036_854_775_807e18 {
            nanosecondsSinceEpoch = .max
        } else if nanoseconds <= -9.223_372_036_854_775_807e18 {
            nanosecondsSinceEpoch = .min
        } else {
            nanosecondsSinceEpoch = Int64(nanoseconds)
        }
    }

    /// Seconds since the epoch, with fraction.
    public var epochSeconds: Double { Double(nanosecondsSinceEpoch) / 1_000_000_000 }
    /// Whole seconds since the epoch, rounded down.
    public var wholeEpochSeconds: Int64 {
        Self.floorDivide(nanosecondsSinceEpoch, 1_000_000_000)
    }
    /// Milliseconds since the epoch, rounded down.
    public var epochMilliseconds: Int64 {
        Self.floorDivide(nanosecondsSinceEpoch, 1_000_000)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value / divisor - (value % divisor < 0 ? 1 : 0)
    }

    public static func < (lhs: VirtualInstant, rhs: VirtualInstant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// The instant `rhs` later (saturating at the representable range).
    public static func + (lhs: VirtualInstant, rhs: Duration) -> VirtualInstant {
        VirtualInstant(nanosecondsSinceEpoch: saturatingSum(lhs.nanosecondsSinceEpoch, rhs.nanoseconds))
    }

    /// The instant `rhs` earlier (saturating at the representable range).
    public static func - (lhs: VirtualInstant, rhs: Duration) -> VirtualInstant {
        let back = rhs.nanoseconds
        let forward = back == .min ? Int64.max : -back
        return VirtualInstant(nanosecondsSinceEpoch: saturatingSum(lhs.nanosecondsSinceEpoch, forward))
    }

    /// The time from `rhs` to `lhs`.
    public static func - (lhs: VirtualInstant, rhs: VirtualInstant) -> Duration {
        let (difference, overflow) = lhs.nanosecondsSinceEpoch.subtractingReportingOverflow(rhs.nanosecondsSinceEpoch)
        if overflow { return .nanoseconds(lhs > rhs ? Int64.max : Int64.min) }
        return .nanoseconds(difference)
    }

    private static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { return b > 0 ? Int64.max : Int64.min }
        return sum
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
        let (sum, sumOverflow) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if sumOverflow { return seconds < 0 ? Int64.min : Int64.max }
        return sum
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
        // Time never runs backward and a non-finite speed has no meaning: both start paused.
        let speed = speed.isFinite ? max(0, speed) : 0
        state = Mutex(State(realAnchor: ContinuousClock().now, virtualAnchor: origin, speed: speed, speedBeforePause: speed == 0 ? 1 : speed, generation: 0))
    }

    /// A paused clock for tests, moved only by ``advance(by:)`` and ``set(to:)``.
    public static func manual(at start: VirtualInstant = VirtualInstant(epochSeconds: 1_800_000_000)) -> VirtualClock {
        VirtualClock(start: start, speed: 0)
    }

    private static func read(_ s: State, realNow: ContinuousClock.Instant) -> VirtualInstant {
        if s.speed == 0 { return s.virtualAnchor }
        let elapsed = (realNow - s.realAnchor).seconds * s.speed * 1e9
        // Saturate rather than trap when a huge speed overflows Int64 nanoseconds.
        let nanoseconds = elapsed < 9.2e18 ? Int64(max(0, elapsed)) : Int64.max
        return s.virtualAnchor + .nanoseconds(nanoseconds)
    }

    /// The current virtual time.
    public var now: VirtualInstant {
        // A paused clock needs no real-time reading (every engine call asks for the time).
        state.withLock { $0.speed == 0 ? $0.virtualAnchor : Self.read($0, realNow: realClock.now) }
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

    /// Sets the speed (virtual seconds per real second); 0 or less pauses, NaN and infinities are ignored.
    public func setSpeed(_ speed: Double) {
        guard speed.isFinite else { return }
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
