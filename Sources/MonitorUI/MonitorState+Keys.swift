import DynamoModel

extension MonitorState {
    /// Clock speeds `[` and `]` step through.
    static let speeds: [Double] = [0.25, 0.5, 1, 2, 5, 10, 60, 300, 3600]

    mutating func handleKey(_ key: KeyPress) -> [MonitorEffect] {
        switch mode {
        case .normal: break
        case .command(var editor):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                remember(editor.string, in: "command")
                return runCommand(editor.string)
            case .tab:
                editor.set(MonitorCommands.complete(editor.string, state: self))
                mode = .command(editor)
            default:
                _ = editor.handle(key)
                mode = .command(editor)
            }
            return []
        case .filter(var editor):
            switch key {
            case .escape:
                mode = .normal
                setFilter("")
            case .enter: mode = .normal
            default:
                _ = editor.handle(key)
                mode = .filter(editor)
                setFilter(editor.string)
            }
            return []
        case .prompt(let kind, var editor):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                remember(editor.string, in: historyName(kind))
                return submit(kind, editor.string)
            default:
                _ = editor.handle(key)
                mode = .prompt(kind, editor)
            }
            return []
        case .confirm(_, let effect):
            mode = .normal
            if key == .character("y") || key == .character("Y") { return [effect] }
            setStatus("cancelled", role: .muted)
            return []
        }

        if isHelpVisible {
            switch key {
            case .escape, .character("?"), .character("q"):
                isHelpVisible = false
                helpFilter = ""
                return []
            case .character("j"), .down: helpScroll += 1; return []
            case .character("k"), .up: helpScroll = max(0, helpScroll - 1); return []
            case .character("/"):
                mode = .filter(LineEditor(helpFilter))
                return []
            default: break
            }
        }

        guard let binding = keyMap.binding(for: key, in: context) else { return [] }
        if binding.isWrite && isReadOnly {
            setStatus("read-only: \(binding.help) is disabled (started with --readonly)", role: .warning)
            return []
        }
        return perform(binding.action)
    }

    private func historyName(_ kind: PromptKind) -> String {
        switch kind {
        case .putItem: "put"
        case .updateItem: "update"
        case .createTable: "create"
        }
    }

    mutating func remember(_ text: String, in history: String) {
        guard !text.isEmpty else { return }
        var h = histories[history] ?? []
        if h.last != text { h.append(text) }
        if h.count > 100 { h.removeFirst() }
        histories[history] = h
    }

    /// The filter being typed applies to the help screen when it is open, else to the current list.
    mutating func setFilter(_ text: String) {
        if isHelpVisible {
            helpFilter = text
            helpScroll = 0
            return
        }
        filters[context] = text.isEmpty ? nil : text
        switch context {
        case .flow:
            rebuildFlowMatches()
        case .shards:
            shardsPosition = ListPosition()
        case .tables:
            tablesPosition = ListPosition()
        case .items:
            if var b = browser { b.position = ListPosition(); browser = b }
        default: break
        }
    }

    /// Switches to a top-level screen.
    mutating func go(to screen: MonitorContext) -> [MonitorEffect] {
        isHelpVisible = false
        stack = [screen]
        return [.refresh]
    }

    // MARK: - Actions

    mutating func perform(_ action: MonitorAction) -> [MonitorEffect] {
        let page = max(1, bodyHeight - 3)
        switch action {
        case .quit:
            isRunning = false
            return [.quit]
        case .help:
            isHelpVisible.toggle()
            helpScroll = 0
        case .commandLine:
            mode = .command(LineEditor(history: histories["command"] ?? []))
        case .filter:
            mode = .filter(LineEditor(isHelpVisible ? helpFilter : filters[context] ?? ""))
        case .back:
            if isZoomed {
                isZoomed = false
            } else if stack.count > 1 {
                stack.removeLast()
                if context == .tables { browser = nil }
            } else if filters[context] != nil {
                setFilter("")
            }
        case .redraw:
            return [.redrawAll]
        case .refresh:
            return [.refresh] + rescanIfBrowsing()
        case .tablesScreen: return go(to: .tables)
        case .shardsScreen: return go(to: .shards)
        case .flowScreen: return go(to: .flow)
        case .retentionScreen: return go(to: .retention)
        case .nextScreen, .previousScreen:
            let order: [MonitorContext] = [.tables, .shards, .flow, .retention]
            let i = order.firstIndex(of: screen) ?? 0
            let step = action == .nextScreen ? 1 : order.count - 1
            return go(to: order[(i + step) % order.count])
        case .up: moveCursor(by: -1)
        case .down: moveCursor(by: 1)
        case .pageUp: moveCursor(by: -page)
        case .pageDown: moveCursor(by: page)
        case .top: moveCursor(by: -Int.max / 2)
        case .bottom:
            if context == .flow {
                resumeLive()
            } else {
                moveCursor(by: Int.max / 2)
            }
        case .left, .right:
            let n = snapshot.streams.count
            if n > 0 {
                streamIndex = (streamIndex + (action == .right ? 1 : n - 1)) % n
                shardRows = ShardTreeRow.rows(for: currentStream?.shards ?? [])
                shardsPosition = ListPosition()
                retentionScroll = 0
            }
        case .open: return open()
        case .pauseLive:
            if isLivePaused { resumeLive() } else { pauseLive() }
        case .zoom: isZoomed.toggle()
        case .clockPause: return [.clock(.togglePause)]
        case .clockSlower, .clockFaster:
            let current = clockSpeed == 0 ? 1 : clockSpeed
            let next = action == .clockFaster
                ? Self.speeds.first { $0 > current } ?? Self.speeds.last ?? current
                : Self.speeds.last { $0 < current } ?? Self.speeds.first ?? current
            setStatus("clock speed \(Format.speed(next))", role: .status)
            return [.clock(.setSpeed(next))]
        case .jumpHour:
            setStatus("clock jumped 1 h ahead", role: .status)
            return [.clock(.jump(.seconds(3600)))]
        case .jumpDay:
            setStatus("clock jumped 24 h ahead", role: .status)
            return [.clock(.jump(.seconds(86_400)))]
        case .putItem:
            guard let table = writeTable else { setStatus("no table selected", role: .warning); return [] }
            mode = .prompt(.putItem(table: table), LineEditor(history: histories["put"] ?? []))
        case .updateItem:
            guard let b = browser, let item = selectedItem else { setStatus("no item selected", role: .warning); return [] }
            mode = .prompt(.updateItem(table: b.table, key: keyOf(item, in: b.table)), LineEditor(history: histories["update"] ?? []))
        case .editItem:
            guard let b = browser, let item = selectedItem else { setStatus("no item selected", role: .warning); return [] }
            return [.editItem(table: b.table, item: item, asDynamoJSON: b.showDynamoJSON)]
        case .deleteItem:
            guard let b = browser, let item = selectedItem else { setStatus("no item selected", role: .warning); return [] }
            let key = keyOf(item, in: b.table)
            mode = .confirm(question: "delete \(Format.key(key)) from \(b.table)? (y/n)", effect: .deleteItem(table: b.table, key: key))
        case .createTable:
            mode = .prompt(.createTable, LineEditor(history: histories["create"] ?? []))
        case .toggleStream:
            guard let t = selectedTable else { return [] }
            if t.streamViewType != nil {
                mode = .confirm(question: "disable the stream of \(t.name)? (y/n)", effect: .setStream(table: t.name, viewType: nil))
            } else {
                mode = .confirm(question: "enable a NEW_AND_OLD_IMAGES stream on \(t.name)? (y/n)", effect: .setStream(table: t.name, viewType: .newAndOldImages))
            }
        case .cycleViewType:
            guard let t = selectedTable else { return [] }
            let all = StreamViewType.allCases
            let next = t.streamViewType.map { all[(all.firstIndex(of: $0).map { $0 + 1 } ?? 0) % all.count] } ?? .newAndOldImages
            mode = .confirm(question: "switch \(t.name)'s stream to \(next.rawValue)? A new stream replaces the old one (y/n)", effect: .setStream(table: t.name, viewType: next))
        case .toggleGenerator:
            if generator != nil {
                generator = nil
                setStatus("write generator stopped", role: .status)
                return [.generator(nil)]
            }
            guard let table = writeTable else { setStatus("no table selected", role: .warning); return [] }
            var g = generatorSettings
            g.table = table
            generator = g
            setStatus("write generator: \(g.summary)", role: .status)
            return [.generator(g)]
        case .yankKey: return yank(.key)
        case .yankImage: return yank(.image)
        case .yankSequence: return yank(.sequence)
        case .toggleJSONFormat:
            browser?.showDynamoJSON.toggle()
        case .toggleUnchanged: showsUnchanged.toggle()
        case .nextPage:
            guard var b = browser, let last = b.lastKey else { setStatus("last page", role: .muted); return [] }
            b.previousStarts.append(b.startKey)
            b.startKey = last
            b.isLoading = true
            browser = b
            return [.scan(table: b.table, startKey: last, limit: Self.pageSize)]
        case .previousPage:
            guard var b = browser, let previous = b.previousStarts.popLast() else { setStatus("first page", role: .muted); return [] }
            b.startKey = previous
            b.isLoading = true
            browser = b
            return [.scan(table: b.table, startKey: previous, limit: Self.pageSize)]
        case .sortNext:
            guard var b = browser else { return [] }
            let columns = ItemColumns.names(for: b.items, table: table(named: b.table))
            if let current = b.sortColumn, let i = columns.firstIndex(of: current) {
                b.sortColumn = i + 1 < columns.count ? columns[i + 1] : nil
            } else {
                b.sortColumn = columns.first
            }
            browser = b
            applySort()
            setStatus(b.sortColumn.map { "sorted by \($0)" } ?? "scan order", role: .status)
        }
        return []
    }

    /// The table a put or generator goes to from here.
    var writeTable: String? {
        switch context {
        case .items, .item: browser?.table
        case .flow: selectedFlowRecord?.tableName ?? snapshot.tables.first?.name
        default: selectedTable?.name
        }
    }

    mutating func pauseLive() {
        isLivePaused = true
        pausedAtTotal = flow.totalAppended
        if isFollowing {
            flowPosition.cursor = max(0, flowVisibleIDs.count - 1)
            isFollowing = false
        }
        flowPosition.clamp(count: flowVisibleIDs.count, visible: flowListRows)
    }

    mutating func resumeLive() {
        isLivePaused = false
        isFollowing = true
        if let s = pendingSnapshot {
            pendingSnapshot = nil
            apply(snapshot: s)
        }
    }

    mutating func moveCursor(by delta: Int) {
        let visible = bodyHeight - 1
        switch context {
        case .tables: tablesPosition.move(by: delta, count: visibleTables.count, visible: visible)
        case .items:
            guard var b = browser else { return }
            b.position.move(by: delta, count: visibleItems.count, visible: visible)
            browser = b
        case .item:
            guard var b = browser else { return }
            b.detailScroll = max(0, b.detailScroll + max(-1000, min(1000, delta)))
            browser = b
        case .shards: shardsPosition.move(by: delta, count: shardRows.count, visible: bodyHeight - 3)
        case .retention: retentionScroll = max(0, retentionScroll + max(-1000, min(1000, delta)))
        case .flow:
            let count = flowVisibleIDs.count
            if delta < 0 && !isLivePaused { pauseLive() }  // scrolling up pauses the live tail
            if isFollowing {
                flowPosition.cursor = max(0, count - 1)
                isFollowing = false
            }
            flowPosition.move(by: delta, count: flowVisibleIDs.count, visible: flowListRows)
            // Moving down onto the newest record of a live tail goes back to following it.
            if !isLivePaused && flowPosition.cursor >= flowVisibleIDs.count - 1 { isFollowing = true }
        }
    }

    mutating func open() -> [MonitorEffect] {
        switch context {
        case .tables:
            guard let t = selectedTable else { return [] }
            browser = ItemBrowser(table: t.name)
            stack.append(.items)
            return [.scan(table: t.name, startKey: nil, limit: Self.pageSize)]
        case .items:
            guard selectedItem != nil else { return [] }
            browser?.detailScroll = 0
            stack.append(.item)
        case .shards:
            break
        case .flow:
            if let r = selectedFlowRecord, selectStream(ofTable: r.tableName) {
                if let i = shardRows.firstIndex(where: { $0.shard.shardId == r.shardId }) {
                    shardsPosition.cursor = i
                }
                stack = [.shards]
            }
        default: break
        }
        return []
    }

    enum YankTarget { case key, image, sequence }

    mutating func yank(_ target: YankTarget) -> [MonitorEffect] {
        var text: String?
        var what = ""
        switch context {
        case .items, .item:
            if let b = browser, let item = selectedItem {
                switch target {
                case .key: text = keyOf(item, in: b.table).plainJSONText; what = "key"
                case .image: text = b.showDynamoJSON ? item.dynamoJSONText : item.plainJSONText; what = "item JSON"
                case .sequence: break
                }
            }
        case .flow:
            if let r = selectedFlowRecord?.record {
                switch target {
                case .key: text = r.keys.plainJSONText; what = "key"
                case .image: text = (r.newImage ?? r.oldImage ?? r.keys).plainJSONText; what = r.newImage != nil ? "new image" : r.oldImage != nil ? "old image" : "keys"
                case .sequence: text = r.sequenceNumber.description; what = "sequence number"
                }
            }
        default: break
        }
        guard let text else { setStatus("nothing to copy here", role: .warning); return [] }
        setStatus("copied \(what) (\(text.utf8.count) bytes) to the clipboard", role: .status)
        return [.copyToClipboard(text)]
    }

    // MARK: - Prompts

    mutating func submit(_ kind: PromptKind, _ text: String) -> [MonitorEffect] {
        do throws(DynamoError) {
            switch kind {
            case .putItem(let table):
                let item = try AttributeMap(jsonText: text)
                return [.putItem(table: table, item: item)]
            case .updateItem(let table, let key):
                let parts = text.split(separator: ";", maxSplits: 1)
                let expression = parts.first.map { String($0).trimmingSpaces } ?? ""
                guard !expression.isEmpty else { throw DynamoError.validation("an update expression is required, e.g. SET total = total + :n ; {\":n\": 1}") }
                var values: [String: AttributeValue] = [:]
                if parts.count == 2 {
                    values = try AttributeMap(jsonText: String(parts[1]).trimmingSpaces).dictionary
                }
                return [.updateItem(table: table, key: key, updateExpression: expression, values: values)]
            case .createTable:
                return [try MonitorCommands.createTableEffect(text.split(separator: " ").map(String.init))]
            }
        } catch {
            setStatus("✖ \(error.code.rawValue): \(error.message)", role: .error)
            return []
        }
    }
}
