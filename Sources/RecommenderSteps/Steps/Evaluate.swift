import Frames
import Learning
import NotebookCore
import RecbookSupport

/// Scores a model's predictions on held-out ratings.
struct EvaluateStep: Step {
    static let name = "evaluate"
    static let category = "Evaluation"
    static let summary = "RMSE and MAE of a model's predictions on held-out ratings."
    static let discussion = """
    Only pairs whose user and movie the model knows are scored (the original's rule); the step \
    prints how many that was. Predictions are not clipped to the rating scale, as in the original.
    """
    static let example = "model: svd\nratings: split.test\nas: metrics"
    static let produces: ValueKind? = .metrics
    static let schema: ParameterSchema<Self> = [
        .input(\.model, "model", kind: .model, doc: "The fitted model."),
        .input(\.ratings, "ratings", kind: .table, doc: "Held-out ratings (userId, movieId, rating)."),
        .parameter(\.title, "title", doc: "The heading line printed first."),
    ]

    var model = ValueRef()
    var ratings = ValueRef()
    var title = "Evaluation on the test set"

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let fitted = try context.value(model, as: (any RecommenderModel).self)
        let frame = try context.value(ratings, as: DataFrame.self)
        let users = try frame.ints("userId"), movies = try frame.ints("movieId"), truth = try frame.doubles("rating")
        var actual: [Double] = [], predicted: [Double] = []
        for row in users.indices {
            guard let user = fitted.users.index(of: users[row]), let movie = fitted.movies.index(of: movies[row]) else { continue }
            let prediction = fitted.predict(user: user, movie: movie)
            guard !prediction.isNaN else { continue }
            actual.append(truth[row])
            predicted.append(prediction)
        }
        guard !actual.isEmpty else {
            throw StepError("none of the \(frame.rowCount) held-out pairs has a user and a movie the model knows")
        }
        let rmse = try rootMeanSquaredError(predictions: predicted, truth: actual)
        let mae = try meanAbsoluteError(predictions: predicted, truth: actual)
        context.print("\(title):")
        context.print("Pairs evaluated: \(actual.count) / \(frame.rowCount)")
        context.print("RMSE: \(Format.fixed(rmse, 4))")
        context.print("MAE : \(Format.fixed(mae, 4))")
        return Metrics(title: title, values: [
            ("rmse", rmse), ("mae", mae), ("pairs", Double(actual.count)), ("total", Double(frame.rowCount)),
        ])
    }
}
