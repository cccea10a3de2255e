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

/// How the writers spell values that are not text.
enum ValueText {
    /// The shortest text that reads back as the same double (Swift's `description`: `4.0`,
    /// `0.1`, `1e-06`).
    ///
    /// - Throws: ``DataError/nonFiniteValue(column:row:)`` for an infinity.
    static func double(_ value: Double, column: String, row: Int) throws -> String {
        guard value.isFinite else { throw DataError.nonFiniteValue(column: column, row: row + 1) }
        return value.description
    }

    /// ISO 8601 in UTC: `2015-03-01T12:30:00Z`.
    static func timestamp(_ seconds: Int) -> String {
        let time = CivilDateTime(secondsSinceEpoch: seconds)
        return "\(time.dateString)T\(twoDigits(time.hour)):\(twoDigits(time.minute)):\(twoDigits(time.second))Z"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
