import DynamoModel

/// The `:` command line: commands, their aliases and Tab completion.
public enum MonitorCommands {
    /// Command names with their aliases and help.
    public static let commands: [(name: String, aliases: [String], help: String)] = [
        ("tables", ["t", "table"], "Tables screen"),
        ("shards", ["s", "shard"], "Shards screen, optionally for a table: :shards Orders"),
        ("flow", ["f"], "Flow screen, optionally filtered: :flow table=Orders event=MODIFY"),
        ("retention", ["r", "ret"], "Retention screen"),
        ("help", ["h"], "key and command help"),
        ("theme", [], "switch theme: :theme light"),
        ("quit", ["q", "q!", "exit"], "quit"),
        ("create", ["ct"], "create a table: :create Orders pk:S sk:N NEW_AND_OLD_IMAGES"),
        ("stream", [], "set a table's stream: :stream Orders KEYS_ONLY|NEW_IMAGE|OLD_IMAGE|NEW_AND_OLD_IMAGES|off"),
        ("gen", ["generator"], "write generator: :gen 20 60/30/10 (rate, insert/update/delete mix), :gen off"),
        ("speed", [], "set the clock speed: :speed 60"),
        ("jump", [], "move the clock ahead: :jump 1h, :jump 25h, :jump 90m"),
    ]

    static func canonical(_ word: String) -> String? {
        let w = word.lowercased()
        return commands.first { $0.name == w || $0.aliases.contains(w) }?.name
    }

    /// Completes the last word of `text`: a command name, then a table, theme or view type.
    static func complete(_ text: String, state: MonitorState) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return text }
        let candidates: [String]
        if words.count == 1 {
            candidates = commands.map(\.name)
        } else {
            switch canonical(words[0]) {
            case "shards", "stream", "gen":
                if words.count == 2 || canonical(words[0]) == "shards" {
                    candidates = state.snapshot.tables.map(\.name) + (canonical(words[0]) == "gen" ? ["off"] : [])
                } else {
                    candidates = StreamViewType.allCases.map(\.rawValue) + ["off"]
                }
            case "theme": candidates = Theme.builtInNames
            case "create": candidates = words.count >= 4 ? StreamViewType.allCases.map(\.rawValue) : []
            case "flow": candidates = state.snapshot.tables.map { "table=" + $0.name } + StreamEventName.allCases.map { "event=" + $0.rawValue }
            default: candidates = []
            }
        }
        let matches = candidates.filter { $0.lowercased().hasPrefix(last.lowercased()) }
        guard !matches.isEmpty else { return text }
        var completion = matches[0]
        if matches.count > 1 {
            // Longest common prefix.
            for m in matches.dropFirst() {
                while !m.lowercased().hasPrefix(completion.lowercased()) { completion.removeLast() }
            }
            if completion.count < last.count { return text }
            words[words.count - 1] = completion
            return words.joined(separator: " ")
        }
        words[words.count - 1] = completion
        return words.joined(separator: " ") + " "
    }

    static func parseViewType(_ text: String) throws(DynamoError) -> StreamViewType? {
        if text.lowercased() == "off" || text.lowercased() == "none" { return nil }
        guard let v = StreamViewType(rawValue: text.uppercased()) else {
            throw .validation("unknown stream view type \(text); use \(StreamViewType.allCases.map(\.rawValue).joined(separator: ", ")) or off")
        }
        return v
    }

    static func parseKey(_ text: String) throws(DynamoError) -> KeyAttribute {
        let parts = text.split(separator: ":")
        let type = parts.count == 2 ? parts[1].uppercased() : "S"
        guard let name = parts.first, !name.isEmpty, parts.count <= 2, ["S", "N", "B"].contains(type) else {
            throw .validation("bad key attribute \(text); write name:S, name:N or name:B")
        }
        return KeyAttribute(name: String(name), type: type)
    }

    static func createTableEffect(_ args: [String]) throws(DynamoError) -> MonitorEffect {
        guard args.count >= 2 else { throw .validation("usage: NAME pk:S [sk:N] [VIEW_TYPE]") }
        let hash = try parseKey(args[1])
        var range: KeyAttribute?
        var view: StreamViewType?
        for arg in args.dropFirst(2) {
            if arg.contains(":") {
                guard range == nil else { throw .validation("a table has at most a hash and a range key") }
                range = try parseKey(arg)
            } else {
                view = try parseViewType(arg)
            }
        }
        return .createTable(name: args[0], hashKey: hash, rangeKey: range, streamViewType: view)
    }

    static func parseDuration(_ text: String) -> Duration? {
        let t = text.lowercased()
        guard let unit = t.last, let n = Double(t.dropLast()) else { return nil }
        switch unit {
        case "s": return .seconds(n)
        case "m": return .seconds(n * 60)
        case "h": return .seconds(n * 3600)
        case "d": return .seconds(n * 86_400)
        default: return nil
        }
    }
}

extension MonitorState {
    /// Runs a `:` command.
    mutating func runCommand(_ text: String) -> [MonitorEffect] {
        let words = text.split(separator: " ").map(String.init)
        guard let first = words.first else { return [] }
        guard let name = MonitorCommands.canonical(first) else {
            setStatus("✖ unknown command :\(first) (Tab completes; ? lists commands)", role: .error)
            return []
        }
        let args = Array(words.dropFirst())
        let writes: Set<String> = ["create", "stream", "gen"]
        if isReadOnly && writes.contains(name) {
            setStatus("read-only: :\(name) is disabled (started with --readonly)", role: .warning)
            return []
        }
        do throws(DynamoError) {
            switch name {
            case "tables": return go(to: .tables)
            case "shards":
                let effects = go(to: .shards)
                if let table = args.first, !selectStream(ofTable: table) {
                    setStatus("✖ \(table) has no stream", role: .error)
                }
                return effects
            case "flow":
                let effects = go(to: .flow)
                if !args.isEmpty { setFilter(args.joined(separator: " ")) }
                return effects
            case "retention": return go(to: .retention)
            case "help":
                isHelpVisible = true
                return []
            case "theme":
                guard let theme = args.first else { throw .validation("usage: :theme NAME (\(Theme.builtInNames.joined(separator: ", ")))") }
                themeName = theme
                return [.setTheme(theme)]
            case "quit":
                isRunning = false
                return [.quit]
            case "create":
                return [try MonitorCommands.createTableEffect(args)]
            case "stream":
                guard args.count == 2 else { throw .validation("usage: :stream TABLE VIEW_TYPE|off") }
                return [.setStream(table: args[0], viewType: try MonitorCommands.parseViewType(args[1]))]
            case "gen":
                if args.first?.lowercased() == "off" {
                    generator = nil
                    setStatus("write generator stopped", role: .status)
                    return [.generator(nil)]
                }
                guard let rateText = args.first, let rate = Double(rateText), rate > 0, rate <= 10_000 else {
                    throw .validation("usage: :gen RATE [INSERT/UPDATE/DELETE] [TABLE], e.g. :gen 20 60/30/10")
                }
                var g = generatorSettings
                g.writesPerSecond = rate
                if args.count >= 2 {
                    let mix = args[1].split(separator: "/").compactMap { Int($0) }
                    guard mix.count == 3, mix.allSatisfy({ $0 >= 0 }), mix.reduce(0, +) > 0 else {
                        throw .validation("the mix is three weights INSERT/UPDATE/DELETE, e.g. 60/30/10")
                    }
                    g.insertWeight = mix[0]
                    g.updateWeight = mix[1]
                    g.deleteWeight = mix[2]
                }
                if args.count >= 3 {
                    g.table = args[2]
                } else if let table = writeTable ?? snapshot.tables.first?.name {
                    g.table = table
                }
                guard !g.table.isEmpty else { throw .validation("no table to write to; create one first") }
                generatorSettings = g
                generator = g
                setStatus("write generator: \(g.summary)", role: .status)
                return [.generator(g)]
            case "speed":
                guard let s = args.first.flatMap({ Double(String($0.filter { $0 != "x" && $0 != "×" })) }), s >= 0 else {
                    throw .validation("usage: :speed N (virtual seconds per real second, 0 pauses)")
                }
                return [.clock(.setSpeed(s))]
            case "jump":
                guard let d = args.first.flatMap(MonitorCommands.parseDuration) else {
                    throw .validation("usage: :jump 1h (units s, m, h, d)")
                }
                setStatus("clock jumped \(args[0]) ahead", role: .status)
                return [.clock(.jump(d))]
            default:
                return []
            }
        } catch {
            setStatus("✖ \(error.code.rawValue): \(error.message)", role: .error)
            return []
        }
    }
}
