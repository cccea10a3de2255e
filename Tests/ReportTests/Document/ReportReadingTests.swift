import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RunModel
import Outputs
import Testing
@testable import Report

/// What a reader sees beside the analysis: the original's cell numbers, one title, charts that
/// stay legible on a phone, print rules that keep tables on the page.
@Suite struct ReportReadingTests {
    private static func run(originalCells: [Int], title: String = ReportFixtures.title) -> NotebookRun {
        var run = ReportFixtures.run()
        run.title = title
        run.cells = run.cells.map { cell in
            guard case var .step(step) = cell, step.number == 1 else { return cell }
            step.originalCells = originalCells
            return .step(step)
        }
        return run
    }

    @Test(arguments: [
        ([2], "[2]"), ([4, 5], "[4, 5]"), ([13, 14, 20], "[13, 14, 20]"),
        ([29, 30, 31, 32, 33, 34, 35, 36, 37, 38], "[29–38]"), ([1, 3, 4, 5, 9], "[1, 3–5, 9]"),
    ])
    func originalCellsReadAsTheOriginalWroteThem(_ cells: [Int], _ expected: String) {
        var step = StepCellResult(number: 1, name: "load", block: ReportFixtures.fence("load", ""), binding: nil, status: .succeeded)
        step.originalCells = cells
        #expect(StepPresentation.originalCells(of: step) == expected)
    }

    @Test func aStepShowsTheOriginalsCellNumberUnderItsOwn() throws {
        let tree = try XMLTree(ReportFixtures.renderer.render(Self.run(originalCells: [2])))
        #expect(try tree.strings("//section[@id='step-1']/div[@class='prompt']") == ["In [1]:orig. [2]"])
        #expect(try tree.strings("//section[@id='step-1']//span[@class='original-cell']/@title") == ["The original notebook's cell In [2]"])
        // A step that mirrors no cell shows its own number only.
        #expect(try tree.strings("//section[@id='step-3']/div[@class='prompt']") == ["In [3]:"])
    }

    @Test func theMarkdownAndIpynbExportsCarryTheOriginalsCellNumber() throws {
        let run = Self.run(originalCells: [13, 14])
        let markdown = String(decoding: MarkdownReportRenderer().render(run, name: "r", source: nil).main.contents, as: UTF8.self)
        #expect(markdown.contains("**In \\[1\\]:** `load` · ✓ succeeded · the original's In \\[13, 14\\]"))
        let ipynb = String(decoding: JupyterNotebookRenderer().render(run, name: "r", source: nil).main.contents, as: UTF8.self)
        let notebook = try JSONSerialization.jsonObject(with: Data(ipynb.utf8)) as? [String: Any]
        let cells = try #require(notebook?["cells"] as? [[String: Any]])
        let load = try #require(cells.first { (($0["metadata"] as? [String: Any])?["recbook"] as? [String: Any])?["step"] as? String == "load" })
        #expect(((load["metadata"] as? [String: Any])?["recbook"] as? [String: Any])?["original_cells"] as? [Int] == [13, 14])
        #expect(ipynb.contains("(the original's In [13, 14])"))
    }

    @Test func aTitleInTheFrontMatterAndAnOpeningHeadingShowOnce() throws {
        // The front matter's title differs from the opening heading's words.
        let run = Self.run(originalCells: [], title: "Movie Recommender System: the whole walk-through")
        let tree = try XMLTree(ReportFixtures.renderer.render(run))
        #expect(try tree.strings("//h1") == ["Movie Recommender System: the whole walk-through"])
        // The contents start at the sections, not nested under a repeat of the title.
        #expect(try tree.strings("//nav[@id='contents']/details/ol/li/a") == [
            "Datasets Preprocessing", "Datasets Preprocessing",
        ])
        let markdown = String(decoding: MarkdownReportRenderer().render(run, name: "r", source: nil).main.contents, as: UTF8.self)
        #expect(markdown.hasPrefix("# Movie Recommender System: the whole walk-through\n"))
        #expect(!markdown.contains("# Movie Recommender System\n"))
    }

    @Test func anOpeningHeadingThatSaysSomethingElseStays() throws {
        let run = Self.run(originalCells: [], title: "Notes on ratings")
        let tree = try XMLTree(ReportFixtures.renderer.render(run))
        #expect(try tree.strings("//header/h1") == ["Notes on ratings"])
        #expect(try tree.strings("//main//h1/em/strong") == [ReportFixtures.title])
        #expect(try tree.strings("//nav[@id='contents']/details/ol/li/a").first == ReportFixtures.title)
    }

    @Test func chartsKeepTheirTextLegibleOnANarrowScreen() throws {
        let figure = Figure(title: "Ratings", xAxis: Axis("Rating"), marks: [
            .histogram(Histogram(name: "ratings", edges: [0.5, 1.5, 2.5], counts: [4, 11])),
        ])
        let tree = try XMLTree(ReportFixtures.renderer.render(ReportFixtures.run(figures: [figure])))
        // The chart sits in a box that scrolls sideways…
        #expect(try tree.nodes("//figure/div[@class='chart-scroll']/*[local-name()='svg']").count == 1)
        // …and is never drawn narrower than where its 11 px text would render below 9 px.
        let style = try #require(try tree.strings("//*[local-name()='svg']/@style").first)
        let viewBox = try #require(try tree.strings("//*[local-name()='svg']/@viewBox").first)
        let width = try #require(Double(viewBox.split(separator: " ")[2]))
        let minimum = try #require(style.split(separator: ";").first { $0.hasPrefix("min-width:") }
            .flatMap { Double($0.dropFirst("min-width:".count).dropLast(2)) })
        #expect(abs(minimum - (width * 9 / 11).rounded()) < 1, "\(style)")
        #expect(minimum * SVGChartLayout.fontSize / width >= 9 - 0.05)
    }

    @Test func printRulesFitWideTablesAndKeepASourceWithItsOutput() {
        let css = ReportStylesheet.css
        let rules = css.range(of: "@media print {").map { String(css[$0.lowerBound...]) } ?? ""
        for rule in [
            "table.dataframe { font-size: 7pt;", "white-space: normal; overflow-wrap: anywhere;",
            "table.dataframe td.num { white-space: nowrap; overflow-wrap: normal; }",
            "table.dataframe thead { display: table-header-group; }", ".source, .code-cell, .table-shape { break-after: avoid; }",
            ".outputs > :first-child { break-before: avoid; }", ".rb-chart { min-width: 0 !important; }",
        ] {
            #expect(rules.contains(rule), "missing print rule: \(rule)")
        }
        // A long table may break between its rows; only figures and short boxes stay whole.
        #expect(!rules.contains(".table-scroll, .error-box"))
        #expect(css.contains(".output-text {\n  background: transparent; border-left: 3px solid var(--border); border-radius: 0;\n  white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.2;")
                || css.contains("line-height: 1.2; font-variant-ligatures: none;"))
    }
}
