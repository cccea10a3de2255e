import Foundation
import Frames
import Learning
import LinearAlgebra
import Testing
import RecbookSupport
@testable import RecommenderSteps

@Suite struct RatingMatrixTests {
    // Users 7 and 3, movies 30, 10, 20 (out of order on purpose); user 7 rated movie 10 twice.
    let users = [7, 3, 7, 3, 7]
    let movies = [10, 20, 30, 10, 10]
    let ratings = [4.0, 2.0, 5.0, 3.0, 2.0]

    @Test func pivotsInIdOrderAndAveragesDuplicates() throws {
        let matrix = try RatingMatrix(userIds: users, movieIds: movies, ratings: ratings)
        #expect(matrix.users.ids == [3, 7])
        #expect(matrix.movies.ids == [10, 20, 30])
        let view = PivotView(matrix: matrix)
        // pivot_table's mean: user 7, movie 10 → (4 + 2) / 2.
        #expect(view.cell(row: 1, column: 0) == .double(3))
        #expect(view.cell(row: 0, column: 1) == .double(2))
        #expect(view.cell(row: 0, column: 2) == .missing)
        #expect(view.rowLabel(1) == .int(7))
        #expect(view.columnName(2) == "30")
        #expect(matrix.values.nonZeroCount == 4)
    }

    @Test func centringSubtractsEachUsersMeanFromObservedEntriesOnly() throws {
        let centred = try RatingMatrix(userIds: users, movieIds: movies, ratings: ratings).centred()
        // User 3: ratings 3 (movie 10) and 2 (movie 20), mean 2.5. User 7: 3 (averaged) and 5, mean 4.
        #expect(centred.userMeans == [2.5, 4])
        let view = PivotView(matrix: centred)
        #expect(view.cell(row: 0, column: 0) == .double(0.5))
        #expect(view.cell(row: 0, column: 1) == .double(-0.5))
        #expect(view.cell(row: 1, column: 0) == .double(-1))
        #expect(view.cell(row: 1, column: 2) == .double(1))
        #expect(view.cell(row: 0, column: 2) == .missing)
        #expect(Array(centred.ratedMovies(ofUser: 1)) == [0, 2])
    }

    @Test func historiesHoldTheRatingsBeforeCentring() throws {
        let centred = try RatingMatrix(userIds: users, movieIds: movies, ratings: ratings).centred()
        let histories = try centred.histories()
        // User 3 (row 0): movies 10 and 20 rated 3 and 2; user 7: 10 (averaged to 3) and 30 rated 5.
        #expect(histories.history(ofUser: 0) == [RatedItem(item: 0, rating: 3), RatedItem(item: 1, rating: 2)])
        #expect(histories.history(ofUser: 1) == [RatedItem(item: 0, rating: 3), RatedItem(item: 2, rating: 5)])
    }

    @Test func roundTripsThroughTheCacheFormat() throws {
        let centred = try RatingMatrix(userIds: users, movieIds: movies, ratings: ratings).centred()
        var writer = BinaryWriter()
        centred.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try RatingMatrix(from: &reader)
        #expect(decoded.users == centred.users && decoded.movies == centred.movies)
        #expect(decoded.values == centred.values && decoded.userMeans == centred.userMeans)

        var truncated = BinaryReader(writer.data.prefix(writer.data.count - 3))
        #expect(throws: (any Error).self) { try RatingMatrix(from: &truncated) }
    }
}
