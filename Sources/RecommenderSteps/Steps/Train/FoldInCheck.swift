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
        context.print("Fold-in check: \(left.count) users left out of a second fit and folded in from their training ratings, without retraining:")
        var figures: [(name: String, value: Double)] = [("foldin_users", Double(left.count))]
        figures += try Self.compare(trained, reduced, folded, on: heldOut, prefix: "foldin_", context: context)
        // A blend's parts are models of their own (the MF step's model, item-kNN): each one's
        // fold-in comes from the same second fit, so no step needs to refit them again.
        if let blend = trained as? BlendedRatingModel, let second = reduced as? BlendedRatingModel {
            context.print("  each part of the blend alone:")
            for (index, (part, secondPart)) in zip(blend.parts, second.parts).enumerated() {
                let name = Self.partName(part, index: index)
                figures += try Self.compare(
                    part, secondPart, folded.mapValues { $0.parts.count == blend.parts.count ? $0.parts[index] : $0 },
                    on: heldOut, prefix: "foldin_\(name)_", label: name, context: context)
            }
        }
        return figures
    }

    /// The model trained with the users against the second fit with them folded in: recall@10
    /// (and RMSE for a rating model), printed, and named `<prefix>recall_change` and so on.
    private static func compare(
        _ trained: some Recommender, _ reduced: some Recommender, _ folded: [Int: UserRepresentation],
        on heldOut: RatingLog, prefix: String, label: String? = nil, context: StepContext
    ) throws -> [(name: String, value: Double)] {
        let withThem = try evaluate(trained, heldOut, [:])
        let foldedIn = try evaluate(reduced, heldOut, folded)
        var figures: [(name: String, value: Double)] = [
            (prefix + "recall_trained", withThem.recall), (prefix + "recall_folded", foldedIn.recall),
            (prefix + "recall_change", (foldedIn.recall - withThem.recall) / withThem.recall),
        ]
        var line = (label.map { "    \($0): " } ?? "  ")
            + "recall@10 \(Format.fixed(withThem.recall, 4)) (trained with them) → \(Format.fixed(foldedIn.recall, 4)) (folded in), \(change(withThem.recall, foldedIn.recall))"
        if let before = withThem.rmse, let after = foldedIn.rmse {
            figures += [(prefix + "rmse_trained", before), (prefix + "rmse_folded", after), (prefix + "rmse_change", (after - before) / before)]
            if label == nil {
                context.print(line)
                line = "  "
            } else {
                line += "; "
            }
            line += "RMSE \(Format.fixed(before, 4)) → \(Format.fixed(after, 4)), \(change(before, after))"
        }
        context.print(line)
        return figures
    }

    /// How the figures of a blend's part are named: `mf`, `knn`, or `part1`, `part2`, ….
    static func partName(_ part: any RatingPredictor, index: Int) -> String {
        switch part {
        case is MatrixFactorizationModel: "mf"
        case is ItemKNNModel: "knn"
        default: "part\(index + 1)"
        }
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
