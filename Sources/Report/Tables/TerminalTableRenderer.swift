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
    /// The widest a line may be; nil for no limit. A wider table loses columns from its middle,
    /// an equal number kept on either side of one `...` column as pandas does in a terminal,
    /// and gets its shape line so the reader knows how many there are.
    public var maxWidth: Int?

    /// - Parameters:
    ///   - maxCellWidth: the widest a cell may be; at least 3.
    ///   - maxWidth: the widest a line may be; nil for no limit.
    public init(maxCellWidth: Int = 40, maxWidth: Int? = nil) {
        self.maxCellWidth = max(3, maxCellWidth)
        self.maxWidth = maxWidth
    }

    /// The table as lines joined by newlines, without a trailing newline and without trailing
    /// spaces.
    public func render(_ table: TableOutput) -> String {
        let layout = TableLayout(table)
        var index: [String]?
        if layout.showsIndex {
            var labels = [layout.cornerText]
            if layout.hasIndexNameRow { labels.append(table.indexName ?? "") }
            for row in layout.rows {
                switch row {
                case .row(let row): labels.append(row.label ?? "")
                case .ellipsis: labels.append(TableLayout.ellipsis)
                }
            }
            index = labels.map(flattened)
        }
        let slots = fitted(layout.columns, layout: layout, indexWidth: index.map(Self.width))
        var columns: [[String]] = index.map { [$0] } ?? []
        var alignments: [TerminalText.Alignment] = index == nil ? [] : [.left]
        for slot in slots {
            columns.append(column(slot, layout: layout))
            alignments.append(layout.isNumeric(slot) || slot == .ellipsis ? .right : .left)
        }

        let widths = columns.map(Self.width)
        let lineCount = columns.first?.count ?? 0
        var lines: [String] = []
        for lineIndex in 0..<lineCount {
            let cells = columns.indices.map { column in
                TerminalText.padded(columns[column][lineIndex], toWidth: widths[column], alignment: alignments[column])
            }
            lines.append(TerminalText.trimmingTrailingSpaces(cells.joined(separator: "  ")))
        }
        let dataColumns = { (slots: [TableLayout.ColumnSlot]) in slots.filter { $0 != .ellipsis }.count }
        if table.showsShape || dataColumns(slots) < dataColumns(layout.columns) {
            lines.append("")
            lines.append(table.shapeDescription)
        }
        return lines.joined(separator: "\n")
    }

    /// One column's cells, header first, each on one line and cut to ``maxCellWidth``.
    private func column(_ slot: TableLayout.ColumnSlot, layout: TableLayout) -> [String] {
        var column = [layout.name(of: slot)]
        if layout.hasIndexNameRow { column.append("") }
        for row in layout.rows {
            switch row {
            case .row(let row): column.append(layout.cell(row, slot))
            case .ellipsis: column.append(TableLayout.ellipsis)
            }
        }
        return column.map(flattened)
    }

    /// The columns to draw within ``maxWidth``: all of them when they fit, else the most that
    /// fit as the first k and the last k around one ellipsis column (at least one on the left).
    private func fitted(_ slots: [TableLayout.ColumnSlot], layout: TableLayout, indexWidth: Int?) -> [TableLayout.ColumnSlot] {
        guard let maxWidth else { return slots }
        let widths = slots.map { Self.width(column($0, layout: layout)) }
        func lineWidth(_ chosen: [Int]) -> Int {
            let cells = (indexWidth.map { [$0] } ?? []) + chosen
            return cells.reduce(0, +) + 2 * max(0, cells.count - 1)
        }
        guard lineWidth(widths) > maxWidth, slots.count > 1 else { return slots }
        let ellipsisWidth = TableLayout.ellipsis.count
        var keep = (slots.count - 1) / 2
        while keep > 1 {
            let chosen = Array(widths.prefix(keep)) + [ellipsisWidth] + Array(widths.suffix(keep))
            if lineWidth(chosen) <= maxWidth { break }
            keep -= 1
        }
        let right = slots.count > 2 ? keep : 0
        var result = Array(slots.prefix(max(1, keep)))
        if result.last != .ellipsis { result.append(.ellipsis) }
        for slot in slots.suffix(right) where !(slot == .ellipsis && result.last == .ellipsis) {
            result.append(slot)
        }
        return result
    }

    private static func width(_ column: [String]) -> Int {
        column.map(TerminalText.width).max() ?? 0
    }

    /// A cell on one line, cut to ``maxCellWidth``.
    private func flattened(_ text: String) -> String {
        let oneLine = text.contains(where: \.isNewline)
            ? text.split(whereSeparator: \.isNewline).joined(separator: " ") : text
        return TerminalText.truncated(oneLine, toWidth: maxCellWidth)
    }
}
