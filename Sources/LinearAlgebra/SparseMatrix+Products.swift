import Dispatch

extension SparseMatrix {
    /// The product A·X of this matrix and a dense one.
    ///
    /// Each stored entry a(i, j) adds a(i, j)·X[j, :] to row i of the result, a contiguous
    /// update on row-major storage. Large products split the rows among the cores; each row of
    /// the result is still summed by one thread in entry order, so the bits do not depend on
    /// the number of threads.
    ///
    /// - Parameter dense: An n×k matrix, where n is this matrix's ``columnCount``.
    /// - Returns: The m×k product.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when
    ///   `dense.rowCount != columnCount`.
    /// - Complexity: O(nnz × k).
    public func multiply(_ dense: Matrix) throws -> Matrix {
        guard dense.rowCount == columnCount else {
            throw LinearAlgebraError.dimensionMismatch(operation: "sparse × dense product", left: shape, right: dense.shape)
        }
        let width = dense.columnCount
        var result = Matrix(rowCount: rowCount, columnCount: width)
        guard width > 0 else { return result }
        // Blocks of about a million multiply-adds each, so that small products stay on one thread.
        let blocks = max(1, min(rowCount, 256, nonZeroCount * width / 1_000_000))
        dense.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { output in
                rowOffsets.withUnsafeBufferPointer { offsets in
                    columnIndices.withUnsafeBufferPointer { columns in
                        values.withUnsafeBufferPointer { values in
                            let product = RowGather(
                                offsets: offsets, columns: columns, values: values, x: x, output: output, width: width)
                            let rows = rowCount
                            let run: @Sendable (Int) -> Void = { block in
                                product.rows(rows * block / blocks..<rows * (block + 1) / blocks)
                            }
                            if blocks == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: blocks, execute: run) }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The product Aᵀ·X of this matrix's transpose and a dense one, without forming Aᵀ.
    ///
    /// - Parameter dense: An m×k matrix, where m is this matrix's ``rowCount``.
    /// - Returns: The n×k product.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when
    ///   `dense.rowCount != rowCount`.
    /// - Complexity: O(nnz × k).
    public func transposeMultiply(_ dense: Matrix) throws -> Matrix {
        guard dense.rowCount == rowCount else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "sparse-transpose × dense product",
                left: MatrixShape(rows: columnCount, columns: rowCount), right: dense.shape)
        }
        let width = dense.columnCount
        var result = Matrix(rowCount: columnCount, columnCount: width)
        guard width > 0 else { return result }
        dense.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { output in
                for row in 0..<rowCount {
                    let source = x.baseAddress! + row * width
                    for position in rowOffsets[row]..<rowOffsets[row + 1] {
                        let value = values[position]
                        let target = output.baseAddress! + columnIndices[position] * width
                        for index in 0..<width { target[index] += value * source[index] }
                    }
                }
            }
        }
        return result
    }

    /// The product A·x of this matrix and a vector.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when the
    ///   vector's length is not ``columnCount``.
    /// - Complexity: O(nnz).
    public func multiply(_ vector: [Double]) throws -> [Double] {
        try multiply(Matrix(rowCount: vector.count, columnCount: 1, storage: vector)).storage
    }

    /// The product Aᵀ·x of this matrix's transpose and a vector.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when the
    ///   vector's length is not ``rowCount``.
    /// - Complexity: O(nnz).
    public func transposeMultiply(_ vector: [Double]) throws -> [Double] {
        try transposeMultiply(Matrix(rowCount: vector.count, columnCount: 1, storage: vector)).storage
    }

    /// The transpose, in CSR form (equivalently, this matrix in compressed sparse column form).
    ///
    /// - Complexity: O(nnz + rowCount + columnCount).
    public func transposed() -> SparseMatrix {
        var offsets = [Int](repeating: 0, count: columnCount + 1)
        for column in columnIndices { offsets[column + 1] += 1 }
        for column in 0..<columnCount { offsets[column + 1] += offsets[column] }
        var next = offsets
        var rows = [Int](repeating: 0, count: nonZeroCount)
        var transposedValues = [Double](repeating: 0, count: nonZeroCount)
        // Visiting rows in increasing order leaves each transposed row's columns sorted.
        for row in 0..<rowCount {
            for position in rowOffsets[row]..<rowOffsets[row + 1] {
                let column = columnIndices[position]
                rows[next[column]] = row
                transposedValues[next[column]] = values[position]
                next[column] += 1
            }
        }
        return SparseMatrix(unchecked: columnCount, rowCount, offsets, rows, transposedValues)
    }

    /// The Gram matrix A·Aᵀ of the rows, as a dense m×m symmetric matrix.
    ///
    /// It is accumulated column by column: every pair of entries (i, c), (j, c) sharing a
    /// column c adds a(i, c)·a(j, c) to G[i, j]. No dense copy of A is made, and the work is
    /// proportional to the products that are actually non-zero. For AᵀA, call
    /// `transposed().gram()`.
    ///
    /// - Complexity: O(Σ_c nnz(c)² + m²) time, where nnz(c) counts column c's entries;
    ///   at most O(m·nnz). O(m²) memory.
    public func gram() -> Matrix {
        let columns = transposed()
        let size = rowCount
        var gram = Matrix(rowCount: size, columnCount: size)
        guard size > 0 else { return gram }
        gram.withUnsafeMutableBufferPointer { output in
            let base = output.baseAddress!
            columns.rowOffsets.withUnsafeBufferPointer { offsets in
                columns.columnIndices.withUnsafeBufferPointer { rows in
                    columns.values.withUnsafeBufferPointer { entries in
                        for column in 0..<columns.rowCount {
                            let start = offsets[column], end = offsets[column + 1]
                            // Rows are increasing within a column, so only the upper triangle is touched.
                            for first in start..<end {
                                let value = entries[first]
                                let target = base + rows[first] * size
                                for second in first..<end {
                                    target[rows[second]] += value * entries[second]
                                }
                            }
                        }
                    }
                }
            }
            for row in 0..<size {
                for column in 0..<row { base[row * size + column] = base[column * size + row] }
            }
        }
        return gram
    }
}

/// The buffers of one sparse × dense product. Blocks write disjoint rows of `output`, which
/// Swift cannot prove, hence `@unchecked Sendable`.
private struct RowGather: @unchecked Sendable {
    let offsets: UnsafeBufferPointer<Int>
    let columns: UnsafeBufferPointer<Int>
    let values: UnsafeBufferPointer<Double>
    let x: UnsafeBufferPointer<Double>
    let output: UnsafeMutableBufferPointer<Double>
    let width: Int

    func rows(_ range: Range<Int>) {
        for row in range {
            let target = output.baseAddress! + row * width
            for position in offsets[row]..<offsets[row + 1] {
                let value = values[position]
                let source = x.baseAddress! + columns[position] * width
                for index in 0..<width { target[index] += value * source[index] }
            }
        }
    }
}
