import LinearAlgebra

/// The largest difference between two vectors of the same length.
func maxAbsoluteDifference(_ left: [Double], _ right: [Double]) -> Double {
    precondition(left.count == right.count)
    return zip(left, right).map { abs($0 - $1) }.max() ?? 0
}

/// A matrix as an array of its rows.
func rows(_ matrix: Matrix) -> [[Double]] {
    (0..<matrix.rowCount).map { Array(matrix.row($0)) }
}
