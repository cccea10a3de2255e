/// Errors raised when fitting or applying a feature transformer.
public enum FeatureError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Parallel inputs of different lengths, or a matrix of the wrong width.
    case lengthMismatch(String)
    /// A parameter outside its valid range.
    case invalidParameter(String)
    /// Nothing to fit on: no rows, or documents without a single token.
    case emptyInput(String)

    public var description: String {
        switch self {
        case let .lengthMismatch(message): return "feature input sizes differ: \(message)"
        case let .invalidParameter(message): return "invalid feature parameter: \(message)"
        case let .emptyInput(message): return "nothing to fit: \(message)"
        }
    }
}
