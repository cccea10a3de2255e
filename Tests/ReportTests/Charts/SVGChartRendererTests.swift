import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Outputs
import Testing
@testable import Report

@Suite struct SVGChartRendererTests {
    private func render(_ figure: Figure) throws -> (svg: String, tree: XMLTree) {
        let svg = SVGChartRenderer().render(figure)
        return (svg, try XMLTree(svg))
    }

    /// Elements named `name` inside groups whose class list contains `groupClass`.
    private func elements(_ tree: XMLTree, _ name: String, inGroup groupClass: String) throws -> [XMLElement] {
        try tree.nodes("//*[local-name()='g'][contains(concat(' ', @class, ' '), ' \(groupClass) ')]"
                       + "/*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
    }

    private func texts(_ tree: XMLTree) throws -> [String] {
        try tree.elements("text").map { $0.stringValue ?? "" }
    }

    @Test func rootIsAResponsiveStandaloneSVG() throws {
        let (svg, tree) = try render(Figure(title: "T", marks: [.line(Series(name: "a", x: [0, 1], y: [0, 1]))]))
        let root = try #require(tree.document.rootElement())
        #expect(root.name == "svg")
        #expect(root.uri == "http://www.w3.org/2000/svg")
        #expect(root.attributeValue("width") == "100%")
        #expect(root.attributeValue("viewBox")?.hasPrefix("0 0 720 ") == true)
        #expect(root.attributeValue("style")?.contains("max-width:720px") == true)
        #expect(root.attributeValue("fill") == "currentColor")
        // Nothing that could fetch or run anything.
        for forbidden in ["<script", "href", "url(", "<image", "<foreignObject", "@import"] {
            #expect(!svg.contains(forbidden), "found \(forbidden)")
        }
    }

    @Test func groupedBarsHaveOneRectPerValueCategoryLabelsAndALegend() throws {
        let figure = Figure(title: "RMSE by model", xAxis: Axis("Model"), yAxis: Axis("RMSE"), marks: [
            .bars(BarSeries(categories: ["SVD", "DNN", "Mean"], series: [
                NamedValues("validation", [0.95, 0.87, 1.02]),
                NamedValues("test", [0.96, .nan, 1.04]),
            ])),
        ])
        let (_, tree) = try render(figure)
        let first = try elements(tree, "rect", inGroup: "s0")
        let second = try elements(tree, "rect", inGroup: "s1")
        #expect(first.count == 3)
        #expect(second.count == 2, "the NaN value has no bar")
        // Both series grow from the same baseline (y = 0 on a linear axis), at distinct x.
        let bottoms = (first + second).map { ($0.number("y") ?? .nan) + ($0.number("height") ?? .nan) }
        #expect(Set(bottoms.map { ($0 * 100).rounded() }).count == 1)
        #expect(Set((first + second).compactMap { $0.attributeValue("x") }).count == 5)
        // A taller value draws a taller bar.
        let heights = first.map { $0.number("height") ?? .nan }
        #expect(heights[2] > heights[0] && heights[0] > heights[1])

        let labels = try texts(tree)
        for expected in ["RMSE by model", "SVD", "DNN", "Mean", "validation", "test", "Model", "RMSE", "0.0", "1.2"] {
            #expect(labels.contains(expected), "missing text \(expected)")
        }
        #expect(try tree.elements("g").contains { $0.attributeValue("class") == "legend" })
        // Colours come from classes (for the page theme) with a presentation-attribute fallback.
        let group = try #require(try tree.nodes("//*[local-name()='g'][contains(@class, 's1')]").first as? XMLElement)
        #expect(group.attributeValue("color") == ChartPalette.lightColors[1])
        // Each bar carries a tooltip with its value.
        #expect(first[0].stringValue?.contains("validation — SVD: 0.95") == true)
    }

    @Test func labelsFromDataAreEscapedAndCountedOnePerBar() throws {
        let figure = Figure(title: "<title>&", xAxis: Axis("x<"), marks: [
            .bars(BarSeries(categories: ["<b>&\"", "plain", "'q'"], series: [NamedValues("<i>", [1, 2, 3])])),
        ])
        let (svg, tree) = try render(figure)
        #expect(try elements(tree, "rect", inGroup: "bars").count == 3)
        for markup in ["<b>", "<i>", "<title><title>"] { #expect(!svg.contains(markup), "unescaped \(markup)") }
        let labels = try texts(tree)
        for expected in ["<b>&\"", "plain", "'q'", "<title>&", "x<"] { #expect(labels.contains(expected), "missing \(expected)") }
    }

    @Test func linesOverNamedCategoriesSitInTheMiddleOfEachBand() throws {
        let figure = Figure(title: "", xAxis: Axis("genre", categories: ["Drama", "Horror", "Comedy"]), marks: [
            .line(Series(name: "n", x: [0, 1, 2], y: [1, 3, 2])),
        ])
        let (_, tree) = try render(figure)
        let labels = try texts(tree)
        #expect(["Drama", "Horror", "Comedy"].allSatisfy(labels.contains))
        let points = try #require(try tree.elements("polyline").first?.attributeValue("points"))
        let xs = points.split(separator: " ").compactMap { Double($0.split(separator: ",")[0]) }
        #expect(xs.count == 3)
        #expect(abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.02)
    }

    @Test func manyCategoriesAreRotatedAndThinned() throws {
        let names = (1...200).map { "Category number \($0)" }
        let figure = Figure(title: "Many", marks: [
            .bars(BarSeries(categories: names, series: [NamedValues("n", names.indices.map(Double.init))])),
        ])
        let (_, tree) = try render(figure)
        let labels = try tree.nodes("//*[local-name()='g'][@class='tick-labels']/*[local-name()='text'][@transform]")
        #expect(!labels.isEmpty)
        #expect(labels.count < 200, "labels are thinned when too dense to read")
        #expect(labels.allSatisfy { ($0 as? XMLElement)?.attributeValue("transform")?.hasPrefix("rotate(-40") == true })
    }

    @Test func histogramHasOneRectPerFiniteBin() throws {
        let figure = Figure(title: "Ratings", xAxis: Axis("Rating"), marks: [
            .histogram(Histogram(name: "ratings", edges: [0, 1, 2, 3, 4, 5], counts: [1, 4, .nan, 9, 2])),
        ])
        let (_, tree) = try render(figure)
        let rects = try elements(tree, "rect", inGroup: "histogram")
        #expect(rects.count == 4)
        // Bins sit side by side: each starts where the previous one ended (up to the 0.5 insets).
        let lefts = rects.map { $0.number("x") ?? .nan }
        #expect(lefts == lefts.sorted())
        #expect(try texts(tree).contains("Rating"))
    }

    @Test func linesBreakAtNaNAndDashedLinesAreDashed() throws {
        let figure = Figure(title: "Loss", marks: [
            .line(Series(name: "train", x: [1, 2, 3, 4, 5], y: [1.0, 0.8, .nan, 0.7, 0.65])),
            .line(Series(name: "validation", x: [1, 2, 3], y: [1.1, 0.9, 0.85], dashed: true)),
        ])
        let (_, tree) = try render(figure)
        let train = try elements(tree, "polyline", inGroup: "s0")
        #expect(train.count == 2, "the NaN splits the line in two")
        #expect(train.map { ($0.attributeValue("points") ?? "").split(separator: " ").count } == [2, 2])
        let dashedGroup = try #require(try tree.nodes("//*[local-name()='g'][contains(@class, 's1')]").first as? XMLElement)
        #expect(dashedGroup.attributeValue("stroke-dasharray") != nil)
        let solidGroup = try #require(try tree.nodes("//*[local-name()='g'][contains(@class, 's0')]").first as? XMLElement)
        #expect(solidGroup.attributeValue("stroke-dasharray") == nil)
        #expect(try texts(tree).contains("validation"))
    }

    @Test func labelledPointsAndRulesOnALogAxis() throws {
        let figure = Figure(title: "RMSE against time", xAxis: Axis("Seconds", scale: .log), yAxis: Axis("RMSE"), marks: [
            .points(Series(name: "models", x: [0.4, 10.7, 0, -1], y: [0.96, 0.87, 1, 1], labels: ["SVD", "DNN", "x", "y"])),
            .rule(Rule(.horizontal, at: 0.9, label: "target")),
            .rule(Rule(.vertical, at: 1, label: "one second")),
        ])
        let (_, tree) = try render(figure)
        #expect(try elements(tree, "circle", inGroup: "points").count == 2, "x ≤ 0 cannot be drawn on a log axis")
        #expect(try elements(tree, "line", inGroup: "rules").count == 2)
        let labels = try texts(tree)
        // 0.4…10.7 spans less than two decades: the axis runs 0.2…20 in 1-2-5 steps.
        for expected in ["SVD", "DNN", "target", "one second", "0.2", "0.5", "1", "2", "5", "10", "20"] {
            #expect(labels.contains(expected), "missing text \(expected)")
        }
        #expect(!labels.contains("x") && !labels.contains("y"))
    }

    @Test(arguments: [
        Figure(title: "Empty", marks: []),
        Figure(title: "Only NaN", marks: [.line(Series(name: "a", x: [.nan, 1], y: [2, .infinity]))]),
        Figure(title: "Empty bars", marks: [.bars(BarSeries(categories: [], series: []))]),
        Figure(title: "Log of nothing positive", yAxis: Axis(scale: .log), marks: [
            .bars(BarSeries(categories: ["a"], series: [NamedValues("n", [0])])),
        ]),
    ])
    func chartsWithoutDrawableDataSaySo(figure: Figure) throws {
        let (svg, tree) = try render(figure)
        #expect(try texts(tree).contains("No data to plot"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test(arguments: [
        Figure(title: "Single point", marks: [.points(Series(name: "p", x: [3], y: [3]))]),
        Figure(title: "All equal", marks: [.line(Series(name: "p", x: [1, 1, 1], y: [2, 2, 2]))]),
        Figure(title: "Zero bars", marks: [.bars(BarSeries(categories: ["a", "b"], series: [NamedValues("n", [0, 0])]))]),
        Figure(title: "Mismatched", marks: [
            .line(Series(name: "p", x: [1, 2, 3], y: [1])),
            .histogram(Histogram(edges: [0, 1], counts: [1, 2, 3])),
            .bars(BarSeries(categories: ["a"], series: [NamedValues("n", [1, 2, 3])])),
        ]),
        Figure(title: "Huge", marks: [.points(Series(name: "p", x: [-1e308, 1e308], y: [1.7e308, -1.7e308]))]),
    ])
    func degenerateDataStillGivesAWellFormedFiniteChart(figure: Figure) throws {
        let (svg, _) = try render(figure)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(!svg.contains("No data to plot"))
    }

    @Test func dataIsEscapedInTextAndAttributes() throws {
        let hostile = "</script><script>alert(\"x\")</script> & 'q'"
        let figure = Figure(title: hostile, xAxis: Axis(hostile), marks: [
            .bars(BarSeries(categories: [hostile, "b"], series: [NamedValues(hostile, [1, 2]), NamedValues("other", [2, 1])])),
        ])
        let (svg, tree) = try render(figure)
        #expect(try tree.elements("script").isEmpty)
        #expect(!svg.contains("<script"))
        #expect(tree.document.rootElement()?.attributeValue("aria-label") == hostile)
        #expect(try texts(tree).contains { $0.hasPrefix("</script><script>") })
    }

    @Test func marksHaveFixedCoordinatesAndOrder() throws {
        // Bars are drawn before points, series keep their colours, and coordinates are
        // written with at most two decimals: the same figure always gives the same bytes.
        let figure = Figure(title: "Same", marks: [
            .points(Series(name: "a", x: [0.1, 0.2, 0.3], y: [1.0 / 3.0, 2.0 / 3.0, 1])),
            .bars(BarSeries(categories: ["x", "y"], series: [NamedValues("n", [1, 2])])),
        ])
        let svg = SVGChartRenderer().render(figure)
        let start = try #require(svg.range(of: "<g class=\"marks\">"))
        let end = try #require(svg.range(of: "<g class=\"axes\">"))
        #expect(String(svg[start.lowerBound..<end.lowerBound]) == """
            <g class="marks"><g class="series s0 bars" color="#0072B2" fill="currentColor"><rect x="73.41" y="192" width="263.88" height="130"><title>n — x: 1</title>
            </rect>
            <rect x="404.51" y="62" width="263.88" height="260"><title>n — y: 2</title>
            </rect>
            </g>
            <g class="series s1 points" color="#E69F00" fill="currentColor"><circle cx="238.46" cy="278.67" r="3.5"><title>(0.1, 0.3333)</title>
            </circle>
            <circle cx="271.57" cy="235.33" r="3.5"><title>(0.2, 0.6667)</title>
            </circle>
            <circle cx="304.68" cy="192" r="3.5"><title>(0.3, 1)</title>
            </circle>
            </g>
            </g>

            """)
    }
}
