import Frames
import Outputs
import RecbookSupport

/// Heat maps: a cell per value of x (columns) and of y (rows), coloured by `value`.
extension ChartBuilder {
    /// Builds the heat map.
    ///
    /// A cell filled by two rows is an error rather than an average: which mean (of rows, of
    /// users, weighted or not) is the analyst's choice, and a silent one would hide a table
    /// that was not the one meant. A cell whose row has no value is left blank.
    mutating func heatmapFigure() throws -> Figure {
        guard let yName = step.y.first, let valueName = step.value else {
            throw error("\(step.kind.phrase) needs 'y' and 'value'", at: "kind")
        }
        let columns = try categories(step.x, parameter: "x", limit: ChartLimits.heatmapSide, what: "columns")
        let rows = try categories(yName, parameter: "y", limit: ChartLimits.heatmapSide, what: "rows")
        let values = try numbers(valueName, parameter: "value")
        let columnOrder = step.sort == .label ? columns.labelOrder() : Array(0..<columns.count)
        let rowOrder = step.sort == .label ? rows.labelOrder() : Array(0..<rows.count)
        let columnPlace = ChartCategories.places(of: columnOrder)
        let rowPlace = ChartCategories.places(of: rowOrder)

        var cells = [Double](repeating: .nan, count: columns.count * rows.count)
        var owner = [Int](repeating: -1, count: cells.count)
        for row in 0..<frame.rowCount {
            let column = columns.codes[row], line = rows.codes[row]
            guard column >= 0, line >= 0 else {
                skippedRows += 1
                continue
            }
            let cell = rowPlace[line] * columns.count + columnPlace[column]
            if owner[cell] >= 0 {
                throw error("rows \(owner[cell] + 1) and \(row + 1) of the table both fill the cell \(step.x.name) = '\(columns.names[column])', \(yName.name) = '\(rows.names[line])'; a heat map needs one row per cell — group the table by '\(step.x.name)' and '\(yName.name)' first (their mean, say)", at: "x")
            }
            owner[cell] = row
            cells[cell] = values[row]
        }
        return Figure(
            title: "\(valueName.name) by \(step.x.name) and \(yName.name)",
            xAxis: Axis(step.x.name), yAxis: Axis(yName.name),
            marks: [.heatmap(Heatmap(
                name: valueName.name, columns: columnOrder.map { columns.names[$0] },
                rows: rowOrder.map { rows.names[$0] }, values: cells
            ))]
        )
    }
}
