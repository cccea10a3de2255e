import Foundation
import Frames
import Learning
import NotebookCore
import RecbookSupport
import Testing
@testable import RecommenderSteps

/// `train model: factors`: vectors fitted elsewhere, read from two tables (as Spark's ALS writes
/// them once flattened to `id, f0, f1, …`), recommend what the planted vectors say, and bad
/// tables fail with the table, the row and the column.
@Suite struct ExternalFactorsStepTests {
    /// Even users like movies 1–3, odd users 4–6; users 7 and 8 have one liked movie unrated.
    func split() throws -> RatingSplit {
        var rows: [(user: Int, movie: Int, rating: Double)] = []
        for user in 1...8 {
            let liked = user % 2 == 0 ? [1, 2, 3] : [4, 5, 6]
            let other = user % 2 == 0 ? [4, 5] : [1, 2]
            for movie in liked.prefix(user <= 6 ? 3 : 2) + other { rows.append((user, movie, liked.contains(movie) ? 5 : 1)) }
        }
        return RatingSplit(
            train: try ratingsTable(rows, timed: true), validation: try ratingsTable([], timed: true),
            test: try ratingsTable([(7, 6, 5), (8, 3, 5)], timed: true), userCount: 8, itemCount: 6, method: "hand-made")
    }

    /// Users 1…8 (and 99, whom the ratings do not have): (1, 0) for even users, (0, 1) for odd.
    func userFactors(dropping: Int? = nil) throws -> DataFrame {
        let ids: [Int] = [1, 2, 3, 4, 5, 6, 7, 8, 99].filter { $0 != dropping }
        return try DataFrame(names: ["id", "f0", "f1"], columns: [
            .ints(ids), .doubles(ids.map { $0 % 2 == 0 ? 1 : 0 }), .doubles(ids.map { $0 % 2 == 0 ? 0 : 1 }),
        ])
    }

    /// Movies 1–3 point along the first axis, 4–6 along the second.
    func movieFactors(_ second: [Double?]? = nil) throws -> DataFrame {
        try DataFrame(names: ["id", "f0", "f1"], columns: [
            .ints([1, 2, 3, 4, 5, 6]), .doubles([5, 4.9, 4.8, 0, 0, 0]), .doubles(second ?? [0, 0, 0, 5, 4.9, 4.8]),
        ])
    }

    func parameters() -> ExternalFactorsParameters {
        var parameters = ExternalFactorsParameters()
        parameters.userFactors = reference("user_vectors")
        parameters.itemFactors = reference("movie_vectors")
        return parameters
    }

    @Test func plantedVectorsRecommendTheMissingLikedMovie() throws {
        let fitted = try parameters().fit(
            split: try split(), context: context(["user_vectors": try userFactors(), "movie_vectors": try movieFactors()]))
        for (user, movie) in [(7, 6), (8, 3)] {
            let index = try #require(fitted.model.users.index(of: user))
            let best = try fitted.model.recommendations(for: try fitted.model.representation(ofUser: index), count: 1)
            #expect(best.map { fitted.model.items.id(at: $0) } == [movie], "user \(user)")
        }
        #expect(fitted.displayName.contains("k = 2"))
        #expect(fitted.displayName.contains("1 user and 0 movie vectors for ids outside the training data were left out"))
        // A cached run reads the same model back.
        var writer = BinaryWriter()
        fitted.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try FittedModel(from: &reader)
        #expect(try decoded.model.scores(forUser: 0) == fitted.model.scores(forUser: 0))
    }

    @Test func badTablesNameTheTableRowAndColumn() throws {
        func failure(users: DataFrame, movies: DataFrame, idColumn: String = "id") -> String {
            var parameters = parameters()
            parameters.idColumn = idColumn
            do {
                _ = try parameters.fit(split: try split(), context: context(["user_vectors": users, "movie_vectors": movies]))
                return "fitted"
            } catch { return "\(error)" }
        }
        let missingValue = failure(users: try userFactors(), movies: try movieFactors([0, 0, nil, 5, 4.9, 4.8]))
        #expect(missingValue.contains("'item_factors' row 3 (id 3): column 'f1' has no value"), "\(missingValue)")
        let missingUser = failure(users: try userFactors(dropping: 5), movies: try movieFactors())
        #expect(missingUser.contains("no factors for 1 of the 8 users of the training data (user 5)"), "\(missingUser)")
        let noIdColumn = failure(users: try userFactors(), movies: try movieFactors(), idColumn: "userId")
        #expect(noIdColumn.contains("'user_factors' has no column 'userId' (its columns: 'id', 'f0', 'f1')"), "\(noIdColumn)")
        let onlyIds = failure(users: try userFactors().selecting(["id"]), movies: try movieFactors())
        #expect(onlyIds.contains("has only its id column"), "\(onlyIds)")
    }

    /// The checker knows the model's parameters: a fold-in check is not one of them.
    @Test func foldInCheckIsNotAParameterOfFactors() throws {
        let names = ExternalFactorsParameters.schema.fields.map(\.name)
        #expect(names.contains("user_factors") && names.contains("item_factors") && names.contains("fit_on"))
        #expect(!names.contains("fold_in_check"))
    }
}
