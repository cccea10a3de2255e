import LinearAlgebra
import RecbookSupport
import Testing

@Suite struct SparseMatrixTests {
    /// [[0, 2, 0, 1],
    ///  [0, 0, 0, 0],
    ///  [3, 0, 4, 0]], given out of order.
    let a = try! SparseMatrix(
        rowCount: 3, columnCount: 4,
        entries: [(2, 2, 4), (0, 3, 1), (2, 0, 3), (0, 1, 2)])

    /// Triplets in any order, with empty rows and repeated positions, give the CSR arrays that
    /// sorting by (row, column) gives, duplicates summed in input order.
    @Test func tripletsInAnyOrderGiveSortedRowsAndSummedDuplicates() throws {
        // scipy.sparse.coo_matrix((v, (r, c)), shape=(5, 4)).tocsr() with sum_duplicates():
        // indptr [0, 2, 2, 3, 3, 5], indices [0, 3, 1, 0, 2], data [7.5, 2, 4, 1, 3.25].
        let rows = [4, 0, 2, 0, 4, 0, 4], columns = [2, 3, 1, 0, 0, 0, 2]
        let values = [1.0, 2, 4, 5, 1, 2.5, 2.25]
        let matrix = try SparseMatrix(rowCount: 5, columnCount: 4, rowIndices: rows, columnIndices: columns, values: values, duplicates: .sum)
        #expect(matrix.rowOffsets == [0, 2, 2, 3, 3, 5])
        #expect(matrix.columnIndices == [0, 3, 1, 0, 2])
        #expect(matrix.values == [7.5, 2, 4, 1, 3.25])
        #expect(throws: LinearAlgebraError.self) {
            try SparseMatrix(rowCount: 5, columnCount: 4, rowIndices: rows, columnIndices: columns, values: values)
        }
        let empty = try SparseMatrix(rowCount: 3, columnCount: 2, rowIndices: [], columnIndices: [], values: [])
        #expect(empty.rowOffsets == [0, 0, 0, 0] && empty.nonZeroCount == 0)
    }

    @Test func buildsSortedCompressedRows() {
        #expect(a.rowOffsets == [0, 2, 2, 4])
        #expect(a.columnIndices == [1, 3, 0, 2])
        #expect(a.values == [2, 1, 3, 4])
        #expect(a.nonZeroCount == 4)
        #expect(Array(a.row(2).columns) == [0, 2])
        #expect(Array(a.row(1).values) == [])
        #expect(a[2, 2] == 4)
        #expect(a[1, 3] == 0)
        #expect(a[0, 0] == 0)
    }

    @Test func densifiesAndSparsifies() throws {
        let dense = Matrix(a)
        #expect(dense.storage == [0, 2, 0, 1, 0, 0, 0, 0, 3, 0, 4, 0])
        #expect(SparseMatrix(dense) == a)
    }

    @Test func rejectsDuplicatesByDefault() {
        #expect(throws: LinearAlgebraError.self) {
            try SparseMatrix(rowCount: 2, columnCount: 2, entries: [(0, 1, 1), (1, 0, 2), (0, 1, 3)])
        }
    }

    @Test func sumsDuplicatesWhenAsked() throws {
        let summed = try SparseMatrix(
            rowCount: 2, columnCount: 2, entries: [(0, 1, 1), (1, 0, 2), (0, 1, 3)], duplicates: .sum)
        #expect(summed.values == [4, 2])
        #expect(summed.columnIndices == [1, 0])
    }

    @Test(arguments: [
        (row: 3, column: 0, value: 1.0),
        (row: 0, column: 4, value: 1.0),
        (row: -1, column: 0, value: 1.0),
        (row: 0, column: 0, value: Double.nan),
        (row: 0, column: 0, value: Double.infinity),
    ])
    func rejectsInvalidEntries(entry: (row: Int, column: Int, value: Double)) {
        #expect(throws: LinearAlgebraError.self) {
            try SparseMatrix(rowCount: 3, columnCount: 4, entries: [entry])
        }
    }

    @Test func rejectsTripletArraysOfDifferentLengths() {
        #expect(throws: LinearAlgebraError.self) {
            try SparseMatrix(rowCount: 2, columnCount: 2, rowIndices: [0], columnIndices: [0, 1], values: [1])
        }
    }

    @Test func multipliesDenseMatrices() throws {
        let x = try Matrix(rows: [[1, 0], [0, 1], [1, 1], [2, -1]])
        // Hand-computed A·X: row 0 = 2·[0,1] + 1·[2,-1] = [2, 1]; row 2 = 3·[1,0] + 4·[1,1] = [7, 4].
        #expect(try a.multiply(x).storage == [2, 1, 0, 0, 7, 4])
        let y = try Matrix(rows: [[1, 2], [5, 5], [-1, 1]])
        // Aᵀ·Y: row j of the result sums a(i, j)·Y[i, :].
        #expect(try a.transposeMultiply(y).storage == [-3, 3, 2, 4, -4, 4, 1, 2])
        #expect(try a.multiply([1, 1, 1, 1]) == [3, 0, 7])
        #expect(try a.transposeMultiply([1, 0, 1]) == [3, 2, 4, 1])
    }

    @Test func largeProductsSplitAmongThreadsGiveTheOneThreadBits() throws {
        // 2,000 × 300 at density 0.05 (≈ 30,000 entries) times 300 × 80: ≈ 2.4 M multiply-adds,
        // enough for the rows to be split among threads.
        let sparse = try randomSparseMatrix(rows: 2_000, columns: 300, density: 0.05, seed: 12)
        let dense = randomMatrix(rows: 300, columns: 80, seed: 13)
        let product = try sparse.multiply(dense)
        // The same sums, one row after another in entry order, on this thread.
        var serial = Matrix(rowCount: 2_000, columnCount: 80)
        for row in 0..<2_000 {
            let entries = sparse.row(row)
            for (column, value) in zip(entries.columns, entries.values) {
                for index in 0..<80 { serial[row, index] += value * dense[column, index] }
            }
        }
        #expect(product == serial)
        #expect(maxAbsoluteDifference(product, try Matrix(sparse).multiplied(by: dense)) < 1e-13)
    }

    @Test func rejectsMismatchedProducts() {
        #expect(throws: LinearAlgebraError.self) { try a.multiply(Matrix(rowCount: 3, columnCount: 2)) }
        #expect(throws: LinearAlgebraError.self) { try a.transposeMultiply(Matrix(rowCount: 4, columnCount: 2)) }
    }

    @Test func transposes() {
        let t = a.transposed()
        #expect(t.shape == MatrixShape(rows: 4, columns: 3))
        #expect(Matrix(t) == Matrix(a).transposed())
        #expect(t.transposed() == a)
    }

    @Test func gramMatchesDenseProduct() throws {
        // Hand-computed A·Aᵀ: [[5, 0, 0], [0, 0, 0], [0, 0, 25]].
        #expect(a.gram().storage == [5, 0, 0, 0, 0, 0, 0, 0, 25])
    }

    @Test func gramAgreesWithTransposeMultiply() throws {
        let random = try randomSparseMatrix(rows: 40, columns: 70, density: 0.1, seed: 7)
        let dense = Matrix(random)
        // A·(Aᵀ·I) goes through the two sparse products; A·Aᵀ through BLAS on a dense copy.
        let viaProducts = try random.multiply(random.transposeMultiply(Matrix.identity(40)))
        let viaBLAS = try dense.multiplied(by: dense, transposingOther: true)
        #expect(maxAbsoluteDifference(random.gram(), viaProducts) < 1e-13)
        #expect(maxAbsoluteDifference(random.gram(), viaBLAS) < 1e-13)
        let columnGram = random.transposed().gram()
        #expect(maxAbsoluteDifference(columnGram, try dense.multiplied(by: dense, transposingSelf: true)) < 1e-13)
    }

    @Test func roundTripsThroughBinaryCoding() throws {
        var writer = BinaryWriter()
        writer.write(a)
        var reader = BinaryReader(writer.data)
        #expect(try reader.read(SparseMatrix.self) == a)
    }

    @Test func rejectsCorruptBinaryData() {
        var writer = BinaryWriter()
        writer.write(UInt64(2))
        writer.write(UInt64(2))
        writer.writeArray([Int64(0), 2, 2])
        writer.writeArray([Int64(1), 0])  // columns out of order within row 0
        writer.writeArray([1.0, 2.0])
        var reader = BinaryReader(writer.data)
        #expect(throws: BinaryDecodingError.self) { try reader.read(SparseMatrix.self) }
    }
}
