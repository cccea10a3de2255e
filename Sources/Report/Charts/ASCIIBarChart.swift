import Foundation
import Outputs

/// Horizontal bars for a terminal: one line per category and series, grouped by category.
///
/// ```
/// Drama   │██████████████████████ 4361
/// Comedy  │█████████████████▌ 3756
/// ```
///
/// The longest bar fills the space left after the labels and values. On a linear axis bars grow
/// from zero (left of the `│` for negative values); on a log axis from the decade below the
/// smallest value. Missing values show `n/a`. A horizontal rule becomes a `┆` column.
struct ASCIIBarChart {
    static let maxLabelColumns = 24

    let model: ChartModel
    let width: Int

    func lines() -> [String] {
        let valueTexts = model.bars.map { series in
            series.values.map { $0.map(ChartNumberFormat.value) ?? "n/a" }
        }
        let valueWidth = valueTexts.flatMap { $0.map(TerminalText.width) }.max() ?? 0
        // A line is: label, a space, the axis and the bar, a space, the value. Labels give way
        // so that bars keep at least 10 cells.
        let labelLimit = max(1, min(Self.maxLabelColumns, width - 3 - valueWidth - 10))
        let categories = model.categories.map { TerminalText.truncated($0, toWidth: labelLimit) }
        let labelWidth = categories.map(TerminalText.width).max() ?? 0
        let cells = max(1, width - labelWidth - 3 - valueWidth)
        let axis = BarAxis(model: model, cells: cells)

        var lines: [String] = []
        let isLog = model.yAxis.scale == .log
        if !model.xAxis.label.isEmpty || !model.yAxis.label.isEmpty || isLog {
            let valueTitle = model.yAxis.label + (isLog ? (model.yAxis.label.isEmpty ? "" : " ") + "(log scale)" : "")
            let categoryTitle = TerminalText.truncated(model.xAxis.label, toWidth: max(1, labelWidth))
            lines.append(TerminalText.padded(model.xAxis.label.isEmpty ? "" : categoryTitle,
                                             toWidth: labelWidth, alignment: .left) + "  " + valueTitle)
        }
        for (index, category) in categories.enumerated() {
            for (slot, series) in model.bars.enumerated() {
                let label = slot == 0 ? category : ""
                let fill = ChartPalette.barFill(forStyle: series.style)
                let bar = axis.cells(for: series.values[index], fill: fill)
                lines.append(TerminalText.padded(label, toWidth: labelWidth, alignment: .left) + " "
                             + bar + " " + valueTexts[slot][index])
            }
        }
        for rule in model.rules where rule.orientation == .horizontal {
            let name = rule.label.isEmpty ? "" : rule.label + " "
            lines.append(String(repeating: " ", count: labelWidth + 1) + "┆ " + name + "at "
                         + ChartNumberFormat.value(rule.at))
        }
        return lines
    }
}

/// Maps bar values to runs of cells, with the `│` axis at the column of zero (or of the log
/// axis's lower bound).
private struct BarAxis {
    let cells: Int
    let scale: Axis.Scale
    let lower: Double
    let upper: Double
    /// Cells to the left of the axis column.
    let zeroColumn: Int
    let ruleColumns: [Int]

    init(model: ChartModel, cells: Int) {
        self.cells = cells
        scale = model.yAxis.scale
        let values = model.bars.flatMap { $0.values.compactMap(\.self) }
            + model.rules.filter { $0.orientation == .horizontal }.map(\.at)
        switch scale {
        case .linear:
            lower = min(0, values.min() ?? 0)
            upper = max(0, values.max() ?? 0)
        case .log:
            // From the decade strictly below the smallest value, so that every bar shows.
            let positive = values.filter { $0 > 0 }
            upper = positive.max() ?? 10
            lower = pow(10, log10(positive.min() ?? 1).rounded(.up) - 1)
        }
        let lowerExtent = scale == .linear ? Self.scaled(-lower, lower: 0, upper: upper - lower, cells: cells) : 0
        zeroColumn = lowerExtent
        var rules: [Int] = []
        for rule in model.rules where rule.orientation == .horizontal {
            rules.append(Self.column(of: rule.at, scale: scale, lower: lower, upper: upper, cells: cells,
                                     zeroColumn: lowerExtent))
        }
        ruleColumns = rules
    }

    /// The bar for `value`: `zeroColumn` cells, the axis, then the rest, without trailing spaces
    /// beyond the bar's end (rule markers excepted).
    func cells(for value: Double?, fill: Character) -> String {
        var row = [Character](repeating: " ", count: cells + 1)
        row[zeroColumn] = "│"
        if let value, let end = endColumn(of: value) {
            if end > zeroColumn {
                for column in (zeroColumn + 1)...end { row[column] = fill }
            } else if end < zeroColumn {
                for column in end..<zeroColumn { row[column] = fill }
            }
        }
        for column in ruleColumns where (0...cells).contains(column) && row[column] == " " {
            row[column] = "┆"
        }
        let lastFilled = row.lastIndex { $0 != " " } ?? zeroColumn
        return String(row[...lastFilled])
    }

    /// The last column a bar for `value` fills (the axis column for zero), or nil for a value
    /// a log axis cannot show.
    private func endColumn(of value: Double) -> Int? {
        if scale == .log, value <= 0 { return nil }
        return Self.column(of: value, scale: scale, lower: lower, upper: upper, cells: cells, zeroColumn: zeroColumn)
    }

    private static func column(
        of value: Double, scale: Axis.Scale, lower: Double, upper: Double, cells: Int, zeroColumn: Int
    ) -> Int {
        switch scale {
        case .linear:
            let length = scaled(abs(value), lower: 0, upper: upper - lower, cells: cells)
            return value >= 0 ? min(cells, zeroColumn + length) : max(0, zeroColumn - length)
        case .log:
            let fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
            guard value > 0, fraction.isFinite else { return 0 }
            return min(cells, max(0, Int((min(max(fraction, 0), 1) * Double(cells)).rounded())))
        }
    }

    /// `value`'s share of `upper - lower`, in whole cells.
    private static func scaled(_ value: Double, lower: Double, upper: Double, cells: Int) -> Int {
        let span = upper - lower
        guard span > 0, span.isFinite else { return 0 }
        let fraction = (value - lower) / span
        guard fraction.isFinite else { return 0 }
        return min(cells, max(0, Int((min(max(fraction, 0), 1) * Double(cells)).rounded())))
    }
}
