import LinearAlgebra
import RecbookSupport

/// The original notebook's neural hybrid recommender: user and movie embeddings concatenated
/// with per-movie content features, then a small ReLU network with a sigmoid output.
///
/// The model predicts a rating scaled to [0, 1]. Its weights live in one flat float32 vector in
/// Keras's weight order (see ``weights``); the content features are kept once per movie and
/// gathered by movie index for each batch, never copied per rating.
///
/// ```swift
/// var model = try NeuralRecommender(configuration: architecture, contentFeatures: content, seed: 42)
/// let history = try model.fit(train: train, validation: validation,
///                             configuration: NeuralTrainingConfiguration(seed: 7)) { epoch in
///     print(epoch.logLine(epochCount: 50))
/// }
/// let scores = try model.predict(users: [0, 0], movies: [3, 9])
/// ```
public struct NeuralRecommender: Sendable {
    /// The architecture.
    public let configuration: NeuralRecommenderConfiguration
    /// The content features, `movieCount × contentDimension`, row-major.
    public let contentFeatures: [Float]
    /// Every weight, laid out by `layout`.
    var parameters: [Float]
    let layout: ParameterLayout

    /// Creates a model with freshly initialised weights, as Keras builds it: `he_normal`
    /// embeddings and hidden kernels, a `glorot_uniform` output kernel, zero biases.
    ///
    /// Each weight matrix draws from its own stream derived from `seed` and the Keras layer name,
    /// so changing one layer's size re-draws no other.
    ///
    /// - Parameters:
    ///   - configuration: The architecture.
    ///   - contentFeatures: `movieCount × contentDimension` values, row-major, already scaled.
    ///   - seed: The seed of the initial weights.
    /// - Throws: ``NeuralNetworkError`` if the configuration is invalid or the content matrix
    ///   has the wrong size or non-finite values.
    public init(configuration: NeuralRecommenderConfiguration, contentFeatures: [Float], seed: UInt64) throws {
        try Self.validate(configuration: configuration, contentFeatures: contentFeatures)
        let layout = ParameterLayout(configuration)
        var parameters = [Float](repeating: 0, count: layout.count)
        func initialize(_ range: Range<Int>, label: String, _ fill: (inout ArraySlice<Float>, inout SeededGenerator) -> Void) {
            var generator = SeededGenerator(seed: SeededGenerator.derive(seed, label))
            fill(&parameters[range], &generator)
        }
        let names = NeuralModelSummary.LayerNames(hiddenLayerCount: configuration.hiddenUnits.count)
        initialize(0..<layout.movieEmbeddingOffset, label: names.userEmbedding) {
            WeightInitializer.heNormal(&$0, fanIn: configuration.userCount, using: &$1)
        }
        initialize(layout.movieEmbeddingOffset..<layout.regularizedCount, label: names.movieEmbedding) {
            WeightInitializer.heNormal(&$0, fanIn: configuration.movieCount, using: &$1)
        }
        for (index, layer) in layout.denseLayers.enumerated() {
            let kernel = layer.kernelOffset..<layer.biasOffset
            if index == layout.denseLayers.count - 1 {
                initialize(kernel, label: names.dense[index]) {
                    WeightInitializer.glorotUniform(&$0, fanIn: layer.inputs, fanOut: layer.units, using: &$1)
                }
            } else {
                initialize(kernel, label: names.dense[index]) {
                    WeightInitializer.heNormal(&$0, fanIn: layer.inputs, using: &$1)
                }
            }
        }
        self.configuration = configuration
        self.contentFeatures = contentFeatures
        self.parameters = parameters
        self.layout = layout
    }

    /// Creates a model from given weights, in Keras's `get_weights()` order.
    ///
    /// - Parameters:
    ///   - configuration: The architecture.
    ///   - contentFeatures: `movieCount × contentDimension` values, row-major, already scaled.
    ///   - weights: The user embeddings, the movie embeddings, then each dense layer's kernel
    ///     (`inputs × units`, row-major) and bias, as ``weights`` returns them.
    /// - Throws: ``NeuralNetworkError`` if anything has the wrong size or is not finite.
    public init(configuration: NeuralRecommenderConfiguration, contentFeatures: [Float], weights: [[Float]]) throws {
        try Self.validate(configuration: configuration, contentFeatures: contentFeatures)
        let layout = ParameterLayout(configuration)
        let shapes = Self.weightRanges(layout)
        guard weights.count == shapes.count else {
            throw NeuralNetworkError.invalidConfiguration("expected \(shapes.count) weight arrays, got \(weights.count)")
        }
        var parameters = [Float]()
        parameters.reserveCapacity(layout.count)
        for (index, (range, values)) in zip(shapes, weights).enumerated() {
            guard values.count == range.count else {
                throw NeuralNetworkError.invalidConfiguration(
                    "weight array \(index) has \(values.count) values; expected \(range.count)"
                )
            }
            guard values.allSatisfy(\.isFinite) else {
                throw NeuralNetworkError.invalidConfiguration("weight array \(index) has a non-finite value")
            }
            parameters += values
        }
        self.configuration = configuration
        self.contentFeatures = contentFeatures
        self.parameters = parameters
        self.layout = layout
    }

    /// The weights in Keras's `model.get_weights()` order: user embeddings
    /// (`userCount × embeddingDimension`), movie embeddings, then each dense layer's kernel
    /// (`inputs × units`) and bias; every matrix row-major.
    public var weights: [[Float]] {
        Self.weightRanges(layout).map { Array(parameters[$0]) }
    }

    /// The movie embedding matrix, `movieCount × embeddingDimension`, row-major: the vectors
    /// the notebook compares by cosine similarity to explain a recommendation.
    public var movieEmbeddings: [Float] {
        Array(parameters[layout.movieEmbeddingOffset..<layout.regularizedCount])
    }

    /// The user embedding matrix, `userCount × embeddingDimension`, row-major.
    public var userEmbeddings: [Float] {
        Array(parameters[layout.userEmbeddingOffset..<layout.movieEmbeddingOffset])
    }

    /// The number of weights.
    public var parameterCount: Int { layout.count }

    /// The Keras `model.summary()` of this architecture.
    public var summary: NeuralModelSummary { NeuralModelSummary(configuration) }

    /// Predicts scaled ratings in [0, 1], without dropout.
    ///
    /// - Parameters:
    ///   - users: User indices in `0..<userCount`.
    ///   - movies: Movie indices in `0..<movieCount`, one per user index; their content
    ///     features are gathered from ``contentFeatures``.
    /// - Returns: One score per (user, movie) pair.
    /// - Throws: ``NeuralNetworkError`` if the arrays differ in length or an index is out of range.
    /// - Complexity: O(n · parameters per example), in batches of 2048.
    public func predict(users: [Int], movies: [Int]) throws -> [Float] {
        guard users.count == movies.count else {
            throw NeuralNetworkError.mismatchedLengths("\(users.count) users but \(movies.count) movies")
        }
        try Self.checkIndices(users, below: configuration.userCount, kind: "user")
        try Self.checkIndices(movies, below: configuration.movieCount, kind: "movie")
        let total = users.count
        let batch = Self.inferenceBatchSize
        let engine = NetworkEngine(layout: layout, capacity: min(total, batch), training: false)
        return withWeights { parameters, content in
            [Float](unsafeUninitializedCapacity: total) { scores, initialized in
                users.withUnsafeBufferPointer { users in
                    movies.withUnsafeBufferPointer { movies in
                        guard let users = users.baseAddress, let movies = movies.baseAddress,
                              let scores = scores.baseAddress else { return }
                        for start in stride(from: 0, to: total, by: batch) {
                            let count = min(batch, total - start)
                            let predictions = engine.forward(
                                parameters: parameters, content: content,
                                users: users + start, movies: movies + start, count: count, dropout: false
                            )
                            (scores + start).initialize(from: predictions, count: count)
                        }
                    }
                }
                initialized = total
            }
        }
    }

    /// The batch size of ``predict(users:movies:)``.
    static let inferenceBatchSize = 2048

    /// The loss and mean absolute error that Keras's `model.evaluate` reports.
    public struct Evaluation: Sendable, Hashable {
        /// Mean squared error plus the L2 penalty.
        public var loss: Double
        /// Mean absolute error.
        public var meanAbsoluteError: Double
    }

    /// Evaluates the model without dropout, exactly as `fit` evaluates the validation set.
    ///
    /// - Parameters:
    ///   - examples: The examples; targets scaled to [0, 1].
    ///   - batchSize: The rows per forward pass; use the training batch size to reproduce the
    ///     validation loss `fit` logged bit for bit.
    /// - Throws: ``NeuralNetworkError`` if the examples are empty or out of range.
    public func evaluate(_ examples: Examples, batchSize: Int = 2048) throws -> Evaluation {
        try examples.validate(for: configuration, name: "evaluation")
        guard batchSize >= 1 else {
            throw NeuralNetworkError.invalidConfiguration("batchSize \(batchSize) must be ≥ 1")
        }
        let engine = NetworkEngine(layout: layout, capacity: min(batchSize, examples.count), training: false)
        return withWeights { parameters, content in
            Self.evaluate(
                examples, engine: engine, parameters: parameters, content: content,
                batchSize: min(batchSize, examples.count), l2: Float(configuration.embeddingL2)
            )
        }
    }

    /// Runs `body` with the addresses of the weights and the content matrix (which, when the
    /// model has no content features, points at the weights and is not read).
    private func withWeights<Result>(
        _ body: (_ parameters: UnsafePointer<Float>, _ content: UnsafePointer<Float>) -> Result
    ) -> Result {
        parameters.withUnsafeBufferPointer { parameters in
            contentFeatures.withUnsafeBufferPointer { content in
                // Every initialiser validates the layout, and a valid layout has weights.
                guard let weights = parameters.baseAddress else { preconditionFailure("a model without weights") }
                return body(weights, content.baseAddress ?? weights)
            }
        }
    }

    /// Evaluates `examples` in batches on `engine` (whose capacity is at least `batchSize`).
    static func evaluate(
        _ examples: Examples, engine: NetworkEngine,
        parameters: UnsafePointer<Float>, content: UnsafePointer<Float>, batchSize: Int, l2: Float
    ) -> Evaluation {
        var squared = 0.0
        var absolute = 0.0
        examples.users.withUnsafeBufferPointer { users in
            examples.movies.withUnsafeBufferPointer { movies in
                examples.targets.withUnsafeBufferPointer { targets in
                    guard let users = users.baseAddress, let movies = movies.baseAddress,
                          let targets = targets.baseAddress else { return }
                    for start in stride(from: 0, to: examples.count, by: batchSize) {
                        let count = min(batchSize, examples.count - start)
                        let predictions = engine.forward(
                            parameters: parameters, content: content,
                            users: users + start, movies: movies + start, count: count, dropout: false
                        )
                        let sums = LossKernels.errorSums(
                            predictions: predictions, targets: targets + start, count: count
                        )
                        squared += sums.squared
                        absolute += sums.absolute
                    }
                }
            }
        }
        let rows = Double(max(examples.count, 1))
        let penalty = Double(l2) * LossKernels.sumOfSquares(parameters, count: engine.layout.regularizedCount)
        return Evaluation(loss: squared / rows + penalty, meanAbsoluteError: absolute / rows)
    }

    /// The ranges of `parameters` that make up each Keras weight array, in order.
    static func weightRanges(_ layout: ParameterLayout) -> [Range<Int>] {
        var ranges = [0..<layout.movieEmbeddingOffset, layout.movieEmbeddingOffset..<layout.regularizedCount]
        for layer in layout.denseLayers {
            ranges.append(layer.kernelOffset..<layer.biasOffset)
            ranges.append(layer.biasOffset..<(layer.biasOffset + layer.units))
        }
        return ranges
    }

    static func validate(configuration: NeuralRecommenderConfiguration, contentFeatures: [Float]) throws {
        try configuration.validate()
        let expected = configuration.movieCount * configuration.contentDimension
        guard contentFeatures.count == expected else {
            throw NeuralNetworkError.contentShape(expected: expected, actual: contentFeatures.count)
        }
        if let bad = contentFeatures.firstIndex(where: { !$0.isFinite }) {
            throw NeuralNetworkError.nonFiniteValue(
                kind: "content feature \(bad % configuration.contentDimension)",
                row: bad / configuration.contentDimension
            )
        }
    }

    static func checkIndices(_ indices: [Int], below count: Int, kind: String) throws {
        if let row = indices.firstIndex(where: { $0 < 0 || $0 >= count }) {
            throw NeuralNetworkError.indexOutOfRange(kind: kind, index: indices[row], row: row, count: count)
        }
    }
}
