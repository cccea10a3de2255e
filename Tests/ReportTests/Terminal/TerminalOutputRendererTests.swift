import NotebookCore
import Outputs
import RunModel
import Testing
@testable import Report

@Suite struct TerminalOutputRendererTests {
    private let renderer = TerminalOutputRenderer(width: 80)

    @Test func textIsPrintedAsIs() {
        #expect(renderer.render(.text("Train: 81200  Val: 9818\n")) == "Train: 81200  Val: 9818")
        #expect(renderer.render(.text("  indented\n\nblank line")) == "  indented\n\nblank line")
    }

    // 40 columns: each line takes as many words as fit, continuations keep the indent, and a
    // Keras-style box line is left whole.
    @Test func longTextLinesAreBrokenAtSpacesToTheWidth() {
        let narrow = TerminalOutputRenderer(width: 40, wrapsText: true)
        let text = "  (ranked against every movie in the training data the user has not rated there)\nshort\n"
        #expect(TerminalOutputRenderer(width: 40).render(.text(text)) == String(text.dropLast()), "not wrapped for a pipe")
        #expect(narrow.render(.text(text)) == """
              (ranked against every movie in the
              training data the user has not rated
              there)
            short
            """)
        let box = "│ embedding (Embedding)  │ (None, 1, 50)  │  30,500 │ " + String(repeating: "─", count: 30)
        #expect(narrow.render(.text(box)) == box)
        #expect(narrow.render(.text("a_single_word_that_is_longer_than_forty_columns fits")) == "a_single_word_that_is_longer_than_forty_columns\nfits")
    }

    @Test func notesAreLabelledPlainText() {
        #expect(renderer.render(.note(Note(markdown: "The original *differs* here.\n"))) == "Note: The original *differs* here.")
        #expect(renderer.render(.note(Note(.warning, markdown: "Careful"))) == "Warning: Careful")
    }

    @Test func tablesAndFiguresUseTheTerminalRenderers() {
        let table = TableFixtures.movies
        #expect(renderer.render(.table(table)) == TerminalTableRenderer(maxCellWidth: 40).render(table))
        var captioned = table
        captioned.caption = "Movies"
        #expect(renderer.render(.table(captioned)).hasPrefix("Table: Movies\n"))

        let figure = Figure(title: "Counts", caption: "Two bars", marks: [
            .bars(BarSeries(categories: ["a", "b"], series: [NamedValues("n", [1, 2])])),
        ])
        #expect(renderer.render(.figure(figure)) == ASCIIChartRenderer(width: 72).render(figure) + "\nTwo bars")
    }

    @Test func outputsAreSeparatedByBlankLines() {
        #expect(renderer.render([.text("one\n"), .text("two")]) == "one\n\ntwo")
    }

    @Test func stepSummaryNamesStatusOutputsExpectationsAndValue() {
        let step = StepCellResult(
            number: 7, name: "evaluate", block: ReportFixtures.fence("{evaluate}", ""), binding: "scores",
            status: .succeeded, outputs: [.text("RMSE: 0.9628\n")], duration: 2.5, valueSummary: "metrics",
            expectations: [
                ExpectationResult(source: "rmse < 0.97", passed: true, detail: "rmse = 0.9628"),
                ExpectationResult(source: "mae < 0.5", passed: false, detail: "mae = 0.7459"),
            ]
        )
        #expect(renderer.render(step: step, includesTimings: true) == """
            In [7] evaluate  ✓  2.50 s
            RMSE: 0.9628
            ✓ rmse < 0.97 (rmse = 0.9628)
            ✗ mae < 0.5 (mae = 0.7459)
            → scores: metrics
            """)
        #expect(!renderer.render(step: step, includesTimings: false).contains("2.50 s"))
    }

    @Test(arguments: [
        (StepStatus.failed(message: "ratings.csv:3: bad row"), "In [1] load  ✗ failed\nerror: ratings.csv:3: bad row"),
        (StepStatus.notRun(reason: "step 0 failed"), "In [1] load  – not run\nnot run: step 0 failed"),
        (StepStatus.reused(reason: "unchanged"), "In [1] load  ↺ reused\nreused from the cache: unchanged"),
    ])
    func stepStatusLines(status: StepStatus, expected: String) {
        let step = StepCellResult(number: 1, name: "load", block: ReportFixtures.fence("{load}", ""), binding: nil,
                                  status: status)
        #expect(renderer.render(step: step, includesTimings: false) == expected)
    }

    @Test func stepThatRanSaysWhyItWasNotReused() {
        let step = StepCellResult(number: 2, name: "svd", block: ReportFixtures.fence("{svd}", ""), binding: "model",
                                  status: .failed(message: "k too large"), cacheNote: "parameter 'k' changed")
        // The failed step's binding is not shown: it has no value.
        #expect(renderer.render(step: step, includesTimings: false)
                == "In [2] svd  ✗ failed\nerror: k too large\nnot reused: parameter 'k' changed")
    }
}
