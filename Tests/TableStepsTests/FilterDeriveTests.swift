import Foundation
import Frames
import NotebookCore
import RecbookSupport
import Testing
@testable import TableSteps

private let movies = "```fixture\ntable: movies\nas: movies\n```\n"
private let unknownMovies = "```fixture\ntable: movies\nknown: false\nas: movies\n```\n"

@Suite struct FilterDiagnosticsTests {
    /// Problems point inside the expression, however the YAML writes it. The filter block starts
    /// on line 5; `where:` is on line 7.
    @Test(arguments: [
        // A plain scalar.
        ("where: title - 1 > 0", ["nb.md:7:8: error: 'title' holds strings; '-' needs numbers"]),
        // A quoted scalar: one column further for the quote.
        ("where: \"title - 1 > 0\"", ["nb.md:7:9: error: 'title' holds strings; '-' needs numbers"]),
        // A literal block.
        ("where: |\n  rating > 3 and\n    lowr(title) == 'x'", ["nb.md:9:5: error: unknown function 'lowr'; did you mean 'lower'?"]),
        // A plain scalar folded over two lines.
        ("where: rating > 3\n  and ratng < 2", ["nb.md:8:7: error: no column 'ratng'; did you mean 'rating'?"]),
        // Characters, not bytes, before the problem.
        ("where: title == 'é' and ratng > 1", ["nb.md:7:25: error: no column 'ratng'; did you mean 'rating'?"]),
        // Every problem.
        ("where: ratng > 3 or year(movieId) > 1990 or rating == null", [
            "nb.md:7:8: error: no column 'ratng'; did you mean 'rating'?",
            "nb.md:7:26: error: year() expects a timestamp, but 'movieId' holds integers; if they are Unix seconds, convert them with timestamp(movieId) or the to-datetime step",
            "nb.md:7:45: error: a comparison with null is null, never true; write 'rating is null'",
        ]),
        ("where: rating", ["nb.md:7:8: error: a condition must be true or false, but 'rating' holds numbers"]),
        ("where: watched >= '1995-02-30'", ["nb.md:7:19: error: '1995-02-30' is not a date: day 30 is not in 1…28 for 1995-02"]),
        // Syntax errors come from reading the notebook, at the offending token.
        ("where: rating > 3 and", ["nb.md:7:22: error: parameter 'where' has a syntax error: expected an operand after 'and'"]),
        ("where: (rating > 3 ]", ["nb.md:7:20: error: parameter 'where' has a syntax error: ')' expected to close the '(' at column 8"]),
        ("where: |\n  (rating > 3\n    or title == 'x' ]", [
            "nb.md:9:21: error: parameter 'where' has a syntax error: ')' expected to close the '(' at line 8, column 3",
        ]),
        ("where: \"title == 'Heat\"", ["nb.md:7:18: error: parameter 'where' has a syntax error: unclosed string; it needs a closing '"]),
        ("where: [rating > 3]", ["nb.md:7:8: error: parameter 'where' expects an expression, got a list"]),
        ("preview: none", ["nb.md:5:1: error: step 'filter' is missing required parameter 'where' (an expression)"]),
    ])
    func diagnostics(body: String, expected: [String]) {
        #expect(checkDiagnostics(movies + "```filter\ntable: movies\n\(body)\n```\n") == expected)
    }

    @Test func aTooLongExpressionIsRefusedWhenTheNotebookIsRead() {
        let text = String(repeating: "rating > 1 or ", count: 800) + "true"
        #expect(checkDiagnostics(movies + "```filter\ntable: movies\nwhere: \(text)\n```\n") == [
            "nb.md:7:8: error: parameter 'where' has a syntax error: the expression is 11204 characters long; the limit is 10000",
        ])
    }

    @Test func runTimeChecksReadAsTheCheckersDo() throws {
        let run = try runNotebook(unknownMovies + "```filter\ntable: movies\nwhere: ratng > 3 or lower(rating) == 'x'\n```\n")
        #expect(run.stepTexts.last == """
        nb.md:8:8: error: no column 'ratng'; did you mean 'rating'?
        nb.md:8:27: error: lower() expects text, but 'rating' holds numbers
        """)
    }

    @Test func valuesThatCannotBeComputedPointAtTheirPlace() throws {
        let run = try runNotebook(movies + "```filter\ntable: movies\nwhere: movieId > 2 or int(title) > 3\n```\n")
        #expect(run.stepTexts.last == "nb.md:7:23: error: int() cannot read 'Toy Story (1995)' as an integer (at row index 0)")
    }
}

@Suite struct FilterRunTests {
    private func dump(_ steps: String, fixture: String = movies) throws -> [String] {
        let run = try runNotebook(fixture + steps + "```dump\ntable: result\n```\n")
        return run.stepTexts
    }

    @Test func keepsTheRowsWhereTheConditionIsTrueInOrder() throws {
        let texts = try dump("```filter\ntable: movies\nwhere: rating >= 4 or movieId == 2\npreview: none\nas: result\n```\n")
        #expect(texts.last == """
        movieId (int): 1, 2, 4
        title (string): Toy Story (1995), Jumanji (1995), null
        genres (string): Adventure|Animation, Adventure|Children, (no genres listed)
        rating (double): 4.5, null, 5.0
        watched (timestamp): 1995-11-22 00:00:00, 1995-12-15 12:30:00, null

        """)
    }

    @Test func aNullConditionDropsTheRowEitherWay() throws {
        let kept = try dump("```filter\ntable: movies\nwhere: not (rating > 4)\npreview: none\nas: result\n```\n")
        #expect(kept.last?.hasPrefix("movieId (int): 3\n") == true)
        let dates = try dump("```filter\ntable: movies\nwhere: watched < '1995-12-01' and contains(genres, 'Adventure')\npreview: none\nas: result\n```\n")
        #expect(dates.last?.hasPrefix("movieId (int): 1\n") == true)
    }

    @Test func anEmptyTableStaysEmpty() throws {
        let texts = try dump(
            "```filter\ntable: movies\nwhere: rating > 1\nas: result\n```\n",
            fixture: "```fixture\ntable: empty\nas: movies\n```\n"
        )
        #expect(texts.last == "movieId (int): \ntitle (string): \ngenres (string): \nrating (double): \nwatched (timestamp): \n")
    }

    @Test func theResultIsPreviewedAsATable() throws {
        let run = try runNotebook(movies + "```filter\ntable: movies\nwhere: movieId == 3\nas: result\n```\n")
        guard case let .table(preview)? = run.stepResults.last?.outputs.first else {
            Issue.record("no table preview: \(run.stepResults.last?.outputs ?? [])")
            return
        }
        #expect(preview.shapeDescription == "1 rows × 5 columns")
    }
}

@Suite struct DeriveTests {
    @Test(arguments: [
        // Each problem at its place; a column whose expression failed is not checked again.
        ("columns:\n  score: rating * 2\n  bad: title - score\n  worse: bad + 1\n  good: lower(titel)", [
            "nb.md:9:8: error: 'title' holds strings; '-' needs numbers",
            "nb.md:11:15: error: no column 'titel'; did you mean 'title'?",
        ]),
        ("columns:\n  score: rating *", ["nb.md:8:18: error: parameter 'columns' has a syntax error in column 'score': expected an operand after '*'"]),
        ("columns: rating * 2", ["nb.md:7:10: error: parameter 'columns' expects a map of new column names to expressions, such as {score: rating * 2}, got 'rating * 2'"]),
        ("columns:\n  year: year(movieId)", [
            "nb.md:8:14: error: year() expects a timestamp, but 'movieId' holds integers; if they are Unix seconds, convert them with timestamp(movieId) or the to-datetime step",
        ]),
    ])
    func diagnostics(body: String, expected: [String]) {
        #expect(checkDiagnostics(movies + "```derive\ntable: movies\n\(body)\n```\n") == expected)
    }

    @Test func theNewColumnsFlowToLaterSteps() {
        let derive = "```derive\ntable: movies\ncolumns:\n  score: rating * 2\n  title: length(title)\nas: scored\n```\n"
        let filter = "```filter\ntable: scored\nwhere: scroe > 3 and lower(title) == 'x'\n```\n"
        #expect(checkDiagnostics(movies + derive + filter) == [
            "nb.md:14:8: error: no column 'scroe'; did you mean 'score'?",
            "nb.md:14:28: error: lower() expects text, but 'title' holds integers",
        ])
    }

    @Test func aYAMLNullIsNotAnExpression() {
        #expect(checkDiagnostics(movies + "```derive\ntable: movies\ncolumns:\n  nothing: null\n```\n") == [
            "nb.md:8:12: error: parameter 'columns' expects an expression, got nothing; write the literal null in quotes: 'null'",
        ])
    }

    @Test func aColumnDefinedTwiceIsRefused() {
        let location = { (line: Int, column: Int) in RecbookSupport.SourceLocation(file: "nb.md", line: line, column: column) }
        let node = ParameterNode(.mapping([
            .init(key: "a", keyLocation: location(8, 3), value: .scalar("1", at: location(8, 6))),
            .init(key: "a", keyLocation: location(9, 3), value: .scalar("2", at: location(9, 6))),
        ]), location: location(8, 3))
        #expect(throws: ParameterError("defines column 'a' twice", at: location(9, 3))) { try DerivedColumns(parameter: node) }
    }

    @Test func theCacheKeyKeepsNamesAndExpressionsApart() throws {
        let location = RecbookSupport.SourceLocation(file: "nb.md", line: 8, column: 3)
        let node = ParameterNode(.mapping([
            .init(key: "a", keyLocation: location, value: .scalar("'x, b: y'", at: location)),
            .init(key: "b: c", keyLocation: location, value: .scalar("1", at: location)),
        ]), location: location)
        #expect(try DerivedColumns(parameter: node).canonicalText == #"{"a":"'x, b: y'","b: c":"1"}"#)
    }

    @Test func computesColumnsInOrderReplacingExistingOnesInPlace() throws {
        let derive = """
        ```derive
        table: movies
        columns:
          score: coalesce(rating, 0) * 2
          title: upper(split(title, ' (', 0))
          liked: score >= 8
          year: year(watched)
          decade: year // 10 * 10
          no genres: genres == '(no genres listed)'
        preview: none
        as: result
        ```

        """
        let run = try runNotebook(movies + derive + "```dump\ntable: result\n```\n")
        #expect(run.stepTexts.last == """
        movieId (int): 1, 2, 3, 4
        title (string): TOY STORY, JUMANJI, HEAT, null
        genres (string): Adventure|Animation, Adventure|Children, Action|Crime, (no genres listed)
        rating (double): 4.5, null, 3.0, 5.0
        watched (timestamp): 1995-11-22 00:00:00, 1995-12-15 12:30:00, 1969-12-31 23:59:59, null
        score (double): 9.0, 0.0, 6.0, 10.0
        liked (bool): true, false, false, true
        year (int): 1995, 1995, 1969, null
        decade (int): 1990, 1990, 1960, null
        no genres (bool): false, false, false, true

        """)
    }

    @Test func anExpressionOfNothingButNullsGivesDoubles() throws {
        let run = try runNotebook(movies + "```derive\ntable: movies\ncolumns:\n  nothing: 'null'\n  one: 1\npreview: none\nas: result\n```\n```dump\ntable: result\n```\n")
        #expect(run.stepTexts.last?.hasSuffix("nothing (double): null, null, null, null\none (int): 1, 1, 1, 1\n") == true)
    }

    @Test func runTimeErrorsPointAtTheirPlace() throws {
        let unknown = try runNotebook(unknownMovies + "```derive\ntable: movies\ncolumns:\n  n: ratng + 1\n```\n")
        #expect(unknown.stepTexts.last == "nb.md:9:6: error: no column 'ratng'; did you mean 'rating'?")
        let failing = try runNotebook(movies + "```derive\ntable: movies\ncolumns:\n  n: movieId + int(genres)\n```\n")
        #expect(failing.stepTexts.last == "nb.md:8:16: error: int() cannot read 'Adventure|Animation' as an integer (at row index 0)")
    }
}
