import Outputs

/// A figure reduced to what can be drawn, shared by the SVG and the ASCII renderers.
///
/// Building the model is where robustness lives: NaN and infinite values are dropped (a line is
/// broken where one was), values ≤ 0 are dropped on a log axis, arrays of mismatched length are
/// cut to the shorter, and every series gets a style number (its colour in SVG, its glyph in
/// ASCII): the report-wide colour of its name when ``SeriesColours`` are given, else its place
/// among the figure's series.
///
/// When a figure has bars (or its x axis names categories), the x axis shows categories; lines
/// and points over such an axis use their x values as category positions (0 is the first
/// category), and histograms, which need a numeric x axis, are left out and counted in
/// ``omittedMarkCount``. A figure with a heat map shows the heat map alone.
struct ChartModel: Sendable {
    struct BarSeriesModel: Sendable {
        var name: String
        /// The series' place among the figure's series: the legend's order.
        var order: Int
        var style: Int
        /// One entry per category; nil where the value is missing, NaN or infinite.
        var values: [Double?]
    }

    struct Bin: Sendable {
        var lower: Double
        var upper: Double
        var count: Double
    }

    struct HistogramModel: Sendable {
        var name: String
        var order: Int
        var style: Int
        var bins: [Bin]
    }

    struct Point: Sendable {
        var x: Double
        var y: Double
        var label: String?
    }

    struct LineModel: Sendable {
        var name: String
        var order: Int
        var style: Int
        var dashed: Bool
        /// Runs of drawable points; the line is broken between runs.
        var segments: [[Point]]
    }

    struct PointsModel: Sendable {
        var name: String
        var order: Int
        var style: Int
        var points: [Point]
    }

    struct LegendEntry: Sendable {
        enum Symbol: Sendable { case box, line(dashed: Bool), dot }
        var name: String
        var order: Int
        var style: Int
        var symbol: Symbol
    }

    /// A heat map's cells, and the range of their values.
    struct HeatmapModel: Sendable {
        var name: String
        var columns: [String]
        var rows: [String]
        /// Row by row, top to bottom; nil where a cell has no value.
        var values: [[Double?]]
        var lower: Double
        var upper: Double

        /// Where `value` falls between the smallest (0) and the largest (1) value.
        func fraction(of value: Double) -> Double {
            upper > lower ? min(max((value - lower) / (upper - lower), 0), 1) : 0.5
        }
    }

    enum XScale: Sendable {
        case categories([String])
        case numeric(AxisScale)
    }

    var title: String
    var xAxis: Axis
    var yAxis: Axis
    var bars: [BarSeriesModel] = []
    var histograms: [HistogramModel] = []
    var lines: [LineModel] = []
    var points: [PointsModel] = []
    var rules: [Rule] = []
    /// Entries for a legend; empty when the figure has fewer than two named series.
    var legend: [LegendEntry] = []
    var xScale: XScale?
    var yScale: AxisScale?
    /// The heat map, when the figure has one; nothing else is drawn then.
    var heatmap: HeatmapModel?
    /// Marks that this kind of chart cannot show (histograms over categories, anything beside a
    /// heat map).
    var omittedMarkCount = 0

    /// True when nothing at all can be drawn.
    var isEmpty: Bool {
        if let heatmap { return heatmap.values.allSatisfy { $0.allSatisfy { $0 == nil } } }
        guard xScale != nil, let yScale else { return true }
        let hasBars = bars.contains { $0.values.contains { $0.flatMap(yScale.fraction(of:)) != nil } }
        return !hasBars && histograms.allSatisfy(\.bins.isEmpty) 
            && lines.allSatisfy(\.segments.isEmpty) && points.allSatisfy(\.points.isEmpty) && rules.isEmpty
    }

    var categories: [String] {
        if case .categories(let names) = xScale { names } else { [] }
    }

    /// Reduces `figure` to drawable data.
    /// - Parameters:
    ///   - figure: the figure as a step produced it.
    ///   - xTickTarget: about how many tick intervals the x axis should have.
    ///   - yTickTarget: about how many tick intervals the y axis should have.
    ///   - colours: the report-wide colour of each series name; by default none, which styles
    ///     series by their place in the figure.
    /// - Complexity: O(n) in the number of data values.
    init(_ figure: Figure, xTickTarget: Int, yTickTarget: Int, colours: SeriesColours = SeriesColours()) {
        title = figure.title
        xAxis = figure.xAxis
        yAxis = figure.yAxis
        if let first = figure.marks.lazy.compactMap(\.heatmap).first {
            heatmap = Self.heatmap(first)
            omittedMarkCount = figure.marks.count - 1
            return
        }
        // Bars first, because their categories decide what x means for every other mark; their
        // series come first in the legend.
        let categoryNames: [String]
        (categoryNames, bars) = Self.mergedBars(figure.marks, axisCategories: figure.xAxis.categories)
        let isCategorical = !figure.xAxis.categories.isEmpty
            || figure.marks.contains { if case .bars = $0 { true } else { false } }
        addSeries(of: figure, isCategorical: isCategorical)
        assignStyles(colours)
        legend = Self.legendEntries(bars: bars, histograms: histograms, lines: lines, points: points)
        yScale = Self.yScale(figure, bars: bars, histograms: histograms, lines: lines, points: points, rules: rules,
                             targetTickCount: yTickTarget)

        if isCategorical {
            xScale = categoryNames.isEmpty ? nil : .categories(categoryNames)
        } else {
            var xValues: [Double] = histograms.flatMap { $0.bins.flatMap { [$0.lower, $0.upper] } }
            xValues += lines.flatMap { $0.segments.flatMap { $0.map(\.x) } }
            xValues += points.flatMap { $0.points.map(\.x) }
            xValues += rules.filter { $0.orientation == .vertical }.map(\.at)
            xScale = AxisScale.covering(xValues, scale: figure.xAxis.scale, includesZero: figure.xAxis.includesZero,
                                        format: figure.xAxis.format, targetTickCount: xTickTarget).map { .numeric($0) }
        }
    }

    /// Adds the figure's histograms, lines, points and rules, in order after the bars.
    private mutating func addSeries(of figure: Figure, isCategorical: Bool) {
        var nextOrder = bars.count
        func takeOrder() -> Int {
            defer { nextOrder += 1 }
            return nextOrder
        }
        let xScale: Axis.Scale = isCategorical ? .linear : figure.xAxis.scale
        for mark in figure.marks {
            switch mark {
            case .bars, .heatmap:
                break
            case .histogram(let histogram):
                guard !isCategorical else {
                    omittedMarkCount += 1
                    continue
                }
                let order = takeOrder()
                histograms.append(HistogramModel(
                    name: histogram.name, order: order, style: order,
                    bins: Self.bins(of: histogram, yScale: figure.yAxis.scale)
                ))
            case .line(let series):
                let order = takeOrder()
                lines.append(LineModel(
                    name: series.name, order: order, style: order, dashed: series.dashed,
                    segments: Self.segments(of: series, xScale: xScale, yScale: figure.yAxis.scale)
                ))
            case .points(let series):
                let order = takeOrder()
                points.append(PointsModel(
                    name: series.name, order: order, style: order,
                    points: Self.segments(of: series, xScale: xScale, yScale: figure.yAxis.scale).flatMap { $0 }
                ))
            case .rule(let rule):
                let scale = rule.orientation == .horizontal ? figure.yAxis.scale : xScale
                if Self.drawable(rule.at, on: scale) != nil { rules.append(rule) }
            }
        }
    }

    /// Gives each named series its report-wide colour, and each other one (unnamed, or a name
    /// `colours` lacks) the first colour no other series of this figure has.
    private mutating func assignStyles(_ colours: SeriesColours) {
        // (order, name) of every series; the others take free colours in the figure's order.
        var series = bars.map { ($0.order, $0.name) } + histograms.map { ($0.order, $0.name) }
        series += lines.map { ($0.order, $0.name) } + points.map { ($0.order, $0.name) }
        var taken = Set(series.compactMap { colours.style(of: $0.1) })
        var styleOfOrder: [Int: Int] = [:]
        for (order, name) in series.sorted(by: { $0.0 < $1.0 }) {
            if let style = colours.style(of: name) {
                styleOfOrder[order] = style
            } else {
                let free = (0...).first { !taken.contains($0) } ?? 0
                taken.insert(free)
                styleOfOrder[order] = free
            }
        }
        for index in bars.indices { bars[index].style = styleOfOrder[bars[index].order] ?? 0 }
        for index in histograms.indices { histograms[index].style = styleOfOrder[histograms[index].order] ?? 0 }
        for index in lines.indices { lines[index].style = styleOfOrder[lines[index].order] ?? 0 }
        for index in points.indices { points[index].style = styleOfOrder[points[index].order] ?? 0 }
    }

    /// The y scale covering every drawable value, with room below bars on a log axis.
    private static func yScale(
        _ figure: Figure, bars: [BarSeriesModel], histograms: [HistogramModel], lines: [LineModel],
        points: [PointsModel], rules: [Rule], targetTickCount: Int
    ) -> AxisScale? {
        var yValues: [Double] = bars.flatMap { $0.values.compactMap(\.self) }
        yValues += histograms.flatMap { $0.bins.map(\.count) }
        yValues += lines.flatMap { $0.segments.flatMap { $0.map(\.y) } }
        yValues += points.flatMap { $0.points.map(\.y) }
        yValues += rules.filter { $0.orientation == .horizontal }.map(\.at)
        if figure.yAxis.scale == .log, let smallest = bars.flatMap({ $0.values.compactMap(\.self) }).filter({ $0 > 0 }).min() {
            // Bars on a log axis grow from its lower bound: keep that a step below the smallest
            // bar, so that bar still shows.
            yValues.append(smallest / 2)
        }
        let needsZero = figure.yAxis.includesZero || !bars.isEmpty || !histograms.isEmpty
        return AxisScale.covering(yValues, scale: figure.yAxis.scale, includesZero: needsZero,
                                  format: figure.yAxis.format, targetTickCount: targetTickCount)
    }

    /// The sentence shown under a chart that had to leave marks out.
    var omittedMarksNote: String {
        if heatmap != nil {
            return omittedMarkCount == 1 ? "1 other mark is not drawn: a heat map is drawn alone."
                : "\(omittedMarkCount) other marks are not drawn: a heat map is drawn alone."
        }
        return omittedMarkCount == 1 ? "1 histogram is not drawn: histograms need a numeric x axis, not categories."
            : "\(omittedMarkCount) histograms are not drawn: histograms need a numeric x axis, not categories."
    }

    /// A value of the x axis as text: a date on a date axis, else a number.
    func xText(_ value: Double) -> String {
        xAxis.format == .date ? DateTicks.text(value) : ChartNumberFormat.value(value)
    }

    /// A value of the y axis as text.
    func yText(_ value: Double) -> String {
        yAxis.format == .date ? DateTicks.text(value) : ChartNumberFormat.value(value)
    }

    /// `value` if it can be drawn on an axis with `scale`, else nil.
    static func drawable(_ value: Double, on scale: Axis.Scale) -> Double? {
        guard value.isFinite, scale == .linear || value > 0 else { return nil }
        return value
    }

    /// The categories of the x axis and all bar marks, and one model per bar series. The axis's
    /// categories, or else the first mark's, are kept by position, repeated names included;
    /// later marks are matched to them by name, and names they add are appended. Series are
    /// ordered 0, 1, … as they come.
    private static func mergedBars(
        _ marks: [Mark], axisCategories: [String]
    ) -> (categories: [String], series: [BarSeriesModel]) {
        var categories = axisCategories
        var firstPosition: [String: Int] = [:]
        for (position, name) in axisCategories.enumerated() where firstPosition[name] == nil {
            firstPosition[name] = position
        }
        var series: [BarSeriesModel] = []
        var isFirstMark = axisCategories.isEmpty
        for case .bars(let mark) in marks {
            var positions: [Int] = []
            for name in mark.categories {
                if !isFirstMark, let existing = firstPosition[name] {
                    positions.append(existing)
                    continue
                }
                if firstPosition[name] == nil { firstPosition[name] = categories.count }
                positions.append(categories.count)
                categories.append(name)
            }
            isFirstMark = false
            for named in mark.series {
                // Values ≤ 0 stay: a log axis does not draw them, but still shows their value.
                var values = [Double?](repeating: nil, count: categories.count)
                for (position, value) in zip(positions, named.values) where value.isFinite {
                    values[position] = value
                }
                series.append(BarSeriesModel(name: named.name, order: series.count, style: series.count, values: values))
            }
        }
        for index in series.indices where series[index].values.count < categories.count {
            series[index].values += Array(repeating: nil, count: categories.count - series[index].values.count)
        }
        return (categories, series)
    }

    /// The bins of `histogram` that can be drawn: finite, increasing edges and a drawable count.
    private static func bins(of histogram: Histogram, yScale: Axis.Scale) -> [Bin] {
        zip(zip(histogram.edges, histogram.edges.dropFirst()), histogram.counts).compactMap { edges, count in
            let (lower, upper) = edges
            guard lower.isFinite, upper.isFinite, lower < upper, drawable(count, on: yScale) != nil else { return nil }
            return Bin(lower: lower, upper: upper, count: count)
        }
    }

    /// Splits a series into runs of drawable points.
    private static func segments(of series: Series, xScale: Axis.Scale, yScale: Axis.Scale) -> [[Point]] {
        var segments: [[Point]] = []
        var current: [Point] = []
        for index in 0..<min(series.x.count, series.y.count) {
            guard let x = drawable(series.x[index], on: xScale), let y = drawable(series.y[index], on: yScale) else {
                if !current.isEmpty { segments.append(current) }
                current = []
                continue
            }
            let label = index < series.labels.count && !series.labels[index].isEmpty ? series.labels[index] : nil
            current.append(Point(x: x, y: y, label: label))
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    private static func legendEntries(
        bars: [BarSeriesModel], histograms: [HistogramModel], lines: [LineModel], points: [PointsModel]
    ) -> [LegendEntry] {
        var entries = bars.map { LegendEntry(name: $0.name, order: $0.order, style: $0.style, symbol: .box) }
        entries += histograms.map { LegendEntry(name: $0.name, order: $0.order, style: $0.style, symbol: .box) }
        entries += lines.map {
            LegendEntry(name: $0.name, order: $0.order, style: $0.style, symbol: .line(dashed: $0.dashed))
        }
        entries += points.map { LegendEntry(name: $0.name, order: $0.order, style: $0.style, symbol: .dot) }
        entries.removeAll { $0.name.isEmpty }
        return entries.count >= 2 ? entries.sorted { $0.order < $1.order } : []
    }

    /// The heat map's cells row by row, and the range of its drawable values.
    private static func heatmap(_ heatmap: Heatmap) -> HeatmapModel {
        let values = heatmap.rows.indices.map { row in
            heatmap.columns.indices.map { heatmap.value(row: row, column: $0) }
        }
        let present = values.joined().compactMap(\.self)
        return HeatmapModel(
            name: heatmap.name, columns: heatmap.columns, rows: heatmap.rows, values: values,
            lower: present.min() ?? 0, upper: present.max() ?? 0
        )
    }
}

extension Mark {
    /// The heat map this mark is, if it is one.
    var heatmap: Heatmap? {
        if case .heatmap(let heatmap) = self { heatmap } else { nil }
    }
}
