import Learning
import NotebookCore
import RecbookSupport

/// `fold_in_check`: leaves some random users out of a second fit, folds them back in from
/// their own training ratings (oldest first) without retraining, and compares their test
/// figures with those of the model trained with them, through the one evaluation protocol.
struct FoldInCheck {
    /// How many users to leave out.
    let users: Int
    /// The fit's seed; the users left out are drawn from a seed derived from it.
    let seed: UInt64

    /// Runs the check and prints its outcome.
    ///
    /// - Parameters:
    ///   - trained: The model fitted on `log`.
    ///   - ratings: The ratings it was fitted on, of the users for whom a condition holds.
    ///   - test: The held-out ratings.
    ///   - refit: Fits the same model on other data.
    /// - Returns: The figures, named `foldin_…`, for `expect:` lines.
    func run(
        trained: any Recommender, ratings: (_ users: (Int) -> Bool) throws -> RatingLog, test: RatingLog, context: StepContext,
        refit: (RatingDataset) throws -> any Recommender
    ) throws -> [(name: String, value: Double)] {
        var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "fold-in"))
        let left = Set(trained.users.ids.shuffled(using: &generator).prefix(users))
        // The log of everyone else lives only while the second fit's data is indexed.
        let reduced = try refit(try RatingDataset(try ratings { !left.contains($0) }))
        let folded = try Self.foldIn(left, from: try ratings { left.contains($0) }, into: reduced)
        let heldOut = test.filter { user, _ in left.contains(user) }
        let withThem = try Self.evaluate(trained, heldOut, [:])
        let foldedIn = try Self.evaluate(reduced, heldOut, folded)
        var figures: [(name: String, value: Double)] = [
            ("foldin_users", Double(left.count)),
            ("foldin_recall_trained", withThem.recall), ("foldin_recall_folded", foldedIn.recall),
            ("foldin_recall_change", (foldedIn.recall - withThem.recall) / withThem.recall),
        ]
        context.print("Fold-in check: \(left.count) users left out of a second fit and folded in from their training ratings, without retraining:")
        context.print("  recall@10 \(Format.fixed(withThem.recall, 4)) (trained with them) → \(Format.fixed(foldedIn.recall, 4)) (folded in), \(Self.change(withThem.recall, foldedIn.recall))")
        if let before = withThem.rmse, let after = foldedIn.rmse {
            figures += [("foldin_rmse_trained", before), ("foldin_rmse_folded", after), ("foldin_rmse_change", (after - before) / before)]
            context.print("  RMSE \(Format.fixed(before, 4)) → \(Format.fixed(after, 4)), \(Self.change(before, after))")
        }
        return figures
    }

    /// Each left-out user folded into `model` from their ratings in `log`, oldest first.
    private static func foldIn(_ users: Set<Int>, from log: RatingLog, into model: any Recommender) throws -> [Int: UserRepresentation] {
        let order = (0..<log.count).filter { users.contains(log.userIds[$0]) }
            .sorted { (log.userIds[$0], log.timestamps[$0], $0) < (log.userIds[$1], log.timestamps[$1], $1) }
        var histories: [Int: [RatedItem]] = [:]
        for row in order {
            guard let item = model.items.index(of: log.itemIds[row]) else { continue }
            histories[log.userIds[row], default: []].append(RatedItem(item: item, rating: log.ratings[row]))
        }
        return try histories.mapValues { try model.foldIn($0) }
    }

    private static func evaluate(
        _ model: some Recommender, _ test: RatingLog, _ folded: [Int: UserRepresentation]
    ) throws -> (recall: Double, rmse: Double?) {
        let ranking = try RankingEvaluation(cutoff: 10, relevanceThreshold: 4).evaluate(model, test: test, foldedIn: folded)
        let rating = try (model as? any RatingPredictor).map { try RatingEvaluation.evaluate($0, test: test, foldedIn: folded) }
        return (ranking.metrics.recall, rating?.rootMeanSquaredError)
    }

    /// The relative change as people read it: "+3.3%"; from zero there is no percentage.
    static func change(_ before: Double, _ after: Double) -> String {
        guard before != 0 else { return after == 0 ? "no change" : "up from 0" }
        let percent = (after - before) / before * 100
        return (percent >= 0 ? "+" : "") + Format.fixed(percent, 1) + "%"
    }
}
