import DynamoModel
import Testing

struct VirtualClockTests {
    let start = VirtualInstant(nanosecondsSinceEpoch: 1_700_000_000_123_000_000)

    @Test func manualClockStandsStillUntilMoved() {
        let clock = VirtualClock.manual(at: start)
        #expect(clock.isPaused)
        #expect(clock.speed == 0)
        #expect(clock.now == start)
        #expect(clock.now == start)
    }

    @Test func manualClockDefaultsToAFixedInstant() {
        #expect(VirtualClock.manual().now == VirtualInstant(epochSeconds: 1_800_000_000))
    }

    @Test func advanceMovesForwardAndIgnoresNegativeDurations() {
        let clock = VirtualClock.manual(at: start)
        let generation = clock.generation
        clock.advance(by: .seconds(5))
        #expect(clock.now == start + .seconds(5))
        #expect(clock.generation > generation)
        clock.advance(by: .milliseconds(250))
        #expect(clock.now - start == .milliseconds(5_250))
        clock.advance(by: .seconds(-100))
        #expect(clock.now == start + .milliseconds(5_250))
    }

    @Test func setMovesForwardButRefusesGoingBackwards() {
        let clock = VirtualClock.manual(at: start)
        #expect(clock.set(to: start + .seconds(60)))
        #expect(clock.now == start + .seconds(60))
        #expect(!clock.set(to: start))
        #expect(clock.now == start + .seconds(60))
        #expect(clock.set(to: start + .seconds(60)))
        #expect(clock.now == start + .seconds(60))
    }

    @Test func runningClockAdvancesAtItsSpeedAndPauseFreezesIt() async throws {
        let clock = VirtualClock(start: start, speed: 1000)
        #expect(!clock.isPaused)
        #expect(clock.speed == 1000)
        try await Task.sleep(for: .milliseconds(20))
        let afterSleep = clock.now
        #expect(afterSleep - start >= .seconds(20))
        clock.pause()
        #expect(clock.isPaused)
        let frozen = clock.now
        #expect(frozen >= afterSleep)
        try await Task.sleep(for: .milliseconds(10))
        #expect(clock.now == frozen)
        clock.resume()
        #expect(clock.speed == 1000)
        try await Task.sleep(for: .milliseconds(10))
        #expect(clock.now > frozen)
    }

    @Test func resumingAManualClockRunsAtRealTimeSpeed() {
        let clock = VirtualClock.manual(at: start)
        clock.resume()
        #expect(clock.speed == 1)
        #expect(clock.now >= start)
    }

    @Test func speedChangesKeepTimeContinuousAndNegativeSpeedPauses() {
        let clock = VirtualClock.manual(at: start)
        clock.setSpeed(2)
        #expect(clock.speed == 2)
        clock.setSpeed(-3)
        #expect(clock.isPaused)
        let paused = clock.now
        #expect(paused >= start)
        clock.resume()
        #expect(clock.speed == 2)
        #expect(clock.now >= paused)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteSpeedsAreIgnored(speed: Double) {
        let clock = VirtualClock.manual(at: start)
        clock.setSpeed(speed)
        #expect(clock.isPaused)
        #expect(clock.now == start)
    }

    @Test func aHugeSpeedSaturatesInsteadOfCrashing() async throws {
        let clock = VirtualClock(start: start, speed: 1e300)
        try await Task.sleep(for: .milliseconds(2))
        #expect(clock.now > start)
        clock.advance(by: .seconds(Int64.max))
        #expect(clock.now.nanosecondsSinceEpoch == Int64.max)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000", "1970-01-01T00:00:00Z"),
        (1_800_000_000_000_000_000, "2027-01-15T08:00:00.000", "2027-01-15T08:00:00Z"),
        (1_700_000_000_123_000_000, "2023-11-14T22:13:20.123", "2023-11-14T22:13:20Z"),
        (1_700_000_000_123_999_999, "2023-11-14T22:13:20.123", "2023-11-14T22:13:20Z"),
        (951_827_696_789_000_000, "2000-02-29T12:34:56.789", "2000-02-29T12:34:56Z"),
        (1_709_210_096_007_000_000, "2024-02-29T12:34:56.007", "2024-02-29T12:34:56Z"),
        (-1, "1969-12-31T23:59:59.999", "1969-12-31T23:59:59Z"),
        (-2_203_891_200_000_000_000, "1900-03-01T00:00:00.000", "1900-03-01T00:00:00Z"),
    ])
    func streamLabelsAndDescriptionsFormatKnownInstants(nanoseconds: Int64, label: String, description: String) {
        let instant = VirtualInstant(nanosecondsSinceEpoch: nanoseconds)
        #expect(instant.streamLabel == label)
        #expect(instant.description == description)
    }

    @Test func instantArithmeticAndConversions() {
        let instant = VirtualInstant(epochSeconds: 1_700_000_000.5)
        #expect(instant.nanosecondsSinceEpoch == 1_700_000_000_500_000_000)
        #expect(instant.epochSeconds == 1_700_000_000.5)
        #expect(instant.wholeEpochSeconds == 1_700_000_000)
        #expect(instant.epochMilliseconds == 1_700_000_000_500)
        #expect((instant + .seconds(1)) - instant == .seconds(1))
        #expect(instant - .milliseconds(500) == VirtualInstant(epochSeconds: 1_700_000_000))
        #expect(instant < instant + .nanoseconds(1))
        let beforeEpoch = VirtualInstant(nanosecondsSinceEpoch: -1_500_000_000)
        #expect(beforeEpoch.wholeEpochSeconds == -2)
        #expect(beforeEpoch.epochMilliseconds == -1_500)
        #expect(VirtualInstant(nanosecondsSinceEpoch: -1).epochMilliseconds == -1)
    }

    @Test func durationConversions() {
        #expect(Duration.milliseconds(1_500).nanoseconds == 1_500_000_000)
        #expect(Duration.milliseconds(-1_500).nanoseconds == -1_500_000_000)
        #expect(Duration.milliseconds(1_500).seconds == 1.5)
        #expect(Duration.seconds(Int64.max).nanoseconds == Int64.max)
        #expect(Duration.seconds(Int64.min).nanoseconds == Int64.min)
    }
}

struct VirtualInstantEdgeTests {
    @Test(arguments: [(Double.nan, Int64(0)), (.infinity, .max), (-.infinity, .min), (1e300, .max), (-1e300, .min), (-0.0000000015, -2)])
    func epochSecondsOutOfRangeSaturate(seconds: Double, nanoseconds: Int64) {
        #expect(VirtualInstant(epochSeconds: seconds).nanosecondsSinceEpoch == nanoseconds)
    }

    @Test func arithmeticAtTheEdgesSaturates() {
        let latest = VirtualInstant(nanosecondsSinceEpoch: .max)
        let earliest = VirtualInstant(nanosecondsSinceEpoch: .min)
        #expect(latest + .seconds(1) == latest)
        #expect(earliest - .seconds(1) == earliest)
        #expect(earliest + .seconds(1) == VirtualInstant(nanosecondsSinceEpoch: .min + 1_000_000_000))
        #expect(latest - earliest == .nanoseconds(Int64.max))
        #expect(earliest - latest == .nanoseconds(Int64.min))
        #expect(earliest.wholeEpochSeconds == Int64.min / 1_000_000_000 - 1)
        #expect(earliest.streamLabel == "1677-09-21T00:12:43.145")
    }
}
