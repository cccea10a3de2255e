/// The type of the values a ``Column`` holds.
public enum ColumnType: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// 64-bit signed integers.
    case int
    /// 64-bit floating point; NaN marks a missing value, as in pandas.
    case double
    /// Text.
    case string
    /// Whole seconds since 1970-01-01 00:00:00 UTC, shown as `YYYY-MM-DD HH:MM:SS` like pandas'
    /// `datetime64`.
    case timestamp
    /// True or false.
    case bool

    public var description: String { rawValue }

    /// Whether the type holds numbers that can be averaged (integers and doubles).
    public var isNumeric: Bool { self == .int || self == .double }

    /// How messages name one value of this type: "expected an integer".
    var singularPhrase: String {
        switch self {
        case .int: return "an integer"
        case .double: return "a number"
        case .string: return "text"
        case .timestamp: return "a timestamp"
        case .bool: return "true or false"
        }
    }

    /// How messages name values of this type: "column 'title' holds strings".
    public var pluralName: String {
        switch self {
        case .int: return "integers"
        case .double: return "numbers"
        case .string: return "strings"
        case .timestamp: return "timestamps"
        case .bool: return "booleans"
        }
    }
}
