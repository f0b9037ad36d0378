import Foundation

extension Theme {
    /// Loads a theme by built-in name (`dark`, `light`, …) or from a file path.
    ///
    /// A name that is not built in is looked up as `themes/<name>.toml` under `themesDirectory`,
    /// then treated as a path.
    /// - Throws: ``ThemeError`` for an unreadable file (line 0) or a bad one (its line and key).
    public static func load(_ nameOrPath: String, themesDirectory: String = "themes") throws(ThemeError) -> Theme {
        if let theme = builtIn(nameOrPath) { return theme }
        let candidates = [themesDirectory + "/" + nameOrPath + ".toml", nameOrPath]
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ThemeError(file: path, line: 0, key: "", message: "cannot read the file")
            }
            return try Theme(parsing: String(decoding: data, as: UTF8.self), file: path)
        }
        throw ThemeError(
            file: nameOrPath, line: 0, key: "",
            message: "no such theme; built-in themes are \(builtInNames.joined(separator: ", ")), or give a path to a .toml file")
    }
}
