import Foundation
import Learning

/// One model's figures on one setting.
struct Measurement {
    var name: String
    var fitSeconds: Double
    var rating: RatingEvaluation.Report?
    var ranking: RankingEvaluation.Report

    /// Fits a model, then evaluates it on the setting's held-out ratings.
    static func run<Model: Recommender>(
        _ name: String, on setting: Experiment.Setting, data: RatingDataset, fit: () throws -> Model
    ) throws -> (Measurement, Model) {
        let (model, seconds) = try timed(fit)
        return (try measure(name, model, seconds, on: setting, data: data), model)
    }

    static func measure(_ name: String, _ model: some Recommender, _ seconds: Double,
                        on setting: Experiment.Setting, data: RatingDataset) throws -> Measurement {
        let rating = try (model as? any RatingPredictor).map { try RatingEvaluation.evaluate($0, test: setting.heldOut) }
        let ranking = try RankingEvaluation().evaluate(model, test: setting.heldOut)
        return Measurement(name: name, fitSeconds: seconds, rating: rating, ranking: ranking)
    }

    static let header = padded("model", 44) + "   RMSE    MAE  pairs   P@10   R@10 NDCG@10 MAP@10    MRR  HR@10  cover novelty    fit"

    var line: String {
        let metrics = ranking.metrics
        var text = padded(name, 44)
        if let rating {
            text += " " + fixed(rating.rootMeanSquaredError) + " " + fixed(rating.meanAbsoluteError)
                + leftPadded("\(rating.pairsEvaluated)", 7)
        } else {
            text += "      –      –      –"
        }
        for value in [metrics.precision, metrics.recall, metrics.ndcg, metrics.averagePrecision, metrics.reciprocalRank, metrics.hitRate] {
            text += " " + leftPadded(fixed(value), 6)
        }
        text += " " + leftPadded(fixed(ranking.coverage, 3), 6) + " " + leftPadded(fixed(ranking.novelty, 2), 7)
        text += " " + leftPadded(fixed(fitSeconds, 2) + " s", 8)
        return text
    }
}
