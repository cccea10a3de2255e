import Frames
import Learning
import NotebookCore
import RecbookSupport

/// Scores a model's predictions on held-out ratings.
struct EvaluateStep: Step {
    static let name = "evaluate"
    static let category = "Evaluation"
    static let summary = "Score a model on held-out ratings: RMSE, MAE, and the original's Recall@K."
    static let discussion = """
    Only pairs whose user and movie the model knows are scored (the original's rule); the step \
    says how many that was. Predictions are not clipped to the rating scale, as in the original.
    Metrics:
    - `rmse`, `mae`: over the scored pairs.
    - `original-recall`: the original's "Recall@K", and only that: for each user, rank only \
    that user's own held-out movies by predicted rating; relevant = rated at least \
    `threshold`; recall = |relevant ∩ top K| / |relevant|, averaged over users with a relevant \
    movie. It never ranks the catalogue, so it is far higher than a recall against all movies.
    """
    static let example = "model: svd\nratings: split.test\nas: metrics"
    static let produces: ValueKind? = .metrics
    static let schema: ParameterSchema<Self> = [
        .input(\.model, "model", kind: .model, doc: "The fitted model."),
        .input(\.ratings, "ratings", kind: .table, doc: "Held-out ratings (userId, movieId, rating)."),
        .parameter(\.metrics, "metrics", doc: "Which metrics to compute and print."),
        .parameter(\.k, "k", doc: "original-recall: the cut-off K.", .atLeast(1)),
        .parameter(\.threshold, "threshold", doc: "original-recall: the lowest rating that counts as relevant."),
        .parameter(\.title, "title", doc: "The heading line printed before rmse and mae."),
        .parameter(\.reportPairs, "report_pairs", doc: "Print how many pairs were scored, as the original's SVD evaluation does."),
    ]

    enum Metric: String, ChoiceParameter {
        case rmse, mae
        case originalRecall = "original-recall"
    }

    var model = ValueRef()
    var ratings = ValueRef()
    var metrics: [Metric] = [.rmse, .mae]
    var k = 10
    var threshold = 4.0
    var title = "Evaluation on the test set:"
    var reportPairs = true

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let fitted = try context.value(model, as: (any RecommenderModel).self)
        let frame = try context.value(ratings, as: (any FrameValue).self).frame
        let userIds = try frame.ints("userId"), movieIds = try frame.ints("movieId"), truth = try frame.doubles("rating")
        var users: [Int] = [], movies: [Int] = [], actual: [Double] = []
        for row in userIds.indices {
            guard let user = fitted.users.index(of: userIds[row]), let movie = fitted.movies.index(of: movieIds[row]) else { continue }
            users.append(user)
            movies.append(movie)
            actual.append(truth[row])
        }
        guard !actual.isEmpty else {
            throw StepError("none of the \(frame.rowCount) held-out pairs has a user and a movie the model knows")
        }
        var predicted = try fitted.predict(users: users, movies: movies)
        // A NaN prediction (the original skips them) leaves the pair out.
        let kept = predicted.indices.filter { !predicted[$0].isNaN }
        if kept.count != predicted.count {
            users = kept.map { users[$0] }
            movies = kept.map { movies[$0] }
            actual = kept.map { actual[$0] }
            predicted = kept.map { predicted[$0] }
        }

        var values: [(name: String, value: Double)] = [("pairs", Double(actual.count)), ("total", Double(frame.rowCount))]
        if metrics.contains(.rmse) || metrics.contains(.mae) {
            context.print(title)
            if reportPairs { context.print("Pairs evaluated: \(actual.count) / \(frame.rowCount)") }
        }
        if metrics.contains(.rmse) {
            let rmse = try rootMeanSquaredError(predictions: predicted, truth: actual)
            values.append(("rmse", rmse))
            context.print("RMSE: \(Format.fixed(rmse, 4))")
        }
        if metrics.contains(.mae) {
            let mae = try meanAbsoluteError(predictions: predicted, truth: actual)
            values.append(("mae", mae))
            context.print("MAE : \(Format.fixed(mae, 4))")
        }
        if metrics.contains(.originalRecall) {
            let result = try RecallAtK(k: k, relevanceThreshold: threshold).evaluate(userIds: users, scores: predicted, truth: actual)
            values.append(("original_recall@\(k)", result.meanRecall))
            values.append(("original_recall_users", Double(result.usersEvaluated)))
            context.print("Average Recall@\(k): \(Format.fixed(result.meanRecall, 4))")
            let perUser = Double(actual.count) / Double(max(1, Set(users).count))
            context.print("  (the original's definition: each user's own held-out movies, \(Format.fixed(perUser, 1)) on average, are ranked, "
                + "not the catalogue; averaged over \(result.usersEvaluated) users with a movie rated ≥ \(Format.shortest(threshold))★)")
        }
        return Metrics(title: title, values: values)
    }
}
