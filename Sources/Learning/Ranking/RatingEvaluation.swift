/// The rating half of recbook's evaluation protocol: RMSE and MAE of predicted ratings, defined
/// once for every model and caller.
///
/// Only held-out pairs whose user and item the model knows are scored (a folded-in user counts
/// as known); the others are counted, never silently dropped. A NaN prediction means the model
/// has none for that pair: the pair is skipped and counted too (recbook's one NaN policy; a
/// ranking never recommends an item scored NaN). Predictions are used as the model returns them
/// (models that clip to the rating scale say so), in the held-out log's row order.
public enum RatingEvaluation {
    /// A model's predictions for the held-out pairs it could score, in the log's row order.
    public struct Predictions: Sendable, Equatable {
        /// The external user id of each scored pair.
        public var userIds: [Int] = []
        /// The model's dense item index of each scored pair.
        public var items: [Int] = []
        /// The held-out rating of each scored pair.
        public var truth: [Double] = []
        /// The predicted rating of each scored pair.
        public var predictions: [Double] = []
        /// Pairs skipped because the user is unknown.
        public var skippedUnknownUser = 0
        /// Pairs skipped because the item is unknown.
        public var skippedUnknownItem = 0
        /// Pairs skipped because the model predicted NaN.
        public var skippedWithoutPrediction = 0

        /// How many pairs were scored.
        public var count: Int { truth.count }
        /// All held-out pairs, scored or not.
        public var pairsTotal: Int { count + skippedUnknownUser + skippedUnknownItem + skippedWithoutPrediction }
    }

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
        /// Pairs skipped because the model predicted NaN.
        public var skippedWithoutPrediction: Int

        /// All held-out pairs, scored or not.
        public var pairsTotal: Int { pairsEvaluated + skippedUnknownUser + skippedUnknownItem + skippedWithoutPrediction }
    }

    /// Predicts every held-out pair the model can score: known users' pairs in one batch
    /// (``RatingPredictor/predictedRatings(users:items:)``), folded-in users' pair by pair.
    ///
    /// - Parameters:
    ///   - model: The fitted model.
    ///   - test: The held-out ratings, with external ids.
    ///   - foldedIn: Representations of users, by external user id; a user found here is
    ///     scored from it even when the model knows the user.
    public static func predict(
        _ model: some RatingPredictor, test: RatingLog, foldedIn: [Int: UserRepresentation] = [:]
    ) throws -> Predictions {
        var result = Predictions()
        var rows: [Int] = [], items: [Int] = [], knownRows: [Int] = [], knownUsers: [Int] = []
        var values: [Double] = []
        for row in 0..<test.count {
            let userId = test.userIds[row]
            let user = foldedIn[userId] == nil ? model.users.index(of: userId) : nil
            guard foldedIn[userId] != nil || user != nil else {
                result.skippedUnknownUser += 1
                continue
            }
            guard let item = model.items.index(of: test.itemIds[row]) else {
                result.skippedUnknownItem += 1
                continue
            }
            if let user {
                knownRows.append(rows.count)
                knownUsers.append(user)
            }
            rows.append(row)
            items.append(item)
            values.append(try foldedIn[userId].map { try model.predictedRating(for: $0, item: item) } ?? .nan)
        }
        let known = try model.predictedRatings(users: knownUsers, items: knownRows.map { items[$0] })
        for (position, value) in zip(knownRows, known) { values[position] = value }
        for (position, row) in rows.enumerated() {
            guard !values[position].isNaN else {
                result.skippedWithoutPrediction += 1
                continue
            }
            result.userIds.append(test.userIds[row])
            result.items.append(items[position])
            result.truth.append(test.ratings[row])
            result.predictions.append(values[position])
        }
        return result
    }

    /// Scores a model's predicted ratings against held-out ones.
    ///
    /// - Parameters:
    ///   - model: The fitted model.
    ///   - test: The held-out ratings, with external ids.
    ///   - foldedIn: Representations of users, by external user id.
    /// - Throws: ``MetricError/empty`` when no pair can be scored.
    public static func evaluate(
        _ model: some RatingPredictor, test: RatingLog, foldedIn: [Int: UserRepresentation] = [:]
    ) throws -> Report {
        try predict(model, test: test, foldedIn: foldedIn).report()
    }
}

extension RatingEvaluation.Predictions {
    /// RMSE and MAE of these predictions.
    ///
    /// - Throws: ``MetricError/empty`` when no pair was scored.
    public func report() throws -> RatingEvaluation.Report {
        RatingEvaluation.Report(
            rootMeanSquaredError: try rootMeanSquaredError(predictions: predictions, truth: truth),
            meanAbsoluteError: try meanAbsoluteError(predictions: predictions, truth: truth),
            pairsEvaluated: count, skippedUnknownUser: skippedUnknownUser, skippedUnknownItem: skippedUnknownItem,
            skippedWithoutPrediction: skippedWithoutPrediction)
    }
}
