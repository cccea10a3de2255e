import Foundation
import Learning
import RecbookSupport

/// `recbook-bench foldin`: leave 50 users out of training, fold each in from their own
/// training ratings without refitting, and compare their test figures with those of a model
/// that was trained with them.
enum FoldInExperiment {
    static func run(_ experiment: Experiment, seed: UInt64) throws {
        let setting = experiment.reporting
        let everyone = try RatingDataset(setting.fit)
        var generator = SeededGenerator(seed: seed)
        let leftOut = Set(everyone.users.ids.shuffled(using: &generator).prefix(50))
        let withoutThem = try RatingDataset(setting.fit.filter { user, _ in !leftOut.contains(user) })
        let theirTest = setting.heldOut.filter { user, _ in leftOut.contains(user) }
        let theirHistories = Dictionary(grouping: setting.fit.filter { user, _ in leftOut.contains(user) }.rowsInTimeOrder(),
                                        by: \.userId)
        print("Fold-in: \(leftOut.count) users (seed \(seed)) left out of \(everyone.userCount); their \(theirTest.count) test ratings.")
        print("Each figure is the mean over those users only: trained with them → folded in after training without them.\n")

        func compare(_ name: String, _ fit: (RatingDataset) throws -> some Recommender) throws {
            let trained = try fit(everyone)
            let reduced = try fit(withoutThem)
            var foldedIn: [Int: UserRepresentation] = [:]
            for (userId, rows) in theirHistories {
                let history = rows.compactMap { row in
                    reduced.items.index(of: row.itemId).map { RatedItem(item: $0, rating: row.rating) }
                }
                foldedIn[userId] = try reduced.foldIn(history)
            }
            let rankingTrained = try RankingEvaluation().evaluate(trained, training: everyone, test: theirTest)
            let rankingFolded = try RankingEvaluation().evaluate(reduced, training: withoutThem, test: theirTest, foldedIn: foldedIn)
            var line = padded(name, 36) + "recall@10 \(fixed(rankingTrained.metrics.recall)) → \(fixed(rankingFolded.metrics.recall))"
                + " (\(change(rankingTrained.metrics.recall, rankingFolded.metrics.recall)))"
            if let trainedPredictor = trained as? any RatingPredictor, let reducedPredictor = reduced as? any RatingPredictor {
                let ratingTrained = try RatingEvaluation.evaluate(trainedPredictor, test: theirTest)
                let ratingFolded = try RatingEvaluation.evaluate(reducedPredictor, test: theirTest, foldedIn: foldedIn)
                line += "   RMSE \(fixed(ratingTrained.rootMeanSquaredError)) → \(fixed(ratingFolded.rootMeanSquaredError))"
                    + " (\(change(ratingTrained.rootMeanSquaredError, ratingFolded.rootMeanSquaredError)))"
                    + "   pairs \(ratingTrained.pairsEvaluated) → \(ratingFolded.pairsEvaluated)"
            }
            print(line)
        }
        try compare("biased MF, ALS-CG, recency") { try MatrixFactorizationModel(fitting: $0) }
        try compare("blend: MF + item-kNN") { try BlendedRatingModel(fitting: $0) }
        try compare("item-kNN, recency baseline") { try ItemKNNModel(fitting: $0, configuration: BlendedRatingModel.Recipe.recencyNeighbours) }
        try compare("implicit ALS") { try ImplicitALSModel(fitting: $0) }
        try compare("original mean-centred SVD") { try MeanCenteredSVDModel(fitting: $0) }
        try compare("EASE, recency") { try EASEModel(fitting: $0) }
    }

    private static func change(_ before: Double, _ after: Double) -> String {
        guard before != 0 else { return "n/a" }
        let percent = (after - before) / before * 100
        return (percent >= 0 ? "+" : "") + fixed(percent, 1) + "%"
    }
}

extension RatingLog {
    /// The rows as records, ordered by (user, time, row) like the training histories.
    func rowsInTimeOrder() -> [(userId: Int, itemId: Int, rating: Double)] {
        let order = (0..<count).sorted { (userIds[$0], timestamps[$0], $0) < (userIds[$1], timestamps[$1], $1) }
        return order.map { (userIds[$0], itemIds[$0], ratings[$0]) }
    }
}
