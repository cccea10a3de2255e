/// Errors raised when fitting, querying or decoding a recommender model.
public enum ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A hyper-parameter outside its valid range, named with its value.
    case invalidConfiguration(String)
    /// Training or query data the model cannot use: mismatched lengths, a non-finite rating, a
    /// repeated (user, item) pair, or nothing to fit on.
    case invalidData(String)
    /// A dense user index outside the model's vocabulary.
    case unknownUser(index: Int, userCount: Int)
    /// A dense item index outside the model's vocabulary.
    case unknownItem(index: Int, itemCount: Int)
    /// Two values that should describe the same users or items do not.
    case incompatible(String)
    /// Something this kind of model cannot do, named with the reason.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message):
            return "invalid model configuration: \(message)"
        case let .invalidData(message):
            return "invalid rating data: \(message)"
        case let .unknownUser(index, count):
            return "user index \(index) is outside the model's \(count) users"
        case let .unknownItem(index, count):
            return "item index \(index) is outside the model's \(count) items"
        case let .incompatible(message):
            return "incompatible inputs: \(message)"
        case let .unsupported(message):
            return message
        }
    }
}

/// Throws ``ModelError/invalidConfiguration(_:)`` unless a condition holds.
@inline(__always)
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    guard condition else { throw ModelError.invalidConfiguration(message()) }
}
