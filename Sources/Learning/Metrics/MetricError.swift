import RecbookSupport

/// Errors raised by the evaluation metrics.
public enum MetricError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Parallel inputs of different lengths.
    case lengthMismatch(String)
    /// No pairs to score.
    case empty
    /// A parameter outside its valid range.
    case invalidParameter(String)
    /// No held-out user that a model can score has an item rated at least the threshold, so
    /// there is no ranking to measure.
    case nothingRelevant(threshold: Double)

    public var description: String {
        switch self {
        case let .lengthMismatch(message): return "metric inputs differ in length: \(message)"
        case .empty: return "no prediction–truth pairs to score"
        case let .invalidParameter(message): return "invalid metric parameter: \(message)"
        case let .nothingRelevant(threshold):
            return "no held-out user the model can score has an item rated at least \(Format.shortest(threshold))"
        }
    }
}
