import Frames
import Outputs
import RecbookSupport

/// Bar charts: a bar per row (`y` given), a bar per value counting its rows (no `y`), or
/// grouped bars per value of a `series` column.
extension ChartBuilder {
    /// Bars before ordering: each bar's category of x, and its value in each series.
    private struct Bars {
        var codes: [Int]
        var series: [NamedValues]
    }

    mutating func barFigure() throws -> Figure {
        let x = ChartCategories(try column(step.x))
        let series = try seriesCategories()
        let bars: Bars
        if step.y.isEmpty {
            bars = countedBars(x, series: series)
        } else if let series, let y = step.y.first {
            bars = try pivotedBars(x, series: series, y: y)
        } else {
            bars = try rowBars(x)
        }
        let order = ordered(bars, labelRanks: ChartCategories.places(of: x.labelOrder()))
        guard order.count <= ChartLimits.bars else {
            throw error("\(Format.grouped(order.count)) bars are more than the \(ChartLimits.bars) a bar chart draws; keep the first ones with `top` (after `sort: descending`, the largest), or group the table first", at: "x")
        }
        let values = bars.series.map { series in NamedValues(series.name, order.map { series.values[$0] }) }
        if step.logY {
            try requirePositive(values.flatMap { $0.values.filter { !$0.isNaN } }, column: yNames, parameter: "log_y")
        }
        return Figure(
            title: (step.y.isEmpty ? "Rows" : yNames) + " by " + step.x.name,
            xAxis: Axis(step.x.name), yAxis: valueYAxis(step.y.isEmpty ? "rows" : yNames),
            marks: [.bars(BarSeries(categories: order.map { x.names[bars.codes[$0]] }, series: values))]
        )
    }

    /// The bars in the order `sort` asks for, cut to `top`: positions in `bars`.
    /// - Parameter labelRanks: each category's place in label order.
    private func ordered(_ bars: Bars, labelRanks: [Int]) -> [Int] {
        var order = Array(bars.codes.indices)
        let first = bars.series.first?.values ?? []
        switch step.sort {
        case .none:
            break
        case .label:
            order.sort { (labelRanks[bars.codes[$0]], $0) < (labelRanks[bars.codes[$1]], $1) }
        case .ascending, .descending:
            let descending = step.sort == .descending
            // Bars without a value go last either way; ties keep table order.
            order.sort { a, b in
                switch (first[a].isNaN, first[b].isNaN) {
                case (false, false) where first[a] != first[b]: return descending ? first[a] > first[b] : first[a] < first[b]
                case (true, false): return false
                case (false, true): return true
                default: return a < b
                }
            }
        }
        if let top = step.top { order = Array(order.prefix(top)) }
        return order
    }

    /// A bar per value of x, as tall as its number of rows; with `series`, a bar per series.
    private mutating func countedBars(_ x: ChartCategories, series: ChartCategories?) -> Bars {
        var counts = [[Double]](repeating: Array(repeating: 0, count: x.count), count: series?.count ?? 1)
        for (row, code) in x.codes.enumerated() {
            let seriesCode = series.map { $0.codes[row] } ?? 0
            guard code >= 0, seriesCode >= 0 else {
                skippedRows += 1
                continue
            }
            counts[seriesCode][code] += 1
        }
        let names = series?.names ?? [""]
        return Bars(codes: Array(0..<x.count), series: zip(names, counts).map { NamedValues($0, $1) })
    }

    /// A bar per value of x and of the `series` column, as tall as the one row holding both.
    private mutating func pivotedBars(_ x: ChartCategories, series: ChartCategories, y name: ColumnName) throws -> Bars {
        let y = try numbers(name, parameter: "y")
        var values = [[Double]](repeating: Array(repeating: .nan, count: x.count), count: series.count)
        var owner = [[Int]](repeating: Array(repeating: -1, count: x.count), count: series.count)
        for row in 0..<frame.rowCount {
            let code = x.codes[row], seriesCode = series.codes[row]
            guard code >= 0, seriesCode >= 0 else {
                skippedRows += 1
                continue
            }
            if owner[seriesCode][code] >= 0 {
                throw error("rows \(owner[seriesCode][code] + 1) and \(row + 1) of the table are both the bar for \(step.x.name) = '\(x.names[code])', \(step.series?.name ?? "series") = '\(series.names[seriesCode])'; a bar chart with `y` needs one row per bar — group the table by both columns first", at: "x")
            }
            owner[seriesCode][code] = row
            values[seriesCode][code] = y[row]
        }
        return Bars(codes: Array(0..<x.count), series: zip(series.names, values).map { NamedValues($0, $1) })
    }

    /// A bar per row with a value of x, in table order, with a series per y column.
    private mutating func rowBars(_ x: ChartCategories) throws -> Bars {
        let rows = x.codes.indices.filter { x.codes[$0] >= 0 }
        skippedRows += frame.rowCount - rows.count
        // Without `top` every row is a bar: refuse a long table before copying it.
        if step.top == nil, rows.count > ChartLimits.bars {
            throw error("\(Format.grouped(rows.count)) rows are more than the \(ChartLimits.bars) bars a bar chart draws (with `y`, each row is a bar); keep the first ones with `top` (after `sort: descending`, the largest), or group the table first", at: "x")
        }
        var series: [NamedValues] = []
        for name in step.y {
            let values = try numbers(name, parameter: "y")
            series.append(NamedValues(name.name, rows.map { values[$0] }))
        }
        return Bars(codes: rows.map { x.codes[$0] }, series: series)
    }
}
