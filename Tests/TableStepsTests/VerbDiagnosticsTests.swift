import Foundation
import Testing
@testable import TableSteps

/// What `recbook check` says about the table verbs, at the exact place of each mistake. Every
/// notebook starts with `fixtures` (lines 1–10); the block under test starts at line 11, its
/// parameters on line 12 and after.
@Suite struct VerbDiagnosticsTests {
    @Test(arguments: [
        // A misspelt column in a list is reported at its own element.
        ("```select\ntable: ratings\ncolumns: [userId, ratng]\n```\n", "nb.md:13:19: error: no column 'ratng'; did you mean 'rating'?"),
        ("```select\ntable: ratings\ncolumns: [userId, userId]\n```\n", "nb.md:13:19: error: column 'userId' is listed twice"),
        ("```drop\ntable: ratings\ncolumns:\n  - title\n  - movie\n```\n", "nb.md:15:5: error: no column 'movie'; the columns are 'userId', 'movieId', 'rating', 'title'"),
        ("```rename\ntable: ratings\ncolumns: {ratin: stars}\n```\n", "nb.md:13:11: error: no column 'ratin'; did you mean 'rating'?"),
        ("```rename\ntable: ratings\ncolumns: {rating: title}\n```\n", "nb.md:13:19: error: two columns would be named 'title'"),
        // Sort keys: the column inside '-name' and 'name desc'.
        ("```sort\ntable: ratings\nby: [userId, -ratin]\n```\n", "nb.md:13:15: error: no column 'ratin'; did you mean 'rating'?"),
        ("```sort\ntable: ratings\nby: [titel desc]\n```\n", "nb.md:13:6: error: no column 'titel'; did you mean 'title'?"),
        ("```sort\ntable: ratings\nby: [' - ']\n```\n", "nb.md:13:6: error: parameter 'by' expects a sort key such as 'rating desc' or '-rating', got ' - '"),
        ("```head\ntable: ratings\nn: 3\nby: [ratng desc]\n```\n", "nb.md:14:6: error: no column 'ratng'; did you mean 'rating'?"),
        ("```head\ntable: ratings\nn: 1000000000\n```\n", "nb.md:13:4: error: parameter 'n' must be in [0, 100000000], got 1000000000"),
        ("```distinct\ntable: ratings\ncolumns: [userld]\n```\n", "nb.md:13:11: error: no column 'userld'; did you mean 'userId'?"),
        ("```sample\ntable: ratings\n```\n", "nb.md:11:1: error: step 'sample' needs 'n' or 'fraction'"),
        ("```sample\ntable: ratings\nn: 2\nfraction: 0.5\n```\n", "nb.md:14:1: error: give 'n' or 'fraction', not both"),
        ("```explode\ntable: ratings\ncolumn: rating\n```\n", "nb.md:13:9: error: explode splits strings, but 'rating' holds numbers"),
        ("```explode\ntable: ratings\ncolumn: title\ninto: userId\n```\n", "nb.md:14:7: error: the table has a column 'userId' already"),
        ("```describe\ntable: ratings\ncolumns: [title]\n```\n", "nb.md:13:11: error: describe needs numbers, but 'title' holds strings"),
        ("```value-counts\ntable: ratings\ncolumns: [movieId, titl]\n```\n", "nb.md:13:20: error: no column 'titl'; did you mean 'title'?"),
        ("```bin\ntable: ratings\ncolumn: title\nwidth: 1\n```\n", "nb.md:13:9: error: bin needs numbers, but 'title' holds strings"),
        ("```bin\ntable: ratings\ncolumn: rating\nedges: [1, 3, 2]\n```\n", "nb.md:14:1: error: parameter 'edges' must increase, but 2.0 follows 3.0"),
        ("```bin\ntable: ratings\ncolumn: rating\nwidth: 0\n```\n", "nb.md:14:8: error: parameter 'width' must be greater than 0.0, got 0.0"),
        ("```to-datetime\ntable: ratings\ncolumn: title\n```\n", "nb.md:13:9: error: to-datetime reads integer seconds, but 'title' holds strings"),
    ])
    func verbs(body: String, expected: String) {
        let found = diagnostics(fixtures + body)
        #expect(found == [expected])
    }

    @Test(arguments: [
        // The column inside a call, after the function name.
        ("  m: mean(title)\n", "nb.md:15:11: error: mean() needs numbers, but 'title' holds strings"),
        ("  m: quantile( title , 0.5)\n", "nb.md:15:16: error: quantile() needs numbers, but 'title' holds strings"),
        ("  m: mean(ratin)\n", "nb.md:15:11: error: no column 'ratin'; did you mean 'rating'?"),
        // A quoted call: one column further for the quote.
        ("  m: \"max(titl)\"\n", "nb.md:15:11: error: no column 'titl'; did you mean 'title'?"),
        ("  m: meen(rating)\n", "nb.md:15:6: error: parameter 'aggregate' has no function 'meen'; did you mean 'mean'?"),
        ("  m: quantile(rating, 1.5)\n", "nb.md:15:23: error: parameter 'aggregate' quantile() needs a number in [0, 1], got '1.5'"),
        ("  m: mean(rating, 2)\n", "nb.md:15:6: error: parameter 'aggregate' mean() takes one column, as in mean(rating)"),
        ("  m: mean rating\n", "nb.md:15:6: error: parameter 'aggregate' expects a call such as mean(rating), got 'mean rating'"),
        ("  movieId: count()\n", "nb.md:15:3: error: 'movieId' is a key column already; name the aggregate otherwise"),
    ])
    func aggregateCalls(line: String, expected: String) {
        let found = diagnostics(fixtures + "```group\ntable: ratings\nby: movieId\naggregate:\n" + line + "```\n")
        #expect(found == [expected])
    }

    @Test func joinKeysOfDifferentTypes() {
        let movies = "```table\ncolumns: [movieId:double, name:string]\nrows: [[10, Heat]]\nas: movies\n```\n"
        // fixtures 1–10, movies 11–15, join from 16: 'on' on line 19.
        let found = diagnostics(fixtures + movies + "```join\nleft: ratings\nright: movies\non: movieId\n```\n")
        #expect(found == [
            "nb.md:19:5: error: cannot join on 'movieId' of 'movies': it holds numbers; keys are integers, strings, timestamps or booleans",
        ])
        let named = diagnostics(fixtures + movies + "```join\nleft: ratings\nright: movies\nleft_on: title\nright_on: [nam]\n```\n")
        #expect(named == ["nb.md:20:12: error: 'movies' has no column 'nam'; did you mean 'name'?"])
        let typed = diagnostics(fixtures + movies + "```join\nleft: ratings\nright: movies\nleft_on: [userId]\nright_on: [name]\n```\n")
        #expect(typed == [
            "nb.md:20:12: error: cannot join 'userId' (integers) of 'ratings' to 'name' (strings) of 'movies': keys must have the same type",
        ])
        let neither = diagnostics(fixtures + movies + "```join\nleft: ratings\nright: movies\n```\n")
        #expect(neither == ["nb.md:16:1: error: step 'join' needs 'on', or 'left_on' and 'right_on'"])
    }

    @Test func shapesFlowFromVerbToVerb() {
        // The group's output has 'movieId' and 'mean_rating' only: sorting by 'rating' after it is wrong.
        let text = fixtures + "```group\ntable: ratings\nby: movieId\naggregate: {mean_rating: mean(rating)}\nas: stats\n```\n"
            + "```sort\ntable: stats\nby: [rating desc]\n```\n"
        #expect(diagnostics(text) == ["nb.md:19:6: error: no column 'rating'; the columns are 'movieId', 'mean_rating'"])
        // Explode's parts replace the column; rename's names follow.
        let renamed = fixtures + "```rename\ntable: ratings\ncolumns: {title: name}\nas: r\n```\n```select\ntable: r\ncolumns: [title]\n```\n"
        #expect(diagnostics(renamed) == ["nb.md:18:11: error: no column 'title'; the columns are 'userId', 'movieId', 'rating', 'name'"])
    }
}
