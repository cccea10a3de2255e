import Foundation

/// A text format a table can be written in: CSV (``CSVWriter``) or JSON lines (``JSONLinesWriter``).
public protocol TableWriter: Sendable {
    /// The file name extension of the format, without the dot: `csv`, `jsonl`.
    var fileExtension: String { get }

    /// Writes `frame`, handing its bytes to `sink` in chunks of about a megabyte, so that a
    /// large table is never held twice in memory.
    ///
    /// - Throws: ``DataError/nonFiniteValue(column:row:)`` for an infinite number, which neither
    ///   format can spell so that readers read it back; any error `sink` throws.
    /// - Complexity: O(rows × columns).
    func write(_ frame: DataFrame, to sink: (Data) throws -> Void) throws
}

/// Bytes collected for a sink and handed over in chunks.
struct ChunkedOutput {
    private static let chunkSize = 1 << 20
    private var buffer: [UInt8] = []
    private let sink: (Data) throws -> Void

    init(sink: @escaping (Data) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }
    mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// A decimal integer, written without making a `String`.
    mutating func appendInteger(_ value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = buffer.count
        repeat {
            buffer.append(UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0"))
            magnitude /= 10
        } while magnitude > 0
        // Swapped in place: reversing `buffer[start...]` would copy the whole buffer.
        var (low, high) = (start, buffer.count - 1)
        while low < high {
            buffer.swapAt(low, high)
            low += 1
            high -= 1
        }
    }

    /// Hands the bytes so far to the sink once they fill a chunk.
    mutating func flushIfFull() throws {
        if buffer.count >= Self.chunkSize { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try sink(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes one column's value in `row` into the output.
typealias CellWriter = (_ row: Int, _ output: inout ChunkedOutput) throws -> Void

/// How the writers spell values: one ``CellWriter`` per column, made once per table so that the
/// loop over rows does not look at the column's type again for every cell.
struct ValueSpelling {
    /// How a missing value is written: nothing in CSV, `null` in JSON.
    var missing: String
    /// How a string is written: quoted as the format needs.
    var text: (String, inout ChunkedOutput) -> Void
    /// Whether timestamps are written in double quotes (JSON strings).
    var quotesTimestamps: Bool

    func cellWriters(_ frame: DataFrame) -> [CellWriter] {
        zip(frame.columnNames, frame.columns).map { name, column in
            let write = valueWriter(column.values, column: name)
            guard let mask = column.missingRows else { return write }
            return { [missing] row, output in
                if mask[row] { output.append(missing) } else { try write(row, &output) }
            }
        }
    }

    private func valueWriter(_ values: Column.Values, column: String) -> CellWriter {
        switch values {
        case let .int(values):
            return { row, output in output.appendInteger(values[row]) }
        case let .double(values):
            return { [missing] row, output in
                let value = values[row]
                if value.isNaN { return output.append(missing) }
                guard value.isFinite else { throw DataError.nonFiniteValue(column: column, row: row + 1) }
                output.append(value.description)  // the shortest text that reads back as the same double
            }
        case let .string(values):
            return { [text] row, output in text(values[row], &output) }
        case let .timestamp(values):
            return { [quotesTimestamps] row, output in
                if quotesTimestamps { output.append(UInt8(ascii: "\"")) }
                Self.appendTimestamp(values[row], to: &output)
                if quotesTimestamps { output.append(UInt8(ascii: "\"")) }
            }
        case let .bool(values):
            return { row, output in output.append(values[row] ? "true" : "false") }
        }
    }

    /// ISO 8601 in UTC: `2015-03-01T12:30:00Z`.
    static func appendTimestamp(_ seconds: Int, to output: inout ChunkedOutput) {
        let time = CivilDateTime(secondsSinceEpoch: seconds)
        output.append(time.dateString)
        appendTwoDigits(time.hour, after: UInt8(ascii: "T"), to: &output)
        appendTwoDigits(time.minute, after: UInt8(ascii: ":"), to: &output)
        appendTwoDigits(time.second, after: UInt8(ascii: ":"), to: &output)
        output.append(UInt8(ascii: "Z"))
    }

    private static func appendTwoDigits(_ value: Int, after separator: UInt8, to output: inout ChunkedOutput) {
        output.append(separator)
        if value < 10 { output.append(UInt8(ascii: "0")) }
        output.appendInteger(value)
    }
}
