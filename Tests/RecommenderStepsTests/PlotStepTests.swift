import Foundation
import Frames
import NotebookCore
import Outputs
import Testing
@testable import RecommenderSteps

@Suite struct PlotStepTests {
    /// Five ratings by three users of three movies.
    func ratings() throws -> DataFrame {
        try ratingsTable([(1, 10, 4), (1, 11, 4), (1, 12, 3.5), (2, 10, 5), (3, 10, 4)])
    }

    func plot(_ chart: PlotStep.Chart, table: DataFrame? = nil) throws -> StepContext {
        var step = PlotStep()
        step.table = reference("ratings")
        step.chart = chart
        let context = context(["ratings": try table ?? ratings()])
        #expect(try step.run(in: context) == nil)
        return context
    }

    @Test func theDistributionOfRatings() throws {
        let context = try plot(.ratingDistribution)
        // Mean (4 + 4 + 3.5 + 5 + 4) / 5 = 4.1.
        #expect(printed(context) == "5 ratings; the most common is 4.0★, the mean 4.10★.\n")
        let figure = try #require(figures(context).first)
        #expect(figure.marks == [.bars(BarSeries(categories: ["3.5", "4.0", "5.0"], series: [NamedValues("ratings", [1, 3, 1])]))])
    }

    @Test func ratingsPerUserIsALongTail() throws {
        let context = try plot(.ratingsPerUser)
        // Users have 3, 1 and 1 ratings: median 1; the top tenth (one user) holds 3 of 5.
        #expect(printed(context) == """
            3 users; ratings per user: median 1, most 3, fewest 1.
            The top 10% of users account for 60.0% of all ratings.

            """)
        let figure = try #require(figures(context).first)
        #expect(figure.marks == [.line(Series(name: "ratings per user", x: [1, 2, 3], y: [3, 1, 1]))])
        #expect(figure.yAxis.scale == .log)
    }

    @Test func ratingsPerMovieWithAnEvenCount() throws {
        let context = try plot(.ratingsPerMovie, table: try ratingsTable([(1, 10, 4), (2, 10, 4), (1, 11, 3), (1, 12, 2), (2, 12, 1), (3, 12, 1), (1, 13, 5)]))
        // Movies have 3, 2, 1, 1 ratings: the median is (2 + 1) / 2.
        #expect(printed(context).hasPrefix("4 movies; ratings per movie: median 1.5, most 3, fewest 1.\n"))
    }

    @Test func anEmptyTableHasNothingToCount() throws {
        #expect(throws: StepError("the table has no rows to count")) { try plot(.ratingsPerUser, table: try ratingsTable([])) }
    }
}
