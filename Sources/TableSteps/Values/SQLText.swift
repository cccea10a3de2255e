import Frames
import NotebookCore
import RecbookSupport

/// A SQL query written in a notebook: its text, where it is written, and the names in it that
/// may be tables bound earlier.
///
/// Every name in the query (`ratings`, `"split.train"`, `[genre means]`) is an optional reference
/// to a table (``OptionalReference``): the ones an earlier step bound as a table are the step's
/// inputs, and the rest — columns, aliases, common table expressions, functions — are left to
/// SQLite. Names inside string literals and comments are not names.
public struct SQLText: ParameterType, ValueReferencing, Hashable {
    public var text: LocatedText
    /// The names that may be tables, each where it is written, without repeats.
    public private(set) var tableNames: [ValueRef] = []

    public init(_ text: LocatedText = LocatedText()) {
        self.text = text
        var seen: Set<ValueRef> = []
        for (name, offset) in SQLQuery(text.text).names {
            // A quoted name may reach a member of a value: `"split.train"`.
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.allSatisfy(ValueRef.isIdentifier) else { continue }
            let reference = ValueRef(name: parts[0], members: Array(parts.dropFirst()), location: text.location(atOffset: offset))
            if seen.insert(reference).inserted { tableNames.append(reference) }
        }
    }

    public static var typeName: String { "SQL query" }
    public static var jsonSchema: JSONValue { ["type": "string", "contentMediaType": "application/sql"] }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        self.init(try LocatedText(parameter: node))
    }

    public var canonicalText: String { text.text }

    /// The query for SQLite.
    public var query: SQLQuery { SQLQuery(text.text) }

    public var references: [ValueRef] { [] }
    public var optionalReferences: [OptionalReference] { tableNames.map { OptionalReference($0, kind: .table) } }

    public static func == (lhs: SQLText, rhs: SQLText) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
