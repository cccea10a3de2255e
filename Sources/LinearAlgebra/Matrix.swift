import RecbookSupport

/// A dense matrix of `Double`s, stored row-major in one contiguous array.
///
/// Row-major storage means a row is a contiguous slice, which is what recommenders read most
/// (one user's predictions, one item's features), and what `CblasRowMajor` BLAS calls expect.
/// Products go through BLAS; see `Matrix+Products.swift`.
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rowCount: Int
    /// The number of columns.
    public let columnCount: Int
    /// The elements, row after row: element (i, j) lives at `i * columnCount + j`.
    public private(set) var storage: [Double]

    /// Creates a matrix with every element set to one value.
    ///
    /// - Parameters:
    ///   - rowCount: The number of rows; must not be negative.
    ///   - columnCount: The number of columns; must not be negative.
    ///   - value: The value of every element.
    public init(rowCount: Int, columnCount: Int, repeating value: Double = 0) {
        precondition(rowCount >= 0 && columnCount >= 0, "matrix dimensions must not be negative")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.storage = Array(repeating: value, count: rowCount * columnCount)
    }

    /// Creates a matrix over existing row-major storage.
    ///
    /// - Parameters:
    ///   - rowCount: The number of rows.
    ///   - columnCount: The number of columns.
    ///   - storage: `rowCount * columnCount` elements, row after row.
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` when a dimension is negative or the
    ///   storage has the wrong size.
    public init(rowCount: Int, columnCount: Int, storage: [Double]) throws {
        guard rowCount >= 0, columnCount >= 0 else {
            throw LinearAlgebraError.invalidShape("negative dimension \(rowCount)×\(columnCount)")
        }
        let (expected, overflow) = rowCount.multipliedReportingOverflow(by: columnCount)
        guard !overflow, storage.count == expected else {
            throw LinearAlgebraError.invalidShape(
                "\(rowCount)×\(columnCount) matrix needs \(rowCount)·\(columnCount) elements, got \(storage.count)")
        }
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.storage = storage
    }

    /// Creates a matrix from an array of rows.
    ///
    /// - Parameters:
    ///   - rows: The rows, all of the same length.
    ///   - columnCount: The number of columns, needed only when `rows` is empty.
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` when the rows differ in length.
    public init(rows: [[Double]], columnCount: Int? = nil) throws {
        let width = rows.first?.count ?? columnCount ?? 0
        var storage: [Double] = []
        storage.reserveCapacity(rows.count * width)
        for (index, row) in rows.enumerated() {
            guard row.count == width else {
                throw LinearAlgebraError.invalidShape("row \(index) has \(row.count) elements, expected \(width)")
            }
            storage.append(contentsOf: row)
        }
        try self.init(rowCount: rows.count, columnCount: width, storage: storage)
    }

    /// The `size`×`size` identity matrix.
    public static func identity(_ size: Int) -> Matrix {
        var matrix = Matrix(rowCount: size, columnCount: size)
        for index in 0..<size { matrix.storage[index * size + index] = 1 }
        return matrix
    }

    /// The number of rows and columns.
    public var shape: MatrixShape { MatrixShape(rows: rowCount, columns: columnCount) }

    /// Accesses the element in one row and column.
    ///
    /// Like `Array`'s subscript, an index out of range is a programming error and traps.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                         "index (\(row), \(column)) out of range for a \(shape) matrix")
            return storage[row * columnCount + column]
        }
        set {
            precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                         "index (\(row), \(column)) out of range for a \(shape) matrix")
            storage[row * columnCount + column] = newValue
        }
    }

    /// One row, as a slice of the storage (no copy).
    public func row(_ index: Int) -> ArraySlice<Double> {
        precondition(index >= 0 && index < rowCount, "row \(index) out of range 0..<\(rowCount)")
        return storage[(index * columnCount)..<((index + 1) * columnCount)]
    }

    /// Replaces one row.
    ///
    /// - Precondition: `values` has `columnCount` elements.
    public mutating func setRow(_ index: Int, to values: some Collection<Double>) {
        precondition(index >= 0 && index < rowCount, "row \(index) out of range 0..<\(rowCount)")
        precondition(values.count == columnCount, "row needs \(columnCount) values, got \(values.count)")
        storage.replaceSubrange((index * columnCount)..<((index + 1) * columnCount), with: values)
    }

    /// One column, copied out of the row-major storage.
    public func column(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < columnCount, "column \(index) out of range 0..<\(columnCount)")
        return (0..<rowCount).map { storage[$0 * columnCount + index] }
    }

    /// A new matrix made of the given rows, in the given order (repeats allowed).
    ///
    /// - Complexity: O(`indices.count` × `columnCount`).
    public func rows(_ indices: some Collection<Int>) -> Matrix {
        var result: [Double] = []
        result.reserveCapacity(indices.count * columnCount)
        for index in indices { result.append(contentsOf: row(index)) }
        // The storage has exactly indices.count × columnCount elements by construction.
        return Matrix(unchecked: indices.count, columnCount, result)
    }

    /// Calls `body` with the row-major storage, for handing to BLAS or LAPACK.
    public func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<Double>) throws -> Result
    ) rethrows -> Result {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the mutable row-major storage. The shape cannot change.
    public mutating func withUnsafeMutableBufferPointer<Result>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> Result
    ) rethrows -> Result {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Creates a matrix whose storage size the caller has already made right.
    init(unchecked rowCount: Int, _ columnCount: Int, _ storage: [Double]) {
        assert(storage.count == rowCount * columnCount)
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.storage = storage
    }
}

extension Matrix: BinaryCodable {
    /// Writes the shape, then the elements as raw little-endian doubles.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(UInt64(rowCount))
        writer.write(UInt64(columnCount))
        writer.writeArray(storage)
    }

    public init(from reader: inout BinaryReader) throws {
        let rows = try reader.read(UInt64.self)
        let columns = try reader.read(UInt64.self)
        let storage = try reader.readArray(Double.self)
        guard let rowCount = Int(exactly: rows), let columnCount = Int(exactly: columns) else {
            throw BinaryDecodingError.invalid("matrix shape \(rows)×\(columns) is too large")
        }
        do {
            try self.init(rowCount: rowCount, columnCount: columnCount, storage: storage)
        } catch {
            throw BinaryDecodingError.invalid("\(error)")
        }
    }
}

extension Matrix: CustomStringConvertible {
    /// A compact description: the shape, and the elements when the matrix is small.
    public var description: String {
        guard rowCount * columnCount <= 64 else { return "Matrix(\(shape))" }
        let rows = (0..<rowCount).map { row($0).map { "\($0)" }.joined(separator: ", ") }
        return "Matrix(\(shape)) [" + rows.map { "[\($0)]" }.joined(separator: ", ") + "]"
    }
}
