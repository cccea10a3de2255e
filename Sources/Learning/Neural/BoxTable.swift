/// A Rich table with a heavy header box and a rule between rows, laid out as Rich lays out a
/// table whose columns all have fixed widths.
struct BoxTable {
    let headers: [String]
    let rightAligned: [Bool]
    /// The width of each column's text, without padding.
    let contentWidths: [Int]

    init(headers: [String], rightAligned: [Bool], positions: [Double], lineLength: Int) {
        self.headers = headers
        self.rightAligned = rightAligned
        // Keras: each column ends at int(position × lineLength).
        var requested: [Int] = []
        var current = 0
        for position in positions {
            let end = Int((position * Double(lineLength)).rounded(.towardZero))
            requested.append(end - current)
            current = end
        }
        // Rich: a column is its width plus one space of padding each side; the borders take
        // columns + 1 characters; any excess is taken from the columns evenly.
        let cellWidths = requested.map { $0 + 2 }
        let available = lineLength - (positions.count + 1)
        let excess = cellWidths.reduce(0, +) - available
        let reduced = excess > 0
            ? Self.ratioReduce(excess, ratios: cellWidths.map { _ in 1 }, maximums: cellWidths, values: cellWidths)
            : cellWidths
        contentWidths = reduced.map { max($0 - 2, 1) }
    }

    /// Rich's `ratio_reduce`: takes `total` from `values` in proportion to `ratios`, each share
    /// at most its maximum, rounding half to even as Python does.
    static func ratioReduce(_ total: Int, ratios: [Int], maximums: [Int], values: [Int]) -> [Int] {
        let ratios = zip(ratios, maximums).map { $1 > 0 ? $0 : 0 }
        var totalRatio = ratios.reduce(0, +)
        guard totalRatio > 0 else { return values }
        var remaining = total
        var result: [Int] = []
        for (ratio, (maximum, value)) in zip(ratios, zip(maximums, values)) {
            if ratio > 0 && totalRatio > 0 {
                let share = (Double(ratio) * Double(remaining) / Double(totalRatio)).rounded(.toNearestOrEven)
                let distributed = min(maximum, Int(share))
                result.append(value - distributed)
                remaining -= distributed
                totalRatio -= ratio
            } else {
                result.append(value)
            }
        }
        return result
    }

    func render(rows: [[String]]) -> [String] {
        func rule(_ left: String, _ fill: String, _ join: String, _ right: String) -> String {
            left + contentWidths.map { String(repeating: fill, count: $0 + 2) }.joined(separator: join) + right
        }
        var lines = [rule("┏", "━", "┳", "┓")]
        lines += renderRow(headers, edge: "┃")
        lines.append(rule("┡", "━", "╇", "┩"))
        for (index, row) in rows.enumerated() {
            if index > 0 { lines.append(rule("├", "─", "┼", "┤")) }
            lines += renderRow(row, edge: "│")
        }
        lines.append(rule("└", "─", "┴", "┘"))
        return lines
    }

    private func renderRow(_ cells: [String], edge: String) -> [String] {
        let wrapped = zip(cells, contentWidths).map { Self.wrap($0, width: $1) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { line in
            let parts = wrapped.indices.map { column -> String in
                let text = line < wrapped[column].count ? wrapped[column][line] : ""
                let padding = String(repeating: " ", count: max(contentWidths[column] - text.count, 0))
                return " " + (rightAligned[column] ? padding + text : text + padding) + " "
            }
            return edge + parts.joined(separator: edge) + edge
        }
    }

    /// Rich's word wrap without folding: break before a word that does not fit in what is left
    /// of the line; a word longer than the whole width stays on its own line and is cut to
    /// `width − 1` characters followed by "…".
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in words(text) {
            let visible = word.count - word.reversed().prefix { $0 == " " }.count
            if width - line.count >= visible {
                line += word
            } else {
                if !line.isEmpty { lines.append(line) }
                line = word
            }
        }
        lines.append(line)
        return lines.map { line in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed.count > width ? String(trimmed.prefix(width - 1)) + "…" : trimmed
        }
    }

    /// Splits text into words, each with the spaces that follow it (Rich's `\s*\S+\s*`).
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character != " ", current.last == " " {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
