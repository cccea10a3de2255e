import RecbookSupport

/// The names and types of a table's columns, in order: what is known of a table without its rows.
///
/// The checker propagates schemas from step to step before anything runs, so that a filter on a
/// misspelt column or the mean of a column of strings is reported by `recbook check`. The same
/// schema, taken from a real table with ``DataFrame/schema``, checks a step at run time when its
/// input's columns could not be known in advance.
public struct TableSchema: Hashable, Sendable, CustomStringConvertible {
    public struct Column: Hashable, Sendable {
        public var name: String
        public var type: ColumnType

        public init(_ name: String, _ type: ColumnType) {
            self.name = name
            self.type = type
        }
    }

    public var columns: [Column]

    public init(_ columns: [Column]) { self.columns = columns }

    /// A schema from name–type pairs, in order.
    public init(_ pairs: KeyValuePairs<String, ColumnType>) {
        columns = pairs.map { Column($0.key, $0.value) }
    }

    public var names: [String] { columns.map(\.name) }

    /// The type of the column named `name`, if the table has one.
    public func type(of name: String) -> ColumnType? {
        columns.first { $0.name == name }?.type
    }

    public func contains(_ name: String) -> Bool { columns.contains { $0.name == name } }

    /// The message for a column this schema lacks, with the closest name or the list of names:
    /// "no column 'ratng'; did you mean 'rating'?".
    public func unknownColumnMessage(_ name: String) -> String {
        var message = "no column '\(name)'"
        if let suggestion = Suggestions.bestMatch(for: name, in: names) {
            message += "; did you mean '\(suggestion)'?"
        } else if columns.isEmpty {
            message += "; the table has no columns"
        } else {
            let listed = names.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
            message += "; the columns are \(listed)\(names.count > 12 ? ", …" : "")"
        }
        return message
    }

    /// `userId: int, title: string`.
    public var description: String {
        columns.map { "\($0.name): \($0.type)" }.joined(separator: ", ")
    }
}

extension DataFrame {
    /// The table's column names and types.
    public var schema: TableSchema {
        TableSchema(zip(columnNames, columns).map { TableSchema.Column($0, $1.type) })
    }
}
