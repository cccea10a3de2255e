import Foundation
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import Outputs
import RecbookSupport

/// Scores a movie nobody has rated yet, from its genres and tags alone.
struct NewMovieStep: Step {
    static let name = "new-movie"
    static let category = "Recommendation"
    static let summary = "Predict ratings for a movie nobody has rated yet, from its genres and tags."
    static let discussion = """
    Fits a ridge regression from the known movies' content features (the numeric blocks of \
    `features`: multi-hot genres, TF-IDF tags, scaled as they were) to the factor model's item \
    factors and biases, then gives the new movie the factors its genres and tags predict. Prints \
    its predicted rating for `users` and the users who would rate it highest.
    """
    static let example = "model: mf\nfeatures: movie_ratings\ntitle: Space Heist (2026)\ngenres: Action|Sci-Fi\ntags: heist space twist ending\nusers: [1, 2]"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .input(\.model, "model", kind: .model, doc: "A factor model: `train` with mf, svdpp, ials or svd, or the `svd` step (a blend's factors do not count)."),
        .input(\.features, "features", kind: .featureTable, doc: "The feature table whose blocks describe movies (genres, tags)."),
        .parameter(\.title, "title", doc: "The new movie's title.", required: true),
        .parameter(\.genres, "genres", doc: "Its genres, as 'A|B'."),
        .parameter(\.tags, "tags", doc: "Its tags, as free text."),
        .parameter(\.users, "users", doc: "Users whose predicted rating to print."),
        .parameter(\.top, "top", doc: "How many of the users who would rate it highest to list.", .inRange(0...10_000)),
        .parameter(\.regularization, "regularization", doc: "The ridge penalty of the content regression.", .greaterThan(0.0)),
    ]

    var model = ValueRef()
    var features = ValueRef()
    var title = ""
    var genres = ""
    var tags = ""
    var users: [Int] = []
    var top = 5
    var regularization = 1.0

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let fitted = try context.value(model, as: FittedModel.self)
        guard let factorModel = fitted.model as? any FactorRecommender else {
            throw StepError("\(fitted.displayName) has no item factors to predict; fit `train` with model 'mf', 'svdpp', 'ials' or 'svd'")
        }
        let table = try context.value(features, as: FeatureTable.self)
        let (columns, content) = try table.contentMatrix()
        // The known movies' features in the model's item order (a movie without features gets zeros).
        var rows = Matrix(rowCount: factorModel.itemCount, columnCount: columns.count)
        for item in 0..<factorModel.itemCount {
            guard let row = table.movies.index(of: factorModel.items.id(at: item)) else { continue }
            for column in 0..<columns.count { rows[item, column] = content[row, column] }
        }
        let regression = try ItemContentRegression(model: factorModel, features: rows, regularization: regularization)
        let description = try table.contentFeatures(labels: genres, text: tags)
        let readsText = table.encoders.values.contains { if case .tfidf = $0 { true } else { false } }
        if !tags.isEmpty, !readsText {
            context.print("The data has no tags to learn from, so the new movie's tags are not used: it is scored from its genres alone.")
        }
        let (factors, bias) = try regression.itemFactors(for: description)

        var used: [String] = []
        for (index, value) in description.enumerated() where value != 0 && index < columns.count { used.append(columns[index]) }
        context.print("A new movie: \"\(title)\". No ratings; \(used.count) of its \(columns.count) content features are non-zero (\(used.prefix(12).joined(separator: ", "))\(used.count > 12 ? ", …" : "")).")
        let predictions = try (0..<factorModel.userCount).map { user in
            (user: user, rating: try factorModel.score(for: try factorModel.representation(ofUser: user), itemFactors: factors, itemBias: bias))
        }
        for id in users {
            guard let index = factorModel.users.index(of: id) else {
                context.print("User \(id): not known to the model.")
                continue
            }
            context.print("Predicted rating for User \(id): \(Format.fixed(predictions[index].rating, 2))★")
        }
        if top > 0 {
            let best = predictions.sorted { $0.rating != $1.rating ? $0.rating > $1.rating : $0.user < $1.user }.prefix(top)
            context.emit(.table(TableOutput(
                indexName: "userId", hasIndex: true,
                columns: [.init("predicted rating", isNumeric: true)],
                rows: best.map { .init(label: String(factorModel.users.id(at: $0.user)), cells: [Format.fixed($0.rating, 2)]) },
                caption: "The users who would rate \"\(title)\" highest."
            )))
        }
        return nil
    }
}
