import Foundation
import Outputs

/// Draws a ``Figure`` as a standalone inline SVG: no scripts, no external resources, and the same
/// bytes for the same figure.
///
/// The SVG scales to its container (`width="100%"`, at most 720 px). Axes and text use
/// `currentColor`, so they follow the page's text colour; each series is a group with the class
/// `s0`…`s5` whose colour the page's stylesheet can restyle (see ``ChartPalette``).
public struct SVGChartRenderer: Sendable {
    /// The width of the view box, in SVG units.
    public var width: Double
    /// The height of the plot area; the view box adds room for title, legend and labels.
    public var plotHeight: Double

    /// - Parameters:
    ///   - width: the view box width; values below 240 are raised to 240.
    ///   - plotHeight: the plot area's height; values below 80 are raised to 80.
    public init(width: Double = 720, plotHeight: Double = 260) {
        self.width = max(240, width.isFinite ? width : 720)
        self.plotHeight = max(80, plotHeight.isFinite ? plotHeight : 260)
    }

    /// The smallest size, in CSS pixels, a chart's text is drawn at in a report.
    static let minimumRenderedFontSize = 9.0

    /// The figure as an `<svg>` element.
    /// - Parameters:
    ///   - figure: the figure to draw; empty or non-finite data give a chart that says so.
    ///   - colours: the report-wide colour of each series name (see ``SeriesColours``); by
    ///     default series are coloured by their place in the figure.
    /// - Returns: SVG markup, well-formed XML, ending with a newline.
    public func render(_ figure: Figure, colours: SeriesColours = SeriesColours()) -> String {
        render(figure, colours: colours, standalone: false)
    }

    /// The figure as a file of its own, for a Markdown report's `<img>` or a notebook's
    /// `image/svg+xml` output: a fixed size instead of `width="100%"`, and a white background
    /// with dark text, because no page stylesheet is there to set colours and a viewer's dark
    /// theme would otherwise hide black axes.
    /// - Parameters:
    ///   - figure: the figure to draw.
    ///   - colours: the report-wide colour of each series name.
    /// - Returns: SVG markup, well-formed XML, ending with a newline.
    public func renderStandalone(_ figure: Figure, colours: SeriesColours = SeriesColours()) -> String {
        render(figure, colours: colours, standalone: true)
    }

    private func render(_ figure: Figure, colours: SeriesColours, standalone: Bool) -> String {
        let model = ChartModel(figure, xTickTarget: 6, yTickTarget: 5, colours: colours)
        let titleText = figure.title.isEmpty ? "Chart" : figure.title
        var children: [MarkupNode] = [.element("title", text: titleText)]
        let size: (width: Double, height: Double)
        if let heatmap = model.heatmap, !model.isEmpty {
            let drawing = SVGHeatmap(model: model, heatmap: heatmap, width: width)
            size = (drawing.width, drawing.height)
            children.append(background(size, standalone: standalone))
            children.append(drawing.node())
        } else {
            // An empty chart only needs room for its message.
            let layout = SVGChartLayout(model: model, width: width, plotHeight: model.isEmpty ? 60 : plotHeight)
            size = (layout.width, layout.height)
            children.append(background(size, standalone: standalone))
            children += plot(model, layout)
        }
        let svg = MarkupNode.element("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "rb-chart",
            "viewBox": "0 0 \(size.width.svg) \(size.height.svg)",
            "width": standalone ? size.width.svg : "100%",
            "height": standalone ? size.height.svg : nil,
            // The chart shrinks with the page, but not below the width at which its text would
            // render smaller than `minimumRenderedFontSize`: on a phone it scrolls sideways instead.
            "style": standalone ? nil
                : "max-width:\(size.width.svg)px;min-width:\((size.width * Self.minimumRenderedFontSize / SVGChartLayout.fontSize).rounded().svg)px;height:auto",
            "color": standalone ? Self.standaloneTextColor : nil,
            "role": "img",
            "aria-label": titleText,
            "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "font-size": SVGChartLayout.fontSize.svg,
            "fill": "currentColor",
        ], children)
        return svg.rendered(as: .xml)
    }

    /// A standalone figure's white background.
    private func background(_ size: (width: Double, height: Double), standalone: Bool) -> MarkupNode {
        guard standalone else { return .empty }
        return .element("rect", [
            "class": "background", "width": size.width.svg, "height": size.height.svg, "fill": "#ffffff",
        ])
    }

    /// The title, legend, grid, marks and axes of a chart on axes; a message when it is empty.
    private func plot(_ model: ChartModel, _ layout: SVGChartLayout) -> [MarkupNode] {
        var children = [Self.title(model.title, layout.titleBaseline, width: layout.width)]
        if model.isEmpty {
            children.append(.element("text", [
                "class": "no-data", "x": (layout.width / 2).svg, "y": (layout.plotTop + layout.plotHeight / 2).svg,
                "text-anchor": "middle", "fill-opacity": "0.7",
            ], text: "No data to plot"))
        } else if let yScale = model.yScale, let xScale = model.xScale {
            let marks = SVGMarks(model: model, layout: layout, xScale: xScale, yScale: yScale)
            children.append(legend(layout))
            children.append(grid(layout, yScale: yScale))
            children.append(marks.all())
            children.append(axes(model, layout, xScale: xScale, yScale: yScale))
            children.append(Self.footnote(model, x: layout.plotLeft, baseline: layout.height - 8))
        }
        return children
    }

    /// The text and axis colour of a standalone figure (GitHub's light-theme text colour).
    private static let standaloneTextColor = "#1f2328"

    /// A chart's title, centred at `baseline`; nothing without a baseline.
    static func title(_ text: String, _ baseline: Double?, width: Double) -> MarkupNode {
        guard let baseline else { return .empty }
        let columns = Int((width - 24) / (SVGChartLayout.titleFontSize * 0.6))
        return .element("text", [
            "class": "chart-title", "x": (width / 2).svg, "y": baseline.svg, "text-anchor": "middle",
            "font-size": SVGChartLayout.titleFontSize.svg, "font-weight": "600",
        ], text: TerminalText.truncated(text, toWidth: columns))
    }

    private func legend(_ layout: SVGChartLayout) -> MarkupNode {
        guard !layout.legendItems.isEmpty else { return .empty }
        let items = layout.legendItems.map { item -> MarkupNode in
            let style = item.entry.style
            let symbol: MarkupNode
            switch item.entry.symbol {
            case .box:
                symbol = .element("rect", [
                    "class": ChartPalette.cssClass(forStyle: style), "color": ChartPalette.lightColor(forStyle: style),
                    "fill": "currentColor", "x": item.x.svg, "y": (item.y + 1).svg, "width": "12", "height": "10",
                ])
            case .line(let dashed):
                symbol = .element("line", [
                    "class": ChartPalette.cssClass(forStyle: style), "color": ChartPalette.lightColor(forStyle: style),
                    "stroke": "currentColor", "stroke-width": "2", "stroke-dasharray": dashed ? "4 2" : nil,
                    "x1": item.x.svg, "y1": (item.y + 6).svg, "x2": (item.x + 12).svg, "y2": (item.y + 6).svg,
                ])
            case .dot:
                symbol = .element("circle", [
                    "class": ChartPalette.cssClass(forStyle: style), "color": ChartPalette.lightColor(forStyle: style),
                    "fill": "currentColor", "cx": (item.x + 6).svg, "cy": (item.y + 6).svg, "r": "4",
                ])
            }
            return .fragment([symbol, .element("text", ["x": (item.x + 18).svg, "y": (item.y + 10).svg], text: item.entry.name)])
        }
        return .element("g", ["class": "legend"], items)
    }

    private func grid(_ layout: SVGChartLayout, yScale: AxisScale) -> MarkupNode {
        let lines = yScale.ticks.compactMap { tick -> MarkupNode? in
            guard let y = layout.y(tick.value, on: yScale) else { return nil }
            return .element("line", ["x1": layout.plotLeft.svg, "y1": y.svg, "x2": layout.plotRight.svg, "y2": y.svg])
        }
        return .element("g", ["class": "grid", "stroke": "currentColor", "stroke-opacity": "0.12"], lines)
    }

    private func axes(
        _ model: ChartModel, _ layout: SVGChartLayout, xScale: ChartModel.XScale, yScale: AxisScale
    ) -> MarkupNode {
        var lines: [MarkupNode] = [
            .element("line", ["x1": layout.plotLeft.svg, "y1": layout.plotTop.svg,
                              "x2": layout.plotLeft.svg, "y2": layout.plotBottom.svg]),
            .element("line", ["x1": layout.plotLeft.svg, "y1": layout.plotBottom.svg,
                              "x2": layout.plotRight.svg, "y2": layout.plotBottom.svg]),
        ]
        var labels: [MarkupNode] = []
        for tick in yScale.ticks {
            guard let y = layout.y(tick.value, on: yScale) else { continue }
            lines.append(.element("line", ["x1": (layout.plotLeft - 4).svg, "y1": y.svg, "x2": layout.plotLeft.svg, "y2": y.svg]))
            labels.append(.element("text", ["x": (layout.plotLeft - 7).svg, "y": (y + 4).svg, "text-anchor": "end"],
                                   text: tick.label))
        }
        switch xScale {
        case .numeric(let scale):
            for tick in scale.ticks {
                guard let x = layout.x(tick.value, on: scale) else { continue }
                lines.append(.element("line", ["x1": x.svg, "y1": layout.plotBottom.svg, "x2": x.svg, "y2": (layout.plotBottom + 4).svg]))
                labels.append(.element("text", ["x": x.svg, "y": (layout.plotBottom + 16).svg, "text-anchor": "middle"],
                                       text: tick.label))
            }
        case .categories(let names):
            if let categoryLabels = layout.categoryLabels {
                labels += Self.categoryLabelNodes(categoryLabels, names: names, below: layout.plotBottom) {
                    layout.x(category: Double($0), categoryCount: names.count)
                }
            }
        }
        let footnoteSpace = model.omittedMarkCount > 0 ? 16.0 : 0
        let titles = Self.axisTitles(
            x: model.xAxis.label, centredAt: layout.plotLeft + layout.plotWidth / 2,
            baseline: layout.height - 10 - footnoteSpace,
            y: model.yAxis.label, middle: layout.plotTop + layout.plotHeight / 2
        )
        return .element("g", ["class": "axes"], [
            .element("g", ["stroke": "currentColor", "stroke-opacity": "0.6"], lines),
            .element("g", ["class": "tick-labels"], labels),
            .fragment(titles),
        ])
    }

    /// The titles of both axes: the x title centred at `centredAt` on `baseline`, the y title
    /// turned on its side by the left edge, centred at `middle`. Empty titles are left out.
    static func axisTitles(x: String, centredAt: Double, baseline: Double, y: String, middle: Double) -> [MarkupNode] {
        var titles: [MarkupNode] = []
        if !x.isEmpty {
            titles.append(.element("text", [
                "class": "axis-title", "x": centredAt.svg, "y": baseline.svg, "text-anchor": "middle",
            ], text: x))
        }
        if !y.isEmpty {
            titles.append(.element("text", [
                "class": "axis-title", "x": "16", "y": middle.svg, "text-anchor": "middle",
                "transform": "rotate(-90 16 \(middle.svg))",
            ], text: y))
        }
        return titles
    }

    /// Category names under an axis at `below`, each at `x(index)`: upright, or turned when they
    /// do not fit side by side, and only every `labels.every`-th when too dense. A cut label
    /// carries its full name as a tooltip.
    static func categoryLabelNodes(
        _ labels: SVGChartLayout.CategoryLabels, names: [String], below: Double, x: (Int) -> Double
    ) -> [MarkupNode] {
        var nodes: [MarkupNode] = []
        for (index, text) in labels.texts.enumerated() where index % labels.every == 0 && index < names.count {
            let x = x(index)
            let fullName: MarkupNode = text == names[index] ? .empty : .element("title", text: names[index])
            if labels.rotated {
                let y = below + 12
                nodes.append(.element("text", [
                    "x": x.svg, "y": y.svg, "text-anchor": "end",
                    "transform": "rotate(-\(SVGChartLayout.categoryLabelAngle.svg) \(x.svg) \(y.svg))",
                ], [.text(text), fullName]))
            } else {
                nodes.append(.element("text", ["x": x.svg, "y": (below + 16).svg, "text-anchor": "middle"],
                                      [.text(text), fullName]))
            }
        }
        return nodes
    }

    /// The note saying which marks the chart could not draw, if any.
    static func footnote(_ model: ChartModel, x: Double, baseline: Double) -> MarkupNode {
        guard model.omittedMarkCount > 0 else { return .empty }
        return .element("text", [
            "class": "chart-footnote", "x": x.svg, "y": baseline.svg, "font-size": "10", "fill-opacity": "0.7",
        ], text: model.omittedMarksNote)
    }
}

extension Double {
    /// The value as an SVG coordinate (see ``ChartNumberFormat/coordinate(_:)``).
    var svg: String { ChartNumberFormat.coordinate(self) }
}
