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
    `original-recall` is the original's "Recall@K", and only that: each user's own held-out \
    movies are ranked by predicted rating, not the catalogue, so it is far higher.
    """
    static let example = "model: ease\nratings: split.test\nmetrics: [recall, ndcg, coverage]\nk: 10\nas: ease_metrics"
    static let produces: ValueKind? = .metrics
    static let schema: ParameterSchema<Self> = [
        .input(\.model, "model", kind: .model, doc: "The fitted model."),
        .input(\.ratings, "ratings", kind: .table, doc: "Held-out ratings (userId, movieId, rating)."),
        .parameter(\.metrics, "metrics", doc: "Which metrics to compute and print."),
        .parameter(\.k, "k", doc: "The cut-off K of ranking metrics and original-recall.", .atLeast(1)),
        .parameter(\.threshold, "threshold", doc: "The lowest rating that counts as relevant."),
        .parameter(\.curve, "curve", doc: "Also compute recall@1 … recall@curve (for a recall-against-K chart); 0 for none.", .atLeast(0)),
        .parameter(\.activity, "by_activity", doc: "Break rmse and recall@K down by how many training ratings users have, with these upper bounds (for example [30, 100, 300])."),
        .parameter(\.title, "title", doc: "The heading line printed before the figures."),
        .parameter(\.reportPairs, "report_pairs", doc: "Print how many pairs were scored, as the original's SVD evaluation does."),
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

    func validate() -> [ParameterProblem] {
        if activity.contains(where: { $0 < 1 }) || activity != activity.sorted() || Set(activity).count != activity.count {
            return [ParameterProblem("by_activity", "'by_activity' needs increasing positive bounds, for example [30, 100, 300]")]
        }
        return []
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let fitted = try context.value(model, as: (any RecommenderModel).self)
        let frame = try context.frame(ratings)
        var values: [(name: String, value: Double)] = []
        if !title.isEmpty { context.print(title) }

        let wantsRatings = metrics.contains(.rmse) || metrics.contains(.mae) || metrics.contains(.originalRecall)
        var pairs: Pairs?
        if wantsRatings {
            guard fitted.predictsRatings else {
                throw StepError("\(fitted.displayName) ranks movies but does not predict ratings; ask it for ranking metrics only")
            }
            let scored = try Pairs.score(fitted, frame)
            pairs = scored
            values += [("pairs", Double(scored.actual.count)), ("total", Double(frame.rowCount))]
            if reportPairs { context.print("Pairs evaluated: \(scored.actual.count) / \(frame.rowCount)") }
        }
        if let pairs, metrics.contains(.rmse) {
            let rmse = try rootMeanSquaredError(predictions: pairs.predicted, truth: pairs.actual)
            values.append(("rmse", rmse))
            context.print("RMSE: \(Format.fixed(rmse, 4))")
        }
        if let pairs, metrics.contains(.mae) {
            let mae = try meanAbsoluteError(predictions: pairs.predicted, truth: pairs.actual)
            values.append(("mae", mae))
            context.print("MAE : \(Format.fixed(mae, 4))")
        }
        if let pairs, metrics.contains(.originalRecall) {
            let result = try RecallAtK(k: k, relevanceThreshold: threshold).evaluate(userIds: pairs.users, scores: pairs.predicted, truth: pairs.actual)
            values.append(("original_recall@\(k)", result.meanRecall))
            values.append(("original_recall_users", Double(result.usersEvaluated)))
            context.print("Average Recall@\(k): \(Format.fixed(result.meanRecall, 4))")
            let perUser = Double(pairs.actual.count) / Double(max(1, Set(pairs.users).count))
            context.print("  (the original's definition: each user's own held-out movies, \(Format.fixed(perUser, 1)) on average, are ranked, "
                + "not the catalogue; averaged over \(result.usersEvaluated) users with a movie rated ≥ \(Format.shortest(threshold))★)")
        }

        var report: RankingReport?
        if metrics.contains(where: \.isRanking) || curve > 0 || !activity.isEmpty {
            let ranked = try RankingReport.evaluate(fitted, heldOut: frame, cutoff: k, threshold: threshold, curveLength: curve)
            report = ranked
            values += rankingValues(ranked)
            printRanking(ranked, context: context)
        }
        if !activity.isEmpty {
            values += try breakdown(fitted, frame: frame, pairs: pairs, ranking: report, context: context)
        }
        if let report, curve > 0 {
            context.emit(.figure(Figure(
                title: "Recall@K against K",
                caption: "Mean recall of the top K among all candidate movies, K = 1…\(curve).",
                xAxis: Axis("K"), yAxis: Axis("recall@K", includesZero: true),
                marks: [.line(Series(name: fitted.displayName, x: (1...curve).map(Double.init), y: report.recallCurve))]
            )))
        }
        if let seconds = fitted.measurement("fit_seconds") { values.append(("fit_seconds", seconds)) }
        return Metrics(title: title, values: values)
    }

    private func rankingValues(_ report: RankingReport) -> [(name: String, value: Double)] {
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
        values.append(("ranked_users", Double(report.usersCounted)))
        for (index, recall) in report.recallCurve.enumerated() where !(index + 1 == k && metrics.contains(.recall)) {
            values.append(("recall@\(index + 1)", recall))
        }
        return values
    }

    private func printRanking(_ report: RankingReport, context: StepContext) {
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
            + "\(report.usersCounted) users with a relevant movie"
        if report.usersUnknown > 0 { protocolLine += ", \(report.usersUnknown) users unknown to the model skipped" }
        context.print(protocolLine + ")")
    }

    /// Results per group of users by how many training ratings they have.
    private func breakdown(
        _ model: any RecommenderModel, frame: DataFrame, pairs: Pairs?, ranking: RankingReport?, context: StepContext
    ) throws -> [(name: String, value: Double)] {
        let bounds = activity
        func bucket(_ count: Int) -> Int { bounds.firstIndex { count <= $0 } ?? bounds.count }
        let names = (0...bounds.count).map { index -> String in
            let low = index == 0 ? 1 : bounds[index - 1] + 1
            return index == bounds.count ? "\(low)+" : "\(low)–\(bounds[index])"
        }
        var userBucket: [Int: Int] = [:]
        for user in 0..<model.users.count {
            userBucket[model.users.id(at: user)] = bucket(model.trainingMovies(ofUser: user).count)
        }
        var users = [Int](repeating: 0, count: names.count)
        for (_, index) in userBucket { users[index] += 1 }
        var squared = [Double](repeating: 0, count: names.count), counts = [Int](repeating: 0, count: names.count)
        if let pairs {
            for index in pairs.actual.indices {
                guard let group = userBucket[model.users.id(at: pairs.users[index])] else { continue }
                squared[group] += (pairs.predicted[index] - pairs.actual[index]) * (pairs.predicted[index] - pairs.actual[index])
                counts[group] += 1
            }
        }
        var recallSums = [Double](repeating: 0, count: names.count), recallCounts = [Int](repeating: 0, count: names.count)
        for (user, recall) in ranking?.recallByUser ?? [:] {
            guard let group = userBucket[user] else { continue }
            recallSums[group] += recall
            recallCounts[group] += 1
        }
        var values: [(name: String, value: Double)] = []
        var rows: [TableOutput.Row] = []
        for (index, name) in names.enumerated() {
            let rmse = counts[index] > 0 ? (squared[index] / Double(counts[index])).squareRoot() : .nan
            let recall = recallCounts[index] > 0 ? recallSums[index] / Double(recallCounts[index]) : .nan
            var cells = [Format.grouped(users[index])]
            if pairs != nil {
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
        if pairs != nil { columns.append(TableOutput.Column("RMSE", isNumeric: true)) }
        if ranking != nil { columns.append(TableOutput.Column("recall@\(k)", isNumeric: true)) }
        context.emit(.table(TableOutput(
            indexName: "training ratings", hasIndex: true, columns: columns, rows: rows,
            caption: "\(model.displayName), by how many training ratings users have."
        )))
        return values
    }
}

/// Held-out pairs the model knows, with its predictions.
struct Pairs {
    var users: [Int] = []
    var movies: [Int] = []
    var actual: [Double] = []
    var predicted: [Double] = []

    static func score(_ model: any RecommenderModel, _ frame: DataFrame) throws -> Pairs {
        let userIds = try frame.ints("userId"), movieIds = try frame.ints("movieId"), truth = try frame.doubles("rating")
        var pairs = Pairs()
        for row in userIds.indices {
            guard let user = model.users.index(of: userIds[row]), let movie = model.movies.index(of: movieIds[row]) else { continue }
            pairs.users.append(user)
            pairs.movies.append(movie)
            pairs.actual.append(truth[row])
        }
        guard !pairs.actual.isEmpty else {
            throw StepError("none of the \(frame.rowCount) held-out pairs has a user and a movie the model knows")
        }
        let predictions = try model.predict(users: pairs.users, movies: pairs.movies)
        // A NaN prediction (the original skips them) leaves the pair out.
        var kept = Pairs()
        for index in predictions.indices where !predictions[index].isNaN {
            kept.users.append(pairs.users[index])
            kept.movies.append(pairs.movies[index])
            kept.actual.append(pairs.actual[index])
            kept.predicted.append(predictions[index])
        }
        guard !kept.actual.isEmpty else { throw StepError("the model predicted no rating for the held-out pairs") }
        return kept
    }
}
