import NotebookCore
import NotebookMarkdown
import Outputs
@testable import Report
import RunModel

/// A small hand-built run with one of everything the report shows: a title heading, repeated
/// section names, prose with cross-references, a Python cell, and steps that succeeded, were
/// reused, failed and were not run.
enum ReportFixtures {
    static let title = "Movie Recommender System"
    static let errorMessage = "ratings.csv:12:3: error: bad value </script><script>alert(1)</script>"
    static let digest = String(repeating: "ab12", count: 16)

    private static let range = SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 1)

    static func heading(_ level: Int, _ text: String, inlineHTML: String? = nil) -> CellResult {
        let inline = inlineHTML ?? HTMLEscaping.text(text)
        return .prose(MarkdownBlock(kind: .heading(level: level, text: text, inlineHTML: inline), range: range,
                                    html: "<h\(level)>\(inline)</h\(level)>\n"))
    }

    static func paragraph(_ html: String) -> CellResult {
        .prose(MarkdownBlock(kind: .paragraph, range: range, html: html))
    }

    static func fence(_ info: String, _ literal: String) -> FencedCode {
        FencedCode(info: info, language: String(info.split(separator: " ").first ?? ""), literal: literal,
                   fenceLine: 1, fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```")
    }

    static let ratingsTable = TableOutput(
        columns: [.init("userId", isNumeric: true), .init("movieId", isNumeric: true), .init("rating", isNumeric: true)],
        rows: [.init(label: "0", cells: ["1", "1", "4.0"]), .init(label: "100835", cells: ["610", "170875", "3.0"])],
        rowEllipsisAfter: 1, totalRows: 100_836, showsShape: true, caption: "The first and last ratings", label: "ratings"
    )

    static let histogram = Figure(
        title: "Ratings", caption: "How often each rating is given", label: "hist", xAxis: Axis("Rating"),
        marks: [.histogram(Histogram(name: "ratings", edges: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5], counts: [4, 11, 26, 35, 17]))]
    )

    /// - Parameters:
    ///   - durations: the four steps' run times and the whole run's, in that order.
    ///   - includesTimings: whether the report may show them.
    static func run(durations: [Double] = [0.8, 1.5, 2.25, 0, 63.4], includesTimings: Bool = true) -> NotebookRun {
        let cells: [CellResult] = [
            heading(1, title, inlineHTML: "<em><strong>Movie Recommender System</strong></em>"),
            heading(2, "Datasets Preprocessing"),
            paragraph("<p>The ratings are in @tbl-ratings and plotted in @fig-hist; see also @fig-missing. "
                      + "Write to me@fig-x.org. Literal: <code>@fig-hist</code>.</p>\n"),
            .code(fence("python", "ratings = pd.read_csv(\"ratings.csv\")\n")),
            .step(StepCellResult(
                number: 1, name: "load", block: fence("{load} as: ratings", "path: ratings.csv\n"),
                binding: "ratings", status: .succeeded, outputs: [.table(ratingsTable)], duration: durations[0],
                valueSummary: "table 100836 × 4",
                expectations: [ExpectationResult(source: "rows == 100836", passed: true, detail: "rows = 100836")]
            )),
            heading(2, "Datasets Preprocessing"),
            .step(StepCellResult(
                number: 2, name: "histogram", block: fence("{histogram}", "column: rating\n"), binding: nil,
                status: .reused(reason: "inputs unchanged since the last run"),
                outputs: [
                    .text("Minimum rating: 0.5\nMaximum rating: 5.0\n"),
                    .figure(histogram),
                    .note(Note(.warning, markdown: "Compare with @tbl-ratings.")),
                ],
                duration: durations[1]
            )),
            heading(3, "SVD & <friends>", inlineHTML: "SVD &amp; &lt;friends&gt;"),
            .step(StepCellResult(
                number: 3, name: "svd", block: fence("{svd} as: model", "k: 50\n"), binding: "model",
                status: .failed(message: errorMessage), duration: durations[2],
                expectations: [ExpectationResult(source: "rmse < 0.97", passed: false, detail: "rmse = 1.2")]
            )),
            .step(StepCellResult(
                number: 4, name: "evaluate", block: fence("{evaluate}", "model: model\n"), binding: nil,
                status: .notRun(reason: "step 3 (svd) failed"), duration: durations[3]
            )),
            paragraph("<p>See @tbl-ratings again.</p>\n"),
        ]
        return NotebookRun(
            title: title, path: "notebooks/movie-recommender.md", cells: cells,
            provenance: Provenance(
                recbookVersion: "0.1.0", seed: 42,
                parameters: [(name: "k", value: "50"), (name: "data", value: "data/<ml>.csv")],
                files: [(path: "data/ml-latest-small/ratings.csv", sha256: digest)]
            ),
            duration: durations[4], includesTimings: includesTimings
        )
    }

    /// A run of one step per figure, each showing its figure.
    static func run(figures: [Figure]) -> NotebookRun {
        let cells = figures.enumerated().map { index, figure in
            CellResult.step(StepCellResult(
                number: index + 1, name: "chart", block: fence("chart", "kind: line\n"), binding: nil,
                status: .succeeded, outputs: [.figure(figure)], duration: 0
            ))
        }
        return NotebookRun(
            title: "Figures", path: "figures.md", cells: cells,
            provenance: Provenance(recbookVersion: "0.1.0", seed: 0, parameters: [], files: []),
            duration: 0, includesTimings: false
        )
    }

    /// Renders notes by wrapping their text in a paragraph, standing in for cmark-gfm.
    static let renderer = HTMLReportRenderer(noteRenderer: { "<p>" + HTMLEscaping.text($0) + "</p>\n" })
}
