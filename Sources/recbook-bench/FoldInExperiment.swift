import Foundation
import Learning
import RecbookSupport

/// `recbook-bench foldin [seed=7] [folds=12]`: leave 50 users out of training, fold each in
/// from their own training ratings without refitting, and compare their test figures with
/// those of a model that was trained with them.
///
/// Fifty users' recall@10 is noisy (a handful of hits moves it by 10%), so the experiment is
/// also repeated over `folds` disjoint groups of users that together cover everyone, pooling
/// every user's figures.
enum FoldInExperiment {
    static func run(_ experiment: Experiment, seed: UInt64, folds: Int) throws {
        let setting = experiment.reporting
        let everyone = try RatingDataset(setting.fit)
        var generator = SeededGenerator(seed: seed)
        let shuffled = everyone.users.ids.shuffled(using: &generator)
        let single = [Set(shuffled.prefix(50))]
        let groups = folds > 1 ? (0..<folds).map { fold in Set(shuffled.enumerated().filter { $0.offset % folds == fold }.map(\.element)) } : []

        print("Fold-in (seed \(seed)): users are left out of training, then folded in from their own training ratings;")
        print("each figure is over those users only: model trained with them → folded in after training without them.\n")
        print("## 50 users left out")
        try compareAll(setting, everyone, single)
        if !groups.isEmpty {
            print("\n## \(folds) disjoint groups of about \(everyone.userCount / folds) users, pooled over all \(everyone.userCount) users")
            try compareAll(setting, everyone, groups)
        }
    }

    private static func compareAll(_ setting: Experiment.Setting, _ everyone: RatingDataset, _ groups: [Set<Int>]) throws {
        try compare("biased MF, ALS-CG, recency", setting, everyone, groups) { try MatrixFactorizationModel(fitting: $0) }
        try compare("blend: MF + item-kNN", setting, everyone, groups) { try BlendedRatingModel(fitting: $0) }
        try compare("item-kNN, recency baseline", setting, everyone, groups) {
            try ItemKNNModel(fitting: $0, configuration: BlendedRatingModel.Recipe.recencyNeighbours)
        }
        try compare("original mean-centred SVD", setting, everyone, groups) { try MeanCenteredSVDModel(fitting: $0) }
        try compare("implicit ALS", setting, everyone, groups) { try ImplicitALSModel(fitting: $0) }
        try compare("EASE, recency", setting, everyone, groups) { try EASEModel(fitting: $0) }
    }

    /// Pooled figures: recall summed over users, squared and absolute errors over pairs.
    private struct Tally {
        var recallSum = 0.0, users = 0
        var squaredErrors = 0.0, pairs = 0

        mutating func add(_ ranking: RankingEvaluation.Report, _ rating: RatingEvaluation.Report?) {
            recallSum += ranking.metrics.recall * Double(ranking.usersEvaluated)
            users += ranking.usersEvaluated
            if let rating {
                squaredErrors += rating.rootMeanSquaredError * rating.rootMeanSquaredError * Double(rating.pairsEvaluated)
                pairs += rating.pairsEvaluated
            }
        }

        var recall: Double { users == 0 ? 0 : recallSum / Double(users) }
        var rootMeanSquaredError: Double? { pairs == 0 ? nil : (squaredErrors / Double(pairs)).squareRoot() }
    }

    private static func compare<Model: Recommender>(
        _ name: String, _ setting: Experiment.Setting, _ everyone: RatingDataset, _ groups: [Set<Int>],
        _ fit: (RatingDataset) throws -> Model
    ) throws {
        let trained = try fit(everyone)
        var withThem = Tally(), foldedIn = Tally()
        var reducedSeconds = 0.0
        for group in groups {
            let test = setting.heldOut.filter { user, _ in group.contains(user) }
            let (reduced, seconds) = try timed {
                try fit(try RatingDataset(setting.fit.filter { user, _ in !group.contains(user) }))
            }
            reducedSeconds += seconds
            var representations: [Int: UserRepresentation] = [:]
            for (userId, rows) in Dictionary(grouping: setting.fit.filter { user, _ in group.contains(user) }.rowsInTimeOrder(), by: \.userId) {
                let history = rows.compactMap { row in reduced.items.index(of: row.itemId).map { RatedItem(item: $0, rating: row.rating) } }
                representations[userId] = try reduced.foldIn(history)
            }
            withThem.add(try RankingEvaluation().evaluate(trained, test: test),
                         try (trained as? any RatingPredictor).map { try RatingEvaluation.evaluate($0, test: test) })
            foldedIn.add(try RankingEvaluation().evaluate(reduced, test: test, foldedIn: representations),
                         try (reduced as? any RatingPredictor).map { try RatingEvaluation.evaluate($0, test: test, foldedIn: representations) })
        }
        var line = padded(name, 30) + "recall@10 \(fixed(withThem.recall)) → \(fixed(foldedIn.recall)) (\(change(withThem.recall, foldedIn.recall)))"
        if let before = withThem.rootMeanSquaredError, let after = foldedIn.rootMeanSquaredError {
            line += "   RMSE \(fixed(before)) → \(fixed(after)) (\(change(before, after)))   pairs \(withThem.pairs) → \(foldedIn.pairs)"
        }
        print(line + "   [\(foldedIn.users) users; \(groups.count) refit\(groups.count == 1 ? "" : "s") \(fixed(reducedSeconds, 1)) s]")
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
