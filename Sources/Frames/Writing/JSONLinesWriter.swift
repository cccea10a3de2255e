import Foundation
import RecbookSupport

/// Writes a table as JSON lines: one JSON object per row, its keys the column names in order,
/// each line ending in LF. Missing values are `null`; integers and doubles are JSON numbers (the
/// shortest round-trip form), timestamps ISO 8601 strings in UTC, booleans `true`/`false`.
public struct JSONLinesWriter: TableWriter {
    public init() {}

    public var fileExtension: String { "jsonl" }

    public func write(_ frame: DataFrame, to sink: (Data) throws -> Void) throws {
        let keys = frame.columnNames.map { JSONValue.quote($0) + ":" }
        try withoutActuallyEscaping(sink) { sink in
            var output = ChunkedOutput(sink: sink)
            for row in 0..<frame.rowCount {
                output.append(UInt8(ascii: "{"))
                for (index, column) in frame.columns.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(keys[index])
                    try Self.appendValue(column, row: row, name: frame.columnNames[index], to: &output)
                }
                output.append("}\n")
                try output.flushIfFull()
            }
            try output.flush()
        }
    }

    private static func appendValue(_ column: Column, row: Int, name: String, to output: inout ChunkedOutput) throws {
        guard !column.isMissing(row) else {
            output.append("null")
            return
        }
        switch column.values {
        case let .int(values): output.append(String(values[row]))
        case let .double(values): output.append(try ValueText.double(values[row], column: name, row: row))
        case let .string(values): output.append(JSONValue.quote(values[row]))
        case let .timestamp(values): output.append("\"" + ValueText.timestamp(values[row]) + "\"")
        case let .bool(values): output.append(values[row] ? "true" : "false")
        }
    }
}
