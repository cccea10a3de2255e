import RecbookSupport

/// A sparse matrix of `Double`s in compressed sparse row (CSR) form.
///
/// Row `i`'s entries are `values[rowOffsets[i]..<rowOffsets[i + 1]]`, in columns
/// `columnIndices[rowOffsets[i]..<rowOffsets[i + 1]]`, which are strictly increasing. Entries
/// are stored exactly as given: an explicit zero stays a stored entry (scipy's `csr_matrix`
/// built from a dense array drops zeros; ``init(_:)`` does the same).
public struct SparseMatrix: Sendable, Equatable {
    /// The number of rows.
    public let rowCount: Int
    /// The number of columns.
    public let columnCount: Int
    /// `rowCount + 1` offsets into ``columnIndices`` and ``values``; the first is 0.
    public let rowOffsets: [Int]
    /// The column of each stored entry, increasing within a row.
    public let columnIndices: [Int]
    /// The value of each stored entry.
    public let values: [Double]

    /// What to do when the same (row, column) position is given more than once.
    public enum DuplicatePolicy: Sendable {
        /// Throw ``LinearAlgebraError/invalidEntry(_:)``: the caller should have deduplicated.
        case reject
        /// Add the values, as scipy does when it converts COO to CSR.
        case sum
    }

    /// Builds a matrix from (row, column, value) triplets given as three parallel arrays.
    ///
    /// The triplets may come in any order; each row's entries are sorted by column.
    ///
    /// - Parameters:
    ///   - rowCount: The number of rows.
    ///   - columnCount: The number of columns.
    ///   - rowIndices: The row of each entry.
    ///   - columnIndices: The column of each entry.
    ///   - values: The value of each entry; each must be finite.
    ///   - duplicates: What to do with repeated positions; rejected by default.
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` for negative dimensions or arrays of
    ///   different lengths, ``LinearAlgebraError/invalidEntry(_:)`` for an index out of range, a
    ///   non-finite value, or (with `.reject`) a duplicate position. Messages name the triplet.
    /// - Complexity: O(nnz log(nnz per row) + rowCount).
    public init(
        rowCount: Int, columnCount: Int,
        rowIndices: [Int], columnIndices: [Int], values: [Double],
        duplicates: DuplicatePolicy = .reject
    ) throws {
        guard rowCount >= 0, columnCount >= 0 else {
            throw LinearAlgebraError.invalidShape("negative dimension \(rowCount)×\(columnCount)")
        }
        guard rowIndices.count == columnIndices.count, rowIndices.count == values.count else {
            throw LinearAlgebraError.invalidShape(
                "triplet arrays differ in length: \(rowIndices.count) rows, \(columnIndices.count) columns, \(values.count) values")
        }
        for position in rowIndices.indices {
            let row = rowIndices[position], column = columnIndices[position], value = values[position]
            guard row >= 0, row < rowCount, column >= 0, column < columnCount else {
                throw LinearAlgebraError.invalidEntry(
                    "triplet \(position) at (\(row), \(column)) lies outside the \(rowCount)×\(columnCount) matrix")
            }
            guard value.isFinite else {
                throw LinearAlgebraError.invalidEntry("triplet \(position) at (\(row), \(column)) has value \(value)")
            }
        }

        // Two stable counting sorts, by column and then by row, order the triplets by (row, column,
        // input position) in linear time, so a sum adds duplicates in the order given.
        let byColumn = Self.countingOrder(of: Array(rowIndices.indices), keys: columnIndices, keyCount: columnCount)
        let order = Self.countingOrder(of: byColumn, keys: rowIndices, keyCount: rowCount)

        var sortedColumns: [Int] = []
        var sortedValues: [Double] = []
        sortedColumns.reserveCapacity(order.count)
        sortedValues.reserveCapacity(order.count)
        var compactedOffsets = [Int](repeating: 0, count: rowCount + 1)
        var previousRow = -1
        for position in order {
            let row = rowIndices[position], column = columnIndices[position]
            if row != previousRow {
                for skipped in (previousRow + 1)...row { compactedOffsets[skipped] = sortedColumns.count }
                previousRow = row
            }
            if sortedColumns.count > compactedOffsets[row], sortedColumns.last == column {
                switch duplicates {
                case .reject:
                    throw LinearAlgebraError.invalidEntry("triplet \(position) repeats position (\(row), \(column))")
                case .sum:
                    sortedValues[sortedValues.count - 1] += values[position]
                }
            } else {
                sortedColumns.append(column)
                sortedValues.append(values[position])
            }
        }
        for row in (previousRow + 1)...rowCount { compactedOffsets[row] = sortedColumns.count }
        self.init(unchecked: rowCount, columnCount, compactedOffsets, sortedColumns, sortedValues)
    }

    /// Builds a matrix from an array of (row, column, value) triplets.
    ///
    /// See ``init(rowCount:columnCount:rowIndices:columnIndices:values:duplicates:)``.
    /// `positions` reordered stably by `keys[position]`, each key in `0..<keyCount`.
    private static func countingOrder(of positions: [Int], keys: [Int], keyCount: Int) -> [Int] {
        var offsets = [Int](repeating: 0, count: keyCount + 1)
        for position in positions { offsets[keys[position] + 1] += 1 }
        for key in 0..<keyCount { offsets[key + 1] += offsets[key] }
        var order = [Int](repeating: 0, count: positions.count)
        for position in positions {
            order[offsets[keys[position]]] = position
            offsets[keys[position]] += 1
        }
        return order
    }

    public init(
        rowCount: Int, columnCount: Int,
        entries: [(row: Int, column: Int, value: Double)],
        duplicates: DuplicatePolicy = .reject
    ) throws {
        try self.init(rowCount: rowCount, columnCount: columnCount,
                      rowIndices: entries.map(\.row), columnIndices: entries.map(\.column),
                      values: entries.map(\.value), duplicates: duplicates)
    }

    /// Builds a matrix holding the non-zero elements of a dense one, like scipy's `csr_matrix(dense)`.
    ///
    /// - Complexity: O(`rowCount` × `columnCount`).
    public init(_ dense: Matrix) {
        var offsets = [0]
        var columns: [Int] = []
        var values: [Double] = []
        offsets.reserveCapacity(dense.rowCount + 1)
        for row in 0..<dense.rowCount {
            for (column, value) in dense.row(row).enumerated() where value != 0 {
                columns.append(column)
                values.append(value)
            }
            offsets.append(columns.count)
        }
        self.init(unchecked: dense.rowCount, dense.columnCount, offsets, columns, values)
    }

    /// Creates a matrix from CSR arrays the caller has already made valid.
    /// The same sparsity structure with new stored values, for example centred ratings.
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` when the count differs from the stored entries.
    public func replacingValues(_ newValues: [Double]) throws -> SparseMatrix {
        guard newValues.count == values.count else {
            throw LinearAlgebraError.invalidShape("expected \(values.count) values, got \(newValues.count)")
        }
        return SparseMatrix(unchecked: rowCount, columnCount, rowOffsets, columnIndices, newValues)
    }

    init(unchecked rowCount: Int, _ columnCount: Int, _ rowOffsets: [Int], _ columnIndices: [Int], _ values: [Double]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
        assert(Self.invariantViolation(rowCount, columnCount, rowOffsets, columnIndices, values) == nil)
    }

    /// The number of rows and columns.
    public var shape: MatrixShape { MatrixShape(rows: rowCount, columns: columnCount) }

    /// The number of stored entries.
    public var nonZeroCount: Int { values.count }

    /// One row's stored entries, as slices of the CSR arrays (no copy).
    public func row(_ index: Int) -> (columns: ArraySlice<Int>, values: ArraySlice<Double>) {
        precondition(index >= 0 && index < rowCount, "row \(index) out of range 0..<\(rowCount)")
        let range = rowOffsets[index]..<rowOffsets[index + 1]
        return (columnIndices[range], values[range])
    }

    /// The element at one position: the stored value, or 0 when none is stored.
    ///
    /// - Complexity: O(log(entries in the row)).
    public subscript(row: Int, column: Int) -> Double {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                     "index (\(row), \(column)) out of range for a \(shape) matrix")
        var low = rowOffsets[row], high = rowOffsets[row + 1]
        while low < high {
            let middle = (low + high) / 2
            if columnIndices[middle] < column { low = middle + 1 } else { high = middle }
        }
        return low < rowOffsets[row + 1] && columnIndices[low] == column ? values[low] : 0
    }

    /// Describes the first broken CSR invariant, or returns `nil` when the arrays are valid.
    static func invariantViolation(
        _ rowCount: Int, _ columnCount: Int, _ offsets: [Int], _ columns: [Int], _ values: [Double]
    ) -> String? {
        guard rowCount >= 0, columnCount >= 0 else { return "negative dimension \(rowCount)×\(columnCount)" }
        guard offsets.count == rowCount + 1, offsets.first == 0, offsets.last == columns.count,
              columns.count == values.count
        else { return "row offsets do not match the \(columns.count) stored entries" }
        for row in 0..<rowCount {
            guard offsets[row] <= offsets[row + 1] else { return "row offsets decrease at row \(row)" }
            var previous = -1
            for position in offsets[row]..<offsets[row + 1] {
                let column = columns[position]
                guard column > previous, column < columnCount else {
                    return "row \(row) has column \(column) out of order or out of range"
                }
                guard values[position].isFinite else { return "row \(row) has a non-finite value" }
                previous = column
            }
        }
        return nil
    }
}

extension Matrix {
    /// A dense copy of a sparse matrix.
    ///
    /// - Complexity: O(`rowCount` × `columnCount`) memory; meant for small matrices and tests.
    public init(_ sparse: SparseMatrix) {
        self.init(rowCount: sparse.rowCount, columnCount: sparse.columnCount)
        for row in 0..<sparse.rowCount {
            for position in sparse.rowOffsets[row]..<sparse.rowOffsets[row + 1] {
                self[row, sparse.columnIndices[position]] = sparse.values[position]
            }
        }
    }
}

extension SparseMatrix: BinaryCodable {
    /// Writes the shape, then the three CSR arrays as raw little-endian numbers.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(rowCount))
        writer.write(UInt64(columnCount))
        writer.writeArray(rowOffsets.map { Int64($0) })
        writer.writeArray(columnIndices.map { Int64($0) })
        writer.writeArray(values)
    }

    /// Reads a matrix back and checks every CSR invariant, so corrupt data throws.
    public init(from reader: inout BinaryReader) throws {
        let rows = try reader.read(UInt64.self)
        let columns = try reader.read(UInt64.self)
        let offsets = try reader.readArray(Int64.self)
        let columnIndices = try reader.readArray(Int64.self)
        let values = try reader.readArray(Double.self)
        guard let rowCount = Int(exactly: rows), let columnCount = Int(exactly: columns),
              rowCount < Int.max
        else {
            throw BinaryDecodingError.invalid("sparse matrix shape \(rows)×\(columns) is too large")
        }
        let rowOffsets = offsets.map { Int($0) }
        let columnIndicesAsInt = columnIndices.map { Int($0) }
        if let violation = Self.invariantViolation(rowCount, columnCount, rowOffsets, columnIndicesAsInt, values) {
            throw BinaryDecodingError.invalid("sparse matrix: \(violation)")
        }
        self.init(unchecked: rowCount, columnCount, rowOffsets, columnIndicesAsInt, values)
    }
}
