/// The type of an expression's value: a column type, or `null` for the literal `null` (and
/// anything computed only from it), which fits wherever a value of any type does.
public enum ExpressionType: String, Sendable, Hashable, CustomStringConvertible {
    case int, double, string, bool, timestamp, null

    public init(_ type: ColumnType) {
        switch type {
        case .int: self = .int
        case .double: self = .double
        case .string: self = .string
        case .bool: self = .bool
        case .timestamp: self = .timestamp
        }
    }

    /// The type of the column the expression's values make: a column of nothing but nulls is a
    /// column of doubles, as in pandas.
    public var columnType: ColumnType {
        switch self {
        case .int: return .int
        case .double, .null: return .double
        case .string: return .string
        case .bool: return .bool
        case .timestamp: return .timestamp
        }
    }

    public var description: String { rawValue }

    var isNumeric: Bool { self == .int || self == .double }

    /// How a message names one value: "'rating * 2' is a number".
    var singular: String {
        switch self {
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "text"
        case .bool: return "a boolean"
        case .timestamp: return "a timestamp"
        case .null: return "null"
        }
    }

    /// How a message names a column's values: "'title' holds strings".
    var plural: String {
        switch self {
        case .int: return "integers"
        case .double: return "numbers"
        case .string: return "strings"
        case .bool: return "booleans"
        case .timestamp: return "timestamps"
        case .null: return "nulls"
        }
    }

    /// The type of a value that may be either `a` or `b` (the branches of `if_else`, the
    /// arguments of `coalesce`), or nil when they cannot be mixed. Integers mix with doubles
    /// as doubles; null mixes with anything.
    static func common(_ a: ExpressionType, _ b: ExpressionType) -> ExpressionType? {
        if a == b || b == .null { return a }
        if a == .null { return b }
        if a.isNumeric, b.isNumeric { return .double }
        return nil
    }
}
