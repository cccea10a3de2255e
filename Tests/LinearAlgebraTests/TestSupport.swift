import LinearAlgebra
import RecbookSupport

/// The largest absolute element-wise difference between two equally shaped matrices.
func maxAbsoluteDifference(_ left: Matrix, _ right: Matrix) -> Double {
    precondition(left.shape == right.shape, "shapes \(left.shape) and \(right.shape) differ")
    return zip(left.storage, right.storage).map { abs($0 - $1) }.max() ?? 0
}

/// The largest absolute element-wise difference between two equally long arrays.
func maxAbsoluteDifference(_ left: [Double], _ right: [Double]) -> Double {
    precondition(left.count == right.count, "lengths \(left.count) and \(right.count) differ")
    return zip(left, right).map { abs($0 - $1) }.max() ?? 0
}

/// A random sparse matrix: each element is stored with probability `density`, with a value
/// uniform in [-1, 1) shifted by `offset`.
func randomSparseMatrix(
    rows: Int, columns: Int, density: Double, offset: Double = 0, seed: UInt64
) throws -> SparseMatrix {
    var generator = SeededGenerator(seed: seed)
    var rowIndices: [Int] = [], columnIndices: [Int] = [], values: [Double] = []
    for row in 0..<rows {
        for column in 0..<columns where generator.nextDouble() < density {
            rowIndices.append(row)
            columnIndices.append(column)
            values.append(2 * generator.nextDouble() - 1 + offset)
        }
    }
    return try SparseMatrix(rowCount: rows, columnCount: columns,
                            rowIndices: rowIndices, columnIndices: columnIndices, values: values)
}

/// A random dense matrix with entries uniform in [-1, 1).
func randomMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    var matrix = Matrix(rowCount: rows, columnCount: columns)
    for row in 0..<rows {
        for column in 0..<columns { matrix[row, column] = 2 * generator.nextDouble() - 1 }
    }
    return matrix
}
