extension BlendedRatingModel {
    /// recbook's most accurate rating model: recency-weighted biased MF blended with item-kNN
    /// on recency-weighted baselines.
    ///
    /// Every number here was chosen on the validation part of ml-latest-small's time-aware
    /// split (fit on train, score on validation; `recbook-bench tune`), never on test. The
    /// weights were fitted by ``BlendedRatingModel/fitWeights(_:heldOut:ridge:)`` on the
    /// validation predictions of parts fitted on train; refit the recipe on other data with
    /// the same procedure.
    public struct Recipe: Sendable, Equatable {
        /// The factor part.
        public var factorization: MatrixFactorizationModel.Configuration
        /// The neighbourhood part.
        public var neighbours: ItemKNNModel.Configuration
        /// w₀.
        public var intercept: Double
        /// The factor part's weight, then the neighbourhood part's.
        public var weights: [Double]

        public init(
            factorization: MatrixFactorizationModel.Configuration = MatrixFactorizationModel.Configuration(),
            neighbours: ItemKNNModel.Configuration = Recipe.recencyNeighbours,
            intercept: Double = -0.403, weights: [Double] = [0.635, 0.464]
        ) {
            self.factorization = factorization
            self.neighbours = neighbours
            self.intercept = intercept
            self.weights = weights
        }

        /// Item-kNN whose baseline user bias follows the user's latest ratings.
        public static let recencyNeighbours = ItemKNNModel.Configuration(
            baseline: BaselineModel.Configuration(userRegularization: 5, recency: RecencyWeighting(halfLife: 50)))
    }

    /// Fits both parts of a recipe on the same data and blends them with its weights.
    ///
    /// - Throws: ``ModelError/invalidConfiguration(_:)`` for a recipe out of range.
    public init(fitting data: RatingDataset, recipe: Recipe = Recipe()) throws {
        let parts: [any RatingPredictor] = [
            try MatrixFactorizationModel(fitting: data, configuration: recipe.factorization),
            try ItemKNNModel(fitting: data, configuration: recipe.neighbours),
        ]
        try self.init(parts: parts, weights: recipe.weights, intercept: recipe.intercept)
    }
}
