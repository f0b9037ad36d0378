import DynamoModel
@testable import MonitorUI
import Testing

/// Every binding in the help table does what its help text says.
@Suite struct KeyHandlingTests {
    /// A fixture state inside `context`.
    static func state(in context: MonitorContext, readOnly: Bool = false) -> MonitorState {
        var s = Fixture.state(GridSize(width: 100, height: 30), readOnly: readOnly)
        Fixture.press(&s, .down)  // Orders
        switch context {
        case .tables: break
        case .items, .item:
            Fixture.press(&s, .enter)
            _ = s.handle(.scanPage(table: "Orders", startKey: nil, items: Fixture.orderItems, lastKey: ["pk": .s("user#17"), "sk": .n(DynamoNumber(1649))]))
            Fixture.press(&s, .down, .down)
            if context == .item { Fixture.press(&s, .enter) }
        case .shards: Fixture.press(&s, .character("2"))
        case .flow: Fixture.press(&s, .character("3"))
        case .retention: Fixture.press(&s, .character("4"))
        }
        #expect(s.context == context)
        return s
    }

    static var bindingCases: [KeyBinding] { KeyMap.standard.bindings }

    @Test(arguments: bindingCases)
    func everyBindingDoesWhatItsHelpSays(_ binding: KeyBinding) throws {
        for key in binding.keys {
            let context = preferredContext(binding)
            var s = Self.state(in: context)
            let effects = Fixture.press(&s, key)
            try check(binding.action, key: key, state: &s, effects: effects)
        }
    }

    func preferredContext(_ b: KeyBinding) -> MonitorContext {
        switch b.action {
        case .back, .updateItem, .deleteItem, .editItem, .toggleJSONFormat, .nextPage, .previousPage, .sortNext, .yankImage: .items
        case .left, .right: .shards
        case .pauseLive, .yankKey, .yankSequence, .toggleUnchanged, .tablesScreen, .bottom: .flow
        default: b.contexts.map { c in MonitorContext.allCases.first { c.contains($0) } ?? .tables } ?? .tables
        }
    }

    func check(_ action: MonitorAction, key: KeyPress, state s: inout MonitorState, effects: [MonitorEffect]) throws {
        let orderKey: AttributeMap = ["pk": .s("user#12"), "sk": .n(DynamoNumber(1614))]
        switch action {
        case .quit:
            #expect(effects == [.quit])
            #expect(!s.isRunning)
        case .help: #expect(s.isHelpVisible)
        case .commandLine:
            guard case .command = s.mode else { Issue.record("not in command mode"); return }
        case .filter:
            guard case .filter = s.mode else { Issue.record("not in filter mode"); return }
        case .back: #expect(s.context == .tables)
        case .redraw: #expect(effects == [.redrawAll])
        case .refresh: #expect(effects.contains(.refresh))
        case .tablesScreen: #expect(s.context == .tables)
        case .shardsScreen: #expect(s.context == .shards)
        case .flowScreen: #expect(s.context == .flow)
        case .retentionScreen: #expect(s.context == .retention)
        case .nextScreen: #expect(s.context == .shards)
        case .previousScreen: #expect(s.context == .retention)
        case .down: #expect(s.selectedTable?.name == "Sessions")
        case .up: #expect(s.selectedTable?.name == "Inventory")
        case .pageDown: #expect(s.selectedTable?.name == "Sessions")
        case .pageUp: #expect(s.selectedTable?.name == "Inventory")
        case .top: #expect(s.selectedTable?.name == "Inventory")
        case .bottom:
            // In Flow, G jumps to the newest record and resumes the live tail.
            #expect(!s.isLivePaused)
            #expect(s.selectedFlowRecord?.record.sequenceNumber == SequenceNumber(20_001))
        case .open:
            #expect(s.context == .items)
            #expect(effects == [.scan(table: "Orders", startKey: nil, limit: MonitorState.pageSize)])
        case .left, .right: #expect(s.currentStream?.tableName == "Sessions")
        case .pauseLive:
            #expect(s.isLivePaused)
            Fixture.press(&s, key)
            #expect(!s.isLivePaused)
        case .zoom: #expect(s.isZoomed)
        case .clockPause: #expect(effects == [.clock(.togglePause)])
        case .clockSlower: #expect(effects == [.clock(.setSpeed(10))])
        case .clockFaster: #expect(effects == [.clock(.setSpeed(300))])
        case .jumpHour: #expect(effects == [.clock(.jump(.seconds(3600)))])
        case .jumpDay: #expect(effects == [.clock(.jump(.seconds(86_400)))])
        case .putItem:
            #expect(s.mode == .prompt(.putItem(table: "Orders"), LineEditor()))
            Fixture.type(&s, #"{"pk": {"S": "user#99"}, "sk": {"N": "1"}}"#)
            let put = Fixture.press(&s, .enter)
            #expect(put == [.putItem(table: "Orders", item: ["pk": .s("user#99"), "sk": .n(DynamoNumber(1))])])
        case .updateItem:
            Fixture.type(&s, #"SET status = :s ; {":s": "PAID"}"#)
            let update = Fixture.press(&s, .enter)
            #expect(update == [.updateItem(table: "Orders", key: orderKey, updateExpression: "SET status = :s", values: [":s": .s("PAID")])])
        case .editItem:
            let item = try #require(Fixture.orderItems.first { $0["pk"] == .s("user#12") })
            #expect(effects == [.editItem(table: "Orders", item: item, asDynamoJSON: false)])
        case .deleteItem:
            guard case .confirm = s.mode else { Issue.record("delete did not ask first"); return }
            let delete = Fixture.press(&s, .character("y"))
            #expect(delete == [.deleteItem(table: "Orders", key: orderKey)])
        case .createTable:
            Fixture.type(&s, "Audit id:S at:N NEW_IMAGE")
            let create = Fixture.press(&s, .enter)
            #expect(create == [.createTable(name: "Audit", hashKey: KeyAttribute(name: "id", type: "S"), rangeKey: KeyAttribute(name: "at", type: "N"), streamViewType: .newImage)])
        case .toggleStream:
            guard case .confirm = s.mode else { Issue.record("stream toggle did not ask first"); return }
            #expect(Fixture.press(&s, .character("y")) == [.setStream(table: "Orders", viewType: nil)])
        case .cycleViewType:
            guard case .confirm = s.mode else { Issue.record("view type change did not ask first"); return }
            #expect(Fixture.press(&s, .character("y")) == [.setStream(table: "Orders", viewType: .keysOnly)])
        case .toggleGenerator:
            #expect(effects == [.generator(WriteGenerator(table: "Orders"))])
            #expect(Fixture.press(&s, key) == [.generator(nil)])
        case .yankKey: #expect(effects == [.copyToClipboard(#"{"sid":"s-9f3a"}"#)])
        case .yankImage: #expect(effects == [.copyToClipboard(try #require(Fixture.orderItems.first { $0["pk"] == .s("user#12") }).plainJSONText)])
        case .yankSequence: #expect(effects == [.copyToClipboard("100000000000000020001")])
        case .toggleJSONFormat: #expect(s.browser?.showDynamoJSON == true)
        case .toggleUnchanged: #expect(s.showsUnchanged)
        case .nextPage:
            #expect(effects == [.scan(table: "Orders", startKey: ["pk": .s("user#17"), "sk": .n(DynamoNumber(1649))], limit: MonitorState.pageSize)])
            #expect(Fixture.press(&s, .character("N")) == [.scan(table: "Orders", startKey: nil, limit: MonitorState.pageSize)])
        case .previousPage: #expect(effects.isEmpty && s.status?.text == "first page")
        case .sortNext: #expect(s.browser?.sortColumn == "pk")
        }
    }

    @Test func noKeyIsShadowedByAnotherBinding() {
        for binding in KeyMap.standard.bindings {
            for context in MonitorContext.allCases where binding.applies(in: context) {
                for key in binding.keys {
                    #expect(KeyMap.standard.binding(for: key, in: context)?.action == binding.action, "\(key) in \(context)")
                }
            }
        }
    }

    @Test func readOnlyRefusesEveryWriteKey() {
        for binding in KeyMap.standard.bindings where binding.isWrite {
            let context = preferredContext(binding)
            var s = Self.state(in: context, readOnly: true)
            let effects = Fixture.press(&s, binding.keys[0])
            #expect(effects.isEmpty)
            #expect(s.mode == .normal)
            #expect(s.status?.text.hasPrefix("read-only") == true)
        }
        var s = Self.state(in: .tables, readOnly: true)
        Fixture.press(&s, .character(":"))
        Fixture.type(&s, "create X id:S")
        #expect(Fixture.press(&s, .enter).isEmpty)
    }

    @Test func footerAndHelpComeFromTheKeyTable() {
        for context in MonitorContext.allCases {
            var s = Self.state(in: context)
            let footer = MonitorScreen.render(s, size: s.size, theme: .dark).line(s.size.height - 1)
            for item in KeyMap.standard.footer(in: context, readOnly: false).prefix(3) {
                #expect(footer.contains(item.key + " " + item.label))
            }
            Fixture.press(&s, .character("?"))
            let help = HelpView.lines(s).map(\.0).joined(separator: "\n")
            for b in KeyMap.standard.bindings(in: context, readOnly: false) {
                #expect(help.contains(b.help), "\(b.help) missing from help in \(context)")
            }
        }
    }

    @Test func escapeClosesHelpAndPromptsBeforeGoingBack() {
        var s = Self.state(in: .item)
        Fixture.press(&s, .character("?"))
        Fixture.press(&s, .escape)
        #expect(!s.isHelpVisible)
        #expect(s.context == .item)
        Fixture.press(&s, .character("u"), .escape)
        #expect(s.mode == .normal)
        Fixture.press(&s, .escape)
        #expect(s.context == .items)
        Fixture.press(&s, .escape)
        #expect(s.context == .tables)
    }
}

extension KeyBinding: CustomTestStringConvertible {
    public var testDescription: String { "\(keyLabel) \(action.rawValue)" }
}
