import Foundation
import RecbookSupport
import Testing
@testable import NotebookCore

@Suite struct InlineValueTests {
    @Test(arguments: [
        ("", 0.96279, "0.96279"),
        ("", 81200, "81200"),
        (".4f", 0.96275, "0.9627"),  // stored as 0.962749999…; Python prints 0.9627 too
        (".0f", 2.5, "2"),
        (",", 100836, "100,836"),
        (",", -1234567, "-1,234,567"),
        (",.1f", 1234567.25, "1,234,567.2"),
        (".1%", 0.0640, "6.4%"),
        ("d", 610, "610"),
        (",d", 25000095, "25,000,095"),
        (".3e", 12345.678, "1.235e+04"),
    ])
    func formatsNumbersAsPythonDoes(format: String, value: Double, expected: String) throws {
        let inline = try #require(InlineValue(text: "x.value" + (format.isEmpty ? "" : ":" + format), location: RecbookSupport.SourceLocation(file: "", line: 1, column: 1)))
        #expect(try inline.rendered(.number(value)) == expected)
    }

    @Test func aFormatThatDoesNotFitIsAnError() throws {
        let whole = try #require(InlineValue(text: "x.value:d", location: RecbookSupport.SourceLocation(file: "", line: 1, column: 1)))
        #expect(throws: InlineFormatError("the format ':d' needs a whole number, got 2.5")) { try whole.rendered(.number(2.5)) }
        let text = try #require(InlineValue(text: "t.genre[0]:.2f", location: RecbookSupport.SourceLocation(file: "", line: 1, column: 1)))
        #expect(throws: InlineFormatError("the format ':.2f' needs a number, but the value is text")) { try text.rendered(.text("Drama")) }
    }

    @Test func aCellIndexIsNotTakenForAFormat() throws {
        let inline = try #require(InlineValue(text: "t.mean_rating[0]", location: RecbookSupport.SourceLocation(file: "", line: 1, column: 1)))
        #expect(inline.name == "t")
        #expect(inline.path == "mean_rating[0]")
        #expect(inline.format == nil)
    }

    @Test(arguments: [
        // An unknown value, with a suggestion.
        ("```constant\nvalue: 2\nas: two\n```\n\nTwo is `=tow.value`.\n",
         "nb.md:6:10: error: inline value '=tow.value': 'tow' is not bound by any step; did you mean 'two'?"),
        // An unknown measurement.
        ("```constant\nvalue: 2\nas: two\n```\n\nTwo is `=two.valeu`.\n",
         "nb.md:6:10: error: inline value '=two.valeu': a number has no measurement 'valeu'; did you mean 'value'?"),
        // Not NAME.MEASUREMENT.
        ("Plain `=two` here.\n", "nb.md:1:9: error: inline value '=two' must name a bound value and a measurement, as in `=split.train` or `=evaluation.rmse:.4f`"),
        // An unknown format.
        ("```constant\nvalue: 2\nas: two\n```\n\nTwo is `=two.value:.2q`.\n",
         "nb.md:6:10: error: inline value '=two.value:.2q': unknown format ':.2q'; use for example ':.4f', ':,', ':.1%' or ':d'"),
        // A cross-reference to a label no step declares.
        ("```constant\nvalue: 2\nlabel: fig-two\n```\n\nSee @fig-tow.\n",
         "nb.md:6:5: error: '@fig-tow' refers to no figure: no step has the label 'fig-tow'; did you mean '@fig-two'?"),
        ("A table: @tbl-summary.\n",
         "nb.md:1:10: error: '@tbl-summary' refers to no table: no step has the label 'tbl-summary'; give the step that makes it 'label: tbl-summary'"),
        // A `fig-` label does not answer a table reference.
        ("```constant\nvalue: 2\nlabel: fig-two\n```\n\nSee @tbl-two.\n",
         "nb.md:6:5: error: '@tbl-two' refers to no table: no step has the label 'tbl-two'; 'two' labels a figure: write '@fig-two'"),
    ])
    func problemsInProseAreCheckErrors(source: String, expected: String) {
        let (plan, diagnostics) = check(source)
        #expect(plan == nil)
        #expect(diagnostics == [expected])
    }

    @Test func validProseReferencesCheckClean() {
        let (plan, diagnostics) = check("""
        ```pair
        as: p
        label: totals
        ```

        The first is `=p.first.value:.1f`, see @fig-totals and @tbl-totals; `@fig-none` in code is literal.
        Inline code such as `x = 1` is left alone, and so is ``=p.first`` with two backticks.
        """)
        #expect(diagnostics == [])
        #expect(plan?.inlineValues.map(\.value.text) == ["p.first.value:.1f"])
        #expect(plan?.inlineValues.first?.members == ["first"])
        #expect(plan?.inlineValues.first?.measurement == "value")
    }

    @Test func theRunMeasuresInlineValuesFromTheBindingAboveThem() throws {
        let (plan, diagnostics) = check("""
        ```constant
        value: 2
        as: n
        ```

        Now `=n.value`.

        ```constant
        value: 3.25
        as: n
        ```

        Later `=n.value:.1f`.
        """)
        #expect(diagnostics == [])
        let run = Executor(registry: testRegistry).run(try #require(plan))
        #expect(run.stepResults.map(\.inlineValues) == [["n.value": .value("2")], ["n.value:.1f": .value("3.2")]])
        #expect(run.succeeded)
    }
}
