/// The size of a terminal or grid in cells.
public struct GridSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var description: String { "\(width)×\(height)" }
}

/// One cell of a ``ScreenGrid``: a character, its display width and its semantic style.
///
/// A wide character (CJK, most emoji) occupies two cells: the first holds the scalar with
/// `width == 2`, the second is a continuation cell with `width == 0`.
public struct Cell: Sendable, Hashable {
    public var scalar: Unicode.Scalar
    public var role: StyleRole
    /// 1 for normal cells, 2 for the first half of a wide character, 0 for its continuation.
    public var width: UInt8

    public init(scalar: Unicode.Scalar, role: StyleRole, width: UInt8 = 1) {
        self.scalar = scalar
        self.role = role
        self.width = width
    }

    /// A blank cell in the given role.
    public static func blank(_ role: StyleRole = .normal) -> Cell { Cell(scalar: " ", role: role) }
    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}

/// An in-memory screen: rows × columns of ``Cell``s that views draw into.
///
/// Views never talk to a terminal; a ``TerminalBackend`` copies the grid out, writing only the
/// cells that changed since its last frame. Drawing outside the grid is clipped silently.
public struct ScreenGrid: Sendable, Hashable {
    public let size: GridSize
    public private(set) var cells: [Cell]

    /// A grid of blank cells.
    public init(size: GridSize, fill: StyleRole = .normal) {
        self.size = size
        cells = Array(repeating: .blank(fill), count: size.width * size.height)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Writes `text` starting at (`x`, `y`), at most `maxWidth` cells wide (to the right edge by default).
    ///
    /// Control and zero-width characters are skipped (sanitise item data with
    /// ``DisplayText/sanitized(_:)`` first to make them visible). A wide character that would be
    /// split by the limit is replaced by a space.
    /// - Returns: the number of cells written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(size.width, maxWidth.map { x + max(0, $0) } ?? size.width)
        var column = x
        let rowBase = y * size.width
        for scalar in text.unicodeScalars {
            if column >= limit { break }
            let w = CharacterWidth.of(scalar)
            if w <= 0 { continue }
            if w == 2 {
                if column + 1 >= limit {
                    if column >= 0 { cells[rowBase + column] = Cell(scalar: " ", role: role) }
                    column += 1
                    break
                }
                if column >= 0 {
                    clearWideNeighbour(rowBase: rowBase, column: column)
                    clearWideNeighbour(rowBase: rowBase, column: column + 1)
                    cells[rowBase + column] = Cell(scalar: scalar, role: role, width: 2)
                    cells[rowBase + column + 1] = Cell(scalar: " ", role: role, width: 0)
                }
                column += 2
            } else {
                if column >= 0 {
                    clearWideNeighbour(rowBase: rowBase, column: column)
                    cells[rowBase + column] = Cell(scalar: scalar, role: role)
                }
                column += 1
            }
        }
        return max(0, column - x)
    }

    /// Overwriting half of a wide character blanks the other half, so no half-glyph remains.
    private mutating func clearWideNeighbour(rowBase: Int, column: Int) {
        let cell = cells[rowBase + column]
        if cell.width == 2, column + 1 < size.width {
            cells[rowBase + column + 1] = Cell(scalar: " ", role: cell.role)
        } else if cell.width == 0, column > 0 {
            cells[rowBase + column - 1] = Cell(scalar: " ", role: cells[rowBase + column - 1].role)
        }
    }

    /// Fills `count` cells of row `y` from `x` with `scalar` in `role`.
    public mutating func fill(x: Int = 0, y: Int, count: Int? = nil, scalar: Unicode.Scalar = " ", role: StyleRole) {
        guard y >= 0, y < size.height else { return }
        let start = max(0, x)
        let end = min(size.width, x + (count ?? size.width))
        guard start < end else { return }
        let rowBase = y * size.width
        if start > 0 { clearWideNeighbour(rowBase: rowBase, column: start) }
        if end < size.width { clearWideNeighbour(rowBase: rowBase, column: end - 1) }
        for c in start..<end { cells[rowBase + c] = Cell(scalar: scalar, role: role) }
    }

    /// Changes the role of `count` cells of row `y` from `x`, keeping their characters.
    public mutating func restyle(x: Int = 0, y: Int, count: Int? = nil, role: StyleRole) {
        guard y >= 0, y < size.height else { return }
        let start = max(0, x)
        let end = min(size.width, x + (count ?? size.width))
        guard start < end else { return }
        for c in start..<end { cells[y * size.width + c].role = role }
    }

    /// The text of row `y`, wide characters once, continuation cells skipped.
    public func line(_ y: Int) -> String {
        var s = String.UnicodeScalarView()
        for c in 0..<size.width {
            let cell = self[c, y]
            if !cell.isContinuation { s.append(cell.scalar) }
        }
        return String(s)
    }

    /// Every row's text.
    public var lines: [String] { (0..<size.height).map(line) }

    /// One style letter per cell for each row (see ``StyleRole/letter``); continuation cells repeat their letter.
    public var styleLines: [String] {
        (0..<size.height).map { y in
            String((0..<size.width).map { self[$0, y].role.letter })
        }
    }
}
