@testable import LinearAlgebra
import RecbookSupport
import Testing

@Suite struct SparseGramOperatorTests {
    /// Bᵀ·(B·x) by two BLAS `dgemv` calls on a dense copy, independent of the one-pass kernel.
    private func denseReference(_ matrix: SparseMatrix, _ x: [Double]) throws -> [Double] {
        let dense = Matrix(matrix)
        return try dense.multiplied(by: dense.multiplied(by: x), transposingSelf: true)
    }

    private func applied(_ gram: SparseGramOperator, to x: [Double], concurrently: Bool) -> [Double] {
        var output = [Double](repeating: .nan, count: gram.dimension)
        var scratch = [Double](repeating: .nan, count: gram.scratchCount)
        x.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    gram.apply(input, into: output, scratch: scratch, concurrently: concurrently)
                }
            }
        }
        return output
    }

    /// 400 × 60 at density 0.25: about 6,000 entries, so 800 entries a part gives 7 parts and
    /// 10 a part gives the most, 16.
    @Test(arguments: [(entriesPerPart: 100_000, parts: 1), (800, 7), (10, 16)])
    func matchesDenseProductsWithAnyNumberOfParts(split: (entriesPerPart: Int, parts: Int)) throws {
        let matrix = try randomSparseMatrix(rows: 400, columns: 60, density: 0.25, offset: 0.5, seed: 21)
        let gram = try SparseGramOperator(matrix, entriesPerPart: split.entriesPerPart)
        #expect(gram.dimension == 60)
        #expect(gram.partCount == split.parts)
        #expect(gram.scratchCount == (split.parts + 1) * 60)
        let x = randomMatrix(rows: 60, columns: 1, seed: 3).storage
        let reference = try denseReference(matrix, x)
        let scale = reference.map(abs).max()!
        let concurrent = applied(gram, to: x, concurrently: true)
        #expect(maxAbsoluteDifference(concurrent, reference) < 1e-13 * scale)
        // The parts are fixed by the matrix, so running them on one thread or several gives
        // the same bits: results do not depend on the number of cores.
        #expect(applied(gram, to: x, concurrently: false) == concurrent)
    }

    @Test func partsSplitTheEntriesEvenlyAndNeverExceedTheRows() throws {
        let matrix = try randomSparseMatrix(rows: 400, columns: 60, density: 0.25, seed: 5)
        let boundaries = try SparseGramOperator(matrix, entriesPerPart: 800).partBoundaries
        #expect(boundaries.first == 0 && boundaries.last == 400)
        let sizes = zip(boundaries, boundaries.dropFirst()).map { matrix.rowOffsets[$1] - matrix.rowOffsets[$0] }
        // Each part ends at the first row boundary past its share, so parts differ by at most a row (≤ 60 entries).
        #expect(sizes.max()! - sizes.min()! <= 2 * 60)
        let threeRows = try randomSparseMatrix(rows: 3, columns: 60, density: 0.5, seed: 6)
        #expect(try SparseGramOperator(threeRows, entriesPerPart: 1).partCount == 3)
    }

    @Test func numbersColumnsByDecreasingEntriesWithoutChangingTheResult() throws {
        // Column 2 has three entries, column 1 two, columns 0 and 3 one each (ties by column).
        let sparse = try SparseMatrix(rowCount: 3, columnCount: 4, entries: [
            (0, 2, 1), (1, 2, 2), (2, 2, -1), (0, 1, 3), (1, 1, 1), (2, 0, 2), (1, 3, 0.5),
        ])
        let gram = try SparseGramOperator(sparse, entriesPerPart: 2)
        #expect(gram.columnOrder == [2, 1, 0, 3])
        // B·x for x = [1, 2, 3, 4]: rows 3 + 6 = 9, 2 + 6 + 2 = 10, 2 − 3 = −1;
        // Bᵀ·(B·x) = [2·(−1), 3·9 + 1·10, 1·9 + 2·10 − 1·(−1), 0.5·10] = [−2, 37, 30, 5].
        #expect(applied(gram, to: [1, 2, 3, 4], concurrently: true) == [-2, 37, 30, 5])
    }

    @Test func emptyRowsAndAnEmptyMatrixGiveZeros() throws {
        let sparse = try SparseMatrix(
            rowCount: 5, columnCount: 3, entries: [(1, 0, 2), (1, 2, -1), (4, 1, 3)])
        // B = [[0,0,0],[2,0,-1],[0,0,0],[0,0,0],[0,3,0]]; BᵀB = [[4,0,-2],[0,9,0],[-2,0,1]].
        let gram = try SparseGramOperator(sparse, entriesPerPart: 1)
        #expect(applied(gram, to: [1, 1, 1], concurrently: true) == [2, 9, -1])
        let empty = try SparseMatrix(rowCount: 4, columnCount: 3, entries: [])
        #expect(applied(try SparseGramOperator(empty), to: [1, 2, 3], concurrently: true) == [0, 0, 0])
    }
}
