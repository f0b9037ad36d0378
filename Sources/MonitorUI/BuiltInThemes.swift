/// The themes shipped in `themes/`, compiled in so the binary works from any directory.
///
/// `BuiltInThemesTests` checks that each equals its file in `themes/` byte for byte.
enum BuiltInThemes {
    static let sources: [(name: String, text: String)] = [
        ("dark", #"""
# StreamScope theme: dark (the default). Roles: see README "Themes".
name = "dark"
background = "dark"

[normal]
fg = "default"
bg = "default"

[border]
fg = "#5C6370"

[title]
fg = "#61AFEF"
attrs = ["bold"]

[header]
fg = "#ABB2BF"
attrs = ["bold", "underline"]

[muted]
fg = "#7F848E"

[accent]
fg = "#E5C07B"
attrs = ["bold"]

[selection]
fg = "#FFFFFF"
bg = "#3E4451"
attrs = ["bold"]

[insert]
fg = "#98C379"

[modify]
fg = "#E5C07B"

[remove]
fg = "#E06C75"

[added]
fg = "#98C379"

[removed]
fg = "#E06C75"

[changed]
fg = "#E5C07B"

[expired]
fg = "#7F848E"
attrs = ["dim"]

[warning]
fg = "#D19A66"
attrs = ["bold"]

[error]
fg = "#E06C75"
attrs = ["bold"]

[open]
fg = "#98C379"

[closed]
fg = "#7F848E"

[status]
fg = "#ABB2BF"

[badge]
fg = "#282C34"
bg = "#E5C07B"
attrs = ["bold"]

[input]
fg = "#FFFFFF"
attrs = ["bold"]
"""#),
        ("light", #"""
# StreamScope theme: light, for light terminal backgrounds (no light greys on white).
name = "light"
background = "light"

[normal]
fg = "default"
bg = "default"

[border]
fg = "#8A8A8A"

[title]
fg = "#0033B3"
attrs = ["bold"]

[header]
fg = "#000000"
attrs = ["bold", "underline"]

[muted]
fg = "#5F5F5F"

[accent]
fg = "#870087"
attrs = ["bold"]

[selection]
fg = "#000000"
bg = "#D7E4FF"
attrs = ["bold"]

[insert]
fg = "#006400"

[modify]
fg = "#875F00"

[remove]
fg = "#AF0000"

[added]
fg = "#006400"

[removed]
fg = "#AF0000"

[changed]
fg = "#875F00"

[expired]
fg = "#6C6C6C"
attrs = ["italic"]

[warning]
fg = "#AF5F00"
attrs = ["bold"]

[error]
fg = "#AF0000"
attrs = ["bold"]

[open]
fg = "#006400"

[closed]
fg = "#5F5F5F"

[status]
fg = "#303030"

[badge]
fg = "#FFFFFF"
bg = "#875F00"
attrs = ["bold"]

[input]
fg = "#000000"
attrs = ["bold"]
"""#),
        ("high-contrast", #"""
# StreamScope theme: high contrast (projectors, low vision). Basic colours, bold everywhere that matters.
name = "high-contrast"
background = "dark"

[normal]
fg = "bright-white"
bg = "black"

[border]
fg = "bright-white"
bg = "black"

[title]
fg = "bright-yellow"
bg = "black"
attrs = ["bold"]

[header]
fg = "bright-white"
bg = "black"
attrs = ["bold", "underline"]

[muted]
fg = "white"
bg = "black"

[accent]
fg = "bright-cyan"
bg = "black"
attrs = ["bold"]

[selection]
fg = "black"
bg = "bright-yellow"
attrs = ["bold"]

[insert]
fg = "bright-green"
bg = "black"
attrs = ["bold"]

[modify]
fg = "bright-yellow"
bg = "black"
attrs = ["bold"]

[remove]
fg = "bright-red"
bg = "black"
attrs = ["bold"]

[added]
fg = "bright-green"
bg = "black"
attrs = ["bold"]

[removed]
fg = "bright-red"
bg = "black"
attrs = ["bold"]

[changed]
fg = "bright-yellow"
bg = "black"
attrs = ["bold"]

[expired]
fg = "white"
bg = "black"
attrs = ["underline"]

[warning]
fg = "black"
bg = "bright-yellow"
attrs = ["bold"]

[error]
fg = "bright-white"
bg = "red"
attrs = ["bold"]

[open]
fg = "bright-green"
bg = "black"
attrs = ["bold"]

[closed]
fg = "white"
bg = "black"

[status]
fg = "bright-white"
bg = "black"

[badge]
fg = "black"
bg = "bright-cyan"
attrs = ["bold"]

[input]
fg = "bright-white"
bg = "black"
attrs = ["bold", "underline"]
"""#),
        ("colour-blind-safe", #"""
# StreamScope theme: colour-blind safe (deuteranopia/protanopia). Diffs and events use
# blue/orange, never red/green; the screens always add + − ~ markers as well.
name = "colour-blind-safe"
background = "dark"

[normal]
fg = "default"
bg = "default"

[border]
fg = "#6C6C6C"

[title]
fg = "#56B4E9"
attrs = ["bold"]

[header]
fg = "default"
attrs = ["bold", "underline"]

[muted]
fg = "#8A8A8A"

[accent]
fg = "#F0E442"
attrs = ["bold"]

[selection]
fg = "#FFFFFF"
bg = "#3A3A5A"
attrs = ["bold"]

[insert]
fg = "#56B4E9"

[modify]
fg = "#F0E442"

[remove]
fg = "#E69F00"

[added]
fg = "#56B4E9"
attrs = ["bold"]

[removed]
fg = "#E69F00"
attrs = ["bold"]

[changed]
fg = "#F0E442"

[expired]
fg = "#8A8A8A"
attrs = ["dim"]

[warning]
fg = "#E69F00"
attrs = ["bold"]

[error]
fg = "#D55E00"
attrs = ["bold", "underline"]

[open]
fg = "#56B4E9"

[closed]
fg = "#8A8A8A"

[status]
fg = "default"

[badge]
fg = "#000000"
bg = "#F0E442"
attrs = ["bold"]

[input]
fg = "#FFFFFF"
attrs = ["bold"]
"""#),
        ("monochrome", #"""
# StreamScope theme: monochrome. No colours at all; meaning rides on glyphs and attributes.
# This is also what every theme degrades to under NO_COLOR.
name = "monochrome"
background = "dark"

[normal]

[border]
attrs = ["dim"]

[title]
attrs = ["bold"]

[header]
attrs = ["bold", "underline"]

[muted]
attrs = ["dim"]

[accent]
attrs = ["bold"]

[selection]
attrs = ["reverse"]

[insert]
attrs = ["bold"]

[modify]

[remove]
attrs = ["underline"]

[added]
attrs = ["bold"]

[removed]
attrs = ["underline"]

[changed]

[expired]
attrs = ["dim"]

[warning]
attrs = ["bold", "underline"]

[error]
attrs = ["bold", "reverse"]

[open]
attrs = ["bold"]

[closed]
attrs = ["dim"]

[status]

[badge]
attrs = ["reverse"]

[input]
attrs = ["underline"]
"""#),
    ]
}
