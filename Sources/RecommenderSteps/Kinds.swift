import NotebookCore
import TableSteps

/// The kinds of values the recommender steps pass between them.
extension ValueKind {
    public static let split = ValueKind(
        "split", doc: "Ratings split into train, validation and test parts.",
        members: ["train": .table, "val": .table, "test": .table],
        measurements: RatingSplit.measurementTable.names
    )

    public static let ratingMatrix = ValueKind(
        "rating-matrix", doc: "A sparse user × movie matrix of ratings, optionally centred on each user's mean.",
        refines: [.tabular], measurements: RatingMatrix.measurementTable.names
    )

    /// Anything that ranks movies for a user (and, for rating models, predicts ratings).
    ///
    /// Every model is the one value type ``FittedModel``. The refined kinds below tell the
    /// checker what more a step's model offers: figures to test, or a table of predictions.
    public static let model = ValueKind("model", doc: "A fitted model that ranks movies for users and, for rating models, predicts ratings.")

    public static let factorisation = ValueKind(
        "factorisation", doc: "The original's truncated SVD of a centred rating matrix; predicts ratings as mean + UΣVᵀ.",
        refines: [.model, .tabular],
        measurements: FittedModel.measurementTable.names + FittedModel.factorisationFigures
    )

    public static let featureTable = ValueKind(
        "feature-table", doc: "Rating rows with encoded features kept per movie (genres, TF-IDF tags, label encodings, scaling).",
        refines: [.table], measurements: FeatureTable.measurementTable.names
    )

    public static let neuralModel = ValueKind(
        "neural-model", doc: "The original's neural hybrid: embeddings plus content features through a small MLP.",
        refines: [.model], measurements: FittedModel.measurementTable.names + FittedModel.neuralFigures
    )

    public static let metrics = ValueKind("metrics", doc: "Named evaluation figures, such as rmse and mae.")
}
