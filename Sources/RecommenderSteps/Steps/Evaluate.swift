import Frames
import Learning
import NotebookCore
import TableSteps
import Outputs
import RecbookSupport

/// Scores a model on held-out ratings: rating accuracy, ranking quality against the whole
/// catalogue, and the original's own "Recall@K".
struct EvaluateStep: Step {
    static let name = "evaluate"
    static let category = "Evaluation"
    static let summary = "Score a model on held-out ratings: RMSE/MAE, ranking metrics at K, and the original's Recall@K."
    static let discussion = """
    Rating metrics (`rmse`, `mae`) are computed over the held-out pairs whose user and movie the \
    model knows (the original's rule); the step says how many pairs were skipped. Predictions are \
    not clipped to the rating scale by the step.
    Ranking metrics at K (`precision`, `recall`, `ndcg`, `map`, `mrr`, `hit-rate`, `coverage`, \
    `novelty`) rank the whole catalogue, defined once:
    - candidates: every movie in the model's training data, minus those the user rated there;
    - relevant: the user's held-out movies rated at least `threshold` (a movie the model never \
    saw counts as a miss); users counted: those with at least one relevant movie;
    - Recall@K = hits / |relevant|; Precision@K = hits / K; NDCG@K with binary gains and an \
    ideal of min(|relevant|, K); MAP@K averages precision at each hit over min(|relevant|, K); \
    MRR@K is the reciprocal rank of the first hit within K; hit rate@K the share of users with \
    a hit; coverage@K the share of candidate movies in anyone's top K; novelty@K the mean \
    self-information −log₂(share of training users who rated it) of recommended movies, in bits.
    Ranking costs one catalogue-wide scoring per user; on a large release `rank_users` ranks a \
    seeded random sample of that many of the counted users instead of all of them (rating \
    metrics still use every pair), and the step says how many it ranked.
    `original-recall` is the original's "Recall@K", and only that: each user's own held-out \
    movies are ranked by predicted rating, not the catalogue, so it is far higher.
    """
    static let example = "model: ease\nratings: split.test\nmetrics: [recall, ndcg, coverage]\nk: 10\nas: ease_metrics"
    static let produces: ValueKind? = .metrics
    /// The largest cut-off K, and the longest recall curve: lists longer than this are not read.
    static let maximumCutOff = 1_000
    static let schema: ParameterSchema<Self> = [
        .input(\.model, "model", kind: .model, doc: "The fitted model."),
        .input(\.ratings, "ratings", kind: .table, doc: "Held-out ratings (userId, movieId, rating)."),
        .parameter(\.metrics, "metrics", doc: "Which metrics to compute and print."),
        .parameter(\.k, "k", doc: "The cut-off K of ranking metrics and original-recall.", .inRange(1...Self.maximumCutOff)),
        .parameter(\.threshold, "threshold", doc: "The lowest rating that counts as relevant."),
        .parameter(\.curve, "curve", doc: "Also compute recall@1 … recall@curve (for a recall-against-K chart); 0 for none.", .inRange(0...Self.maximumCutOff)),
        .parameter(\.activity, "by_activity", doc: "Break rmse and recall@K down by how many training ratings users have, with these upper bounds (for example [30, 100, 300])."),
        .parameter(\.title, "title", doc: "The heading line printed before the figures."),
        .parameter(\.reportPairs, "report_pairs", doc: "Print how many pairs were scored, as the original's SVD evaluation does."),
        .parameter(\.rankUsers, "rank_users", doc: "Rank a seeded random sample of at most this many held-out users for the ranking metrics; 0 ranks every one.", .inRange(0...Int.max)),
        .parameter(\.seed, "seed", doc: "Seed of the `rank_users` sample: evaluations of the same held-out ratings with the same seed rank the same users."),
    ]

    enum Metric: String, ChoiceParameter {
        case rmse, mae, precision, recall, ndcg, map, mrr
        case hitRate = "hit-rate"
        case coverage, novelty
        case originalRecall = "original-recall"

        var isRanking: Bool { ![.rmse, .mae, .originalRecall].contains(self) }
    }

    var model = ValueRef()
    var ratings = ValueRef()
    var metrics: [Metric] = [.rmse, .mae]
    var k = 10
    var threshold = 4.0
    var curve = 0
    var activity: [Int] = []
    var title = "Evaluation on the test set:"
    var reportPairs = true
    var rankUsers = 0
    var seed = 0

    func validate() -> [ParameterProblem] {
        if activity.contains(where: { $0 < 1 }) || activity != activity.sorted() || Set(activity).count != activity.count {
            return [ParameterProblem("by_activity", "'by_activity' needs increasing positive bounds, for example [30, 100, 300]")]
        }
        return []
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let fitted = try context.value(model, as: FittedModel.self)
        let frame = try context.frame(ratings)
        let heldOut = try RatingLog(heldOut: frame)
        var values: [(name: String, value: Double)] = []
        if !title.isEmpty { context.print(title) }

        var predictions: RatingEvaluation.Predictions?
        if metrics.contains(.rmse) || metrics.contains(.mae) || metrics.contains(.originalRecall) {
            let scored = try ratingPredictions(fitted, heldOut: heldOut, context: context)
            predictions = scored
            values += [("pairs", Double(scored.count)), ("total", Double(frame.rowCount))]
            values += try ratingValues(scored, context: context)
        }
        var report: RankingEvaluation.Report?
        if metrics.contains(where: \.isRanking) || curve > 0 || !activity.isEmpty {
            try context.requireMemory(rankingEstimate(heldOut: heldOut, itemCount: fitted.model.items.count))
            let sample = rankingSample(heldOut)
            let ranked = try ranking(fitted, heldOut: sample.log, context: context)
            report = ranked
            values += rankingValues(ranked)
            printRanking(ranked, sampledFrom: sample.sampledFrom, context: context)
        }
        if !activity.isEmpty {
            values += breakdown(fitted, predictions: predictions, ranking: report, context: context)
        }
        if let report, curve > 0 {
            context.emit(.figure(Figure(
                title: "Recall@K against K",
                caption: "Mean recall of the top K among all candidate movies, K = 1…\(curve).",
                xAxis: Axis("K"), yAxis: Axis("recall@K", includesZero: true),
                marks: [.line(Series(name: fitted.displayName, x: (1...curve).map(Double.init), y: report.recallCurve))]
            )))
        }
        values.append(("fit_seconds", fitted.fitSeconds))
        return Metrics(title: title, values: values)
    }

    /// The model's predictions for the held-out pairs it knows, with the pair count printed.
    private func ratingPredictions(
        _ fitted: FittedModel, heldOut: RatingLog, context: StepContext
    ) throws -> RatingEvaluation.Predictions {
        guard let predictor = fitted.ratingPredictor else {
            throw StepError("\(fitted.displayName) ranks movies but does not predict ratings; ask it for ranking metrics only")
        }
        let scored = try RatingEvaluation.predict(predictor, test: heldOut)
        guard scored.count > 0 else {
            if scored.skippedWithoutPrediction > 0 {
                throw StepError("the model predicted no rating (NaN) for all \(scored.skippedWithoutPrediction) held-out pairs it knows")
            }
            throw StepError("none of the \(heldOut.count) held-out pairs has a user and a movie the model knows")
        }
        if reportPairs { context.print("Pairs evaluated: \(scored.count) / \(heldOut.count)") }
        if scored.skippedWithoutPrediction > 0 {
            context.print("  (\(scored.skippedWithoutPrediction) of the known pairs had no prediction (NaN) and were left out.)")
        }
        return scored
    }

    /// RMSE, MAE and the original's recall, as asked, printed as the original prints them.
    private func ratingValues(_ scored: RatingEvaluation.Predictions, context: StepContext) throws -> [(name: String, value: Double)] {
        var values: [(name: String, value: Double)] = []
        let report = try scored.report()
        if metrics.contains(.rmse) {
            values.append(("rmse", report.rootMeanSquaredError))
            context.print("RMSE: \(Format.fixed(report.rootMeanSquaredError, 4))")
        }
        if metrics.contains(.mae) {
            values.append(("mae", report.meanAbsoluteError))
            context.print("MAE : \(Format.fixed(report.meanAbsoluteError, 4))")
        }
        if metrics.contains(.originalRecall) {
            let result = try RecallAtK(k: k, relevanceThreshold: threshold)
                .evaluate(userIds: scored.userIds, scores: scored.predictions, truth: scored.truth)
            values.append(("original_recall@\(k)", result.meanRecall))
            values.append(("original_recall_users", Double(result.usersEvaluated)))
            context.print("Average Recall@\(k): \(Format.fixed(result.meanRecall, 4))")
            let perUser = Double(scored.count) / Double(max(1, Set(scored.userIds).count))
            context.print("  (the original's definition: each user's own held-out movies, \(Format.fixed(perUser, 1)) on average, are ranked, "
                + "not the catalogue; averaged over \(result.usersEvaluated) users with a movie rated ≥ \(Format.shortest(threshold))★)")
        }
        return values
    }

    /// What ranking allocates: every held-out user's top list, to the depth of `k` and `curve`,
    /// and one batch of 256 users' scores over the catalogue.
    private func rankingEstimate(heldOut: RatingLog, itemCount: Int) -> MemoryEstimate {
        let users = Set(heldOut.userIds).count, depth = max(k, curve)
        return MemoryEstimate(
            "evaluate", bytes: MemoryEstimate.sum(MemoryEstimate.product(users, depth, 8), MemoryEstimate.product(256, itemCount, 8)),
            detail: "\(Format.grouped(users)) users × \(Format.grouped(depth)) ranked movies × 8 bytes, "
                + "and 256 users × \(Format.grouped(itemCount)) scores × 8 bytes",
            remedy: "lower 'k' or 'curve'")
    }

    /// The held-out rows of the users to rank: every user's, or those of a seeded sample of
    /// `rank_users` of the users with a relevant movie (nil `sampledFrom` when not sampled).
    private func rankingSample(_ heldOut: RatingLog) -> (log: RatingLog, sampledFrom: Int?) {
        var relevant = Set<Int>()
        for row in 0..<heldOut.count where heldOut.ratings[row] >= threshold { relevant.insert(heldOut.userIds[row]) }
        guard rankUsers > 0, relevant.count > rankUsers else { return (heldOut, nil) }
        var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(seed)))
        let chosen = Set(relevant.sorted().shuffled(using: &generator).prefix(rankUsers))
        return (heldOut.filter { user, _ in chosen.contains(user) }, relevant.count)
    }

    /// The ranking protocol, with its one failure turned into a sentence about this notebook.
    private func ranking(_ fitted: FittedModel, heldOut: RatingLog, context: StepContext) throws -> RankingEvaluation.Report {
        do {
            return try RankingEvaluation(cutoff: k, relevanceThreshold: threshold, curveLength: curve).evaluate(fitted.model, test: heldOut) { ranked, total in
                context.progress("users ranked", completed: ranked, of: total)
            }
        } catch MetricError.nothingRelevant {
            throw StepError("no held-out user known to the model has a movie rated at least \(Format.shortest(threshold))")
        }
    }

    private func rankingValues(_ report: RankingEvaluation.Report) -> [(name: String, value: Double)] {
        var values: [(name: String, value: Double)] = []
        let m = report.metrics
        let table: [(Metric, String, Double)] = [
            (.precision, "precision", m.precision), (.recall, "recall", m.recall), (.ndcg, "ndcg", m.ndcg),
            (.map, "map", m.averagePrecision), (.mrr, "mrr", m.reciprocalRank), (.hitRate, "hit_rate", m.hitRate),
            (.coverage, "coverage", report.coverage), (.novelty, "novelty", report.novelty),
        ]
        for (metric, name, value) in table where metrics.contains(metric) {
            values.append(("\(name)@\(k)", value))
        }
        values.append(("ranked_users", Double(report.usersEvaluated)))
        for (index, recall) in report.recallCurve.enumerated() where !(index + 1 == k && metrics.contains(.recall)) {
            values.append(("recall@\(index + 1)", recall))
        }
        return values
    }

    private func printRanking(_ report: RankingEvaluation.Report, sampledFrom: Int?, context: StepContext) {
        let m = report.metrics
        let labels: [(Metric, String, Double)] = [
            (.precision, "Precision", m.precision), (.recall, "Recall", m.recall), (.ndcg, "NDCG", m.ndcg),
            (.map, "MAP", m.averagePrecision), (.mrr, "MRR", m.reciprocalRank), (.hitRate, "Hit rate", m.hitRate),
        ]
        let shown = labels.filter { metrics.contains($0.0) }.map { "\($0.1)@\(k): \(Format.fixed($0.2, 4))" }
        if !shown.isEmpty { context.print(shown.joined(separator: "  ")) }
        var extras: [String] = []
        if metrics.contains(.coverage) {
            extras.append("Coverage@\(k): \(Format.fixed(report.coverage, 3)) of \(Format.grouped(report.catalogueSize)) movies")
        }
        if metrics.contains(.novelty) { extras.append("Novelty@\(k): \(Format.fixed(report.novelty, 2)) bits") }
        if !extras.isEmpty { context.print(extras.joined(separator: "  ")) }
        var protocolLine = "  (ranked against every movie in the training data the user has not rated there; relevant = held-out movies rated ≥ \(Format.shortest(threshold))★; "
            + "\(report.usersEvaluated) users with a relevant movie"
        if let sampledFrom {
            protocolLine += " (a seeded random sample of \(Format.grouped(rankUsers)) of the \(Format.grouped(sampledFrom)) held-out users with one)"
        }
        if report.usersUnknown > 0 { protocolLine += ", \(report.usersUnknown) users unknown to the model skipped" }
        context.print(protocolLine + ")")
    }

    /// Results per group of users by how many training ratings they have.
    private func breakdown(
        _ fitted: FittedModel, predictions: RatingEvaluation.Predictions?, ranking: RankingEvaluation.Report?, context: StepContext
    ) -> [(name: String, value: Double)] {
        let groups = ActivityGroups(bounds: activity, model: fitted.model)
        var squared = [Double](repeating: 0, count: groups.names.count), counts = [Int](repeating: 0, count: groups.names.count)
        if let predictions {
            for index in predictions.truth.indices {
                guard let group = groups.group(ofUser: predictions.userIds[index]) else { continue }
                let error = predictions.predictions[index] - predictions.truth[index]
                squared[group] += error * error
                counts[group] += 1
            }
        }
        var recallSums = [Double](repeating: 0, count: groups.names.count), recallCounts = [Int](repeating: 0, count: groups.names.count)
        // By user id: a dictionary's order changes from one process to the next, and so would
        // the sums' last bits.
        for (user, recall) in (ranking?.recallByUser ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let group = groups.group(ofUser: user) else { continue }
            recallSums[group] += recall
            recallCounts[group] += 1
        }
        var values: [(name: String, value: Double)] = []
        var rows: [TableOutput.Row] = []
        for (index, name) in groups.names.enumerated() {
            let rmse = counts[index] > 0 ? (squared[index] / Double(counts[index])).squareRoot() : .nan
            let recall = recallCounts[index] > 0 ? recallSums[index] / Double(recallCounts[index]) : .nan
            var cells = [Format.grouped(groups.userCounts[index])]
            if predictions != nil {
                cells.append(rmse.isNaN ? "–" : Format.fixed(rmse, 4))
                values.append(("rmse[\(name)]", rmse))
            }
            if ranking != nil {
                cells.append(recall.isNaN ? "–" : Format.fixed(recall, 4))
                values.append(("recall@\(k)[\(name)]", recall))
            }
            rows.append(TableOutput.Row(label: "\(name) ratings", cells: cells))
        }
        var columns = [TableOutput.Column("users", isNumeric: true)]
        if predictions != nil { columns.append(TableOutput.Column("RMSE", isNumeric: true)) }
        if ranking != nil { columns.append(TableOutput.Column("recall@\(k)", isNumeric: true)) }
        context.emit(.table(TableOutput(
            indexName: "training ratings", hasIndex: true, columns: columns, rows: rows,
            caption: "\(fitted.displayName), by how many training ratings users have."
        )))
        return values
    }
}

/// The model's users grouped by how many training ratings they have, between increasing bounds.
struct ActivityGroups {
    /// "1–30", "31–100", …, "301+".
    let names: [String]
    /// How many users each group holds.
    let userCounts: [Int]
    private let groupByUser: [Int: Int]

    init(bounds: [Int], model: any Recommender) {
        names = (0...bounds.count).map { index in
            let low = index == 0 ? 1 : bounds[index - 1] + 1
            return index == bounds.count ? "\(low)+" : "\(low)–\(bounds[index])"
        }
        var groupByUser: [Int: Int] = [:], userCounts = [Int](repeating: 0, count: bounds.count + 1)
        for user in 0..<model.users.count {
            let count = model.histories.range(ofUser: user).count
            let group = bounds.firstIndex { count <= $0 } ?? bounds.count
            groupByUser[model.users.id(at: user)] = group
            userCounts[group] += 1
        }
        self.groupByUser = groupByUser
        self.userCounts = userCounts
    }

    /// The group of a user, by external id; nil for a user the model does not know.
    func group(ofUser id: Int) -> Int? { groupByUser[id] }
}
