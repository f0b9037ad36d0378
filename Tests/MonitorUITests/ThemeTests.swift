import Foundation
import MonitorUI
import Testing

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

    @Test(arguments: ["dark", "light", "high-contrast", "colour-blind-safe", "monochrome"])
    func shippedThemeFileParsesAndMatchesTheCompiledCopy(_ name: String) throws {
        let url = Self.themesDirectory.appendingPathComponent(name + ".toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let theme = try Theme(parsing: text, file: url.path)
        #expect(theme.name == name)
        #expect(Theme.builtIn(name) == theme)
        for role in StyleRole.allCases { #expect(theme.styles[role] != nil, "\(name) lacks [\(role.rawValue)]") }
    }

    @Test func monochromeThemeUsesNoColourAndKeepsAttributes() throws {
        let theme = try #require(Theme.builtIn("monochrome"))
        for style in theme.styles.values {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
        #expect(theme.style(.selection).attributes.contains(.reverse))
    }

    @Test func colourBlindSafeThemeKeepsDiffsOffRedAndGreen() throws {
        let theme = try #require(Theme.builtIn("colour-blind-safe"))
        #expect(theme.style(.added).foreground == .rgb(0x56, 0xB4, 0xE9))
        #expect(theme.style(.removed).foreground == .rgb(0xE6, 0x9F, 0x00))
    }

    @Test func badThemeFileNamesFileLineAndKey() {
        let text = "name = \"x\"\n[border]\nfg = \"#12345\"\n"
        #expect(throws: ThemeError(file: "bad.toml", line: 3, key: "fg", message: "bad colour \"#12345\" (use default, a name such as red, #RRGGBB or 0-255)")) {
            try Theme(parsing: text, file: "bad.toml")
        }
        #expect(throws: ThemeError.self) { try Theme(parsing: "name = \"x\"\n[bordr]\n", file: "t.toml") }
        do {
            _ = try Theme(parsing: "name = \"x\"\n[title]\nattrs = [\"blink\"]\n", file: "t.toml")
            Issue.record("accepted an unknown attribute")
        } catch {
            #expect(error.line == 3 && error.key == "attrs")
            #expect(error.description.hasPrefix("t.toml:3: 'attrs'"))
        }
    }

    @Test func unknownThemeNameIsAClearError() {
        #expect(throws: ThemeError.self) { try Theme.load("no-such-theme", themesDirectory: "/nonexistent") }
        #expect((try? Theme.load("light"))?.name == "light")
    }

    @Test func coloursFallBackFromTrueColourTo256To8ToNone() {
        let orange = ThemeColor.rgb(255, 135, 0)
        #expect(orange.resolved(for: .trueColor) == orange)
        #expect(orange.resolved(for: .indexed256) == .indexed(208))
        #expect(orange.resolved(for: .basic8) == .indexed(3))
        #expect(orange.resolved(for: .monochrome) == nil)
        #expect(ThemeColor.rgb(0x61, 0xAF, 0xEF).resolved(for: .indexed256) == .indexed(75))
        #expect(ThemeColor.indexed(208).resolved(for: .basic8) == .indexed(3))  // never 208 % 8 == 0 (black)
        #expect(ThemeColor.terminalDefault.resolved(for: .basic8) == .terminalDefault)
    }

    @Test func noColorSelectsMonochrome() {
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .indexed256)
        #expect(ColorDepth.detect(colors: 16_777_216, environment: [:]) == .trueColor)
        #expect(ColorDepth.detect(colors: 8, environment: [:]) == .basic8)
        #expect(ColorDepth.detect(colors: 0, environment: [:]) == .monochrome)
    }
}
