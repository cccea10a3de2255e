import Foundation

/// Where everything in an SVG chart goes: margins sized from the labels they must hold, the plot
/// rectangle, and the mapping from data values to coordinates.
///
/// Text widths are estimated (0.6 em per column, two for wide characters), which is close enough
/// for the system sans-serif fonts and keeps the layout independent of the machine.
struct SVGChartLayout {
    static let fontSize = 11.0
    static let titleFontSize = 15.0
    static let legendRowHeight = 18.0
    static let maxCategoryLabelColumns = 24
    /// Rotation of category labels that do not fit side by side, in degrees.
    static let categoryLabelAngle = 40.0

    let width: Double
    let height: Double
    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    let titleBaseline: Double?
    let legendItems: [LegendItem]
    let categoryLabels: CategoryLabels?

    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }

    struct LegendItem {
        var entry: ChartModel.LegendEntry
        /// The top-left corner of the item's symbol.
        var x: Double
        var y: Double
    }

    /// How category labels under a bar chart are drawn.
    struct CategoryLabels {
        /// Labels, cut to ``SVGChartLayout/maxCategoryLabelColumns`` columns.
        var texts: [String]
        var rotated: Bool
        /// Only every `every`-th label is drawn when they are too dense to read.
        var every: Int
        /// The height the labels take below the axis.
        var height: Double
    }

    /// Lays out a chart of `model` that is `width` wide with a plot `plotHeight` high.
    init(model: ChartModel, width: Double, plotHeight: Double) {
        self.width = width
        let hasTitle = !model.title.isEmpty
        titleBaseline = hasTitle ? 24 : nil
        var top = hasTitle ? 38.0 : 14.0

        let yTickColumns = model.yScale?.ticks.map { TerminalText.width($0.label) }.max() ?? 0
        let yTitleSpace = model.yAxis.label.isEmpty ? 0.0 : 20.0
        plotLeft = max(36, 12 + yTitleSpace + Self.textWidth(columns: yTickColumns) + 8)
        plotRight = width - 18

        // The legend sits in rows between the title and the plot, wrapping at the right margin.
        var items: [LegendItem] = []
        var x = plotLeft
        var rows = model.legend.isEmpty ? 0 : 1
        for entry in model.legend {
            let itemWidth = 18 + Self.textWidth(columns: TerminalText.width(entry.name)) + 16
            if x + itemWidth > plotRight, x > plotLeft {
                rows += 1
                x = plotLeft
            }
            items.append(LegendItem(entry: entry, x: x, y: top + Double(rows - 1) * Self.legendRowHeight))
            x += itemWidth
        }
        legendItems = items
        top += Double(rows) * Self.legendRowHeight + (rows > 0 ? 6 : 0)
        plotTop = top
        plotBottom = top + plotHeight

        var tickLabelHeight = 18.0
        let categories = model.categories
        if categories.isEmpty {
            categoryLabels = nil
        } else {
            let labels = Self.categoryLabels(categories, band: (plotRight - plotLeft) / Double(categories.count))
            categoryLabels = labels
            tickLabelHeight = labels.height
        }
        let xTitleSpace = model.xAxis.label.isEmpty ? 0.0 : 22.0
        let footnoteSpace = model.omittedMarkCount > 0 ? 16.0 : 0.0
        height = (plotBottom + tickLabelHeight + xTitleSpace + footnoteSpace + 8).rounded(.up)
    }

    /// How to write `names` under bands `band` wide: cut to ``maxCategoryLabelColumns``
    /// columns, upright when they fit, else turned, and thinned when even turned they would
    /// overlap.
    static func categoryLabels(_ names: [String], band: Double) -> CategoryLabels {
        let texts = names.map { TerminalText.truncated($0, toWidth: maxCategoryLabelColumns) }
        let widest = textWidth(columns: texts.map(TerminalText.width).max() ?? 0)
        guard widest + 6 > band else { return CategoryLabels(texts: texts, rotated: false, every: 1, height: 18) }
        // Rotated labels sit band × sin(angle) apart; below about 12 px they overlap.
        let sine = sin(categoryLabelAngle * .pi / 180)
        let every = max(1, Int((12 / max(band * sine, 0.01)).rounded(.up)))
        return CategoryLabels(texts: texts, rotated: true, every: every, height: widest * sine + 16)
    }

    /// The estimated width of text `columns` terminal columns wide, at `fontSize`.
    static func textWidth(columns: Int, fontSize: Double = fontSize) -> Double {
        Double(columns) * fontSize * 0.6
    }

    /// The x coordinate of `value` on a numeric axis, kept within the plot.
    func x(_ value: Double, on scale: AxisScale) -> Double? {
        scale.fraction(of: value).map { plotLeft + clamp($0) * plotWidth }
    }

    /// The y coordinate of `value`, kept within the plot.
    func y(_ value: Double, on scale: AxisScale) -> Double? {
        scale.fraction(of: value).map { plotBottom - clamp($0) * plotHeight }
    }

    /// The width of one category's band.
    func bandWidth(categoryCount: Int) -> Double {
        plotWidth / Double(max(1, categoryCount))
    }

    /// The x coordinate of the centre of category `position` (fractional positions allowed, for
    /// lines and points over categories), kept within the plot.
    func x(category position: Double, categoryCount: Int) -> Double {
        let band = bandWidth(categoryCount: categoryCount)
        return min(max(plotLeft + (position + 0.5) * band, plotLeft), plotRight)
    }

    private func clamp(_ fraction: Double) -> Double {
        min(max(fraction, 0), 1)
    }
}
