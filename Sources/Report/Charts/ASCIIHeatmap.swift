/// A heat map drawn in a terminal with the shades ` ░▒▓█`, lightest for the smallest values.
///
/// ```
/// mean rating: ' ' [2, 2.4)  ░ [2.4, 2.8)  ▒ [2.8, 3.2)  ▓ [3.2, 3.6)  █ [3.6, 4]  · no value
///         1995 1996 1997
/// Action  ████ ▒▒▒▒ ░░░░
/// Comedy  ▓▓▓▓  ·
/// ```
///
/// Column names go above the cells when they fit side by side, and are written downwards
/// otherwise. Columns that do not fit in the width are left out, and a line says how many.
struct ASCIIHeatmap {
    static let maxRowLabelColumns = 16
    /// The most characters of a column name written downwards.
    static let maxVerticalLabelRows = 8

    let heatmap: ChartModel.HeatmapModel
    let width: Int

    func lines() -> [String] {
        let rowTexts = heatmap.rows.map {
            TerminalText.truncated($0, toWidth: min(Self.maxRowLabelColumns, max(1, width / 3)))
        }
        let labelWidth = rowTexts.map(TerminalText.width).max() ?? 0
        let available = max(1, width - labelWidth - 1)
        let widestColumnName = heatmap.columns.map(TerminalText.width).max() ?? 0
        let horizontalCell = min(8, widestColumnName + 1)
        let columnCount = heatmap.columns.count
        let upright = horizontalCell * columnCount <= available
        let cellWidth = upright ? horizontalCell : (2 * columnCount <= available ? 2 : 1)
        let shown = min(columnCount, available / cellWidth)
        let indent = String(repeating: " ", count: labelWidth + 1)

        var lines = legend()
        if upright {
            lines.append(indent + heatmap.columns.map {
                TerminalText.padded(TerminalText.truncated($0, toWidth: cellWidth - 1), toWidth: cellWidth, alignment: .left)
            }.joined())
        } else {
            lines += verticalHeader(columns: shown, cellWidth: cellWidth).map { indent + $0 }
        }
        for (row, values) in heatmap.values.enumerated() {
            let cells = values.prefix(shown).map { value -> String in
                guard let value else { return TerminalText.padded("·", toWidth: cellWidth, alignment: .left) }
                let shade = ChartPalette.shades[ChartPalette.shadeIndex(at: heatmap.fraction(of: value))]
                return String(repeating: shade, count: cellWidth)
            }
            lines.append(TerminalText.padded(rowTexts[row], toWidth: labelWidth, alignment: .left) + " " + cells.joined())
        }
        if shown < columnCount {
            let left = columnCount - shown
            lines.append("(\(left) more column\(left == 1 ? " is" : "s are") drawn only in the HTML report)")
        }
        return lines
    }

    /// The first `columns` column names written downwards, one character per line.
    private func verticalHeader(columns: Int, cellWidth: Int) -> [String] {
        let names = heatmap.columns.prefix(columns).map {
            Array(TerminalText.truncated($0, toWidth: Self.maxVerticalLabelRows))
        }
        let height = names.map(\.count).max() ?? 0
        return (0..<height).map { line in
            names.map { characters -> String in
                guard line < characters.count else { return String(repeating: " ", count: cellWidth) }
                let character = characters[line]
                let text = TerminalText.width(of: character) > cellWidth ? "…" : String(character)
                return TerminalText.padded(text, toWidth: cellWidth, alignment: .left)
            }.joined()
        }
    }

    /// What each shade stands for: the range cut into as many equal parts as there are shades.
    private func legend() -> [String] {
        var entries: [String] = []
        let name = heatmap.name.isEmpty ? "" : heatmap.name + ":"
        if heatmap.upper > heatmap.lower {
            let count = ChartPalette.shades.count
            let bounds = (0...count).map {
                ChartNumberFormat.value(heatmap.lower + (heatmap.upper - heatmap.lower) * Double($0) / Double(count))
            }
            for (index, shade) in ChartPalette.shades.enumerated() {
                let symbol = shade == " " ? "' '" : String(shade)
                entries.append("\(symbol) [\(bounds[index]), \(bounds[index + 1])\(index == count - 1 ? "]" : ")")")
            }
        } else {
            let shade = ChartPalette.shades[ChartPalette.shadeIndex(at: heatmap.fraction(of: heatmap.lower))]
            entries.append("\(shade) \(ChartNumberFormat.value(heatmap.lower))")
        }
        if heatmap.values.contains(where: { $0.contains(nil) }) { entries.append("· no value") }
        return ASCIIChartRenderer.wrapped(name.isEmpty ? entries : [name] + entries, width: width)
    }
}
