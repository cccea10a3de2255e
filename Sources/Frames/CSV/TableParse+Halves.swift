import Dispatch
import RecbookSupport
import Synchronization

/// Where each column read lies in a row, and how many fields a row must have at least.
struct RowLayout {
    let fieldOfColumn: [Int]
    let neededFieldCount: Int
}

/// Rows read from one stretch of a file.
struct RowBatch {
    var builders: [ColumnBuilder]
    var rows = 0
    /// How many fields every row has: the header's count, else the first row's; nil before it.
    var fieldCount: Int?
    /// Where the rows are written, when not appended to the builders (see ``PlacedColumns``).
    var placement: RowPlacement?

    /// Appends the rows of `other`, read from the stretch that follows this one.
    mutating func append(_ other: RowBatch) {
        let offset = rows
        if other.rows >= 1 << 16, builders.count > 1 {
            // Each column's copy is independent: on every core at once.
            builders.withUnsafeMutableBufferPointer { builders in
                let shared = SharedBuilders(builders)
                DispatchQueue.concurrentPerform(iterations: shared.builders.count) { index in
                    shared.builders[index].append(other.builders[index], rowOffset: offset)
                }
            }
        } else {
            for index in builders.indices { builders[index].append(other.builders[index], rowOffset: offset) }
        }
        rows += other.rows
        fieldCount = fieldCount ?? other.fieldCount
    }
}

/// The column builders of a batch, for copying into them from several threads: each thread
/// touches one builder only.
private struct SharedBuilders: @unchecked Sendable {
    let builders: UnsafeMutableBufferPointer<ColumnBuilder>
    init(_ builders: UnsafeMutableBufferPointer<ColumnBuilder>) { self.builders = builders }
}

/// Reading the rows in two halves at once.
///
/// Where a record starts cannot be known from the middle of a file without reading up to it (a
/// quoted field may hold line breaks), so the second half is read speculatively, on another
/// thread, from the first line start after the middle, while this thread reads the first half.
/// The speculation holds when the first half's last record ends exactly there: the second
/// half's reader then started in the very state one pass would have reached, and its rows are
/// the rows one pass reads. Otherwise (the middle fell inside a quoted field), or when the
/// second half met an error, its work is dropped and this thread reads on from where it is, so
/// that results and errors, with their lines, are exactly those of one pass.
extension TableParse {
    /// Reads every row after the scanner's position into `batch`, calling `progress` every
    /// 65,536 rows with the rows and bytes read so far and the bytes in all.
    mutating func readAllRows(
        _ scanner: inout CSVScanner, into batch: inout RowBatch, layout: RowLayout, progress: (Int, Int, Int) -> Void
    ) throws {
        let start = self.start, total = bytes.count - start
        guard let boundary = secondHalfStart(after: scanner.position) else {
            try readRecords(&scanner, into: &batch, layout: layout, until: bytes.count) { rows, position in
                progress(rows, position - start, total)
                return true
            }
            return
        }
        guard var placed = PlacedColumns(builders: batch.builders, bytes: bytes, from: scanner.position, boundary: boundary) else {
            try readHalves(&scanner, into: &batch, layout: layout, boundary: boundary, placements: nil, progress: progress)
            return
        }
        let rowBound = placed.rowBound
        try placed.withPlacements { placements in
            try readHalves(&scanner, into: &batch, layout: layout, boundary: boundary, placements: placements, progress: progress)
        }
        if batch.placement != nil, batch.rows <= rowBound {
            placed.move(into: &batch.builders, rows: batch.rows)
            batch.placement = nil
        }
    }

    /// Reads the rows from the scanner's position in two halves at once, the second from
    /// `boundary`: into `placements` when given (the first half's into `batch`'s), else into
    /// builders of their own.
    private mutating func readHalves(
        _ scanner: inout CSVScanner, into batch: inout RowBatch, layout: RowLayout, boundary: Int,
        placements: (first: RowPlacement, second: RowPlacement)?, progress: (Int, Int, Int) -> Void
    ) throws {
        let start = self.start, total = bytes.count - start
        batch.placement = placements?.first
        let second = SecondHalf(
            parse: self,
            batch: RowBatch(builders: batch.builders.map(\.emptyCopy), fieldCount: batch.fieldCount, placement: placements?.second),
            start: boundary
        )
        let reading = DedicatedThread { second.read(layout) }
        do {
            try readRecords(&scanner, into: &batch, layout: layout, until: boundary) { rows, position in
                let (secondRows, secondPosition) = second.progress
                progress(rows + secondRows, position - start + max(0, secondPosition - boundary), total)
                return true
            }
        } catch {
            second.cancel()
            reading.wait()
            throw error
        }
        reading.wait()
        if scanner.nextRecordStart() == boundary, let rest = second.takeResult(),
           batch.fieldCount == nil || rest.fieldCount == nil || batch.fieldCount == rest.fieldCount {
            if let placement = batch.placement, let next = rest.placement {
                batch.appendPlaced(rest, placement: placement, next: next)
                return
            }
            if batch.placement == nil, rest.placement == nil {
                batch.append(rest)
                BackgroundRelease.drop(consume rest)  // hundreds of megabytes at scale
                return
            }
            // One half ran out of room (it cannot, as counted): the rest is read again.
        }
        // The second half's work is dropped and its memory free: a placed first half may
        // write into all of it (the rows of the whole file fit, as counted).
        if let placements { batch.placement?.capacity = placements.second.firstRow + placements.second.capacity }
        try readRecords(&scanner, into: &batch, layout: layout, until: bytes.count) { rows, position in
            progress(rows, position - start, total)
            return true
        }
    }

    /// Where the second half starts: the first line start after the middle of the bytes from
    /// `position` on, past any empty lines; nil when the rows are too few to be worth halving.
    private func secondHalfStart(after position: Int) -> Int? {
        guard let minimum = minimumBytesForHalves, bytes.count - position >= max(minimum, 2) else { return nil }
        func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
        var index = position + (bytes.count - position) / 2
        while index < bytes.count, !isLineEnd(bytes[index]) { index += 1 }
        while index < bytes.count, isLineEnd(bytes[index]) { index += 1 }
        return index < bytes.count ? index : nil
    }

    /// Reads records into `batch` until the next one would start at or after `stop`, calling
    /// `report` every 65,536 rows with the rows read and the position; it returns false to stop.
    mutating func readRecords(
        _ scanner: inout CSVScanner, into batch: inout RowBatch, layout: RowLayout, until stop: Int,
        report: (_ rows: Int, _ position: Int) -> Bool
    ) throws {
        // Whether rows of plain numbers can be read quickly is known once the field count is.
        var plain = batch.fieldCount.flatMap { PlainRowReader(layout: layout, builders: batch.builders, fieldCount: $0, parse: self) }
        var planned = batch.fieldCount != nil
        while scanner.nextRecordStart() < stop {
            if let plain, batch.rows > 0 {
                // Up to the next report at a multiple of 65,536 rows.
                let read = plain.read(self, &scanner, into: &batch, until: stop, maxRows: 0x10000 - batch.rows & 0xFFFF)
                if read > 0 {
                    batch.rows += read
                    if batch.rows & 0xFFFF == 0, !report(batch.rows, scanner.position) { return }
                    continue
                }
            }
            guard try scanner.nextRecord() else { break }
            let fieldCount = scanner.fieldCount
            if let expected = batch.fieldCount {
                guard fieldCount == expected else {
                    throw DataError.wrongFieldCount(file: file, line: scanner.recordLine, expected: expected, found: fieldCount)
                }
            } else {
                guard fieldCount >= layout.neededFieldCount else {
                    throw DataError.wrongFieldCount(
                        file: file, line: scanner.recordLine, expected: layout.neededFieldCount, found: fieldCount
                    )
                }
                batch.fieldCount = fieldCount
            }
            if let placement = batch.placement, batch.rows >= placement.capacity { batch.stopPlacing() }
            if batch.rows == 0, batch.placement == nil {
                // Reserve for as many rows as the rest of the file holds at the first row's length.
                let length = max(scanner.position - scanner.recordStart, 1)
                let estimate = min(scanner.remainingBytes / length + 1, 1 << 28)
                for index in batch.builders.indices { batch.builders[index].reserve(estimate + 1) }
            }
            for index in layout.fieldOfColumn.indices {
                try append(scanner.field(layout.fieldOfColumn[index]), to: &batch.builders[index], in: scanner, row: batch.rows)
            }
            batch.placeLastRow()
            batch.rows += 1
            if !planned, let count = batch.fieldCount {
                plain = PlainRowReader(layout: layout, builders: batch.builders, fieldCount: count, parse: self)
                planned = true
            }
            if batch.rows & 0xFFFF == 0, !report(batch.rows, scanner.position) { return }
        }
    }
}

/// The second half of a file, read on another thread (see ``TableParse/readAllRows(_:into:layout:progress:)``).
///
/// `@unchecked Sendable`: the reading thread alone touches `parse`, `batch` and `finished` until
/// it leaves ``read(_:)``, and the caller reads them only after waiting for that; the progress
/// and the cancellation, shared while it reads, are atomics.
private final class SecondHalf: @unchecked Sendable {
    private var parse: TableParse
    private var batch: RowBatch
    private let start: Int
    private var finished = false
    private let rowsRead = Atomic<Int>(0)
    private let position = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)

    init(parse: TableParse, batch: RowBatch, start: Int) {
        self.parse = parse
        self.batch = batch
        self.start = start
        position.store(start, ordering: .relaxed)
    }

    func read(_ layout: RowLayout) {
        var scanner = parse.makeScanner(from: start)
        do {
            try parse.readRecords(&scanner, into: &batch, layout: layout, until: Int.max) { rows, position in
                rowsRead.store(rows, ordering: .relaxed)
                self.position.store(position, ordering: .relaxed)
                return !cancelled.load(ordering: .relaxed)
            }
            finished = !cancelled.load(ordering: .relaxed)
        } catch {
            // One pass from the first half's end meets the same error and reports it with its line.
            finished = false
        }
    }

    /// The rows read so far and where the reading stands, for a progress display.
    var progress: (rows: Int, position: Int) {
        (rowsRead.load(ordering: .relaxed), position.load(ordering: .relaxed))
    }

    /// Asks the reading to stop at its next progress report.
    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Every row of the second half, once ``read(_:)`` has returned, moved out; nil when it
    /// did not finish.
    func takeResult() -> RowBatch? {
        guard finished else { return nil }
        finished = false
        return exchange(&batch, with: RowBatch(builders: []))
    }
}

extension ColumnBuilder {
    /// A builder of the same column with no values.
    var emptyCopy: ColumnBuilder {
        var copy = self
        copy.ints = []
        copy.doubles = []
        copy.strings = []
        copy.bools = []
        copy.missingRows = []
        return copy
    }

    /// Appends the values of `other`, whose rows follow the first `rowOffset` rows.
    mutating func append(_ other: ColumnBuilder, rowOffset: Int) {
        ints.append(contentsOf: other.ints)
        doubles.append(contentsOf: other.doubles)
        strings.append(contentsOf: other.strings)
        bools.append(contentsOf: other.bools)
        missingRows.append(contentsOf: other.missingRows.map { $0 + rowOffset })
    }
}
