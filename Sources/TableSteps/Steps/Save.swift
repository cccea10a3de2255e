import Foundation
import Frames
import NotebookCore
import RecbookSupport

/// Writes a table into the report's output directory, as CSV or JSON lines.
struct SaveStep: Step {
    static let name = "save"
    static let category = "Data"
    static let summary = "Write a table into the output directory as CSV or JSON lines."
    static let discussion = """
    Writes OUTPUT/NAME.csv or OUTPUT/NAME.jsonl, OUTPUT being the directory the report goes to \
    (`recbook run --output`, by default output/). The file is written whole or not at all: to \
    a temporary file first, renamed into place. CSV is RFC 4180 with a header line; missing \
    values are empty fields, doubles are written in their shortest round-trip form, timestamps \
    as ISO 8601 in UTC, booleans as true/false. JSON lines hold one object per row, missing \
    values as null. A table holding an infinite number is refused: neither format can hold it \
    so that it reads back. `save` runs on every run, even when its table is unchanged, so that \
    the file is always there beside the report.
    """
    static let example = "table: top_movies\nname: top-movies"
    static let produces: ValueKind? = nil
    static let writesFiles = true
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to write."),
        .parameter(\.name, "name", doc: "The file's name without extension: letters, digits, '-', '_' and '.', at most 100 bytes.", required: true),
        .parameter(\.format, "format", doc: "'csv' (RFC 4180) or 'jsonl' (one JSON object per line)."),
    ]

    enum FileFormat: String, ChoiceParameter {
        case csv, jsonl

        var writer: any TableWriter {
            switch self {
            case .csv: return CSVWriter()
            case .jsonl: return JSONLinesWriter()
            }
        }
    }

    var table = ValueRef()
    var name = FileStem()
    var format: FileFormat = .csv

    func validate() -> [ParameterProblem] {
        let suffix = "." + format.writer.fileExtension
        guard name.name.lowercased().hasSuffix(suffix), name.name.count > suffix.count else { return [] }
        return [ParameterProblem(
            "name", "'name' should not end in '\(suffix)': 'format' adds the extension; did you mean '\(name.name.dropLast(suffix.count))'?"
        )]
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(table)
        let writer = format.writer
        let fileName = "\(name.name).\(writer.fileExtension)"
        let destination = context.outputDirectory.appendingPathComponent(fileName)
        do {
            try AtomicFile.write(to: destination) { append in try writer.write(frame, to: append) }
        } catch let error as DataError {
            throw error
        } catch {
            throw StepError("could not write '\(destination.path)': \(error.localizedDescription)")
        }
        context.print("Wrote \(fileName) beside the report: \(Self.counted(frame.rowCount, "row")) × \(Self.counted(frame.columnCount, "column")).")
        return nil
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(Format.grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }
}
