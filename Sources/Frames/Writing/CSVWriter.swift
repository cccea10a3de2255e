import Foundation

/// Writes a table as RFC 4180 CSV that ``CSVReader`` (and pandas) read back: a header line of
/// the column names, one line per row ending in LF, a field quoted only when it holds a comma,
/// a quote or a line break (a quote doubled inside it), missing values as empty fields, doubles
/// in their shortest round-trip form, timestamps as ISO 8601 in UTC, booleans as `true`/`false`.
///
/// An empty string is written as an empty field, so it reads back as a missing value, as pandas
/// reads it.
public struct CSVWriter: TableWriter {
    public init() {}

    public var fileExtension: String { "csv" }

    public func write(_ frame: DataFrame, to sink: (Data) throws -> Void) throws {
        let cells = ValueSpelling(missing: "", text: Self.appendField, quotesTimestamps: false).cellWriters(frame)
        try withoutActuallyEscaping(sink) { sink in
            var output = ChunkedOutput(sink: sink)
            for (index, name) in frame.columnNames.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendField(name, to: &output)
            }
            output.append(0x0A)
            for row in 0..<frame.rowCount {
                for (index, cell) in cells.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    try cell(row, &output)
                }
                output.append(0x0A)
                try output.flushIfFull()
            }
            try output.flush()
        }
    }

    /// A text field, quoted when it holds a comma, a quote or a line break.
    private static func appendField(_ text: String, to output: inout ChunkedOutput) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            output.append(text)
            return
        }
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }
}
