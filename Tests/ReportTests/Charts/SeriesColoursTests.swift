import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Outputs
import Testing
@testable import Report

@Suite struct SeriesColoursTests {
    private func lines(_ names: [String]) -> Figure {
        Figure(title: "", marks: names.map { .line(Series(name: $0, x: [0, 1], y: [0, 1])) })
    }

    /// The colour class of each line group in the SVG, in drawing order.
    private func lineClasses(_ svg: String) throws -> [String] {
        try XMLTree(svg).nodes("//*[local-name()='g'][contains(concat(' ', @class, ' '), ' line ')]").compactMap {
            ($0 as? XMLElement)?.attributeValue("class")?.split(separator: " ").first { $0.hasPrefix("s") && Int($0.dropFirst()) != nil }.map(String.init)
        }
    }

    @Test func aNameKeepsItsColourInFiguresThatListItInAnotherOrder() throws {
        let first = lines(["SVD", "EASE", "blend"])
        let second = lines(["blend", "SVD"])
        let colours = SeriesColours(figures: [first, second])
        #expect(["SVD", "EASE", "blend"].map(colours.style(of:)) == [0, 1, 2])
        let renderer = SVGChartRenderer()
        #expect(try lineClasses(renderer.render(first, colours: colours)) == ["s0", "s1", "s2"])
        #expect(try lineClasses(renderer.render(second, colours: colours)) == ["s2", "s0"])
        // Without the report's colours, the second figure would colour by position.
        #expect(try lineClasses(renderer.render(second)) == ["s0", "s1"])
        // The legend follows the figure's own order, in the names' colours.
        let legend = try XMLTree(renderer.render(second, colours: colours))
            .nodes("//*[local-name()='g'][@class='legend']/*[local-name()='line']")
            .compactMap { ($0 as? XMLElement)?.attributeValue("class") }
        #expect(legend == ["s2", "s0"])
    }

    @Test func namesThatNeverShareAFigureMayShareAColourButNamesThatDoNever() {
        // z first appears alone, but shares the last figure with x, so it does not take x's colour.
        let colours = SeriesColours(figures: [lines(["x", "y"]), lines(["z"]), lines(["x", "z"]), lines(["w"])])
        #expect(colours.style(of: "x") == 0)
        #expect(colours.style(of: "y") == 1)
        #expect(colours.style(of: "z") == 1)
        #expect(colours.style(of: "w") == 0)
        #expect(colours.style(of: "unknown") == nil)
        #expect(colours.style(of: "") == nil)
    }

    @Test func withMoreNamesThanColoursTheLeastSharedColourIsReused() {
        let names = (0..<8).map { "m\($0)" }
        let colours = SeriesColours(figures: [lines(names)])
        #expect(names.map { colours.style(of: $0) } == [0, 1, 2, 3, 4, 5, 0, 1])
    }

    @Test func unnamedSeriesTakeAColourNoNamedSeriesOfTheFigureHas() throws {
        let colours = SeriesColours(figures: [lines(["a", "b"]), lines(["b"])])
        let figure = Figure(title: "", marks: [
            .line(Series(name: "", x: [0, 1], y: [1, 0])), .line(Series(name: "b", x: [0, 1], y: [0, 1])),
        ])
        #expect(try lineClasses(SVGChartRenderer().render(figure, colours: colours)) == ["s0", "s1"])
    }

    @Test func everyReportFormatColoursSeriesByName() throws {
        let run = ReportFixtures.run(figures: [lines(["a", "b"]), lines(["b", "a"])])
        let html = HTMLReportRenderer().render(run)
        let tree = try XMLTree(html)
        let classes = try tree.nodes("//*[local-name()='g'][contains(concat(' ', @class, ' '), ' line ')]")
            .compactMap { ($0 as? XMLElement)?.attributeValue("class") }
        #expect(classes == ["series s0 line", "series s1 line", "series s1 line", "series s0 line"])
        let markdown = MarkdownReportRenderer().render(run, name: "nb", source: nil)
        #expect(try markdown.attachments.map { try lineClasses(String(decoding: $0.contents, as: UTF8.self)) } == [["s0", "s1"], ["s1", "s0"]])
    }
}
