import Frames
import NotebookCore
import RecbookSupport

/// A YAML map from column names to values (`types: {rating: double}`, `rename: {movieId: id}`),
/// in the order written, remembering where each name and value is written so that a problem with
/// one entry is reported at it.
public struct ColumnMapping<Value: ParameterType & Hashable>: ParameterType, Hashable {
    public struct Entry: Hashable, Sendable {
        /// The column the entry is about, where its key is written.
        public var column: ColumnName
        public var value: Value
        /// Where the value is written.
        public var valueLocation: SourceLocation

        public init(column: ColumnName, value: Value, valueLocation: SourceLocation) {
            self.column = column
            self.value = value
            self.valueLocation = valueLocation
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.column == rhs.column && lhs.value == rhs.value }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(column)
            hasher.combine(value)
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public static var typeName: String { "map of column name to \(Value.typeName)" }
    public static var jsonSchema: JSONValue { ["type": "object", "additionalProperties": Value.jsonSchema] }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        switch node.content {
        case .null:
            self.init()
        case let .mapping(items):
            var entries: [Entry] = []
            for item in items {
                guard !item.key.isEmpty else {
                    throw ParameterError("expects a column name as each key, got an empty one", at: item.keyLocation)
                }
                let value = try Value(parameter: item.value)
                entries.append(Entry(column: ColumnName(item.key, at: item.keyLocation), value: value, valueLocation: item.value.location))
            }
            self.init(entries)
        default:
            throw ParameterError(
                "expects a map of column names to values (`name: \(Value.typeName)` on each line), got \(node.shortDescription)",
                at: node.location
            )
        }
    }

    public var canonicalText: String {
        "{" + entries.map { "\($0.column.name): \($0.value.canonicalText)" }.joined(separator: ", ") + "}"
    }

    public var jsonValue: JSONValue { .object(entries.map { (key: $0.column.name, value: $0.value.jsonValue) }) }

    public var isEmpty: Bool { entries.isEmpty }

    /// The entries as a dictionary, column name → value.
    public var dictionary: [String: Value] {
        Dictionary(entries.map { ($0.column.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A column type a notebook declares: `int`, `double`, `string`, `bool` or `timestamp`.
public enum DeclaredColumnType: String, ChoiceParameter {
    case int, double, string, bool, timestamp

    public var columnType: ColumnType {
        switch self {
        case .int: return .int
        case .double: return .double
        case .string: return .string
        case .bool: return .bool
        case .timestamp: return .timestamp
        }
    }
}
