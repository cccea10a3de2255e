import CParsing

/// Rows of plain numbers, read a chunk at a time by `recbook_read_plain_rows` (CParsing).
///
/// Most large files (a ratings table) are rows of unquoted numbers. For them the general path —
/// scan every field into a span, trim it, test it for missing-value markers, parse it, append
/// it — does more than the row needs. Plain rows are read in C instead: each number parsed as
/// it is scanned, with the arithmetic the general path also calls (`recbook_leading_integer`,
/// up to 18 digits; `recbook_leading_decimal`, at most 15 significant digits;
/// `recbook_domain_contains`), into a scratch buffer per column that is appended to the table's
/// columns once a chunk of rows has read cleanly. Anything else in a row — a quote, a carriage
/// return, a space, an empty field, a missing-value marker, `nan` or `inf`, an exponent, a
/// longer number, a value outside a column's domain, a timestamp written as a date, the file's
/// last row without a line feed — stops the chunk before that row, which the general path then
/// reads, or reports its error, exactly as before; so the table and every error are the
/// general path's (`CSVPlainRowTests` compares them).
final class PlainRowReader {
    /// The most rows one call reads: a chunk's scratch (8 bytes a value) stays in the cache.
    static let chunkRows = 4096

    private var fields: [recbook_plain_field]
    /// Each field read, the builder of its column, and whether it holds doubles.
    private let reads: [(field: Int, builder: Int, isDouble: Bool)]
    private let scratch: UnsafeMutableRawPointer
    /// Where each field read writes a chunk when the batch is not placed: its scratch buffer.
    private let scratchValues: [UnsafeMutableRawPointer?]

    /// A reader for rows of `fieldCount` fields laid out as `layout` says, when every column read
    /// is a number, the separator is one byte that cannot be part of a number, and no
    /// missing-value marker of the format could be read as one; nil otherwise.
    init?(layout: RowLayout, builders: [ColumnBuilder], fieldCount: Int, parse: TableParse) {
        guard parse.readsPlainRowsQuickly, parse.separator.count == 1, fieldCount >= 1, fieldCount <= 64,
              !Self.numberBytes.contains(parse.separator[0]),
              !parse.missingValueBytes.contains(where: { !$0.isEmpty && $0.allSatisfy(Self.numberBytes.contains) })
        else { return nil }
        var fields = [recbook_plain_field](
            repeating: recbook_plain_field(kind: Int32(RECBOOK_PLAIN_SKIP), checksDomain: false, domain: .init(), values: nil),
            count: fieldCount
        )
        var reads: [(field: Int, builder: Int, isDouble: Bool)] = []
        for (builder, field) in layout.fieldOfColumn.enumerated() {
            guard field < fieldCount, fields[field].kind == Int32(RECBOOK_PLAIN_SKIP) else { return nil }
            let isDouble: Bool
            switch builders[builder].type {
            case .int, .timestamp: isDouble = false
            case .double: isDouble = true
            case .string, .bool: return nil
            }
            fields[field].kind = Int32(isDouble ? RECBOOK_PLAIN_DECIMAL : RECBOOK_PLAIN_INTEGER)
            if let domain = builders[builder].allowedValues {
                fields[field].checksDomain = true
                fields[field].domain = domain.cDomain
            }
            reads.append((field, builder, isDouble))
        }
        scratch = .allocate(byteCount: max(reads.count, 1) * Self.chunkRows * 8, alignment: 64)
        for (slot, read) in reads.enumerated() {
            let values = scratch + slot * Self.chunkRows * 8
            if read.isDouble {
                fields[read.field].values = UnsafeMutableRawPointer(values.bindMemory(to: Double.self, capacity: Self.chunkRows))
            } else {
                fields[read.field].values = UnsafeMutableRawPointer(values.bindMemory(to: Int.self, capacity: Self.chunkRows))
            }
        }
        self.fields = fields
        self.reads = reads
        scratchValues = reads.map { fields[$0.field].values }
    }

    deinit { scratch.deallocate() }

    /// The bytes of a plain number: a separator among them could be read as part of one.
    private static let numberBytes = Set("0123456789+-.".utf8)

    /// Reads plain rows from the scanner's position (where ``CSVScanner/nextRecordStart()`` has
    /// just put it) while the next one starts before `stop`, at most `maxRows` (up to
    /// ``chunkRows``, and up to the room a placed batch has left) of them, writes their values in
    /// place or appends them to `batch`'s builders, and moves the scanner past them; returns how
    /// many it read (none when the first is not plain).
    func read(
        _ parse: TableParse, _ scanner: inout CSVScanner, into batch: inout RowBatch, until stop: Int, maxRows: Int
    ) -> Int {
        var limit = min(maxRows, Self.chunkRows)
        if let placement = batch.placement {
            // Straight into the columns: a row that stops the chunk is read again by the
            // general path, over whatever of it was written.
            limit = min(limit, placement.capacity - batch.rows)
            for read in reads { fields[read.field].values = placement.slot(read.builder, row: batch.rows) }
        } else {
            for (slot, read) in reads.enumerated() { fields[read.field].values = scratchValues[slot] }
        }
        guard limit > 0 else { return 0 }
        var position = scanner.position, lastRowStart = position
        let rows = fields.withUnsafeBufferPointer { fields in
            recbook_read_plain_rows(
                parse.bytes.baseAddress, parse.bytes.count, &position, stop, parse.separator[0], parse.limits.maxRecordBytes,
                fields.baseAddress, fields.count, limit, &lastRowStart
            )
        }
        guard rows > 0 else { return 0 }
        for read in reads where batch.placement == nil {
            let values = UnsafeRawPointer(fields[read.field].values)
            if read.isDouble {
                let buffer = UnsafeBufferPointer(start: values?.assumingMemoryBound(to: Double.self), count: rows)
                batch.builders[read.builder].doubles.append(contentsOf: buffer)
            } else {
                let buffer = UnsafeBufferPointer(start: values?.assumingMemoryBound(to: Int.self), count: rows)
                batch.builders[read.builder].ints.append(contentsOf: buffer)
            }
        }
        scanner.skipScannedRecords(rows, lastStart: lastRowStart, to: position, fieldCount: fields.count)
        return rows
    }
}
