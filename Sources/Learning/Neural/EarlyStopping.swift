/// Keras 3's `EarlyStopping` callback, monitoring a value to minimise (the validation loss).
///
/// Each epoch either improves on the best value so far (`current < best − minDelta`) or adds
/// one to the wait; once the wait reaches `patience` (and not in the first epoch) training stops.
/// With `restoreBestWeights` the trainer keeps a copy of the weights from the best epoch and puts
/// them back when training ends, whether or not it stopped early.
public struct EarlyStopping: Sendable, Hashable {
    /// The callback's settings, named after Keras's arguments.
    public struct Configuration: Sendable, Hashable {
        /// The number of epochs without improvement after which training stops.
        public var patience: Int
        /// The least decrease that counts as an improvement.
        public var minDelta: Double
        /// Whether the weights of the best epoch are restored when training ends.
        public var restoreBestWeights: Bool

        public init(patience: Int = 5, minDelta: Double = 0, restoreBestWeights: Bool = true) {
            self.patience = patience
            self.minDelta = minDelta
            self.restoreBestWeights = restoreBestWeights
        }
    }

    /// What the trainer should do after an epoch.
    public enum Decision: Sendable, Hashable {
        /// The epoch is the best so far: keep a copy of its weights.
        case improved
        /// No improvement, keep training.
        case wait
        /// Patience is exhausted: stop training.
        case stop
    }

    public let configuration: Configuration
    /// The best monitored value so far; `nil` before the first epoch.
    public private(set) var best: Double?
    /// The zero-based epoch that produced `best`.
    public private(set) var bestEpoch = 0
    /// Epochs since the last improvement.
    public private(set) var wait = 0

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Records the end of an epoch.
    ///
    /// - Parameters:
    ///   - epoch: The zero-based epoch number.
    ///   - monitored: The epoch's monitored value (validation loss).
    /// - Returns: Whether the epoch improved, or training should go on or stop.
    public mutating func epochEnded(epoch: Int, monitored current: Double) -> Decision {
        wait += 1
        if isImprovement(current) {
            best = current
            bestEpoch = epoch
            wait = 0
            return .improved
        }
        return wait >= configuration.patience && epoch > 0 ? .stop : .wait
    }

    /// Keras's `_is_improvement` in "min" mode: `current − (−minDelta) < best`.
    private func isImprovement(_ current: Double) -> Bool {
        guard let best else { return true }
        return current + configuration.minDelta < best
    }
}
