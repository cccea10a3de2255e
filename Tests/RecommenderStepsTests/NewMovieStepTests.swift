import Foundation
import Frames
import Learning
import LinearAlgebra
import NotebookCore
import Outputs
import RecbookSupport
import Testing
@testable import RecommenderSteps

@Suite struct NewMovieStepTests {
    /// Six users, four movies; even users like movies 1 and 2, odd users 3 and 4.
    func ratings() throws -> DataFrame {
        var rows: [(user: Int, movie: Int, rating: Double)] = []
        for user in 1...6 {
            for movie in 1...4 { rows.append((user, movie, (user % 2 == 0) == (movie <= 2) ? 5 : 1)) }
        }
        return try ratingsTable(rows, timed: true)
    }

    func model() throws -> MatrixFactorizationModel {
        try MatrixFactorizationModel(fitting: try RatingDataset(try RatingLog(frame: try ratings())),
                                     configuration: .init(factorCount: 2, regularization: 0.01, seed: 1))
    }

    /// Each movie has a genre of its own, so a new movie of genre G1 is described exactly as movie 1.
    func features() throws -> FeatureTable {
        var table = try FeatureTable(rows: try ratings())
        table.blocks.append(.numeric(name: "genres", columns: ["G1", "G2", "G3", "G4"], values: Matrix.identity(4)))
        table.encoders["genres"] = .multiHot(separator: "|")
        return table
    }

    func newMovie(_ fitted: FittedModel, _ configure: (inout NewMovieStep) -> Void = { _ in }) throws -> StepContext {
        var step = NewMovieStep()
        step.model = reference("model")
        step.features = reference("features")
        step.title = "Heist"
        step.genres = "G1"
        step.users = [1, 2, 99]
        step.top = 2
        step.regularization = 1e-9
        configure(&step)
        let context = context(["model": fitted, "features": try features()])
        #expect(try step.run(in: context) == nil)
        return context
    }

    @Test func aMovieDescribedLikeAKnownOneIsPredictedLikeIt() throws {
        let model = try model()
        let context = try newMovie(FittedModel(model: model, displayName: "mf", fitSeconds: .nan))
        // The regression maps G1 onto movie 1's factors and bias, so user 2 (who likes movie 1)
        // is predicted as the model predicts them for movie 1, and user 1 likewise.
        let expected = try [0, 1].map { try model.predict(user: $0, item: 0) }
        #expect(printed(context) == """
            A new movie: "Heist". No ratings; 1 of its 4 content features are non-zero (G1).
            Predicted rating for User 1: \(Format.fixed(expected[0], 2))★
            Predicted rating for User 2: \(Format.fixed(expected[1], 2))★
            User 99: not known to the model.

            """)
        #expect(expected[0] < 2 && expected[1] > 4)
        // The even users, who like movie 1, would rate it highest.
        let table = try #require(tables(context).first)
        #expect(table.rows.compactMap(\.label).allSatisfy { Int($0).map { $0 % 2 == 0 } ?? false })
    }

    @Test func aModelWithoutItemFactorsIsAnError() throws {
        let data = try RatingDataset(try RatingLog(frame: try ratings()))
        let popularity = FittedModel(model: try PopularityModel(fitting: data), displayName: "popularity", fitSeconds: .nan)
        #expect(throws: StepError("popularity has no item factors to predict; fit `train` with model 'mf', 'svdpp', 'ials' or 'svd'")) {
            try newMovie(popularity)
        }
    }
}
