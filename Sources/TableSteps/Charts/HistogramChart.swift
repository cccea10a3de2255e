import Foundation
import Frames
import Outputs
import RecbookSupport

/// Histograms: how many rows fall in each bin of x, one histogram per value of `series`.
extension ChartBuilder {
    /// The default number of bins, NumPy's and pandas'.
    static let defaultBins = 10

    mutating func histogramFigure() throws -> Figure {
        let type = try column(step.x).type
        let xs = try numbers(step.x, parameter: "x")
        let series = try seriesCategories()
        var used: [(value: Double, series: Int)] = []
        for (row, value) in xs.enumerated() {
            let code = series.map { $0.codes[row] } ?? 0
            guard value.isFinite, code >= 0 else {
                skippedRows += 1
                continue
            }
            used.append((value, code))
        }
        if step.logX { try requirePositive(used.lazy.map(\.value), column: step.x.name, parameter: "log_x") }
        let edges = try binEdges(used.lazy.map(\.value), secondsPerUnit: type == .timestamp ? 86_400 : 1)
        let binCount = max(0, edges.count - 1)
        var counts = [[Double]](repeating: Array(repeating: 0, count: binCount), count: series?.count ?? 1)
        if binCount > 0 {
            for (value, code) in used { counts[code][Self.bin(of: value, edges: edges, log: step.logX)] += 1 }
        }
        let names = series?.names ?? [""]
        return Figure(
            title: "Distribution of " + step.x.name, xAxis: numericXAxis(type), yAxis: valueYAxis("rows"),
            marks: zip(names, counts).map { .histogram(Histogram(name: $0, edges: edges, counts: $1)) }
        )
    }

    /// The bin edges: `bins` equal bins from the smallest to the largest value (equal in log10
    /// on a log axis), or bins `bin_width` wide from a multiple of the width; none without values.
    /// - Parameter secondsPerUnit: the length of one unit of `bin_width` in x's units (a day
    ///   for timestamps).
    /// - Throws: when `bin_width` would make more than ``ChartLimits/bins`` bins.
    private func binEdges(_ values: some Sequence<Double>, secondsPerUnit: Double) throws -> [Double] {
        var lowest = Double.infinity, highest = -Double.infinity
        for value in values {
            lowest = min(lowest, value)
            highest = max(highest, value)
        }
        guard lowest <= highest else { return [] }
        if let width = step.binWidth.map({ $0 * secondsPerUnit }) {
            let start = (lowest / width).rounded(.down) * width
            // Half-open bins [start + i·width, start + (i+1)·width) up to one holding the largest.
            let last = ((highest - start) / width).rounded(.down)
            // Widths so small against the values that the arithmetic overflows count as too many.
            guard start.isFinite, last.isFinite, last >= 0, last < Double(ChartLimits.bins) else {
                let isDate = secondsPerUnit != 1
                func text(_ value: Double) -> String {
                    isDate ? CivilDateTime(secondsSinceEpoch: Int(value)).dateString : Format.number(value)
                }
                throw error("bins \(Format.number(step.binWidth ?? 0))\(isDate ? " days" : "") wide would cut '\(step.x)' (from \(text(lowest)) to \(text(highest))) into \(last.isFinite && last >= 0 ? Format.grouped(Int(min(last, 1e15)) + 1) : "too many") bins, more than the \(ChartLimits.bins) a histogram draws; give a wider 'bin_width'", at: "bin_width")
            }
            return (0...(Int(last) + 1)).map { start + Double($0) * width }
        }
        let count = step.bins ?? Self.defaultBins
        if step.logX {
            var (low, high) = (log10(lowest), log10(highest))
            if low == high { (low, high) = (low - 0.5, high + 0.5) }
            return Self.evenlySpaced(from: low, to: high, count: count).map { pow(10, $0) }
        }
        // A single value gets a bin one unit wide around it, as in NumPy.
        return lowest == highest ? Self.evenlySpaced(from: lowest - 0.5, to: highest + 0.5, count: count)
            : Self.evenlySpaced(from: lowest, to: highest, count: count)
    }

    /// `count + 1` edges from `lower` to `upper`, computed as NumPy's `linspace` computes them.
    private static func evenlySpaced(from lower: Double, to upper: Double, count: Int) -> [Double] {
        let step = (upper - lower) / Double(count)
        return (0..<count).map { lower + Double($0) * step } + [upper]
    }

    /// The bin of `value` among `edges`: bins are half-open except the last, which holds its
    /// upper edge, as in NumPy.
    static func bin(of value: Double, edges: [Double], log: Bool) -> Int {
        let count = edges.count - 1
        let (position, lower, upper) = log ? (log10(value), log10(edges[0]), log10(edges[count]))
            : (value, edges[0], edges[count])
        let estimate = ((position - lower) / (upper - lower) * Double(count)).rounded(.down)
        var bin = estimate.isFinite ? Int(min(max(estimate, 0), Double(count - 1))) : 0
        // The estimate can be one off where rounding puts a value next to an edge.
        if bin > 0, value < edges[bin] { bin -= 1 }
        if bin < count - 1, value >= edges[bin + 1] { bin += 1 }
        return bin
    }
}
