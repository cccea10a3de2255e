import Foundation
import Frames
import Outputs
import RecbookSupport

/// Line charts and scatter plots: `y` against `x`, one series per y column or per value of
/// the `series` column. Numbers and timestamps along x sit on a numeric (or date) axis; text
/// and booleans are categories, in order of first appearance.
extension ChartBuilder {
    /// One series' points, in table order.
    private struct PointSeries {
        var name: String
        var x: [Double] = []
        var y: [Double] = []
    }

    mutating func pointFigure() throws -> Figure {
        let xColumn = try column(step.x)
        let xAxis: Axis
        let xs: [Double]
        if let numbers = xColumn.chartNumbers() {
            xs = numbers
            xAxis = numericXAxis(xColumn.type)
        } else {
            let categories = try categories(step.x, parameter: "x", limit: ChartLimits.categories, what: "categories along x")
            xs = categories.codes.map { $0 < 0 ? .nan : Double($0) }
            xAxis = Axis(step.x.name, categories: categories.names)
        }
        var series = try pointSeries(xs)
        if step.logX { try requirePositive(series.lazy.flatMap(\.x), column: step.x.name, parameter: "log_x") }
        if step.logY { try requirePositive(series.lazy.flatMap(\.y), column: yNames, parameter: "log_y") }
        let marks: [Mark]
        if step.kind == .line {
            marks = series.map { .line(Series(name: $0.name, x: $0.x, y: $0.y)) }
        } else {
            try thin(&series)
            marks = series.map { .points(Series(name: $0.name, x: $0.x, y: $0.y)) }
        }
        return Figure(title: yNames + " against " + step.x.name, xAxis: xAxis, yAxis: valueYAxis(yNames), marks: marks)
    }

    /// The drawable points of each series: rows with an x and a y value. Lines are sorted by x
    /// and thinned to what a drawing up to ``ChartLimits/lineColumns`` pixels wide shows.
    private mutating func pointSeries(_ xs: [Double]) throws -> [PointSeries] {
        var series: [PointSeries] = []
        var used = [Bool](repeating: false, count: frame.rowCount)
        if let categories = try seriesCategories(), let name = step.y.first {
            let ys = try numbers(name, parameter: "y")
            series = categories.names.map { PointSeries(name: $0) }
            for row in 0..<frame.rowCount where categories.codes[row] >= 0 && xs[row].isFinite && ys[row].isFinite {
                series[categories.codes[row]].x.append(xs[row])
                series[categories.codes[row]].y.append(ys[row])
                used[row] = true
            }
        } else {
            for name in step.y {
                let ys = try numbers(name, parameter: "y")
                var points = PointSeries(name: name.name)
                for row in 0..<frame.rowCount where xs[row].isFinite && ys[row].isFinite {
                    points.x.append(xs[row])
                    points.y.append(ys[row])
                    used[row] = true
                }
                series.append(points)
            }
        }
        skippedRows += used.lazy.filter { !$0 }.count
        guard step.kind == .line else { return series }
        return series.map(sortedAndThinned)
    }

    /// A line's points in x order (table order among equal x), keeping only those that change
    /// how it is drawn at ``ChartLimits/lineColumns`` columns across its x range.
    private func sortedAndThinned(_ line: PointSeries) -> PointSeries {
        let order = line.x.indices.sorted { (line.x[$0], $0) < (line.x[$1], $1) }
        let position: (Double) -> Double = step.logX ? { log10($0) } : { $0 }
        let points = order.map { (x: position(line.x[$0]), y: line.y[$0]) }
        let span = (points.last?.x ?? 0) - (points.first?.x ?? 0)
        // A line at one x is one column; a range too wide for a Double is measured in units of
        // the largest Double, so that it is still thinned.
        let columnWidth = span == 0 ? 1 : span.isFinite ? span / Double(ChartLimits.lineColumns) : .greatestFiniteMagnitude
        let kept = PolylineDecimation.keptIndices(points, columnWidth: columnWidth)
        return PointSeries(name: line.name, x: kept.map { line.x[order[$0]] }, y: kept.map { line.y[order[$0]] })
    }

    /// Thins a scatter plot of more than ``ChartLimits/scatterPoints`` points to one point per
    /// cell of a grid ``ChartLimits/scatterGrid`` cells across each axis, per series.
    /// - Throws: when more points than the limit remain.
    private func thin(_ series: inout [PointSeries]) throws {
        let total = series.reduce(0) { $0 + $1.x.count }
        guard total > ChartLimits.scatterPoints else { return }
        let xCells = GridCells(series.flatMap(\.x), log: step.logX)
        let yCells = GridCells(series.flatMap(\.y), log: step.logY)
        for index in series.indices {
            var seen: Set<Int> = []
            var kept = PointSeries(name: series[index].name)
            for (x, y) in zip(series[index].x, series[index].y)
            where seen.insert(xCells.cell(x) * ChartLimits.scatterGrid + yCells.cell(y)).inserted {
                kept.x.append(x)
                kept.y.append(y)
            }
            series[index] = kept
        }
        let remaining = series.reduce(0) { $0 + $1.x.count }
        guard remaining <= ChartLimits.scatterPoints else {
            throw error("\(Format.grouped(total)) points are more than the \(Format.grouped(ChartLimits.scatterPoints)) a scatter plot draws, and \(Format.grouped(remaining)) remain after keeping one per pixel; filter or sample the table first, or draw `kind: heatmap` of grouped counts", at: "table")
        }
    }
}

/// Cuts the range of some values into ``ChartLimits/scatterGrid`` equal cells (in log10 for a
/// log axis) and says which cell a value falls in.
private struct GridCells {
    let lower: Double
    let width: Double
    let log: Bool

    init(_ values: [Double], log: Bool) {
        let positions = log ? values.map(log10) : values
        lower = positions.min() ?? 0
        let span = (positions.max() ?? 0) - lower
        width = span > 0 ? span / Double(ChartLimits.scatterGrid) : 1
        self.log = log
    }

    func cell(_ value: Double) -> Int {
        let position = log ? log10(value) : value
        let cell = ((position - lower) / width).rounded(.down)
        return cell.isFinite ? Int(min(max(cell, 0), Double(ChartLimits.scatterGrid - 1))) : 0
    }
}
