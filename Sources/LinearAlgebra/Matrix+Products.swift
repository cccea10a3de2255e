import CLapack

extension Matrix {
    /// The transpose, copied through OpenBLAS's `cblas_domatcopy`.
    ///
    /// - Complexity: O(`rowCount` × `columnCount`).
    public func transposed() -> Matrix {
        guard rowCount > 0, columnCount > 0 else {
            return Matrix(rowCount: columnCount, columnCount: rowCount)
        }
        var result = [Double](repeating: 0, count: storage.count)
        // Both dimensions index existing storage, so they fit BLAS's Int32 (checked in debug).
        let rows = Int32(truncatingIfNeeded: rowCount)
        let columns = Int32(truncatingIfNeeded: columnCount)
        assert(Int(rows) == rowCount && Int(columns) == columnCount)
        storage.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { destination in
                cblas_domatcopy(CblasRowMajor, CblasTrans, rows, columns, 1,
                                source.baseAddress, columns, destination.baseAddress, rows)
            }
        }
        return Matrix(unchecked: columnCount, rowCount, result)
    }

    /// The product of this matrix and another, each optionally transposed, through `cblas_dgemm`.
    ///
    /// - Parameters:
    ///   - other: The right-hand factor.
    ///   - transposingSelf: Use this matrix's transpose as the left factor.
    ///   - transposingOther: Use `other`'s transpose as the right factor.
    /// - Returns: op(self) · op(other).
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when the inner
    ///   dimensions differ.
    /// - Complexity: O(m·n·k) floating-point operations, run by BLAS.
    public func multiplied(
        by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false
    ) throws -> Matrix {
        let left = transposingSelf ? MatrixShape(rows: columnCount, columns: rowCount) : shape
        let right = transposingOther ? MatrixShape(rows: other.columnCount, columns: other.rowCount) : other.shape
        guard left.columns == right.rows else {
            throw LinearAlgebraError.dimensionMismatch(operation: "matrix product", left: left, right: right)
        }
        var result = [Double](repeating: 0, count: left.rows * right.columns)
        // With an empty inner or outer dimension the product is all zeros (or empty), and BLAS
        // would reject the leading dimension 0.
        guard left.rows > 0, right.columns > 0, left.columns > 0 else {
            return Matrix(unchecked: left.rows, right.columns, result)
        }
        let m = try blasInt(left.rows), n = try blasInt(right.columns), k = try blasInt(left.columns)
        let lda = try blasInt(columnCount), ldb = try blasInt(other.columnCount)
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasRowMajor,
                                transposingSelf ? CblasTrans : CblasNoTrans,
                                transposingOther ? CblasTrans : CblasNoTrans,
                                m, n, k, 1, a.baseAddress, lda, b.baseAddress, ldb, 0, c.baseAddress, n)
                }
            }
        }
        return Matrix(unchecked: left.rows, right.columns, result)
    }

    /// The product of this matrix, optionally transposed, and a vector, through `cblas_dgemv`.
    ///
    /// - Parameters:
    ///   - vector: The right-hand vector; its length must equal the inner dimension.
    ///   - transposingSelf: Multiply by this matrix's transpose.
    /// - Returns: op(self) · vector.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when the vector
    ///   has the wrong length.
    public func multiplied(by vector: [Double], transposingSelf: Bool = false) throws -> [Double] {
        let left = transposingSelf ? MatrixShape(rows: columnCount, columns: rowCount) : shape
        guard vector.count == left.columns else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "matrix-vector product", left: left, right: MatrixShape(rows: vector.count, columns: 1))
        }
        var result = [Double](repeating: 0, count: left.rows)
        guard rowCount > 0, columnCount > 0 else { return result }
        let rows = try blasInt(rowCount), columns = try blasInt(columnCount)
        storage.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasRowMajor, transposingSelf ? CblasTrans : CblasNoTrans,
                                rows, columns, 1, a.baseAddress, columns, x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return result
    }
}
