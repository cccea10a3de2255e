import Foundation
import NotebookCore
import NotebookMarkdown
import Outputs
import RecbookSupport
@testable import Report
import RunModel

/// A small notebook source and a run built from it: prose with references, a link reference
/// definition and a footnote, a Python cell, an HTML block, and steps that succeeded (with a
/// cache note), were reused, failed and were not run, with text, table, figure and note outputs.
///
/// The prose blocks come from parsing ``source`` with cmark-gfm, so their ranges and HTML are
/// real; only the steps' results are made up.
enum FormatFixtures {
    static let name = "ratings"
    static let path = "notebooks/ratings.md"
    static let title = "Ratings at a glance"
    /// A message with a line of three backticks, which must not close the fence around it.
    static let errorMessage = "ratings.csv:12:3: error: bad value </script>\n```\nk must be at most 3"

    static let source = """
    ---
    title: Ratings at a glance
    ---

    # Ratings at a glance

    Ratings are in @tbl-ratings and plotted in @fig-hist[^src]; the model is described
    [in the SVD section][svd], see also @fig-missing. Literal: `@fig-hist`, me@fig-x.org.

    [svd]: #spread-of-ratings

    ```python
    ratings = pd.read_csv("ratings.csv")
    ```

    ```{load} as: ratings
    path: ratings.csv
    expect: rows == 100836
    ```

    ## Spread of ratings

    - one: @tbl-ratings
    - two: [@fig-hist](#top)

    ```histogram
    column: rating
    ```

    <div class="aside">Compare @fig-hist.</div>

    ```{svd} as: model
    k: 5
    ```

    ```evaluate
    model: model
    ```

    [^src]: GroupLens; see @fig-hist.

    """

    static let ratingsTable = TableOutput(
        columns: [.init("userId", isNumeric: true), .init("movieId", isNumeric: true), .init("rating", isNumeric: true)],
        rows: [.init(label: "0", cells: ["1", "1", "4.0"]), .init(label: "100835", cells: ["610", "170875", "3.0"])],
        rowEllipsisAfter: 1, totalRows: 100_836, showsShape: true, caption: "The first and last ratings", label: "ratings"
    )

    static let histogram = Figure(
        title: "Ratings", caption: "How often each rating is given", label: "hist", xAxis: Axis("Rating"),
        marks: [
            .histogram(Histogram(name: "ratings", edges: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5], counts: [4, 11, 26, 35, 17])),
            .rule(Rule(.vertical, at: .nan, label: "not finite")),
        ]
    )

    /// What happened to a step, in the made-up run.
    private struct Outcome {
        var name: String
        var binding: String?
        var status: StepStatus
        var outputs: [Output] = []
        var expectations: [ExpectationResult] = []
        var valueSummary: String?
        var cacheNote: String?
        var duration: Double
    }

    /// The four steps' outcomes, in order.
    private static let outcomes = [
        Outcome(name: "load", binding: "ratings", status: .succeeded, outputs: [.table(ratingsTable)],
                expectations: [ExpectationResult(source: "rows == 100836", passed: true, detail: "rows = 100836")],
                valueSummary: "table 100836 × 4", cacheNote: "not in the cache", duration: 0.8),
        Outcome(name: "histogram", binding: nil, status: .reused(reason: "unchanged: same parameters, inputs and data files"),
                outputs: [
                    .text("Minimum rating: 0.5\nMaximum rating: 5.0\n"),
                    .figure(histogram),
                    .note(Note(.warning, markdown: "Compare with @tbl-ratings.")),
                ], duration: 1.5),
        Outcome(name: "svd", binding: "model", status: .failed(message: errorMessage),
                expectations: [ExpectationResult(source: "rmse < 0.97", passed: false, detail: "rmse = 1.2")],
                cacheNote: "parameter 'k' changed", duration: 2.25),
        Outcome(name: "evaluate", binding: nil, status: .notRun(reason: "step 3 (svd) failed"), duration: 0),
    ]

    /// The run, with its cells built from ``source``: Python blocks become code cells, other
    /// fenced blocks the steps above.
    /// - Parameters:
    ///   - includesTimings: whether reports may show times.
    ///   - timeScale: multiplies every duration, to make runs that differ only in their times.
    static func run(includesTimings: Bool = false, timeScale: Double = 1) throws -> NotebookRun {
        let document = try MarkdownParser.parse(source, path: path)
        var cells: [CellResult] = []
        for block in document.blocks {
            guard case .fencedCode(let code) = block.kind else {
                cells.append(.prose(block))
                continue
            }
            if code.language == "python" {
                cells.append(.code(code))
                continue
            }
            let number = cells.filter { if case .step = $0 { true } else { false } }.count + 1
            let outcome = outcomes[number - 1]
            cells.append(.step(StepCellResult(
                number: number, name: outcome.name, block: code, binding: outcome.binding, status: outcome.status,
                outputs: outcome.outputs, duration: outcome.duration * timeScale, valueSummary: outcome.valueSummary,
                expectations: outcome.expectations, cacheNote: outcome.cacheNote
            )))
        }
        return NotebookRun(
            title: title, path: path, cells: cells,
            provenance: Provenance(
                recbookVersion: "0.1.0", seed: 42,
                parameters: [(name: "k", value: "5"), (name: "data", value: "data/<ml>|small")],
                files: [(path: "data/ml-latest-small/ratings.csv", sha256: String(repeating: "ab12", count: 16))]
            ),
            duration: 63.4 * timeScale, includesTimings: includesTimings
        )
    }
}
