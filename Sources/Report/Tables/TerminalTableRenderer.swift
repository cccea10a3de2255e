import Outputs

/// Renders a ``TableOutput`` as aligned plain-text columns for a terminal, in the manner of
/// pandas' text display: the index on the left, numeric columns right-aligned, `...` where rows
/// or columns were left out, and the shape underneath when the table was elided.
///
/// ```
///    movieId  title                     genres
/// 0        1  Toy Story (1995)          Adventure|Animation|Children|Comedy|Fantasy
/// ...    ...  ...                       ...
/// ```
public struct TerminalTableRenderer: Sendable {
    /// Cells wider than this many columns are cut and end in `…`.
    public var maxCellWidth: Int

    /// - Parameter maxCellWidth: the widest a cell may be; at least 3.
    public init(maxCellWidth: Int = 40) {
        self.maxCellWidth = max(3, maxCellWidth)
    }

    /// The table as lines joined by newlines, without a trailing newline and without trailing
    /// spaces.
    public func render(_ table: TableOutput) -> String {
        let layout = TableLayout(table)
        var columns: [[String]] = []
        var alignments: [TerminalText.Alignment] = []

        if layout.showsIndex {
            var index = [layout.cornerText]
            if layout.hasIndexNameRow { index.append(table.indexName ?? "") }
            for row in layout.rows {
                switch row {
                case .row(let row): index.append(row.label ?? "")
                case .ellipsis: index.append(TableLayout.ellipsis)
                }
            }
            columns.append(index)
            alignments.append(.left)
        }
        for slot in layout.columns {
            var column = [layout.name(of: slot)]
            if layout.hasIndexNameRow { column.append("") }
            for row in layout.rows {
                switch row {
                case .row(let row): column.append(layout.cell(row, slot))
                case .ellipsis: column.append(TableLayout.ellipsis)
                }
            }
            columns.append(column)
            alignments.append(layout.isNumeric(slot) || slot == .ellipsis ? .right : .left)
        }

        let cut = columns.map { $0.map { flattened($0) } }
        let widths = cut.map { $0.map(TerminalText.width).max() ?? 0 }
        let lineCount = cut.first?.count ?? 0
        var lines: [String] = []
        for lineIndex in 0..<lineCount {
            let cells = cut.indices.map { column in
                TerminalText.padded(cut[column][lineIndex], toWidth: widths[column], alignment: alignments[column])
            }
            lines.append(TerminalText.trimmingTrailingSpaces(cells.joined(separator: "  ")))
        }
        if table.showsShape {
            lines.append("")
            lines.append(table.shapeDescription)
        }
        return lines.joined(separator: "\n")
    }

    /// A cell on one line, cut to ``maxCellWidth``.
    private func flattened(_ text: String) -> String {
        let oneLine = text.contains(where: \.isNewline)
            ? text.split(whereSeparator: \.isNewline).joined(separator: " ") : text
        return TerminalText.truncated(oneLine, toWidth: maxCellWidth)
    }
}
