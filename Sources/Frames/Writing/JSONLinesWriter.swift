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
        let spelling = ValueSpelling(missing: "null", text: { text, output in output.append(JSONValue.quote(text)) }, quotesTimestamps: true)
        let cells = spelling.cellWriters(frame)
        try withoutActuallyEscaping(sink) { sink in
            var output = ChunkedOutput(sink: sink)
            for row in 0..<frame.rowCount {
                output.append(UInt8(ascii: "{"))
                for (index, cell) in cells.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(keys[index])
                    try cell(row, &output)
                }
                output.append("}\n")
                try output.flushIfFull()
            }
            try output.flush()
        }
    }
}
