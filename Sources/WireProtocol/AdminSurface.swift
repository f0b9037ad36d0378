import DynamoEngine
import DynamoModel

/// StreamScope's own endpoints under `/streamscope/` (see ``AWSDispatcher`` for the list).
///
/// Answers are JSON; problems are 4xx with `{"message": "…"}` so test suites see why.
struct AdminSurface {
    let engine: Engine

    func handle(_ request: WireRequest, path: Substring) -> WireResponse {
        switch (request.method, path) {
        case ("GET", "/streamscope/health"):
            return Self.json(200, #"{"status":"ok"}"#)
        case ("POST", "/streamscope/reset"):
            engine.reset()
            return Self.json(200, #"{"status":"ok"}"#)
        case ("GET", "/streamscope/clock"):
            return clockResponse()
        case ("POST", "/streamscope/clock"):
            return changeClock(request.body)
        case (_, "/streamscope/health"), (_, "/streamscope/reset"), (_, "/streamscope/clock"):
            return Self.error(405, "\(request.method) is not allowed on \(path)")
        default:
            return Self.error(404, "unknown admin endpoint \(path); try /streamscope/health, /streamscope/reset or /streamscope/clock")
        }
    }

    private func clockResponse() -> WireResponse {
        let clock = engine.clock
        let now = clock.now
        var w = JSONWriter()
        w.openObject()
        w.key("now"); w.timestamp(now)
        w.key("iso"); w.string(now.description)
        w.key("speed"); w.double(clock.speed)
        w.key("paused"); w.bool(clock.isPaused)
        w.closeObject()
        return WireResponse(status: 200, contentType: "application/json", body: w.bytes)
    }

    /// Applies `{"advance": s}`, `{"set": epochSeconds}`, `{"speed": x}`, `{"pause": true}`,
    /// `{"resume": true}`; several may be combined and apply in that order. Nothing changes
    /// unless the whole request is valid.
    private func changeClock(_ body: [UInt8]) -> WireResponse {
        let json: JSONValue
        do {
            json = try JSONValue.parse(body)
        } catch {
            return Self.error(400, "the body must be a JSON object such as {\"advance\": 60}: \(error.description)")
        }
        guard let members = json.objectMembers else {
            return Self.error(400, "the body must be a JSON object such as {\"advance\": 60}")
        }
        let known: Set<String> = ["advance", "set", "speed", "pause", "resume"]
        if let unknown = members.first(where: { !known.contains($0.key) }) {
            return Self.error(400, "unknown clock field \"\(unknown.key)\"; use advance, set, speed, pause or resume")
        }
        if members.isEmpty {
            return Self.error(400, "nothing to change; use advance, set, speed, pause or resume")
        }
        func number(_ key: String) -> Result<Double?, AdminError> {
            guard let value = json.member(key) else { return .success(nil) }
            guard let d = value.doubleValue, d.isFinite else { return .failure(AdminError("\"\(key)\" must be a number")) }
            return .success(d)
        }
        func flag(_ key: String) -> Result<Bool, AdminError> {
            guard let value = json.member(key) else { return .success(false) }
            guard let b = value.boolValue else { return .failure(AdminError("\"\(key)\" must be true or false")) }
            return .success(b)
        }
        let advance: Double?, set: Double?, speed: Double?, pause: Bool, resume: Bool
        do {
            advance = try number("advance").get()
            set = try number("set").get()
            speed = try number("speed").get()
            pause = try flag("pause").get()
            resume = try flag("resume").get()
        } catch {
            return Self.error(400, error.message)
        }
        if let advance, advance < 0 {
            return Self.error(400, "\"advance\" must not be negative: the clock never runs backward")
        }
        if let advance, advance >= 1e11 {
            return Self.error(400, "\"advance\" is out of range")
        }
        if let set, abs(set) >= 9.2e9 {
            return Self.error(400, "\"set\" is out of range")
        }
        if let speed, speed < 0 {
            return Self.error(400, "\"speed\" must not be negative")
        }
        if pause && resume {
            return Self.error(400, "\"pause\" and \"resume\" cannot both be true")
        }
        let clock = engine.clock
        if let set {
            let target = VirtualInstant(epochSeconds: set)
            guard clock.set(to: target) else {
                return Self.error(400, "\"set\" (\(target)) is earlier than the current virtual time (\(clock.now)): the clock never runs backward")
            }
        }
        if let advance {
            clock.advance(by: .nanoseconds(Int64(advance * 1e9)))
        }
        if let speed { clock.setSpeed(speed) }
        if pause { clock.pause() }
        if resume { clock.resume() }
        engine.clockDidChange()
        return clockResponse()
    }

    struct AdminError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func json(_ status: Int, _ text: String) -> WireResponse {
        WireResponse(status: status, contentType: "application/json", body: Array(text.utf8))
    }

    static func error(_ status: Int, _ message: String) -> WireResponse {
        var w = JSONWriter()
        w.openObject()
        w.key("message"); w.string(message)
        w.closeObject()
        return WireResponse(status: status, contentType: "application/json", body: w.bytes)
    }
}
