/// Errors raised by the evaluation metrics.
public enum MetricError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Parallel inputs of different lengths.
    case lengthMismatch(String)
    /// No pairs to score.
    case empty
    /// A parameter outside its valid range.
    case invalidParameter(String)

    public var description: String {
        switch self {
        case let .lengthMismatch(message): return "metric inputs differ in length: \(message)"
        case .empty: return "no prediction–truth pairs to score"
        case let .invalidParameter(message): return "invalid metric parameter: \(message)"
        }
    }
}
