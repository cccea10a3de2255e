import Foundation
import NotebookCore
import NotebookMarkdown
import Outputs
import RecbookSupport
import RunModel
import Testing
@testable import Report

@Suite struct ReportFormatTests {
    @Test(arguments: ReportFormat.allCases)
    func mainFileIsNamedAfterTheNotebookAndFormat(_ format: ReportFormat) throws {
        let document = format.render(try FormatFixtures.run(), name: "ratings", source: FormatFixtures.source)
        #expect(document.main.relativePath == "ratings." + format.rawValue)
        #expect(document.files.first == document.main)
        #expect(document.unresolvedReferences == ["@fig-missing"])
        for file in document.files {
            #expect(!file.relativePath.hasPrefix("/") && !file.relativePath.split(separator: "/").contains(".."))
        }
    }

    /// Without timings, runs that differ only in how long they took render to the same bytes,
    /// and rendering is repeatable.
    @Test(arguments: ReportFormat.allCases)
    func outputIsDeterministicWithoutTimings(_ format: ReportFormat) throws {
        let first = format.render(try FormatFixtures.run(), name: "ratings", source: FormatFixtures.source)
        let again = format.render(try FormatFixtures.run(), name: "ratings", source: FormatFixtures.source)
        let slower = format.render(try FormatFixtures.run(timeScale: 3.7), name: "ratings", source: FormatFixtures.source)
        #expect(first.files == again.files)
        #expect(first.files == slower.files)
        let timed = format.render(try FormatFixtures.run(includesTimings: true), name: "ratings", source: FormatFixtures.source)
        #expect(timed.main != first.main, "timings should show when included")
    }

    @Test(arguments: [
        ("movie-recommender", "movie-recommender"),
        ("a/b", "a_b"),
        ("", "notebook"),
        ("..", "notebook"),
        ("tab\there", "tab_here"),
    ])
    func baseNamesAreSafeFileNames(name: String, expected: String) {
        #expect(ReportFormat.safeBaseName(name) == expected)
    }

    @Test func formatNamesMatchTheCommandLine() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["html", "md", "ipynb", "json"])
        #expect(ReportFormat(rawValue: "md") == .markdown)
    }

    /// A figure with every kind of mark, in every format: the JSON report describes each mark as
    /// its schema says, and the Markdown and notebook formats still draw it.
    @Test func figuresWithEveryKindOfMarkRenderEverywhere() throws {
        let figure = Figure(title: "All marks", xAxis: Axis("x", scale: .log), yAxis: Axis("y", includesZero: true), marks: [
            .bars(BarSeries(categories: ["a", "b"], series: [NamedValues("one", [1, 2]), NamedValues("two", [3, .infinity])])),
            .line(Series(name: "line", x: [1, 10], y: [2, 3], dashed: true)),
            .points(Series(name: "points", x: [1, 100], y: [1, 2], labels: ["p", "q"])),
            .rule(Rule(.horizontal, at: 2, label: "two")),
        ])
        let block = FencedCode(info: "plot", language: "plot", literal: "", fenceLine: 1, fenceColumn: 1,
                               bodyFirstLine: 2, bodyColumn: 1, fence: "```")
        let run = NotebookRun(
            title: "Marks", path: "marks.md",
            cells: [.step(StepCellResult(number: 1, name: "plot", block: block, binding: nil, status: .succeeded,
                                         outputs: [.figure(figure)]))],
            provenance: Provenance(recbookVersion: "0.1.0", seed: nil, parameters: [], files: []),
            duration: 1, includesTimings: false
        )
        // Read back as another tool would, so whole numbers compare as integers.
        let json = try JSONValue.parse(JSONReportRenderer().json(for: run, source: nil).document.serialized())
        #expect(try SchemaFixtures.runValidator().validate(json).isEmpty)
        #expect(json["provenance"]?["seed"] == .null)
        guard case .array(let cells)? = json["cells"], case .array(let outputs)? = cells.first?["outputs"],
              case .array(let marks)? = outputs.first?["marks"] else {
            Issue.record("no marks in \(json.serialized())")
            return
        }
        #expect(marks.map { $0["type"] } == ["bars", "line", "points", "rule"])
        #expect(marks[0]["series"] == [["name": "one", "values": [1, 2]], ["name": "two", "values": [3, nil]]])
        #expect(marks[1] == ["type": "line", "name": "line", "x": [1, 10], "y": [2, 3], "labels": [], "dashed": true])
        #expect(marks[2]["labels"] == ["p", "q"])
        #expect(outputs.first?["xAxis"]?["scale"] == "log")
        // No number, anchor or caption is invented for an unlabelled, uncaptioned figure beyond its numbering.
        #expect(outputs.first?["number"] == 1)
        #expect(outputs.first?["anchor"] == "figure-1")
        #expect(outputs.first?["caption"] == nil)

        let notebook = JupyterNotebookRenderer().notebookJSON(for: run, source: nil).notebook
        #expect(try SchemaFixtures.notebookValidator().validate(notebook).isEmpty)
        let markdown = MarkdownReportRenderer().render(run, name: "marks", source: nil)
        let svg = String(decoding: try #require(markdown.attachments.first).contents, as: UTF8.self)
        let path = "marks_files/figure-1-\(Digest.sha256(svg).prefix(12)).svg"
        #expect(markdown.attachments.map(\.relativePath) == [path])
        #expect(String(decoding: markdown.main.contents, as: UTF8.self)
            .contains("<a id=\"figure-1\"></a>![Figure 1: All marks](\(path))"))
    }
}
