import CParsing

/// Where a half of a file writes its rows when both halves write straight into the table's
/// columns (see ``PlacedColumns``): row `r` of the half goes to row `firstRow + r` of each column.
///
/// `@unchecked Sendable`: the two halves' placements share the columns' memory, and each writes
/// only its own rows, which do not overlap; the reading thread waits for the other before it
/// reads or moves the second half's rows.
struct RowPlacement: @unchecked Sendable {
    /// Each builder's column memory, 8-byte values: `Int` for integer and timestamp columns,
    /// `Double` for number columns.
    let columns: [UnsafeMutableRawPointer]
    let firstRow: Int
    /// How many rows the half may write; past it, it copies its rows into its builders and
    /// appends (``RowBatch/stopPlacing()``).
    var capacity: Int

    /// The memory of row `row` of the half in column `column`.
    func slot(_ column: Int, row: Int) -> UnsafeMutableRawPointer {
        columns[column] + (firstRow + row) * 8
    }
}

/// The columns of a table read in two halves, written in place by both.
///
/// Read separately, the second half's rows went into columns of their own and were then copied
/// after the first half's: at 10 M ratings, 160 MB of new memory written twice, about a sixth of
/// the load's time (each new page costs a fault, about 1.3 µs on the machine measured). Here
/// both halves write into one set of columns as long as the rows can be at most: the first half
/// from row 0, the second from the most rows the first can hold, which is the number of line
/// ends before the middle, since every record but the last ends at one (counted at memory speed).
/// When the first half holds fewer rows (empty lines, quoted line breaks), the second half's
/// rows move down once, within memory already written.
///
/// Only for tables whose columns are all numbers or timestamps, stored 8 bytes a value.
struct PlacedColumns {
    private enum Values {
        case ints([Int])
        case doubles([Double])
    }

    private var values: [Values]
    /// The row the second half starts at: the line ends before the middle.
    let secondStart: Int
    /// The most rows the whole file can hold: every line end after `position`, and one more.
    let rowBound: Int

    /// Columns for the rows from `position` on, the second half starting at `boundary`; nil when
    /// a builder's values are not 8-byte numbers.
    init?(builders: [ColumnBuilder], bytes: UnsafeBufferPointer<UInt8>, from position: Int, boundary: Int) {
        guard !builders.isEmpty,
              builders.allSatisfy({ $0.type == .int || $0.type == .timestamp || $0.type == .double }),
              let base = bytes.baseAddress
        else { return nil }
        secondStart = recbook_count_line_ends(base, bytes.count, position, boundary)
        rowBound = secondStart + recbook_count_line_ends(base, bytes.count, boundary, bytes.count) + 1
        let rows = rowBound
        // Not filled: every row up to the count kept is written before the count is set, and
        // values of these types have no invalid bit patterns.
        values = builders.map { builder in
            builder.type == .double
                ? .doubles([Double](unsafeUninitializedCapacity: rows) { _, count in count = rows })
                : .ints([Int](unsafeUninitializedCapacity: rows) { _, count in count = rows })
        }
    }

    /// Calls `body` with the placements of the two halves in the columns' memory, which is valid
    /// until it returns.
    mutating func withPlacements<Result>(
        _ body: ((first: RowPlacement, second: RowPlacement)) throws -> Result
    ) rethrows -> Result {
        let secondStart = secondStart, rowBound = rowBound
        var columns: [UnsafeMutableRawPointer] = []
        columns.reserveCapacity(values.count)
        return try Self.withColumns(&values, from: 0, &columns) { columns in
            try body((
                RowPlacement(columns: columns, firstRow: 0, capacity: secondStart),
                RowPlacement(columns: columns, firstRow: secondStart, capacity: rowBound - secondStart)
            ))
        }
    }

    private static func withColumns<Result>(
        _ values: inout [Values], from index: Int, _ columns: inout [UnsafeMutableRawPointer],
        _ body: ([UnsafeMutableRawPointer]) throws -> Result
    ) rethrows -> Result {
        guard index < values.count else { return try body(columns) }
        // Each array is taken out while its memory is lent, so that it stays uniquely referenced.
        switch exchange(&values[index], with: .ints([])) {
        case var .ints(array):
            defer { values[index] = .ints(array) }
            return try array.withUnsafeMutableBytes { memory in
                columns.append(memory.baseAddress!)
                return try withColumns(&values, from: index + 1, &columns, body)
            }
        case var .doubles(array):
            defer { values[index] = .doubles(array) }
            return try array.withUnsafeMutableBytes { memory in
                columns.append(memory.baseAddress!)
                return try withColumns(&values, from: index + 1, &columns, body)
            }
        }
    }

    /// Gives the first `rows` values of each column to `builders`, as their values.
    consuming func move(into builders: inout [ColumnBuilder], rows: Int) {
        for index in values.indices {
            // Taken out, so that the array is uniquely referenced and shortens in place.
            switch exchange(&values[index], with: .ints([])) {
            case var .ints(array):
                array.removeLast(max(0, array.count - rows))
                builders[index].ints = array
            case var .doubles(array):
                array.removeLast(max(0, array.count - rows))
                builders[index].doubles = array
            }
        }
    }
}

extension RowBatch {
    /// Moves the row the general path has just appended to the builders (the last value of each)
    /// to its place; nothing when the batch is not placed.
    mutating func placeLastRow() {
        guard let placement else { return }
        for index in builders.indices {
            let slot = placement.slot(index, row: rows)
            if builders[index].type == .double {
                slot.storeBytes(of: builders[index].doubles.removeLast(), as: Double.self)
            } else {
                slot.storeBytes(of: builders[index].ints.removeLast(), as: Int.self)
            }
        }
    }

    /// Copies the rows placed so far into the builders, which the batch appends to from then on.
    mutating func stopPlacing() {
        guard let placement else { return }
        for index in builders.indices {
            let start = placement.slot(index, row: 0)
            if builders[index].type == .double {
                builders[index].doubles = Array(UnsafeBufferPointer(start: start.assumingMemoryBound(to: Double.self), count: rows))
            } else {
                builders[index].ints = Array(UnsafeBufferPointer(start: start.assumingMemoryBound(to: Int.self), count: rows))
            }
        }
        self.placement = nil
    }

    /// Takes the rows of `other`, the batch of the stretch that follows this one, both placed
    /// (at `placement` and `next`), moving its values down to follow this batch's when there is
    /// room between them.
    mutating func appendPlaced(_ other: RowBatch, placement: RowPlacement, next: RowPlacement) {
        let gap = next.firstRow - (placement.firstRow + rows)
        if gap > 0, other.rows > 0 {
            for index in builders.indices {
                placement.slot(index, row: rows).copyMemory(from: next.slot(index, row: 0), byteCount: other.rows * 8)
            }
        }
        for index in builders.indices where !other.builders[index].missingRows.isEmpty {
            builders[index].missingRows.append(contentsOf: other.builders[index].missingRows.map { $0 + rows })
        }
        rows += other.rows
        fieldCount = fieldCount ?? other.fieldCount
    }
}
