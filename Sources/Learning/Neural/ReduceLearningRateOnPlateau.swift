/// Keras 3's `ReduceLROnPlateau` callback, monitoring a value to minimise (the validation loss).
///
/// At the end of each epoch the monitored value either improves on the best so far by more than
/// `minDelta` (`current < best − minDelta`), or the callback waits one more epoch. After
/// `patience` epochs without improvement the learning rate is multiplied by `factor`, never below
/// `minLearningRate`, and a `cooldown` of epochs follows during which waiting does not count.
///
/// The state machine is kept separate from training so that a schedule can be checked on a
/// scripted sequence of losses.
public struct ReduceLearningRateOnPlateau: Sendable, Hashable {
    /// The callback's settings, named after Keras's arguments.
    public struct Configuration: Sendable, Hashable {
        /// The multiplier applied to the learning rate on a plateau, in (0, 1).
        public var factor: Double
        /// The number of epochs without improvement before the rate is lowered.
        public var patience: Int
        /// The least decrease that counts as an improvement.
        public var minDelta: Double
        /// The number of epochs after a reduction during which waiting does not count.
        public var cooldown: Int
        /// The learning rate is never lowered below this.
        public var minLearningRate: Double

        /// Creates a configuration; the defaults are the original notebook's (Keras's own
        /// defaults differ: factor 0.1, patience 10, min_lr 0).
        public init(factor: Double = 0.75, patience: Int = 3, minDelta: Double = 1e-4, cooldown: Int = 0, minLearningRate: Double = 1e-6) {
            self.factor = factor
            self.patience = patience
            self.minDelta = minDelta
            self.cooldown = cooldown
            self.minLearningRate = minLearningRate
        }
    }

    /// A lowered learning rate.
    public struct Reduction: Sendable, Hashable {
        /// The new rate as Keras computes it in double precision (and prints it).
        public var requested: Double
        /// The new rate as the float32 optimiser variable holds it.
        public var learningRate: Float
    }

    public let configuration: Configuration
    /// The best monitored value so far; `nil` before the first epoch.
    public private(set) var best: Double?
    /// Epochs since the last improvement or reduction.
    public private(set) var wait = 0
    /// Epochs of cooldown left.
    public private(set) var cooldownCounter = 0

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Records the end of an epoch.
    ///
    /// - Parameters:
    ///   - monitored: The epoch's monitored value (validation loss).
    ///   - learningRate: The learning rate used during the epoch.
    /// - Returns: The lowered learning rate to use from the next epoch on, or `nil` to keep it.
    public mutating func epochEnded(monitored current: Double, learningRate: Float) -> Reduction? {
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        if isImprovement(current) {
            best = current
            wait = 0
            return nil
        }
        guard cooldownCounter == 0 else { return nil }
        wait += 1
        guard wait >= configuration.patience else { return nil }
        // Keras reads the float32 variable as a Python float and compares it with
        // np.float32(min_lr); at the floor the rate stays and `wait` keeps counting.
        let oldRate = Double(learningRate)
        guard oldRate > Double(Float(configuration.minLearningRate)) else { return nil }
        let requested = max(oldRate * configuration.factor, configuration.minLearningRate)
        cooldownCounter = configuration.cooldown
        wait = 0
        return Reduction(requested: requested, learningRate: Float(requested))
    }

    /// Keras's `_is_improvement` in "min" mode: `current − (−minDelta) < best`.
    private func isImprovement(_ current: Double) -> Bool {
        guard let best else { return true }
        return current + configuration.minDelta < best
    }
}
