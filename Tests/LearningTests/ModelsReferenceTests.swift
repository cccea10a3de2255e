import Foundation
import Learning
import LinearAlgebra
import Testing

/// Models against values computed independently: by hand, or with numpy.
@Suite struct ModelsReferenceTests {
    @Test func baselineBiasesMatchAHandComputedSweep() throws {
        // u1 rates i1 4★ and i2 2★; u2 rates i1 5★. μ = 11/3; λ_u = λ_i = 1; one epoch.
        // Users first (b_i = 0): b_u1 = ((4 − μ) + (2 − μ)) / 3 = −4/9; b_u2 = (5 − μ) / 2 = 2/3.
        // Then items: b_i1 = ((4 − μ + 4/9) + (5 − μ − 2/3)) / 3 = 13/27; b_i2 = (2 − μ + 4/9) / 2 = −11/18.
        let data = try RatingDataset(PlantedRatings.log([(1, 1, 4), (1, 2, 2), (2, 1, 5)]))
        let model = try BaselineModel(fitting: data, configuration: .init(userRegularization: 1, itemRegularization: 1, epochs: 1))
        #expect(abs(model.globalMean - 11.0 / 3) < 1e-15)
        #expect(zip(model.userBiases, [-4.0 / 9, 2.0 / 3]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(zip(model.itemBiases, [13.0 / 27, -11.0 / 18]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(abs(try model.predict(user: 1, item: 1) - (11.0 / 3 + 2.0 / 3 - 11.0 / 18)) < 1e-14)
    }

    @Test func recencyWeightsTheUserBias() throws {
        // One user, items 1 then 2, rated 1★ then 5★; a half-life of 1 weighs them ½ and 1.
        // With λ_i huge the item biases stay ≈ 0, so b_u ≈ Σ w (r − μ) / (λ_u + Σ w) with μ = 3:
        // (½·(−2) + 1·2) / (0 + 1.5) = 2/3.
        let data = try RatingDataset(PlantedRatings.log([(1, 1, 1), (1, 2, 5)]))
        let model = try BaselineModel(fitting: data, configuration: .init(
            userRegularization: 0, itemRegularization: 1e12, epochs: 1, recency: RecencyWeighting(halfLife: 1)))
        #expect(abs(model.userBiases[0] - 2.0 / 3) < 1e-9)
    }

    // X (users × items) = [[1,1,0,0],[1,0,1,0],[0,1,1,1],[1,1,1,0],[0,0,1,1]], λ = 2.
    // numpy: P = inv(X.T @ X + 2 I); B = -P / diag(P); fill_diagonal(B, 0).
    static let easeLog: [(Int, Int, Double)] = [
        (0, 0, 5), (0, 1, 3), (1, 0, 4), (1, 2, 4), (2, 1, 2), (2, 2, 5), (2, 3, 3),
        (3, 0, 5), (3, 1, 4), (3, 2, 1), (4, 2, 3), (4, 3, 4),
    ]

    @Test func easeMatchesNumPy() throws {
        let data = try RatingDataset(PlantedRatings.log(Self.easeLog))
        let model = try EASEModel(fitting: data, configuration: .init(regularization: 2, recency: nil))
        // numpy: X[0] @ B.
        let expected = [0.3255813953488372, 0.33333333333333337, 0.5063291139240507, -0.05882352941176472]
        let scores = try model.scores(forUser: 0)
        #expect(zip(scores, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        // A new user who interacted with item 3 only gets B's row 3.
        let newcomer = try model.scores(for: try model.foldIn([RatedItem(item: 3, rating: 1)]))
        let row3 = [-0.23255813953488375, 0.16666666666666669, 0.4556962025316456, 0]
        #expect(zip(newcomer, row3).allSatisfy { abs($0 - $1) < 1e-5 })
        // The batch path agrees with the single-user path.
        let batch = try model.scores(forUsers: [0, 2])
        #expect(zip(batch.row(0), scores).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func easeAboveItsItemLimitModelsTheMostInteractedItems() throws {
        // Interactions per item: 3, 3, 4, 2; a limit of 3 leaves item 3 out.
        // numpy: X = X[:, :3]; P = inv(X.T @ X + 2 I); B = -P / diag(P); fill_diagonal(B, 0).
        let data = try RatingDataset(PlantedRatings.log(Self.easeLog))
        let model = try EASEModel(fitting: data, configuration: .init(regularization: 2, recency: nil, maximumItemCount: 3))
        #expect(model.modelledItemCount == 3)
        // User 2 interacted with items 1, 2 and 3; item 3 adds nothing and is not scored: X[2] @ B.
        let scores = try model.scores(forUser: 2)
        let expected = [0.5384615384615384, 0.23076923076923078, 0.2857142857142857]
        #expect(zip(scores.prefix(3), expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(scores)")
        #expect(scores[3].isNaN, "an item that is not modelled is not scored")
        // Item 3 is never recommended, and explains nothing.
        #expect(try model.explain(item: 3, for: model.representation(ofUser: 2), limit: 5).isEmpty)
        let toUserTwo = try model.explain(item: 0, for: model.representation(ofUser: 2), limit: 5)
        #expect(toUserTwo.map(\.item) == [1, 2], "history items that are not modelled contribute nothing")
        #expect(abs(toUserTwo[0].weight - 0.3076923076923077) < 1e-5)
        // It round-trips through the archive with its modelled items.
        let decoded = try #require(try ModelArchive.decode(ModelArchive.encode(model)) as? EASEModel)
        let again = try decoded.scores(forUser: 2)
        #expect(again.prefix(3) == scores.prefix(3) && again[3].isNaN)
    }

    @Test func easeExplainsAScoreByBRows() throws {
        let data = try RatingDataset(PlantedRatings.log(Self.easeLog))
        let model = try EASEModel(fitting: data, configuration: .init(regularization: 2, recency: nil))
        // User 0 (items 0 and 1) and item 2: B[0, 2] = 0.3291, B[1, 2] = 0.1772 (numpy).
        let contributions = try model.explain(item: 2, for: try model.representation(ofUser: 0), limit: 5)
        #expect(contributions.map(\.item) == [0, 1])
        #expect(contributions.map(\.rating) == [5, 3])
        #expect(abs(contributions[0].weight - 0.32911392405063294) < 1e-5)
        #expect(abs(contributions[1].weight - 0.1772151898734177) < 1e-5)
    }

    @Test func meanCentredSVDReconstructsTheCentredPivot() throws {
        // Every row of the centred pivot sums to 0 (missing entries are 0), so a 3 × 3 pivot has
        // rank ≤ 2 and a rank-2 SVD returns every observed rating exactly.
        let log = try PlantedRatings.log([(1, 1, 5), (1, 2, 3), (2, 1, 4), (2, 3, 2), (3, 2, 1), (3, 3, 5)])
        let data = try RatingDataset(log)
        let model = try MeanCenteredSVDModel(fitting: data, configuration: .init(rank: 2))
        for row in 0..<log.count {
            let user = try #require(data.users.index(of: log.userIds[row]))
            let item = try #require(data.items.index(of: log.itemIds[row]))
            #expect(abs(try model.predict(user: user, item: item) - log.ratings[row]) < 1e-9)
        }
    }

    @Test func contentRegressionRecoversLinearTargets() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let model = try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 3))
        // Features that contain the targets themselves: a near-unregularised ridge maps them back.
        let features = try Matrix(rows: (0..<data.itemCount).map { Array(model.itemFactors.row($0)) + [model.itemBiases[$0]] })
        let regression = try ItemContentRegression(model: model, features: features, regularization: 1e-10)
        for item in 0..<data.itemCount {
            let predicted = try regression.itemFactors(for: Array(features.row(item)))
            #expect(zip(predicted.factors, model.itemFactors.row(item)).allSatisfy { abs($0 - $1) < 1e-6 })
            #expect(abs(predicted.bias - model.itemBiases[item]) < 1e-6)
        }
        #expect(throws: ModelError.self) { try regression.itemFactors(for: [1]) }
        #expect(throws: ModelError.self) { try ItemContentRegression(model: model, features: Matrix(rowCount: 2, columnCount: 1)) }
    }

    @Test func contentRegressionScoresAColdItemByItsGenre() throws {
        // Items 0–4 share genre A, 5–9 genre B. A cold item of genre A should be predicted
        // higher than one of genre B for a group-A user.
        let data = try RatingDataset(PlantedRatings.explicit())
        let model = try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 4, regularization: 0.05))
        let features = try Matrix(rows: (0..<data.itemCount).map { $0 < 5 ? [1, 0] : [0, 1] })
        let regression = try ItemContentRegression(model: model, features: features, regularization: 0.1)
        let genreA = try regression.itemFactors(for: [1, 0]), genreB = try regression.itemFactors(for: [0, 1])
        let user = try model.representation(ofUser: 0)
        #expect(try model.score(for: user, itemFactors: genreA.factors, itemBias: genreA.bias)
                > model.score(for: user, itemFactors: genreB.factors, itemBias: genreB.bias) + 1)
    }

    @Test func blendWeightsRecoverAPlantedCombination() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let parts: [any RatingPredictor] = [
            try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 3)),
            try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 3)),
        ]
        // Held-out "ratings" that are exactly 0.2 + 0.5·MF + 0.3·kNN on the unrated pairs.
        var rows: [(Int, Int, Double)] = []
        for user in 0..<PlantedRatings.userCount {
            for item in 0..<PlantedRatings.itemCount where (user + item) % 3 == 0 {
                let value = 0.2 + 0.5 * (try parts[0].predict(user: user, item: item)) + 0.3 * (try parts[1].predict(user: user, item: item))
                rows.append((PlantedRatings.userId(user), PlantedRatings.itemId(item), value))
            }
        }
        let (intercept, weights) = try BlendedRatingModel.fitWeights(parts, heldOut: PlantedRatings.log(rows), ridge: 0)
        #expect(abs(intercept - 0.2) < 1e-6)
        #expect(abs(weights[0] - 0.5) < 1e-6 && abs(weights[1] - 0.3) < 1e-6)
    }
}
