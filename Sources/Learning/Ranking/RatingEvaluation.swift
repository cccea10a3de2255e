/// The rating half of recbook's evaluation protocol: RMSE and MAE of predicted ratings.
///
/// Only held-out pairs whose user and item the model knows are scored (a folded-in user counts
/// as known); the others are counted, never silently dropped. Predictions are used as the model
/// returns them (models that clip to the rating scale say so).
public enum RatingEvaluation {
    /// The outcome of a rating evaluation.
    public struct Report: Sendable, Equatable {
        /// Root mean squared error over the scored pairs.
        public var rootMeanSquaredError: Double
        /// Mean absolute error over the scored pairs.
        public var meanAbsoluteError: Double
        /// How many pairs were scored.
        public var pairsEvaluated: Int
        /// Pairs skipped because the user is unknown.
        public var skippedUnknownUser: Int
        /// Pairs skipped because the item is unknown.
        public var skippedUnknownItem: Int

        /// All held-out pairs, scored or not.
        public var pairsTotal: Int { pairsEvaluated + skippedUnknownUser + skippedUnknownItem }
    }

    /// Scores a model's predicted ratings against held-out ones.
    ///
    /// - Parameters:
    ///   - model: The fitted model.
    ///   - test: The held-out ratings, with external ids.
    ///   - foldedIn: Representations of users absent from training, by external user id.
    /// - Throws: ``MetricError/empty`` when no pair can be scored.
    public static func evaluate(
        _ model: some RatingPredictor, test: RatingLog, foldedIn: [Int: UserRepresentation] = [:]
    ) throws -> Report {
        var predictions: [Double] = [], truth: [Double] = []
        var skippedUser = 0, skippedItem = 0
        var representations: [Int: UserRepresentation] = foldedIn
        for row in 0..<test.count {
            let userId = test.userIds[row]
            let representation: UserRepresentation
            if let cached = representations[userId] {
                representation = cached
            } else if let user = model.users.index(of: userId) {
                representation = try model.representation(ofUser: user)
                representations[userId] = representation
            } else {
                skippedUser += 1
                continue
            }
            guard let item = model.items.index(of: test.itemIds[row]) else {
                skippedItem += 1
                continue
            }
            predictions.append(model.predictedRating(for: representation, item: item))
            truth.append(test.ratings[row])
        }
        return Report(
            rootMeanSquaredError: try rootMeanSquaredError(predictions: predictions, truth: truth),
            meanAbsoluteError: try meanAbsoluteError(predictions: predictions, truth: truth),
            pairsEvaluated: predictions.count, skippedUnknownUser: skippedUser, skippedUnknownItem: skippedItem)
    }
}
