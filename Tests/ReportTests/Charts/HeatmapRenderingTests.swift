import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Outputs
import Testing
@testable import Report

/// A 2 × 2 heat map: values 0 and 1 in the first row, 2 and none in the second.
private let small = Figure(title: "Heat", xAxis: Axis("column"), yAxis: Axis("row"), marks: [
    .heatmap(Heatmap(name: "v", columns: ["a", "b"], rows: ["r1", "<b>&\"r2"], values: [0, 1, 2, .nan])),
])

@Suite struct SVGHeatmapTests {
    private func cells(_ tree: XMLTree) throws -> [XMLElement] {
        try tree.nodes("//*[local-name()='g'][contains(@class, 'heatmap-cells')]/*[local-name()='rect']")
            .compactMap { $0 as? XMLElement }
    }

    @Test func eachCellWithAValueIsARectColouredOnTheScaleWithItsValueAsATooltip() throws {
        let svg = SVGChartRenderer().render(small)
        let tree = try XMLTree(svg)
        let rects = try cells(tree)
        #expect(rects.count == 3, "the cell without a value is left blank")
        #expect(rects.map { $0.attributeValue("fill") } == ["#440154", "#21918C", "#FDE725"])
        #expect(rects.map { $0.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) } == ["r1 × a: 0", "r1 × b: 1", "<b>&\"r2 × a: 2"])
        // Columns left to right, rows top to bottom, cells of equal size.
        let xs = rects.compactMap { $0.number("x") }, ys = rects.compactMap { $0.number("y") }
        #expect(xs[0] < xs[1] && xs[0] == xs[2])
        #expect(ys[0] == ys[1] && ys[0] < ys[2])
        #expect(Set(rects.compactMap { $0.attributeValue("width") }).count == 1)
        // Names, axis titles, and the scale from the smallest value to the largest.
        let texts = try tree.elements("text").map { $0.stringValue ?? "" }
        for expected in ["Heat", "a", "b", "r1", "<b>&\"r2", "column", "row", "v:", "0", "2", "no value"] {
            #expect(texts.contains(expected), "missing text \(expected)")
        }
        #expect(try tree.nodes("//*[local-name()='g'][@class='colour-scale']/*[local-name()='rect']").count == 32)
        // Text from the data is escaped, never markup.
        #expect(!svg.contains("<b>"))
    }

    @Test func otherMarksBesideAHeatmapAreLeftOutWithANote() throws {
        var figure = small
        figure.marks.append(.line(Series(name: "l", x: [0, 1], y: [0, 1])))
        let tree = try XMLTree(SVGChartRenderer().render(figure))
        #expect(try cells(tree).count == 3)
        #expect(try tree.elements("polyline").isEmpty)
        #expect(try tree.elements("text").contains { $0.stringValue == "1 other mark is not drawn: a heat map is drawn alone." })
    }

    @Test func aHeatmapWithoutValuesSaysSo() throws {
        let empty = Figure(title: "", marks: [.heatmap(Heatmap(columns: ["a"], rows: ["b"], values: [.nan]))])
        #expect(try XMLTree(SVGChartRenderer().render(empty)).elements("text").contains { $0.stringValue == "No data to plot" })
    }

    @Test func theSequentialScaleRunsThroughViridis() {
        #expect(ChartPalette.sequentialColor(at: 0) == "#440154")
        #expect(ChartPalette.sequentialColor(at: 0.5) == "#21918C")
        #expect(ChartPalette.sequentialColor(at: 1) == "#FDE725")
        // Halfway between the first two stops, channel by channel: (0x44+0x47)/2 = 0x46 (rounded), …
        #expect(ChartPalette.sequentialColor(at: 1.0 / 16) == "#461768")
        #expect(ChartPalette.sequentialColor(at: .nan) == "#440154")
    }
}

@Suite struct ASCIIHeatmapTests {
    // Values 0…2 cut into five shades 0.4 wide; 0 is blank, 1 the middle shade, 2 the darkest.
    // Row names take 7 columns (the widest, escaped nowhere in a terminal) and a space.
    @Test func smallHeatmapExactly() {
        #expect(ASCIIChartRenderer(width: 30).render(small) == """
        Heat
        v:  ' ' [0, 0.4)  ░ [0.4, 0.8)
        ▒ [0.8, 1.2)  ▓ [1.2, 1.6)
        █ [1.6, 2]  · no value
                a b
        r1        ▒▒
        <b>&"r2 ██·
        """)
    }

    @Test func longColumnNamesAreWrittenDownwardsAndColumnsBeyondTheWidthAreCounted() {
        let columns = (0..<40).map { "Genre\($0)" }
        let figure = Figure(title: "", marks: [
            .heatmap(Heatmap(columns: columns, rows: ["x"], values: columns.indices.map(Double.init))),
        ])
        let lines = ASCIIChartRenderer(width: 30).render(figure).split(separator: "\n").map(String.init)
        // 28 columns of one cell fit beside the one-character row name.
        #expect(lines.contains("  GGGGGGGGGGGGGGGGGGGGGGGGGGGG"))
        #expect(lines.contains("  eeeeeeeeeeeeeeeeeeeeeeeeeeee"))
        #expect(lines.contains { $0.hasPrefix("x  ") && $0.count == 30 })
        #expect(lines.last == "(12 more columns are drawn only in the HTML report)")
    }
}
