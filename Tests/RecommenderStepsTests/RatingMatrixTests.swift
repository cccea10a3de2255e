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

@Suite struct SVDModelTests {
    /// A small matrix with every entry observed, so the full-rank SVD must reproduce it.
    @Test func predictionsAreTheMeanPlusTheReconstruction() throws {
        var users: [Int] = [], movies: [Int] = [], ratings: [Double] = []
        let table: [[Double]] = [[5, 3, 4, 1], [4, 2, 4, 1], [1, 1, 2, 5], [2, 1, 1, 4], [5, 4, 5, 2]]
        for (u, row) in table.enumerated() {
            for (m, rating) in row.enumerated() {
                users.append(u + 1)
                movies.append(m + 1)
                ratings.append(rating)
            }
        }
        let centred = try RatingMatrix(userIds: users, movieIds: movies, ratings: ratings).centred()
        // k = 3 < min(5, 4): the centred rows sum to zero, so their rank is at most 3 and the
        // rank-3 reconstruction is exact.
        let model = SVDModel(matrix: centred, svd: try TruncatedSVD(of: centred.values, rank: 3))
        for (u, row) in table.enumerated() {
            for (m, rating) in row.enumerated() {
                #expect(abs(model.predict(user: u, movie: m) - rating) < 1e-9)
            }
            let scores = model.scores(forUser: u)
            for (m, rating) in row.enumerated() { #expect(abs(scores[m] - rating) < 1e-9) }
        }
        #expect(model.trainingMovies(ofUser: 0) == [0, 1, 2, 3])
        // A rank-1 model predicts less exactly, but still around each user's mean.
        let coarse = SVDModel(matrix: centred, svd: try TruncatedSVD(of: centred.values, rank: 1))
        #expect(abs(coarse.predict(user: 0, movie: 0) - 5) > 1e-6)
    }
}

@Suite struct SplitStepTests {
    @Test func globalTimeCutsOnceForEveryone() {
        let timestamps = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100]
        let split = SplitStep.globalTimeSplit(timestamps: timestamps, validation: 0.2, test: 0.2)
        #expect(split.test == [8, 9])
        #expect(split.validation == [6, 7])
        #expect(split.train == [1, 3, 4, 2, 0, 5])
    }

    @Test func leaveLastKeepsAtLeastOneTrainingRating() {
        // User 1 has four ratings, user 2 two, user 3 one.
        let users = [1, 2, 1, 1, 3, 2, 1]
        let timestamps = [4, 1, 1, 3, 9, 2, 2]
        let split = SplitStep.leaveLastSplit(users: users, timestamps: timestamps, k: 1)
        #expect(split.test == [0, 5])
        #expect(split.validation == [3])
        #expect(split.train == [2, 6, 1, 4])
    }
}

@Suite struct RecommendHelperTests {
    @Test func rankingBreaksTiesByIndexAndSkipsExcludedAndNaN() {
        let scores = [1.0, 3.0, .nan, 3.0, 2.0, 5.0]
        #expect(Ranking.top(3, of: scores) == [5, 1, 3])
        #expect(Ranking.top(3, of: scores, excluding: [5, 1]) == [3, 4, 0])
        #expect(Ranking.top(10, of: scores).count == 5)
    }

    @Test(arguments: [
        ("Heat (1995)", "'Heat (1995)'"),
        ("Schindler's List (1993)", "\"Schindler's List (1993)\""),
        ("It's \"Pat\" (1994)", "'It\\'s \"Pat\" (1994)'"),
    ])
    func pythonReprMatchesPython(title: String, expected: String) {
        #expect(RecommendStep.pythonRepr(title) == expected)
    }

    @Test func nearestLikedMoviesByCosine() {
        // Movie 0 points along x; movie 1 is close to it, movie 2 opposite, movie 3 orthogonal.
        struct Vectors: EmbeddingModel {
            let movieEmbeddings: (width: Int, values: [Float]) = (2, [1, 0, 0.9, 0.1, -1, 0, 0, 1])
        }
        #expect(RecommendStep.nearest(to: 0, among: [2, 3, 1, 0], in: Vectors(), count: 2) == [1, 3])
    }

    @Test func userHistoryKeepsEachUsersDistinctMovies() throws {
        let history = UserHistory(userCount: 3, users: [0, 2, 0, 0], movies: [5, 1, 3, 5])
        #expect(history.movies(ofUser: 0) == [3, 5])
        #expect(history.movies(ofUser: 1) == [])
        #expect(history.movies(ofUser: 2) == [1])
        #expect(history.movies(ofUser: 7) == [])
        var writer = BinaryWriter()
        history.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        #expect(try UserHistory(from: &reader) == history)
    }
}
