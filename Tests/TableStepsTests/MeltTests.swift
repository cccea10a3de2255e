import Foundation
import Frames
import Testing
@testable import TableSteps

@Suite struct MeltTests {
    @Test func aWholeTableSummaryMeltsIntoStatisticRows() throws {
        // s = ratings.rating; pd.DataFrame({'n': [s.size], 'mean': [s.mean()], 'top': [s.max()]})
        //   .melt(var_name='statistic', value_name='value'): n 4.0, mean 4.1666…, top 5.0
        let text = fixtures + """
        ```group
        table: ratings
        aggregate: {n: count(), mean: mean(rating), top: max(rating)}
        as: summary
        ```
        ```melt
        table: summary
        names_to: statistic
        as: long
        ```

        """
        let steps = try run(text)
        #expect(steps.map(\.failure) == [nil, nil, nil])
        let summary = try #require(steps[1].tables.first)
        #expect(summary.column("n") == ["4"])
        let long = try #require(steps[2].tables.first)
        #expect(long.column("statistic") == ["n", "mean", "top"])
        #expect(long.column("value") == ["4.000000", "4.166667", "5.000000"])
    }

    @Test func idsRepeatColumnByColumn() throws {
        // pd.DataFrame({'id': [1, 2], 'a': [10, 20], 'b': [1.5, None]}).melt(id_vars='id')
        let frame = try DataFrame(["id": .ints([1, 2]), "a": .ints([10, 20]), "b": .doubles([1.5, nil])])
        let long = try frame.melted(ids: ["id"], columns: ["a", "b"], namesTo: "variable", valuesTo: "value")
        #expect(long.schema == TableSchema(["id": .int, "variable": .string, "value": .double]))
        #expect(try long.ints("id") == [1, 2, 1, 2])
        #expect(try long.strings("variable") == ["a", "a", "b", "b"])
        let values = try long.doubles("value")
        #expect(Array(values.prefix(3)) == [10, 20, 1.5] && values[3].isNaN)
    }

    @Test func anEmptyTableStillSummarisesToOneRow() throws {
        let frame = try DataFrame(["rating": .doubles([Double]())])
        let summary = try frame.aggregated(by: [], [("n", Aggregate(.count)), ("mean", Aggregate(.mean, "rating"))])
        #expect(summary.rowCount == 1)
        #expect(try summary.ints("n") == [0])
        #expect(try summary.doubles("mean").first?.isNaN == true)
    }

    @Test(arguments: [
        ("```melt\ntable: ratings\ncolumns: [rating, title]\n```\n",
         "nb.md:13:10: error: the columns to melt must share a type (integers and numbers mix): 'rating' holds numbers, 'title' holds strings"),
        ("```melt\ntable: ratings\nids: [userId]\ncolumns: [ratng]\n```\n",
         "nb.md:14:11: error: no column 'ratng'; did you mean 'rating'?"),
        ("```melt\ntable: ratings\nids: [userId]\ncolumns: [rating]\nnames_to: userId\n```\n",
         "nb.md:15:11: error: 'userId' is one of the ids; name the new column otherwise"),
    ])
    func problemsAreReportedWhereTheyAreWritten(body: String, expected: String) {
        #expect(diagnostics(fixtures + body) == [expected])
    }
}
