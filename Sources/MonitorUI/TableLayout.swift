/// A column of a table widget.
struct Column {
    var title: String
    var width: Int
    var alignRight = false
    /// Lower numbers survive longer when the screen is narrow.
    var priority: Int

    init(_ title: String, width: Int, alignRight: Bool = false, priority: Int) {
        self.title = title
        self.width = max(width, CharacterWidth.of(title))
        self.alignRight = alignRight
        self.priority = priority
    }
}

/// One table cell's text and style.
struct TableCell {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// Column layout: which columns fit, and where. Columns drop by priority (rightmost and least
/// important first) so 80 columns never breaks a screen.
struct TableLayout {
    var columns: [Column]
    var visible: [Int] = []
    var xs: [Int] = []
    let gap = 2

    init(columns: [Column], x: Int, width: Int) {
        self.columns = columns
        var keep = Set(columns.indices)
        func total(_ set: Set<Int>) -> Int { set.reduce(0) { $0 + columns[$1].width } + gap * max(0, set.count - 1) }
        let byDrop = columns.indices.sorted { (columns[$0].priority, $0) > (columns[$1].priority, $1) }
        var i = 0
        while total(keep) > width, keep.count > 1, i < byDrop.count {
            keep.remove(byDrop[i])
            i += 1
        }
        visible = columns.indices.filter { keep.contains($0) }
        var cx = x
        for c in visible {
            xs.append(cx)
            cx += columns[c].width + gap
        }
        // The last column may use the rest of the row.
        if let last = visible.last, !columns[last].alignRight {
            let used = (xs.last ?? x) - x
            self.columns[last].width = max(self.columns[last].width, min(width - used, self.columns[last].width + 20))
            if used + columns[last].width > width { self.columns[last].width = max(1, width - used) }
        }
    }

    func drawHeader(into grid: inout ScreenGrid, y: Int) {
        for (k, c) in visible.enumerated() {
            let col = columns[c]
            grid.put(DisplayText.padded(col.title, to: col.width, alignRight: col.alignRight), x: xs[k], y: y, role: .header, maxWidth: col.width)
        }
    }

    func drawRow(_ cells: [TableCell], into grid: inout ScreenGrid, y: Int, selected: Bool = false) {
        for (k, c) in visible.enumerated() where c < cells.count {
            let col = columns[c]
            let cell = cells[c]
            let text = col.alignRight ? DisplayText.padded(cell.text, to: col.width, alignRight: true) : DisplayText.truncated(cell.text, to: col.width)
            grid.put(text, x: xs[k], y: y, role: selected ? .selection : cell.role, maxWidth: col.width)
        }
    }
}
