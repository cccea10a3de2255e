import Outputs

/// Draws the marks of a chart model into a laid-out SVG plot: bars, histogram bins, rules, lines
/// and points, each series in a group carrying its colour class.
struct SVGMarks {
    let model: ChartModel
    let layout: SVGChartLayout
    let xScale: ChartModel.XScale
    let yScale: AxisScale

    /// Every mark, back to front: areas first, then reference rules, lines, points and labels.
    func all() -> MarkupNode {
        .element("g", ["class": "marks"], [
            .fragment(model.bars.enumerated().map { bars($1, slot: $0) }),
            .fragment(model.histograms.map(histogram)),
            rules(),
            .fragment(model.lines.map(line)),
            .fragment(model.points.map(points)),
            pointLabels(),
            ruleLabels(),
        ])
    }

    private func seriesGroup(
        _ kind: String, style: Int, _ extra: KeyValuePairs<String, String?>, _ children: [MarkupNode]
    ) -> MarkupNode {
        // The colour sits in `color` so that `currentColor` in fills and strokes picks it up,
        // and the page's stylesheet can replace it through the class.
        var attributes: [(String, String?)] = [
            ("class", "series \(ChartPalette.cssClass(forStyle: style)) \(kind)"),
            ("color", ChartPalette.lightColor(forStyle: style)),
        ]
        attributes += extra.map { ($0.key, $0.value) }
        return .element("g", attributeList: attributes, children)
    }

    /// One bar series; `slot` is its place within each category's group of bars.
    private func bars(_ series: ChartModel.BarSeriesModel, slot: Int) -> MarkupNode {
        let categories = model.categories
        let seriesCount = max(1, model.bars.count)
        let band = layout.bandWidth(categoryCount: categories.count)
        let groupWidth = band * 0.8
        let barWidth = groupWidth / Double(seriesCount)
        let gap = barWidth > 6 ? 1.0 : 0
        let baseline = layout.y(yScale.baseline, on: yScale) ?? layout.plotBottom
        var rects: [MarkupNode] = []
        for (index, value) in series.values.enumerated() {
            guard let value, let top = layout.y(value, on: yScale), index < categories.count else { continue }
            let left = layout.plotLeft + Double(index) * band + (band - groupWidth) / 2
                + Double(slot) * barWidth + gap / 2
            let tooltip = (series.name.isEmpty ? "" : series.name + " — ") + categories[index] + ": "
                + ChartNumberFormat.value(value)
            rects.append(.element("rect", [
                "x": left.svg, "y": min(top, baseline).svg,
                "width": max(0, barWidth - gap).svg, "height": abs(baseline - top).svg,
            ], [.element("title", text: tooltip)]))
        }
        return seriesGroup("bars", style: series.style, ["fill": "currentColor"], rects)
    }

    private func histogram(_ histogram: ChartModel.HistogramModel) -> MarkupNode {
        guard case .numeric(let scale) = xScale else { return .empty }
        let baseline = layout.y(yScale.baseline, on: yScale) ?? layout.plotBottom
        var rects: [MarkupNode] = []
        for bin in histogram.bins {
            guard let left = layout.x(bin.lower, on: scale), let right = layout.x(bin.upper, on: scale),
                  let top = layout.y(bin.count, on: yScale) else { continue }
            let inset = right - left > 3 ? 0.5 : 0
            let tooltip = "[\(model.xText(bin.lower)), \(model.xText(bin.upper))): " + ChartNumberFormat.value(bin.count)
            rects.append(.element("rect", [
                "x": (left + inset).svg, "y": min(top, baseline).svg,
                "width": max(0, right - left - 2 * inset).svg, "height": abs(baseline - top).svg,
            ], [.element("title", text: tooltip)]))
        }
        let opacity = model.histograms.count > 1 ? "0.6" : "0.85"
        return seriesGroup("histogram", style: histogram.style,
                           ["fill": "currentColor", "fill-opacity": opacity], rects)
    }

    private func line(_ line: ChartModel.LineModel) -> MarkupNode {
        var shapes: [MarkupNode] = []
        for segment in line.segments {
            let coordinates = PolylineDecimation.m4(segment.compactMap(position))
            if coordinates.count == 1, let only = coordinates.first {
                shapes.append(.element("circle", ["cx": only.x.svg, "cy": only.y.svg, "r": "2.5",
                                                  "fill": "currentColor", "stroke": "none"]))
            } else if coordinates.count > 1 {
                let points = coordinates.map { "\($0.x.svg),\($0.y.svg)" }.joined(separator: " ")
                shapes.append(.element("polyline", ["points": points]))
            }
        }
        return seriesGroup("line", style: line.style, [
            "fill": "none", "stroke": "currentColor", "stroke-width": "2",
            "stroke-linejoin": "round", "stroke-linecap": "round",
            "stroke-dasharray": line.dashed ? "6 4" : nil,
        ], shapes)
    }

    private func points(_ series: ChartModel.PointsModel) -> MarkupNode {
        let circles = series.points.compactMap { point -> MarkupNode? in
            guard let at = position(point) else { return nil }
            let coordinates = "(\(xText(point.x)), \(model.yText(point.y)))"
            let tooltip = (point.label.map { $0 + " " } ?? "") + coordinates
            return .element("circle", ["cx": at.x.svg, "cy": at.y.svg, "r": "3.5"],
                            [.element("title", text: tooltip)])
        }
        return seriesGroup("points", style: series.style, ["fill": "currentColor"], circles)
    }

    private func pointLabels() -> MarkupNode {
        let labels = model.points.flatMap { series in
            series.points.compactMap { point -> MarkupNode? in
                guard let label = point.label, let at = position(point) else { return nil }
                let nearRightEdge = at.x > layout.plotRight - 80
                return .element("text", [
                    "x": (nearRightEdge ? at.x - 6 : at.x + 6).svg, "y": (at.y - 6).svg,
                    "text-anchor": nearRightEdge ? "end" : nil,
                ], text: label)
            }
        }
        return labels.isEmpty ? .empty : .element("g", ["class": "point-labels", "font-size": "10"], labels)
    }

    private func rules() -> MarkupNode {
        let lines = model.rules.compactMap { rule -> MarkupNode? in
            switch rule.orientation {
            case .horizontal:
                guard let y = layout.y(rule.at, on: yScale) else { return nil }
                return .element("line", ["x1": layout.plotLeft.svg, "y1": y.svg, "x2": layout.plotRight.svg, "y2": y.svg])
            case .vertical:
                guard let x = ruleX(rule.at) else { return nil }
                return .element("line", ["x1": x.svg, "y1": layout.plotTop.svg, "x2": x.svg, "y2": layout.plotBottom.svg])
            }
        }
        guard !lines.isEmpty else { return .empty }
        return .element("g", [
            "class": "rules", "stroke": "currentColor", "stroke-opacity": "0.7", "stroke-width": "1.5",
            "stroke-dasharray": "5 3",
        ], lines)
    }

    private func ruleLabels() -> MarkupNode {
        let labels = model.rules.compactMap { rule -> MarkupNode? in
            guard !rule.label.isEmpty else { return nil }
            switch rule.orientation {
            case .horizontal:
                guard let y = layout.y(rule.at, on: yScale) else { return nil }
                return .element("text", ["x": (layout.plotRight - 4).svg, "y": (y - 5).svg, "text-anchor": "end"],
                                text: rule.label)
            case .vertical:
                guard let x = ruleX(rule.at) else { return nil }
                let nearRightEdge = x > layout.plotLeft + layout.plotWidth * 0.75
                return .element("text", [
                    "x": (nearRightEdge ? x - 4 : x + 4).svg, "y": (layout.plotTop + 12).svg,
                    "text-anchor": nearRightEdge ? "end" : nil,
                ], text: rule.label)
            }
        }
        return labels.isEmpty ? .empty : .element("g", ["class": "rule-labels", "font-size": "10"], labels)
    }

    /// An x value as text: the category's name over categories, else as the axis reads it.
    private func xText(_ value: Double) -> String {
        if case .categories(let names) = xScale, value == value.rounded(), let index = Int(exactly: value),
           names.indices.contains(index) {
            return names[index]
        }
        return model.xText(value)
    }

    private func ruleX(_ value: Double) -> Double? {
        switch xScale {
        case .numeric(let scale): layout.x(value, on: scale)
        case .categories(let names): layout.x(category: value, categoryCount: names.count)
        }
    }

    private func position(_ point: ChartModel.Point) -> (x: Double, y: Double)? {
        guard let y = layout.y(point.y, on: yScale) else { return nil }
        switch xScale {
        case .numeric(let scale):
            guard let x = layout.x(point.x, on: scale) else { return nil }
            return (x, y)
        case .categories(let names):
            return (layout.x(category: point.x, categoryCount: names.count), y)
        }
    }
}
