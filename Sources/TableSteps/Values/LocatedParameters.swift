import Frames
import NotebookCore
import RecbookSupport

/// A string parameter that remembers where it is written, so that a problem found inside it
/// later (an expression's unknown column, found by the checker or at run time) can be pointed at
/// by line and column.
public struct LocatedText: ParameterType, Hashable {
    public var text: String
    /// The node it was read from; its positions map offsets in `text` to the file.
    public var node: ParameterNode

    public init(_ text: String = "", node: ParameterNode? = nil) {
        self.text = text
        self.node = node ?? ParameterNode(.scalar(text), location: SourceLocation(file: "", line: 0, column: 0))
    }

    public static var typeName: String { "string" }
    public static var jsonSchema: JSONValue { ["type": "string"] }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        self.init(try String(parameter: node), node: node)
    }

    public var canonicalText: String { text }

    /// Where the value starts in the file.
    public var location: SourceLocation { node.location(atOffset: 0) }

    /// The file position of the Unicode scalar at `offset` in `text`.
    public func location(atOffset offset: Int) -> SourceLocation { node.location(atOffset: offset) }

    public static func == (lhs: LocatedText, rhs: LocatedText) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// The name of a column of an input table, remembering where it is written: a misspelt name is
/// reported there, with the closest column name, by `check` when the table's columns are known
/// and at run time otherwise.
public struct ColumnName: ParameterType, Hashable, CustomStringConvertible {
    public var name: String
    public var location: SourceLocation

    public init(_ name: String = "", at location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)) {
        self.name = name
        self.location = location
    }

    public static var typeName: String { "column name" }
    public static var jsonSchema: JSONValue { ["type": "string"] }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar, !text.isEmpty else {
            throw ParameterError("expects a column name, got \(node.shortDescription)", at: node.location)
        }
        self.init(text, at: node.location)
    }

    public var canonicalText: String { name }
    public var description: String { name }

    /// Reports this column to `context` unless `schema` has it; returns its type when it does.
    @discardableResult
    public func check(in schema: TableSchema, _ context: AnalysisContext) -> ColumnType? {
        guard let type = schema.type(of: name) else {
            context.error(schema.unknownColumnMessage(name), at: location, id: "unknown-column")
            return nil
        }
        return type
    }

    public static func == (lhs: ColumnName, rhs: ColumnName) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

extension StepContext {
    /// Runs a step's schema checks against the real columns of its inputs, at run time, and
    /// throws what they report as the checker would have reported it (`path:line:col: error: …`).
    /// Steps whose input columns the checker knew have passed these checks already; the ones
    /// whose inputs could not be known in advance (a SQL result, say) are checked here.
    public func check(_ body: (AnalysisContext) -> Void) throws {
        let analysis = analysis(shapes: { _ in nil })
        body(analysis)
        try analysis.throwIfErrors()
    }
}
