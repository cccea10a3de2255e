/// A partition of table rows into training, validation and test parts, as row indices into the
/// arrays that were split.
public struct RowSplit: Sendable, Equatable {
    /// The rows to fit on.
    public var train: [Int]
    /// The rows to tune on (early stopping, learning-rate schedules).
    public var validation: [Int]
    /// The rows to report on.
    public var test: [Int]

    public init(train: [Int], validation: [Int], test: [Int]) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}

/// Errors raised by the splitters.
public enum SplitError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Parallel input columns of different lengths.
    case lengthMismatch(String)
    /// A ratio or fraction outside its valid range.
    case invalidFraction(String)
    /// A split that would leave a part empty that must not be.
    case emptyPart(String)

    public var description: String {
        switch self {
        case let .lengthMismatch(message): return "split inputs differ in length: \(message)"
        case let .invalidFraction(message): return "invalid split fraction: \(message)"
        case let .emptyPart(message): return "split leaves a part empty: \(message)"
        }
    }
}
