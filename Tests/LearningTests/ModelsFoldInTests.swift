import Learning
import LinearAlgebra
import Testing

/// Folding a user in without refitting agrees with training the model with that user.
@Suite struct ModelsFoldInTests {
    /// The planted log without user 0, and user 0's history in the full dataset's indices.
    static func withoutFirstUser() throws -> (full: RatingDataset, reduced: RatingDataset, history: [RatedItem]) {
        let log = try PlantedRatings.explicit()
        let full = try RatingDataset(log)
        let reduced = try RatingDataset(log.filter { user, _ in user != PlantedRatings.userId(0) })
        return (full, reduced, full.histories.history(ofUser: 0))
    }

    @Test func factorFoldInAgreesWithTraining() throws {
        let (full, reduced, history) = try Self.withoutFirstUser()
        let configuration = MatrixFactorizationModel.Configuration(
            factorCount: 4, regularization: 0.05, solver: .alternatingLeastSquares(iterations: 100, conjugateGradientSteps: nil))
        let trained = try MatrixFactorizationModel(fitting: full, configuration: configuration)
        let reducedModel = try MatrixFactorizationModel(fitting: reduced, configuration: configuration)
        // Both datasets hold every item, so item indices agree.
        #expect(reduced.items == full.items)
        let folded = try reducedModel.foldIn(history)
        let trainedScores = try trained.scores(forUser: 0), foldedScores = try reducedModel.scores(for: folded)
        let largestGap = zip(trainedScores, foldedScores).map { abs($0 - $1) }.max() ?? 0
        #expect(largestGap < 0.15, "fold-in predictions differ by up to \(largestGap)")
        #expect(try trained.recommendations(for: try trained.representation(ofUser: 0), count: 3)
                == reducedModel.recommendations(for: folded, count: 3))
        // Folding in a training user of a converged exact-ALS model reproduces the user's factors.
        let refolded = try trained.foldIn(history)
        let trainedUser = try trained.representation(ofUser: 0)
        let factorGap = zip(refolded.factors, trainedUser.factors).map { abs($0 - $1) }.max() ?? 0
        #expect(factorGap < 1e-3, "factors differ by up to \(factorGap)")
        #expect(abs(refolded.bias - trainedUser.bias) < 1e-3)
    }

    @Test func factorFoldInZeroesTheGradient() throws {
        // The fold-in minimises Σ w (r − μ − b_j − b − qⱼᵀp)² + W(λ|p|² + λ_b b²); check the
        // gradient at its solution from the model's public factors.
        let (full, _, history) = try Self.withoutFirstUser()
        let recency = RecencyWeighting(halfLife: 3, floor: 0.2)
        let model = try MatrixFactorizationModel(fitting: full, configuration: .init(
            factorCount: 3, regularization: 0.07, biasRegularization: 0.02, recency: recency))
        let folded = try model.foldIn(history)
        let weights = recency.weights(count: history.count), total = weights.reduce(0, +)
        let mean = full.meanRating
        let baseline = try model.predict(user: 0, item: 0) // touch the API; the check below is independent
        _ = baseline
        var gradient = [Double](repeating: 0, count: 4)
        for (entry, weight) in zip(history, weights) {
            let q = Array(model.itemFactors.row(entry.item))
            let residual = entry.rating - mean - model.itemBiases[entry.item] - folded.bias
                - zip(q, folded.factors).reduce(0) { $0 + $1.0 * $1.1 }
            for d in 0..<3 { gradient[d] -= 2 * weight * residual * q[d] }
            gradient[3] -= 2 * weight * residual
        }
        for d in 0..<3 { gradient[d] += 2 * 0.07 * total * folded.factors[d] }
        gradient[3] += 2 * 0.02 * total * folded.bias
        #expect(gradient.allSatisfy { abs($0) < 1e-8 }, "gradient \(gradient)")
    }

    @Test func implicitFoldInZeroesTheGradient() throws {
        // Σ over all items of c (p − xᵀy)² + λ|x|², with c = 1 + α for interactions, 1 elsewhere.
        let data = try RatingDataset(PlantedRatings.implicit())
        let model = try ImplicitALSModel(fitting: data, configuration: .init(factorCount: 3, regularization: 0.3, alpha: 4))
        let history = [RatedItem(item: 1, rating: 4), RatedItem(item: 2, rating: 4)]
        let x = try model.foldIn(history).factors
        var gradient = x.map { 2 * 0.3 * $0 }
        for item in 0..<data.itemCount {
            let y = Array(model.itemFactors.row(item))
            let interacted = history.contains { $0.item == item }
            let confidence = interacted ? 5.0 : 1, preference = interacted ? 1.0 : 0
            let residual = preference - zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
            for d in 0..<3 { gradient[d] -= 2 * confidence * residual * y[d] }
        }
        #expect(gradient.allSatisfy { abs($0) < 1e-8 }, "gradient \(gradient)")
    }

    @Test func svdFoldInIsTheProjection() throws {
        // UΣ = XV, so projecting a training user's centred ratings on V gives their factors.
        let data = try RatingDataset(PlantedRatings.explicit())
        let model = try MeanCenteredSVDModel(fitting: data, configuration: .init(rank: 3))
        for user in [0, 7, 15] {
            let trained = try model.representation(ofUser: user)
            let folded = try model.foldIn(trained.history)
            #expect(zip(trained.factors, folded.factors).allSatisfy { abs($0 - $1) < 1e-9 })
            #expect(abs(trained.bias - folded.bias) < 1e-12)
        }
    }

    @Test func neighbourhoodModelsScoreAFoldedInHistoryLikeTraining() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let models: [any Recommender] = [
            try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 4, shrinkage: 1)),
            try EASEModel(fitting: data, configuration: .init(regularization: 3)),
            try BaselineModel(fitting: data, configuration: .init(recency: RecencyWeighting(halfLife: 4))),
        ]
        for model in models {
            for user in [0, 11] {
                let trained = try model.representation(ofUser: user)
                let folded = try model.foldIn(trained.history)
                #expect(try zip(model.scores(for: trained), model.scores(for: folded)).allSatisfy { abs($0 - $1) < 1e-9 })
            }
        }
    }

    @Test func rejectsBadFoldInHistories() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let model = try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 2))
        #expect(throws: ModelError.unknownItem(index: 10, itemCount: 10)) { try model.foldIn([RatedItem(item: 10, rating: 3)]) }
        #expect(throws: ModelError.self) { try model.foldIn([RatedItem(item: 1, rating: 3), RatedItem(item: 1, rating: 4)]) }
        #expect(throws: ModelError.self) { try model.foldIn([RatedItem(item: 1, rating: .nan)]) }
        #expect(throws: ModelError.unknownUser(index: 20, userCount: 20)) { try model.representation(ofUser: 20) }
        #expect(throws: ModelError.self) { try model.predict(user: 0, item: -1) }
        // An empty history is allowed: the user gets the regularised zero vector and bias.
        let empty = try model.foldIn([])
        #expect(empty.factors.allSatisfy { $0 == 0 } && empty.bias == 0)
    }
}
