import Frames
import NotebookCore
import RecbookSupport

/// New columns and the expressions that compute them, in the order written: a YAML map such as
/// `{score: rating * 2, liked: score >= 8}`.
public struct DerivedColumns: ParameterType, Hashable {
    /// One new (or replaced) column.
    public struct Definition: Hashable, Sendable {
        public var name: String
        /// Where the name is written.
        public var nameLocation: SourceLocation
        public var expression: ExpressionParameter
    }

    public var definitions: [Definition]

    public init(_ definitions: [Definition] = []) { self.definitions = definitions }

    public static var typeName: String { "map of column names to expressions" }
    public static var jsonSchema: JSONValue {
        ["type": "object", "minProperties": 1, "additionalProperties": ExpressionParameter.jsonSchema]
    }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard case let .mapping(entries) = node.content, !entries.isEmpty else {
            throw ParameterError(
                "expects a map of new column names to expressions, such as {score: rating * 2}, got \(node.shortDescription)",
                at: node.location
            )
        }
        var definitions: [Definition] = []
        for entry in entries {
            guard !entry.key.isEmpty else { throw ParameterError("has an empty column name", at: entry.keyLocation) }
            if definitions.contains(where: { $0.name == entry.key }) {
                throw ParameterError("defines column '\(entry.key)' twice", at: entry.keyLocation)
            }
            let expression = try ExpressionParameter(parameter: entry.value, describedAs: "in column '\(entry.key)'")
            definitions.append(Definition(name: entry.key, nameLocation: entry.keyLocation, expression: expression))
        }
        self.definitions = definitions
    }

    /// The map as JSON, which keeps names and expressions apart whatever they hold.
    public var canonicalText: String {
        JSONValue.object(definitions.map { (key: $0.name, value: .string($0.expression.canonicalText)) }).serialized()
    }

    public var jsonValue: JSONValue {
        .object(definitions.map { (key: $0.name, value: .string($0.expression.canonicalText)) })
    }
}
