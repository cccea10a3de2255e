/// What to make of a delimited file's columns: their names, which to read, their types and
/// what to call them in the table read.
///
/// Names in ``types`` and ``columns`` are the file's column names: the header's (made unique as
/// pandas does), or ``names`` when given, or `0`, `1`, … for a file without a header. ``rename``
/// then maps some of the columns read to new names.
public struct CSVTableOptions: Hashable, Sendable {
    /// Names for the file's columns, in order: for a file without a header, or to replace the
    /// header's. With a header, there must be one name per header column.
    public var names: [String]?
    /// Declared types by column name. Declared types win; every other column read is inferred
    /// as pandas does: integers, else numbers, else booleans (`true`/`false` in any case), else
    /// strings. A timestamp is never inferred.
    public var types: [String: ColumnType]
    /// The columns to read, in this order; nil reads every column in the file's order.
    public var columns: [String]?
    /// New names for columns read, old → new.
    public var rename: [String: String]

    public init(
        names: [String]? = nil, types: [String: ColumnType] = [:], columns: [String]? = nil, rename: [String: String] = [:]
    ) {
        self.names = names
        self.types = types
        self.columns = columns
        self.rename = rename
    }

    /// The file's column names given its header (nil without one) and the field count of its
    /// first row: ``names``, else the header made unique, else `0`, `1`, ….
    ///
    /// - Throws: ``DataError/wrongNameCount(file:names:header:)`` when ``names`` does not give
    ///   one name per header column.
    func fileColumnNames(header: [String]?, firstRowFieldCount: Int, file: String) throws -> [String] {
        if let names {
            if let header, header.count != names.count {
                throw DataError.wrongNameCount(file: file, names: names.count, header: header)
            }
            return names
        }
        if let header { return Self.uniqueNames(header) }
        return (0..<firstRowFieldCount).map(String.init)
    }

    /// The columns to read: each one's name in the file, its position and its declared type.
    ///
    /// - Throws: ``DataError/missingColumn(file:column:header:)`` for a name in ``columns``,
    ///   ``types`` or ``rename`` that the file lacks.
    func selection(fileNames: [String], file: String) throws -> [(name: String, field: Int, type: ColumnType?)] {
        let positions = Dictionary(fileNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func position(_ name: String) throws -> Int {
            guard let index = positions[name] else {
                throw DataError.missingColumn(file: file, column: name, header: fileNames)
            }
            return index
        }
        for name in types.keys.sorted() { _ = try position(name) }
        let selected = try (columns ?? fileNames).map { name in (name: name, field: try position(name), type: types[name]) }
        for old in rename.keys.sorted() where !selected.contains(where: { $0.name == old }) {
            throw DataError.missingColumn(file: file, column: old, header: selected.map(\.name))
        }
        return selected
    }

    /// Header names made unique and non-empty the way pandas does: `x`, `x.1`, `Unnamed: 2`.
    static func uniqueNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.enumerated().map { index, name in
            let base = name.isEmpty ? "Unnamed: \(index)" : name
            var candidate = base
            var suffix = 1
            while used.contains(candidate) {
                candidate = "\(base).\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
