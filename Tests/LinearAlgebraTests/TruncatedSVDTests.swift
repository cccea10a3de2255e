import CLapack
import Foundation
import LinearAlgebra
import RecbookSupport
import Testing

/// Singular values of a dense copy by LAPACK's `dgesdd`, independent of the code under test.
private func denseSingularValues(_ matrix: SparseMatrix) -> [Double] {
    var storage = Matrix(matrix).storage
    let m = Int32(matrix.rowCount), n = Int32(matrix.columnCount)
    var values = [Double](repeating: 0, count: min(matrix.rowCount, matrix.columnCount))
    // With jobz "N" no vectors are written, but LAPACKE's row-major wrapper still checks that
    // the leading dimension of Vᵀ is at least n.
    var unusedU = [Double](repeating: 0, count: 1), unusedVt = [Double](repeating: 0, count: Int(n))
    let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), m, n, &storage, n,
                              &values, &unusedU, 1, &unusedVt, n)
    precondition(info == 0)
    return values
}

/// UᵀU − I and V·Vᵀ − I, as largest absolute deviations.
private func orthonormalityErrors(_ svd: TruncatedSVD) throws -> (u: Double, v: Double) {
    let identity = Matrix.identity(svd.rank)
    let uu = try svd.u.multiplied(by: svd.u, transposingSelf: true)
    let vv = try svd.vt.multiplied(by: svd.vt, transposingOther: true)
    return (maxAbsoluteDifference(uu, identity), maxAbsoluteDifference(vv, identity))
}

/// A dense rank-`rank` matrix X·Y with uniform random factors, stored sparse.
private func plantedLowRank(rows: Int, columns: Int, rank: Int, seed: UInt64) throws -> SparseMatrix {
    let left = randomMatrix(rows: rows, columns: rank, seed: seed)
    let right = randomMatrix(rows: rank, columns: columns, seed: seed + 1)
    return SparseMatrix(try left.multiplied(by: right))
}

private let methods: [TruncatedSVD.Method] = [
    .gram,
    .arpack,
    .randomized(.init(oversampling: 10, powerIterations: 4, seed: 3)),
]

@Suite struct TruncatedSVDTests {
    /// A 6×5 matrix whose reference decomposition was printed by scipy 1.17:
    /// `u, s, vt = svds(csr_matrix(A), k=3)`, then `u[:, ::-1]`, `s[::-1]`, `vt[::-1]`.
    let small = try! SparseMatrix(Matrix(rows: [
        [4, 0, 0, 1, 0], [0, 3, 0, 0, 2], [1, 0, 5, 0, 0],
        [0, 0, 0, 2, 0], [0, 1, 0, 0, 3], [2, 0, 0, 0, 1],
    ]))

    @Test(arguments: [TruncatedSVD.Method.gram, .arpack, .randomized(.init(oversampling: 3, powerIterations: 30))])
    func matchesScipyOnASmallMatrix(method: TruncatedSVD.Method) throws {
        let svd = try TruncatedSVD(of: small, rank: 3, method: method)
        #expect(maxAbsoluteDifference(svd.singularValues, [5.361049028831065, 4.644993094854731, 4.243041357282566]) < 1e-12)
        // scipy's columns each have a negative largest-magnitude entry, so our sign rule flips all three.
        let scipyU: [[Double]] = [
            [-0.45975723541524516, -0.19312303130034952, -0.7469312209937295],
            [-0.07284711959808493, -0.6817727057609929, 0.30463300803884497],
            [-0.8473832493414855, 0.28692285127019274, 0.4461814708283127],
            [-0.03716584490293935, -0.02197581491388395, -0.1066785528011895],
            [-0.07368407881190113, -0.5944433591740386, 0.23382340708771343],
            [-0.24175931603011888, -0.24843290074472124, -0.29010494183595387],
        ]
        let scipyVt: [[Double]] = [
            [-0.5912892805149149, -0.0545090030019505, -0.7903147730829937, -0.09962395836129444, -0.11350498538430145],
            [-0.21150409814578475, -0.5683025620384855, 0.30885175221037253, -0.05103875426439829, -0.7309609122023916],
            [-0.7357348264966772, 0.2704952260798375, 0.5257802520148744, -0.22632075573524943, 0.2405423868313493],
        ]
        let expectedU = try Matrix(rows: scipyU.map { $0.map { -$0 } })
        let expectedVt = try Matrix(rows: scipyVt.map { $0.map { -$0 } })
        #expect(maxAbsoluteDifference(svd.u, expectedU) < 1e-10)
        #expect(maxAbsoluteDifference(svd.vt, expectedVt) < 1e-10)
    }

    @Test(arguments: methods, [(rows: 30, columns: 50), (rows: 50, columns: 30)])
    func recoversAPlantedLowRankMatrix(method: TruncatedSVD.Method, shape: (rows: Int, columns: Int)) throws {
        let planted = try plantedLowRank(rows: shape.rows, columns: shape.columns, rank: 4, seed: 11)
        let svd = try TruncatedSVD(of: planted, rank: 4, method: method)
        #expect(svd.u.shape == MatrixShape(rows: shape.rows, columns: 4))
        #expect(svd.vt.shape == MatrixShape(rows: 4, columns: shape.columns))
        #expect(maxAbsoluteDifference(try svd.reconstructed(), Matrix(planted)) < 1e-10)
        let errors = try orthonormalityErrors(svd)
        #expect(errors.u < 1e-12)
        #expect(errors.v < 1e-12)
    }

    @Test(arguments: [(rows: 60, columns: 40), (rows: 40, columns: 60)])
    func singularValuesMatchADenseDecomposition(shape: (rows: Int, columns: Int)) throws {
        let matrix = try randomSparseMatrix(rows: shape.rows, columns: shape.columns, density: 0.2, seed: 5)
        let svd = try TruncatedSVD(of: matrix, rank: 8)
        let reference = Array(denseSingularValues(matrix).prefix(8))
        #expect(maxAbsoluteDifference(svd.singularValues, reference) < 1e-12)
        let errors = try orthonormalityErrors(svd)
        #expect(errors.u < 1e-12)
        #expect(errors.v < 1e-12)
        // Each triplet satisfies A·vᵢ = σᵢ·uᵢ.
        let av = try matrix.multiply(svd.vt.transposed())
        for component in 0..<8 {
            let scaled = svd.u.column(component).map { $0 * svd.singularValues[component] }
            #expect(maxAbsoluteDifference(av.column(component), scaled) < 1e-12)
        }
    }

    @Test func bothMethodsAgreeOnARandomSparseMatrix() throws {
        // Ratings-like: positive entries give one dominant singular value and a slowly decaying rest.
        let matrix = try randomSparseMatrix(rows: 300, columns: 200, density: 0.05, offset: 2, seed: 42)
        let exact = try TruncatedSVD(of: matrix, rank: 10, method: .gram)
        let randomized = try TruncatedSVD(
            of: matrix, rank: 10, method: .randomized(.init(oversampling: 20, powerIterations: 40, seed: 1)))
        let reference = Array(denseSingularValues(matrix).prefix(10))
        #expect(maxAbsoluteDifference(exact.singularValues, reference) < 1e-12)
        #expect(maxAbsoluteDifference(randomized.singularValues, reference) < 1e-8)
        // Same vectors, same signs.
        #expect(maxAbsoluteDifference(exact.u, randomized.u) < 1e-5)
        #expect(maxAbsoluteDifference(exact.vt, randomized.vt) < 1e-5)
    }

    @Test(arguments: [(rows: 300, columns: 200), (rows: 200, columns: 300)])
    func arpackAgreesWithTheGramRouteAndADenseDecomposition(shape: (rows: Int, columns: Int)) throws {
        // k = 10 with ncv = 21 Lanczos vectors on a slowly decaying spectrum: ARPACK restarts
        // several times before it converges.
        let matrix = try randomSparseMatrix(rows: shape.rows, columns: shape.columns, density: 0.05, offset: 2, seed: 42)
        let arpack = try TruncatedSVD(of: matrix, rank: 10, method: .arpack)
        let gram = try TruncatedSVD(of: matrix, rank: 10, method: .gram)
        let reference = Array(denseSingularValues(matrix).prefix(10))
        #expect(maxAbsoluteDifference(arpack.singularValues, reference) < 1e-12)
        #expect(maxAbsoluteDifference(arpack.u, gram.u) < 1e-9)
        #expect(maxAbsoluteDifference(arpack.vt, gram.vt) < 1e-9)
        let errors = try orthonormalityErrors(arpack)
        #expect(errors.u < 1e-12)
        #expect(errors.v < 1e-12)
    }

    @Test func arpackGivesTheSameBitsWhenRunConcurrently() throws {
        // ARPACK keeps its state between reverse-communication calls in Fortran SAVE variables;
        // overlapping decompositions must take turns, and each must start from the same seeded vector.
        let matrix = try randomSparseMatrix(rows: 120, columns: 90, density: 0.1, seed: 8)
        let serial = try TruncatedSVD(of: matrix, rank: 6, method: .arpack)
        let results = ConcurrentResults(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            results.set(index, try? TruncatedSVD(of: matrix, rank: 6, method: .arpack))
        }
        for index in 0..<4 { #expect(results.get(index) == serial) }
    }

    @Test(arguments: methods)
    func fixesSignsByTheLargestLeftEntry(method: TruncatedSVD.Method) throws {
        let matrix = try randomSparseMatrix(rows: 45, columns: 35, density: 0.3, seed: 9)
        let svd = try TruncatedSVD(of: matrix, rank: 6, method: method)
        for component in 0..<svd.rank {
            let column = svd.u.column(component)
            let largest = column.max { abs($0) < abs($1) } ?? 0
            #expect(largest > 0)
        }
    }

    @Test func reconstructsEntriesAndRowsLikeTheFullProduct() throws {
        let matrix = try randomSparseMatrix(rows: 20, columns: 30, density: 0.3, seed: 2)
        let svd = try TruncatedSVD(of: matrix, rank: 5)
        let full = try svd.reconstructed()
        for row in [0, 7, 19] {
            #expect(maxAbsoluteDifference(try svd.reconstructedRow(row), Array(full.row(row))) < 1e-14)
            for column in [0, 13, 29] {
                #expect(abs(svd.reconstructedEntry(row: row, column: column) - full[row, column]) < 1e-14)
            }
        }
    }

    @Test func randomizedRunsAreReproducible() throws {
        let matrix = try randomSparseMatrix(rows: 80, columns: 60, density: 0.1, seed: 4)
        let method = TruncatedSVD.Method.randomized(.init(oversampling: 5, powerIterations: 2, seed: 99))
        let svd = try TruncatedSVD(of: matrix, rank: 5, method: method)
        // Recorded from this seed; another seed (or a change in the algorithm) gives others.
        // Two power iterations approximate the exact values from below:
        // 3.41131, 3.12175, 3.01981, 2.87867, 2.79496 by the Gram method.
        let recorded = [3.3736460166719024, 3.0368507675687613, 2.92025128589996, 2.8259007976863737, 2.6697399253169074]
        #expect(maxAbsoluteDifference(svd.singularValues, recorded) < 1e-12)
        #expect(abs(svd.u[0, 0] - -0.013324714642902325) < 1e-12 && abs(svd.vt[0, 0] - 0.058306353983694215) < 1e-12)
        let exact = try TruncatedSVD(of: matrix, rank: 5, method: .gram)
        #expect(zip(svd.singularValues, exact.singularValues).allSatisfy { $0 <= $1 })
    }

    @Test(arguments: [0, -1, 5, 6])
    func rejectsRanksOutsideTheValidRange(rank: Int) {
        #expect(throws: LinearAlgebraError.self) { try TruncatedSVD(of: small, rank: rank) }
    }

    @Test func rejectsAMatrixTooSmallForAnyRank() throws {
        let row = try SparseMatrix(rowCount: 1, columnCount: 4, entries: [(0, 1, 2)])
        #expect(throws: LinearAlgebraError.self) { try TruncatedSVD(of: row, rank: 1) }
    }

    @Test func rejectsNegativeRandomizedOptions() {
        #expect(throws: LinearAlgebraError.self) {
            try TruncatedSVD(of: small, rank: 2, method: .randomized(.init(oversampling: -1)))
        }
    }

    @Test func roundTripsThroughBinaryCoding() throws {
        let svd = try TruncatedSVD(of: small, rank: 2)
        var writer = BinaryWriter()
        writer.write(svd)
        var reader = BinaryReader(writer.data)
        #expect(try reader.read(TruncatedSVD.self) == svd)

        var bumped = writer.data
        bumped[bumped.startIndex] = 99  // an unknown format version
        var badReader = BinaryReader(bumped)
        #expect(throws: BinaryDecodingError.self) { try badReader.read(TruncatedSVD.self) }
    }
}

/// Results written from several threads, one slot each.
private final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [TruncatedSVD?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: TruncatedSVD?) { lock.withLock { slots[index] = value } }
    func get(_ index: Int) -> TruncatedSVD? { lock.withLock { slots[index] } }
}
