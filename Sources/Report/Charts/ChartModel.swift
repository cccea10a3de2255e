import Outputs

/// A figure reduced to what can be drawn, shared by the SVG and the ASCII renderers.
///
/// Building the model is where robustness lives: NaN and infinite values are dropped (a line is
/// broken where one was), values ≤ 0 are dropped on a log axis, arrays of mismatched length are
/// cut to the shorter, and every series gets a style number (its colour in SVG, its glyph in
/// ASCII) in the order it appears.
///
/// When a figure has bars, the x axis shows their categories; lines and points over such an
/// axis use their x values as category positions (0 is the first category), and histograms,
/// which need a numeric x axis, are left out and counted in ``omittedMarkCount``.
struct ChartModel: Sendable {
    struct BarSeriesModel: Sendable {
        var name: String
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
        var style: Int
        var dashed: Bool
        /// Runs of drawable points; the line is broken between runs.
        var segments: [[Point]]
    }

    struct PointsModel: Sendable {
        var name: String
        var style: Int
        var points: [Point]
    }

    struct LegendEntry: Sendable {
        enum Symbol: Sendable { case box, line(dashed: Bool), dot }
        var name: String
        var style: Int
        var symbol: Symbol
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
    /// Marks that this kind of axis cannot show (histograms over categories).
    var omittedMarkCount = 0

    /// True when nothing at all can be drawn.
    var isEmpty: Bool {
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
    /// - Complexity: O(n) in the number of data values.
    init(_ figure: Figure, xTickTarget: Int, yTickTarget: Int) {
        title = figure.title
        xAxis = figure.xAxis
        yAxis = figure.yAxis
        // Bars first, because their categories decide what x means for every other mark; their
        // series take the first styles.
        let categoryNames: [String]
        (categoryNames, bars) = Self.mergedBars(figure.marks)
        let isCategorical = figure.marks.contains { if case .bars = $0 { true } else { false } }
        var nextStyle = bars.count
        func takeStyle() -> Int {
            defer { nextStyle += 1 }
            return nextStyle
        }

        for mark in figure.marks {
            switch mark {
            case .bars:
                break
            case .histogram(let histogram):
                guard !isCategorical else {
                    omittedMarkCount += 1
                    continue
                }
                histograms.append(HistogramModel(
                    name: histogram.name, style: takeStyle(), bins: Self.bins(of: histogram, yScale: figure.yAxis.scale)
                ))
            case .line(let series):
                lines.append(LineModel(
                    name: series.name, style: takeStyle(), dashed: series.dashed,
                    segments: Self.segments(of: series, xScale: isCategorical ? .linear : figure.xAxis.scale,
                                            yScale: figure.yAxis.scale)
                ))
            case .points(let series):
                points.append(PointsModel(
                    name: series.name, style: takeStyle(),
                    points: Self.segments(of: series, xScale: isCategorical ? .linear : figure.xAxis.scale,
                                          yScale: figure.yAxis.scale).flatMap { $0 }
                ))
            case .rule(let rule):
                let scale = rule.orientation == .horizontal ? figure.yAxis.scale : figure.xAxis.scale
                if Self.drawable(rule.at, on: isCategorical && rule.orientation == .vertical ? .linear : scale) != nil {
                    rules.append(rule)
                }
            }
        }

        legend = Self.legendEntries(bars: bars, histograms: histograms, lines: lines, points: points)

        // Scales.
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
        yScale = AxisScale.covering(yValues, scale: figure.yAxis.scale, includesZero: needsZero,
                                    targetTickCount: yTickTarget)

        if isCategorical {
            xScale = categoryNames.isEmpty ? nil : .categories(categoryNames)
        } else {
            var xValues: [Double] = histograms.flatMap { $0.bins.flatMap { [$0.lower, $0.upper] } }
            xValues += lines.flatMap { $0.segments.flatMap { $0.map(\.x) } }
            xValues += points.flatMap { $0.points.map(\.x) }
            xValues += rules.filter { $0.orientation == .vertical }.map(\.at)
            xScale = AxisScale.covering(xValues, scale: figure.xAxis.scale, includesZero: figure.xAxis.includesZero,
                                        targetTickCount: xTickTarget).map { .numeric($0) }
        }
    }

    /// The sentence shown under a chart that had to leave marks out.
    static func omittedMarksNote(_ count: Int) -> String {
        count == 1 ? "1 histogram is not drawn: histograms need a numeric x axis, not categories."
            : "\(count) histograms are not drawn: histograms need a numeric x axis, not categories."
    }

    /// `value` if it can be drawn on an axis with `scale`, else nil.
    static func drawable(_ value: Double, on scale: Axis.Scale) -> Double? {
        guard value.isFinite, scale == .linear || value > 0 else { return nil }
        return value
    }

    /// The categories of all bar marks and one model per bar series. The first mark keeps its
    /// categories by position, repeated names included; later marks are matched to them by name,
    /// and names they add are appended. Series are styled 0, 1, … in order.
    private static func mergedBars(_ marks: [Mark]) -> (categories: [String], series: [BarSeriesModel]) {
        var categories: [String] = []
        var firstPosition: [String: Int] = [:]
        var series: [BarSeriesModel] = []
        var isFirstMark = true
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
                series.append(BarSeriesModel(name: named.name, style: series.count, values: values))
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
        var entries = bars.map { LegendEntry(name: $0.name, style: $0.style, symbol: .box) }
        entries += histograms.map { LegendEntry(name: $0.name, style: $0.style, symbol: .box) }
        entries += lines.map { LegendEntry(name: $0.name, style: $0.style, symbol: .line(dashed: $0.dashed)) }
        entries += points.map { LegendEntry(name: $0.name, style: $0.style, symbol: .dot) }
        entries.removeAll { $0.name.isEmpty }
        return entries.count >= 2 ? entries.sorted { $0.style < $1.style } : []
    }
}
