import Foundation
import Frames
import NotebookCore
import RecbookSupport

/// `load` with `path:`: any delimited text file.
extension LoadStep {
    /// Problems with `path` and the parameters that go with it, found without reading the file.
    func delimitedFileProblems() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if table != nil {
            problems.append(ParameterProblem("table", "'table' names a table of a MovieLens release given with 'data'; 'path' reads one file"))
        }
        if ratingScale != nil {
            problems.append(ParameterProblem("rating_scale", "'rating_scale' applies to MovieLens ratings read with 'data'"))
        }
        if let delimiter, delimiter.isEmpty || delimiter.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            problems.append(ParameterProblem("delimiter", "a delimiter must be non-empty and hold no quote or line break"))
        }
        return problems
    }

    /// How the file at `url` is laid out: the delimiter given (`tab` for a tab, which is awkward
    /// to write in YAML), or one chosen by its extension.
    func format(for url: URL) -> CSVFormat {
        let byExtension = ["tsv", "tab"].contains(url.pathExtension.lowercased()) ? "\t" : ","
        let given = delimiter == "tab" ? "\t" : delimiter
        return CSVFormat(
            separator: given ?? byExtension, hasHeader: header, quoting: quoting, encoding: encoding.encoding,
            missingValues: na
        )
    }

    var tableOptions: CSVTableOptions {
        CSVTableOptions(
            names: names.isEmpty ? nil : names.map(\.name),
            types: types.dictionary.mapValues(\.columnType),
            columns: columns.isEmpty ? nil : columns.map(\.name),
            rename: rename.dictionary.mapValues(\.name)
        )
    }

    /// The table's columns and likely types from the file's first 64 KB. A file missing now
    /// gives no shape (the run reports it, and an earlier step might still make it); a file
    /// that cannot be read, or whose first rows are malformed, is reported at `path`.
    func analyseDelimitedFile(_ context: AnalysisContext) -> (any ValueShape)? {
        guard let path else { return nil }
        let url = context.url(for: path)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let reader = CSVReader(format: format(for: url))
        do {
            let sample = try reader.sample(contentsOf: url, file: path.path)
            checkColumns(fileColumns: try reader.columnNames(sample, file: path.path), context)
            guard !context.hasErrors else { return nil }
            return try reader.read(sample, file: path.path, options: tableOptions).schema
        } catch {
            context.error(String(describing: error), at: context.location(ofParameter: "path"), id: "data-file")
            return nil
        }
    }

    /// Reads the file, after checking the parameters that name its columns against its header
    /// as `recbook check` does (a SQL result or a changed file may hold other columns than
    /// the ones checked).
    func loadDelimitedFile(_ path: FilePath, in context: StepContext) throws -> DataFrame {
        let url = context.url(for: path)
        let reader = CSVReader(format: format(for: url))
        let contents = try CSVReader.contents(of: url, file: path.path)
        let fileColumns = try reader.columnNames(contents, file: path.path)
        try context.check { checkColumns(fileColumns: fileColumns, $0) }
        let frame = try reader.read(contents, file: path.path, options: tableOptions) { rows, read, total in
            // Files under a megabyte load before anyone could read a progress line.
            guard total >= 1 << 20 else { return }
            context.progress("MB read", completed: read >> 20, of: total >> 20, detail: Format.grouped(rows) + " rows")
        }
        try context.recordRead(of: url)
        return frame
    }

    /// Checks `names`, `types`, `columns` and `rename` against the file's columns, reporting
    /// each problem where it is written.
    ///
    /// - Parameter fileColumns: the header's names made unique, or for a file without a header
    ///   `0`, `1`, … for the fields of its first row.
    func checkColumns(fileColumns: [String], _ context: AnalysisContext) {
        var available = fileColumns
        if !names.isEmpty {
            reportDuplicates(names, what: "given twice in 'names'", context)
            if !fileColumns.isEmpty, names.count != fileColumns.count {
                let has = header
                    ? "the header has \(fileColumns.count) columns (\(fileColumns.prefix(12).joined(separator: ", "))\(fileColumns.count > 12 ? ", …" : ""))"
                    : "the first row has \(fileColumns.count) fields"
                context.error("'names' gives \(names.count) names, but \(has)", at: context.location(ofParameter: "names"))
            }
            available = names.map(\.name)
        }
        for entry in types.entries { report(entry.column, unlessIn: available, context) }
        for column in columns { report(column, unlessIn: available, context) }
        reportDuplicates(columns, what: "listed twice in 'columns'", context)
        let selected = columns.isEmpty ? available : columns.map(\.name)
        for entry in rename.entries { report(entry.column, unlessIn: selected, context) }
        let renamed = selected.map { rename.dictionary[$0]?.name ?? $0 }
        for entry in rename.entries where renamed.filter({ $0 == entry.value.name }).count > 1 {
            let new = entry.value.name
            context.error("renaming '\(entry.column.name)' to '\(new)' gives two columns named '\(new)'", at: entry.value.location)
        }
    }

    private func report(_ column: ColumnName, unlessIn available: [String], _ context: AnalysisContext) {
        guard !available.contains(column.name) else { return }
        // Only the names matter to the message; the types are not known yet.
        let schema = TableSchema(available.map { TableSchema.Column($0, .string) })
        context.error(schema.unknownColumnMessage(column.name), at: column.location, id: "unknown-column")
    }

    private func reportDuplicates(_ list: [ColumnName], what: String, _ context: AnalysisContext) {
        var seen = Set<String>()
        for column in list where !seen.insert(column.name).inserted {
            context.error("'\(column.name)' is \(what)", at: column.location, id: "duplicate-column")
        }
    }
}
