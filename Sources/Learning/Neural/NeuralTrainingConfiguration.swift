/// How the neural recommender is trained: batching, epochs, optimiser, callbacks and seed.
///
/// The defaults are the original notebook's `model.fit` call: batches of 2048 reshuffled every
/// epoch, at most 50 epochs, Keras's default Adam, then `ReduceLROnPlateau` and `EarlyStopping`
/// (in that order) watching the validation loss.
public struct NeuralTrainingConfiguration: Sendable, Hashable {
    /// The number of examples per gradient step; the last batch of an epoch may be smaller.
    public var batchSize: Int
    /// The most epochs to run; early stopping may end training sooner.
    public var maxEpochs: Int
    /// The optimiser's hyper-parameters.
    public var optimizer: AdamConfiguration
    /// Lowers the learning rate when the validation loss stalls; `nil` keeps it constant.
    public var reduceLearningRateOnPlateau: ReduceLearningRateOnPlateau.Configuration?
    /// Stops when the validation loss stops improving; `nil` always runs `maxEpochs`.
    public var earlyStopping: EarlyStopping.Configuration?
    /// The seed for the per-epoch shuffles and the dropout masks.
    public var seed: UInt64

    /// Creates a training configuration; the defaults are the original notebook's.
    public init(
        batchSize: Int = 2048,
        maxEpochs: Int = 50,
        optimizer: AdamConfiguration = AdamConfiguration(),
        reduceLearningRateOnPlateau: ReduceLearningRateOnPlateau.Configuration? = .init(
            factor: 0.75, patience: 3, minDelta: 1e-4, cooldown: 0, minLearningRate: 1e-6
        ),
        earlyStopping: EarlyStopping.Configuration? = .init(patience: 5, minDelta: 0, restoreBestWeights: true),
        seed: UInt64
    ) {
        self.batchSize = batchSize
        self.maxEpochs = maxEpochs
        self.optimizer = optimizer
        self.reduceLearningRateOnPlateau = reduceLearningRateOnPlateau
        self.earlyStopping = earlyStopping
        self.seed = seed
    }

    /// Checks every size and rate.
    ///
    /// - Throws: ``NeuralNetworkError/invalidConfiguration(_:)`` naming the offending value.
    public func validate() throws {
        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw NeuralNetworkError.invalidConfiguration(message()) }
        }
        try require((1...(1 << 20)).contains(batchSize), "batchSize \(batchSize) must be in 1...\(1 << 20)")
        try require((1...100_000).contains(maxEpochs), "maxEpochs \(maxEpochs) must be in 1...100000")
        try optimizer.validate()
        if let plateau = reduceLearningRateOnPlateau {
            try require(plateau.factor > 0 && plateau.factor < 1, "ReduceLROnPlateau factor \(plateau.factor) must be in (0, 1)")
            try require(plateau.patience >= 0, "ReduceLROnPlateau patience must be ≥ 0")
            try require(plateau.cooldown >= 0, "ReduceLROnPlateau cooldown must be ≥ 0")
            try require(plateau.minDelta.isFinite && plateau.minDelta >= 0, "ReduceLROnPlateau minDelta must be finite and ≥ 0")
            try require(plateau.minLearningRate.isFinite && plateau.minLearningRate >= 0, "ReduceLROnPlateau minLearningRate must be finite and ≥ 0")
        }
        if let stopping = earlyStopping {
            try require(stopping.patience >= 0, "EarlyStopping patience must be ≥ 0")
            try require(stopping.minDelta.isFinite && stopping.minDelta >= 0, "EarlyStopping minDelta must be finite and ≥ 0")
        }
    }
}

/// Adam's hyper-parameters, with Keras 3's defaults.
///
/// They are `Double` because Keras receives them as Python floats; the optimiser rounds them to
/// `Float` at the same points Keras does.
public struct AdamConfiguration: Sendable, Hashable {
    /// The initial learning rate (a float32 variable in Keras, so rounded to `Float`).
    public var learningRate: Double
    /// The decay rate of the first-moment estimate.
    public var beta1: Double
    /// The decay rate of the second-moment estimate.
    public var beta2: Double
    /// The constant added to `√v` to avoid division by zero.
    public var epsilon: Double
    /// Which embedding rows each step updates: every row, as Keras does (the default), or only
    /// the rows the batch looks up.
    public var embeddingUpdates: EmbeddingUpdates

    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7,
        embeddingUpdates: EmbeddingUpdates = .dense
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.embeddingUpdates = embeddingUpdates
    }

    /// Checks the rates.
    ///
    /// - Throws: ``NeuralNetworkError/invalidConfiguration(_:)`` naming the offending value.
    public func validate() throws {
        guard learningRate.isFinite, learningRate > 0 else {
            throw NeuralNetworkError.invalidConfiguration("Adam learningRate \(learningRate) must be finite and > 0")
        }
        guard beta1 >= 0, beta1 < 1, beta2 >= 0, beta2 < 1 else {
            throw NeuralNetworkError.invalidConfiguration("Adam beta1 \(beta1) and beta2 \(beta2) must be in [0, 1)")
        }
        guard epsilon.isFinite, epsilon > 0 else {
            throw NeuralNetworkError.invalidConfiguration("Adam epsilon \(epsilon) must be finite and > 0")
        }
    }
}

/// Which embedding rows an Adam step updates.
///
/// The L2 penalty covers the whole embedding matrices, so its gradient, and with it Keras's
/// Adam update, touches every row on every step: O(users + movies) work per batch, which
/// dominates training once there are hundreds of thousands of users. The lazy variant is
/// TensorFlow Addons' `LazyAdam`: a step updates only the rows its batch looks up.
public enum EmbeddingUpdates: String, Sendable, Hashable, CaseIterable {
    /// Keras's Adam: every embedding row on every step, as the original trains. Rows outside the
    /// batch still move: their moments decay and the L2 penalty pulls them towards zero.
    case dense
    /// `LazyAdam`: each step updates only the rows its batch looks up (with the L2 penalty's
    /// gradient on those rows); every other row keeps its weights and moments until a batch
    /// looks it up again. The bias correction still counts every step. The dense layers are
    /// updated on every step as before. O(batch) work per step instead of O(users + movies).
    case lazy
}
