/// The architecture of the neural hybrid recommender: sizes, dropout and regularisation.
///
/// The network mirrors the original notebook's Keras model:
///
///     user index  → Embedding(userCount, embeddingDimension)  ┐
///     movie index → Embedding(movieCount, embeddingDimension) ├ Concatenate → Dropout
///     content features (contentDimension)                     ┘
///     → [Dense(units, ReLU) → Dropout] for each hidden layer → Dense(1, sigmoid)
///
/// Hyper-parameters that Keras receives as Python floats (`dropoutRate`, `embeddingL2`) are
/// `Double` here and rounded to `Float` where Keras casts them, so the float32 arithmetic matches.
public struct NeuralRecommenderConfiguration: Sendable, Hashable {
    /// The number of rows of the user embedding matrix (distinct encoded users).
    public var userCount: Int
    /// The number of rows of the movie embedding matrix (distinct encoded movies).
    public var movieCount: Int
    /// The number of content features per movie (genres plus TF-IDF terms in the notebook).
    public var contentDimension: Int
    /// The width of each embedding vector.
    public var embeddingDimension: Int
    /// The widths of the hidden ReLU layers, in order.
    public var hiddenUnits: [Int]
    /// The fraction of units dropped by each dropout layer during training.
    public var dropoutRate: Double
    /// The L2 coefficient on the whole of both embedding matrices: `loss += l2 · ΣW²`.
    public var embeddingL2: Double

    /// Creates an architecture; the defaults are the original notebook's.
    public init(
        userCount: Int,
        movieCount: Int,
        contentDimension: Int,
        embeddingDimension: Int = 64,
        hiddenUnits: [Int] = [32, 16],
        dropoutRate: Double = 0.3,
        embeddingL2: Double = 1e-6
    ) {
        self.userCount = userCount
        self.movieCount = movieCount
        self.contentDimension = contentDimension
        self.embeddingDimension = embeddingDimension
        self.hiddenUnits = hiddenUnits
        self.dropoutRate = dropoutRate
        self.embeddingL2 = embeddingL2
    }

    /// The width of the concatenated input to the first dense layer.
    public var concatenatedWidth: Int { 2 * embeddingDimension + contentDimension }

    /// The number of trainable parameters (all parameters are trainable).
    public var parameterCount: Int { ParameterLayout(self).count }

    /// The largest parameter count accepted, so that sizes stay far from overflow and from
    /// allocations the machine cannot make.
    static let maximumParameterCount = 1 << 30
    /// The largest single dimension accepted: BLAS takes 32-bit sizes.
    static let maximumDimension = 1 << 24

    /// Checks every size and rate.
    ///
    /// - Throws: ``NeuralNetworkError/invalidConfiguration(_:)`` naming the offending value.
    public func validate() throws {
        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw NeuralNetworkError.invalidConfiguration(message()) }
        }
        let limit = Self.maximumDimension
        try require((1...limit).contains(userCount), "userCount \(userCount) must be in 1...\(limit)")
        try require((1...limit).contains(movieCount), "movieCount \(movieCount) must be in 1...\(limit)")
        try require((0...limit).contains(contentDimension), "contentDimension \(contentDimension) must be in 0...\(limit)")
        try require((1...4096).contains(embeddingDimension), "embeddingDimension \(embeddingDimension) must be in 1...4096")
        for (index, units) in hiddenUnits.enumerated() {
            try require((1...65536).contains(units), "hiddenUnits[\(index)] = \(units) must be in 1...65536")
        }
        try require(hiddenUnits.count <= 64, "at most 64 hidden layers are supported")
        try require(dropoutRate >= 0 && dropoutRate < 1, "dropoutRate \(dropoutRate) must be in [0, 1)")
        try require(embeddingL2.isFinite && embeddingL2 >= 0, "embeddingL2 \(embeddingL2) must be finite and ≥ 0")
        // Sizes are bounded above, so this product cannot overflow; it bounds memory use.
        let embeddings = (userCount + movieCount) * embeddingDimension
        try require(
            embeddings + movieCount * contentDimension <= Self.maximumParameterCount,
            "the embeddings and content matrix would hold more than \(Self.maximumParameterCount) values"
        )
        try require(concatenatedWidth <= limit, "the concatenated input width \(concatenatedWidth) exceeds \(limit)")
    }
}
