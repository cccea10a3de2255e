import Foundation

/// Draws a heat map as SVG: a grid of cells coloured on the sequential scale (see
/// ``ChartPalette/sequentialColor(at:)``), row names on the left, column names below, and a
/// colour scale from the smallest to the largest value above the grid.
///
/// Each cell carries its row, column and value as a tooltip. Cells without a value are left
/// blank, and the scale says so when there are any.
struct SVGHeatmap {
    private static let legendSegments = 32
    private static let legendSegmentWidth = 5.0

    let model: ChartModel
    let heatmap: ChartModel.HeatmapModel
    let width: Double
    let height: Double
    private let titleBaseline: Double?
    private let legendTop: Double
    private let plotLeft: Double
    private let plotRight: Double
    private let plotTop: Double
    private let cellHeight: Double
    private let rowLabelTexts: [String]
    private let rowLabelEvery: Int
    private let columnLabels: SVGChartLayout.CategoryLabels
    private let footnoteSpace: Double

    private var plotBottom: Double { plotTop + cellHeight * Double(heatmap.rows.count) }
    private var cellWidth: Double { (plotRight - plotLeft) / Double(max(1, heatmap.columns.count)) }

    /// Lays out `heatmap` (the model's) in a drawing `width` wide; the height follows from the
    /// number of rows: cells between 8 and 28 units high, about 300 in all.
    init(model: ChartModel, heatmap: ChartModel.HeatmapModel, width: Double) {
        self.model = model
        self.heatmap = heatmap
        self.width = width
        titleBaseline = model.title.isEmpty ? nil : 24
        legendTop = model.title.isEmpty ? 14 : 38
        plotTop = legendTop + SVGChartLayout.legendRowHeight + 6
        rowLabelTexts = heatmap.rows.map { TerminalText.truncated($0, toWidth: SVGChartLayout.maxCategoryLabelColumns) }
        let widestRow = SVGChartLayout.textWidth(columns: rowLabelTexts.map(TerminalText.width).max() ?? 0)
        let yTitleSpace = model.yAxis.label.isEmpty ? 0.0 : 20.0
        plotLeft = max(36, 12 + yTitleSpace + widestRow + 8)
        plotRight = width - 18
        cellHeight = min(28, max(8, 300 / Double(max(1, heatmap.rows.count))))
        // Row names need about 12 units each; denser rows are named every few rows.
        rowLabelEvery = max(1, Int((12 / cellHeight).rounded(.up)))
        columnLabels = SVGChartLayout.categoryLabels(
            heatmap.columns, band: (plotRight - plotLeft) / Double(max(1, heatmap.columns.count))
        )
        footnoteSpace = model.omittedMarkCount > 0 ? 16 : 0
        let xTitleSpace = model.xAxis.label.isEmpty ? 0.0 : 22.0
        height = (plotTop + cellHeight * Double(heatmap.rows.count) + columnLabels.height + xTitleSpace
                  + footnoteSpace + 8).rounded(.up)
    }

    /// Everything inside the `<svg>` element after its title.
    func node() -> MarkupNode {
        .fragment([
            SVGChartRenderer.title(model.title, titleBaseline, width: width),
            legend(),
            cells(),
            labels(),
            SVGChartRenderer.footnote(model, x: plotLeft, baseline: height - 8),
        ])
    }

    private func cells() -> MarkupNode {
        let gap = cellWidth > 4 && cellHeight > 4 ? 1.0 : 0
        var rects: [MarkupNode] = []
        for (row, values) in heatmap.values.enumerated() {
            for (column, value) in values.enumerated() {
                guard let value else { continue }
                let tooltip = heatmap.rows[row] + " × " + heatmap.columns[column] + ": " + ChartNumberFormat.value(value)
                rects.append(.element("rect", [
                    "x": (plotLeft + Double(column) * cellWidth + gap / 2).svg,
                    "y": (plotTop + Double(row) * cellHeight + gap / 2).svg,
                    "width": max(0, cellWidth - gap).svg, "height": max(0, cellHeight - gap).svg,
                    "fill": ChartPalette.sequentialColor(at: heatmap.fraction(of: value)),
                ], [.element("title", text: tooltip)]))
            }
        }
        return .element("g", ["class": "marks heatmap-cells"], rects)
    }

    /// The colour scale: the values' name, the smallest value, a bar of colours, the largest
    /// value, and a blank swatch for "no value" when some cell has none.
    private func legend() -> MarkupNode {
        var x = plotLeft
        let baseline = legendTop + 10
        var items: [MarkupNode] = []
        func text(_ content: String) {
            items.append(.element("text", ["x": x.svg, "y": baseline.svg], text: content))
            x += SVGChartLayout.textWidth(columns: TerminalText.width(content)) + 6
        }
        if !heatmap.name.isEmpty { text(heatmap.name + ":") }
        text(ChartNumberFormat.value(heatmap.lower))
        let segments = (0..<Self.legendSegments).map { index -> MarkupNode in
            let fraction = Double(index) / Double(Self.legendSegments - 1)
            return .element("rect", [
                "x": (x + Double(index) * Self.legendSegmentWidth).svg, "y": (legendTop + 1).svg,
                "width": Self.legendSegmentWidth.svg, "height": "10", "fill": ChartPalette.sequentialColor(at: fraction),
            ])
        }
        items.append(.element("g", ["class": "colour-scale"], segments))
        x += Double(Self.legendSegments) * Self.legendSegmentWidth + 6
        text(ChartNumberFormat.value(heatmap.upper))
        if heatmap.values.contains(where: { $0.contains(nil) }) {
            x += 10
            items.append(.element("rect", [
                "x": x.svg, "y": (legendTop + 1).svg, "width": "10", "height": "10", "fill": "none",
                "stroke": "currentColor", "stroke-opacity": "0.5",
            ]))
            x += 16
            text("no value")
        }
        return .element("g", ["class": "legend"], items)
    }

    private func labels() -> MarkupNode {
        var rowNames: [MarkupNode] = []
        for (row, text) in rowLabelTexts.enumerated() where row % rowLabelEvery == 0 {
            let middle = plotTop + (Double(row) + 0.5) * cellHeight
            let fullName: MarkupNode = text == heatmap.rows[row] ? .empty : .element("title", text: heatmap.rows[row])
            rowNames.append(.element("text", ["x": (plotLeft - 6).svg, "y": (middle + 4).svg, "text-anchor": "end"],
                                     [.text(text), fullName]))
        }
        let columnNames = SVGChartRenderer.categoryLabelNodes(columnLabels, names: heatmap.columns, below: plotBottom) {
            plotLeft + (Double($0) + 0.5) * cellWidth
        }
        let titles = SVGChartRenderer.axisTitles(
            x: model.xAxis.label, centredAt: (plotLeft + plotRight) / 2, baseline: height - 10 - footnoteSpace,
            y: model.yAxis.label, middle: (plotTop + plotBottom) / 2
        )
        return .element("g", ["class": "axes"], [
            .element("g", ["class": "tick-labels"], rowNames + columnNames),
            .fragment(titles),
        ])
    }
}
