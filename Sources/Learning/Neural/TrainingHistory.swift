import Foundation
import RecbookSupport

/// The metrics of one training epoch, as Keras logs them.
public struct TrainingEpoch: Sendable, Hashable {
    /// The one-based epoch number.
    public var epoch: Int
    /// The training loss: the mean of the batch losses (with dropout, including the L2
    /// penalty), each batch weighted by its size, as Keras's loss tracker averages them.
    public var loss: Double
    /// The training mean absolute error (with dropout), over all training examples.
    public var meanAbsoluteError: Double
    /// The validation loss (no dropout, including the L2 penalty) after the epoch.
    public var validationLoss: Double
    /// The validation mean absolute error after the epoch.
    public var validationMeanAbsoluteError: Double
    /// The learning rate used during the epoch.
    public var learningRate: Float
    /// The wall-clock time of the epoch, validation included.
    public var seconds: Double
    /// The lowered learning rate that `ReduceLROnPlateau` chose at the end of this epoch, if any.
    public var learningRateReduction: ReduceLearningRateOnPlateau.Reduction?

    public init(
        epoch: Int, loss: Double, meanAbsoluteError: Double,
        validationLoss: Double, validationMeanAbsoluteError: Double,
        learningRate: Float, seconds: Double,
        learningRateReduction: ReduceLearningRateOnPlateau.Reduction? = nil
    ) {
        self.epoch = epoch
        self.loss = loss
        self.meanAbsoluteError = meanAbsoluteError
        self.validationLoss = validationLoss
        self.validationMeanAbsoluteError = validationMeanAbsoluteError
        self.learningRate = learningRate
        self.seconds = seconds
        self.learningRateReduction = learningRateReduction
    }

    /// The epoch's line in Keras's style, without the progress bar:
    /// `Epoch 3/50 - loss: 0.0437 - mae: 0.1620 - val_loss: 0.0396 - val_mae: 0.1518 - learning_rate: 0.0010`.
    ///
    /// - Parameter epochCount: The number of epochs requested (the `/50`).
    public func logLine(epochCount: Int) -> String {
        let metrics: [(String, Double)] = [
            ("loss", loss), ("mae", meanAbsoluteError),
            ("val_loss", validationLoss), ("val_mae", validationMeanAbsoluteError),
            ("learning_rate", Double(learningRate)),
        ]
        let values = metrics.map { " - \($0.0): \(Self.kerasMetric($0.1))" }.joined()
        return "Epoch \(epoch)/\(epochCount)\(values)"
    }

    /// The line Keras's `ReduceLROnPlateau(verbose=1)` prints when it lowers the rate, if it did:
    /// `Epoch 12: ReduceLROnPlateau reducing learning rate to 0.0007500000356230885.`
    public var learningRateReductionMessage: String? {
        learningRateReduction.map {
            "Epoch \(epoch): ReduceLROnPlateau reducing learning rate to \(Format.shortest($0.requested))."
        }
    }

    /// Keras's progress-bar number format: four decimals, or scientific notation at or below 1e-3.
    static func kerasMetric(_ value: Double) -> String {
        abs(value) > 1e-3 ? Format.fixed(value, 4) : String(format: "%.4e", value)
    }
}

/// Everything a `fit` call reports.
public struct TrainingHistory: Sendable, Hashable {
    /// One record per epoch run.
    public var epochs: [TrainingEpoch]
    /// The number of epochs requested.
    public var maxEpochs: Int
    /// The one-based epoch with the lowest validation loss, as early stopping judged it; `nil`
    /// without early stopping.
    public var bestEpoch: Int?
    /// Whether early stopping ended training before `maxEpochs`.
    public var stoppedEarly: Bool
    /// Whether the model's weights were restored to those of `bestEpoch`.
    public var restoredBestWeights: Bool

    public init(epochs: [TrainingEpoch], maxEpochs: Int, bestEpoch: Int?, stoppedEarly: Bool, restoredBestWeights: Bool) {
        self.epochs = epochs
        self.maxEpochs = maxEpochs
        self.bestEpoch = bestEpoch
        self.stoppedEarly = stoppedEarly
        self.restoredBestWeights = restoredBestWeights
    }

    /// The total wall-clock time of the epochs.
    public var seconds: Double { epochs.reduce(0) { $0 + $1.seconds } }

    /// Keras's log, one line per epoch, with the learning-rate reductions in between.
    public var logLines: [String] {
        epochs.flatMap { epoch in
            [epoch.logLine(epochCount: maxEpochs)] + (epoch.learningRateReductionMessage.map { [$0] } ?? [])
        }
    }
}

extension ReduceLearningRateOnPlateau.Reduction: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(requested)
        writer.write(learningRate)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(requested: try reader.read(Double.self), learningRate: try reader.read(Float.self))
    }
}

extension TrainingEpoch: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(Int64(epoch))
        writer.write(loss)
        writer.write(meanAbsoluteError)
        writer.write(validationLoss)
        writer.write(validationMeanAbsoluteError)
        writer.write(learningRate)
        writer.write(seconds)
        writer.write(optional: learningRateReduction)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            epoch: Int(try reader.read(Int64.self)),
            loss: try reader.read(Double.self),
            meanAbsoluteError: try reader.read(Double.self),
            validationLoss: try reader.read(Double.self),
            validationMeanAbsoluteError: try reader.read(Double.self),
            learningRate: try reader.read(Float.self),
            seconds: try reader.read(Double.self),
            learningRateReduction: try reader.read(optional: ReduceLearningRateOnPlateau.Reduction.self)
        )
    }
}

extension TrainingHistory: BinaryCodable {
    /// The version of the encoded layout; bump it when the fields change.
    static let formatVersion: UInt32 = 1

    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatVersion)
        writer.write(epochs)
        writer.write(Int64(maxEpochs))
        writer.write(Int64(bestEpoch ?? -1))
        writer.write(stoppedEarly)
        writer.write(restoredBestWeights)
    }

    public init(from reader: inout BinaryReader) throws {
        let version = try reader.read(UInt32.self)
        guard version == Self.formatVersion else {
            throw BinaryDecodingError.invalid("training history format version \(version); expected \(Self.formatVersion)")
        }
        let epochs = try reader.read([TrainingEpoch].self)
        let maxEpochs = Int(try reader.read(Int64.self))
        let bestEpoch = Int(try reader.read(Int64.self))
        self.init(
            epochs: epochs, maxEpochs: maxEpochs, bestEpoch: bestEpoch >= 0 ? bestEpoch : nil,
            stoppedEarly: try reader.read(Bool.self), restoredBestWeights: try reader.read(Bool.self)
        )
    }
}
