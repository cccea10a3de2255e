import Outputs

/// Renders a ``TableOutput`` as a GitHub-flavoured Markdown table.
///
/// Cells are escaped so that data reads literally: `|` cannot end a cell early, and Markdown
/// punctuation (`* _ ` [ ] < > ~ & \`) cannot turn into emphasis, links or raw HTML. Line
/// breaks in a cell become spaces. Numeric columns are right-aligned (`---:`). GFM tables have one
/// header row, so a named index puts its name in the top-left cell (else the column axis's name
/// does).
public enum MarkdownTableRenderer {
    /// The table as Markdown, ending with a newline; the shape follows as a paragraph when the
    /// table was elided.
    public static func render(_ table: TableOutput) -> String {
        let layout = TableLayout(table)
        var header: [String] = []
        var alignment: [String] = []
        if layout.showsIndex {
            header.append(escape(table.indexName.flatMap { $0.isEmpty ? nil : $0 } ?? layout.cornerText))
            alignment.append("---")
        }
        for slot in layout.columns {
            header.append(escape(layout.name(of: slot)))
            alignment.append(layout.isNumeric(slot) ? "---:" : "---")
        }
        // A table with no columns at all has no valid GFM form.
        guard !header.isEmpty else { return table.shapeDescription + "\n" }
        var lines = [row(header), row(alignment)]
        for rowSlot in layout.rows {
            var cells: [String] = []
            switch rowSlot {
            case .row(let data):
                if layout.showsIndex { cells.append(escape(data.label ?? "")) }
                cells += layout.columns.map { escape(layout.cell(data, $0)) }
            case .ellipsis:
                cells = Array(repeating: TableLayout.ellipsis, count: header.count)
            }
            lines.append(row(cells))
        }
        var text = lines.joined(separator: "\n") + "\n"
        if table.showsShape { text += "\n" + table.shapeDescription + "\n" }
        return text
    }

    /// `text` with the characters that mean something in a GFM table cell backslash-escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "~", "&":
                result.append("\\")
                result.append(character)
            case _ where character.isNewline:
                result.append(" ")
            default:
                result.append(character)
            }
        }
        return result
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }
}
