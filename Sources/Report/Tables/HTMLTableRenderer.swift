import Outputs

/// Renders a ``TableOutput`` as an HTML table that looks like pandas' `_repr_html_`: a header
/// row, the index column as bold `<th>` cells, a row with the index name under the header when
/// the index is named (and the column axis's name in the corner, as pandas shows pivots), `...`
/// cells where rows or columns were left out, and "N rows × M columns" under elided tables.
///
/// Numeric columns carry the class `num` and are right-aligned by the report's stylesheet. The
/// table sits in a `div.table-scroll`, which scrolls sideways when the table is wider than the
/// page. Every cell, name and label is escaped.
public enum HTMLTableRenderer {
    /// The table as HTML.
    public static func render(_ table: TableOutput) -> String {
        node(for: table).rendered()
    }

    static func node(for table: TableOutput) -> MarkupNode {
        let layout = TableLayout(table)
        var headerRows: [MarkupNode] = []
        var firstRow: [MarkupNode] = []
        if layout.showsIndex {
            firstRow.append(.element("th", ["class": "corner"], text: layout.cornerText))
        }
        for slot in layout.columns {
            firstRow.append(.element("th", ["class": classes(layout, slot)], text: layout.name(of: slot)))
        }
        headerRows.append(.element("tr", firstRow))
        if layout.hasIndexNameRow {
            var cells: [MarkupNode] = [.element("th", ["class": "index-name"], text: table.indexName ?? "")]
            cells += layout.columns.map { _ in MarkupNode.element("th") }
            headerRows.append(.element("tr", cells))
        }

        let bodyRows = layout.rows.map { rowSlot -> MarkupNode in
            switch rowSlot {
            case .row(let row):
                var cells: [MarkupNode] = []
                if layout.showsIndex { cells.append(.element("th", text: row.label ?? "")) }
                for slot in layout.columns {
                    cells.append(.element("td", ["class": classes(layout, slot)], text: layout.cell(row, slot)))
                }
                return .element("tr", cells)
            case .ellipsis:
                var cells: [MarkupNode] = []
                if layout.showsIndex { cells.append(.element("th", text: TableLayout.ellipsis)) }
                for slot in layout.columns {
                    cells.append(.element("td", ["class": classes(layout, slot)], text: TableLayout.ellipsis))
                }
                return .element("tr", ["class": "ellipsis"], cells)
            }
        }

        let tableNode = MarkupNode.element("table", ["class": "dataframe"], [
            .element("thead", headerRows),
            .element("tbody", bodyRows),
        ])
        return .fragment([
            .element("div", ["class": "table-scroll"], [tableNode]),
            table.showsShape ? .element("p", ["class": "table-shape"], text: table.shapeDescription) : .empty,
        ])
    }

    private static func classes(_ layout: TableLayout, _ slot: TableLayout.ColumnSlot) -> String? {
        switch slot {
        case .ellipsis: "ellipsis"
        case .column: layout.isNumeric(slot) ? "num" : nil
        }
    }
}
