import Foundation
import Frames
import Learning
import NotebookCore
import Testing
@testable import RecommenderSteps

/// A (user, movie) pair rated twice is averaged by `train` as `pivot` averages it, instead of
/// failing the comparison notebook where the walk-through goes on.
@Suite struct RepeatedRatingTrainTests {
    @Test func trainAndPivotAverageARepeatedPairAlike() throws {
        var rows: [(user: Int, movie: Int, rating: Double)] = []
        for user in 1...4 { for movie in 1...3 { rows.append((user, movie, Double(user + movie) / 2)) } }
        rows.append((1, 1, 5))  // user 1 rated movie 1 at 1.0 before: the mean is 3.0
        let train = try ratingsTable(rows, timed: true)
        let split = RatingSplit(
            train: train, validation: try ratingsTable([], timed: true), test: try ratingsTable([], timed: true),
            userCount: 4, itemCount: 3, method: "hand-made")
        let baseline = BaselineParameters()
        let step = context([:])
        let fitted = try baseline.fit(split: split, context: step)
        #expect(printed(step).contains("1 rating repeated a (user, movie) pair rated before; each pair was fitted on the mean of its ratings"))
        let user = try #require(fitted.model.users.index(of: 1)), movie = try #require(fitted.model.items.index(of: 1))
        let range = fitted.model.histories.range(ofUser: user)
        let position = try #require(range.first { fitted.model.histories.items[$0] == movie })
        // pandas: pivot_table(index='userId', columns='movieId', values='rating').loc[1, 1] == 3.0
        #expect(fitted.model.histories.ratings[position] == 3)
        let matrix = try RatingMatrix(userIds: try train.ints("userId"), movieIds: try train.ints("movieId"), ratings: try train.doubles("rating"))
        #expect(matrix.tabular.cell(row: 0, column: 0) == .double(3))
    }
}
