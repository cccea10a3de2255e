import Dispatch
import Foundation

/// The Gram operator x ↦ A·(Aᵀ·x) of a sparse matrix, applied without forming A·Aᵀ.
///
/// Both products are gathers over CSR rows (Aᵀ·x over the rows of a stored transpose), so each
/// output entry is one sequential sum written by one thread: the rows are split among the cores
/// and the result is the same bit for bit however many there are.
struct SparseGramOperator {
    /// A, m×n.
    let matrix: SparseMatrix
    /// Aᵀ in CSR form, n×m.
    let transpose: SparseMatrix
    private let matrixChunks: [Int]
    private let transposeChunks: [Int]

    /// - Parameters:
    ///   - matrix: A.
    ///   - transpose: Aᵀ when the caller already has it; computed otherwise.
    init(_ matrix: SparseMatrix, transpose: SparseMatrix? = nil) {
        self.matrix = matrix
        self.transpose = transpose ?? matrix.transposed()
        matrixChunks = Self.balancedChunks(matrix)
        transposeChunks = Self.balancedChunks(self.transpose)
    }

    /// The operator's order, m.
    var dimension: Int { matrix.rowCount }

    /// Writes A·(Aᵀ·x) into `output`.
    func apply(_ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        var intermediate = [Double](repeating: 0, count: transpose.rowCount)
        intermediate.withUnsafeMutableBufferPointer { middle in
            Self.gather(transpose, chunks: transposeChunks, from: input, into: middle)
            Self.gather(matrix, chunks: matrixChunks, from: UnsafeBufferPointer(middle), into: output)
        }
    }

    /// Row boundaries that split the stored entries into about equal parts, several per core so
    /// that a slow core does not hold the others up.
    private static func balancedChunks(_ matrix: SparseMatrix) -> [Int] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let parts = max(1, min(matrix.rowCount, cores * 8, matrix.nonZeroCount / 50_000))
        var boundaries = [0]
        var row = 0
        for part in 1..<parts {
            let target = matrix.nonZeroCount * part / parts
            while row < matrix.rowCount, matrix.rowOffsets[row] < target { row += 1 }
            if row > boundaries.last! { boundaries.append(row) }
        }
        if boundaries.last! < matrix.rowCount { boundaries.append(matrix.rowCount) }
        return boundaries
    }

    /// y = M·x, the rows of each chunk summed by one thread.
    private static func gather(
        _ matrix: SparseMatrix, chunks: [Int],
        from input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>
    ) {
        matrix.rowOffsets.withUnsafeBufferPointer { offsets in
            matrix.columnIndices.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    let work = GatherBuffers(offsets: offsets, columns: columns, values: values, input: input, output: output)
                    let run: @Sendable (Int) -> Void = { chunk in work.rows(chunks[chunk]..<chunks[chunk + 1]) }
                    if chunks.count > 2 {
                        DispatchQueue.concurrentPerform(iterations: chunks.count - 1, execute: run)
                    } else if chunks.count == 2 {
                        run(0)
                    }
                }
            }
        }
    }
}

/// The buffers of one gather. Chunks write disjoint rows of `output`, which Swift cannot prove,
/// hence `@unchecked Sendable`.
private struct GatherBuffers: @unchecked Sendable {
    let offsets: UnsafeBufferPointer<Int>
    let columns: UnsafeBufferPointer<Int>
    let values: UnsafeBufferPointer<Double>
    let input: UnsafeBufferPointer<Double>
    let output: UnsafeMutableBufferPointer<Double>

    func rows(_ range: Range<Int>) {
        for row in range {
            var sum = 0.0
            for position in offsets[row]..<offsets[row + 1] {
                sum += values[position] * input[columns[position]]
            }
            output[row] = sum
        }
    }
}
