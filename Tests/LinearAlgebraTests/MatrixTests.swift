import LinearAlgebra
import RecbookSupport
import Testing

@Suite struct MatrixTests {
    let a = try! Matrix(rows: [[1, 2, 3], [4, 5, 6]])

    @Test func storesRowMajor() {
        #expect(a.shape == MatrixShape(rows: 2, columns: 3))
        #expect(a.storage == [1, 2, 3, 4, 5, 6])
        #expect(a[1, 0] == 4)
        #expect(Array(a.row(1)) == [4, 5, 6])
        #expect(a.column(2) == [3, 6])
    }

    @Test func rejectsStorageOfTheWrongSize() {
        #expect(throws: LinearAlgebraError.self) { try Matrix(rowCount: 2, columnCount: 2, storage: [1, 2, 3]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rows: [[1, 2], [3]]) }
        #expect(throws: LinearAlgebraError.self) { try Matrix(rowCount: -1, columnCount: 2, storage: []) }
    }

    @Test func mutatesElementsAndRows() {
        var matrix = a
        matrix[0, 1] = 9
        matrix.setRow(1, to: [7, 8, 9])
        #expect(matrix.storage == [1, 9, 3, 7, 8, 9])
    }

    @Test func gathersRows() {
        #expect(a.rows([1, 1, 0]).storage == [4, 5, 6, 4, 5, 6, 1, 2, 3])
        #expect(a.rows([]).shape == MatrixShape(rows: 0, columns: 3))
    }

    @Test func transposes() throws {
        let t = a.transposed()
        #expect(t.shape == MatrixShape(rows: 3, columns: 2))
        #expect(t.storage == [1, 4, 2, 5, 3, 6])
        #expect(Matrix(rowCount: 0, columnCount: 4).transposed().shape == MatrixShape(rows: 4, columns: 0))
    }

    @Test func multipliesWithEveryTranspositionFlag() throws {
        let b = try Matrix(rows: [[1, 0], [2, 1], [0, 3]])  // 3×2
        // Hand-computed: A·B = [[1+4+0, 0+2+9], [4+10+0, 0+5+18]].
        #expect(try a.multiplied(by: b).storage == [5, 11, 14, 23])
        // Aᵀ·A = [[17, 22, 27], [22, 29, 36], [27, 36, 45]].
        #expect(try a.multiplied(by: a, transposingSelf: true).storage == [17, 22, 27, 22, 29, 36, 27, 36, 45])
        // A·Aᵀ = [[14, 32], [32, 77]].
        #expect(try a.multiplied(by: a, transposingOther: true).storage == [14, 32, 32, 77])
        // Bᵀ·Aᵀ = (A·B)ᵀ.
        #expect(try b.multiplied(by: a, transposingSelf: true, transposingOther: true).storage == [5, 14, 11, 23])
    }

    @Test func rejectsMismatchedProducts() {
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: a) }
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1, 2]) }
    }

    @Test func handlesEmptyInnerDimensions() throws {
        let left = Matrix(rowCount: 2, columnCount: 0)
        let right = Matrix(rowCount: 0, columnCount: 3)
        #expect(try left.multiplied(by: right) == Matrix(rowCount: 2, columnCount: 3))
    }

    @Test func multipliesVectors() throws {
        #expect(try a.multiplied(by: [1, 0, -1]) == [-2, -2])
        #expect(try a.multiplied(by: [1, 1], transposingSelf: true) == [5, 7, 9])
    }

    @Test func roundTripsThroughBinaryCoding() throws {
        var writer = BinaryWriter()
        writer.write(a)
        var reader = BinaryReader(writer.data)
        #expect(try reader.read(Matrix.self) == a)
        #expect(reader.isAtEnd)
    }

    @Test func rejectsCorruptBinaryData() throws {
        var writer = BinaryWriter()
        writer.write(UInt64(2))
        writer.write(UInt64(2))
        writer.writeArray([1.0, 2, 3])
        var reader = BinaryReader(writer.data)
        #expect(throws: BinaryDecodingError.self) { try reader.read(Matrix.self) }
    }
}
