/// A problem with the configuration or the data given to the neural recommender.
///
/// The network never traps on bad input: every size, index and value that comes from the caller
/// is checked before any buffer is touched, and a violation throws one of these.
public enum NeuralNetworkError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A configuration value is out of its allowed range.
    case invalidConfiguration(String)
    /// Two arrays that describe the same examples have different lengths.
    case mismatchedLengths(String)
    /// An index in row `row` of the examples is outside `0..<count`.
    case indexOutOfRange(kind: String, index: Int, row: Int, count: Int)
    /// The per-movie content matrix does not have `movieCount × contentDimension` values.
    case contentShape(expected: Int, actual: Int)
    /// A value that must be finite (a target, a content feature) is NaN or infinite.
    case nonFiniteValue(kind: String, row: Int)
    /// The training or validation set is empty.
    case emptyExamples(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message):
            return "invalid neural network configuration: \(message)"
        case let .mismatchedLengths(message):
            return "mismatched example arrays: \(message)"
        case let .indexOutOfRange(kind, index, row, count):
            return "\(kind) index \(index) in example row \(row) is out of range 0..<\(count)"
        case let .contentShape(expected, actual):
            return "content feature matrix has \(actual) values; expected \(expected) (movies × content features)"
        case let .nonFiniteValue(kind, row):
            return "\(kind) in row \(row) is not a finite number"
        case let .emptyExamples(name):
            return "the \(name) examples are empty"
        }
    }
}
