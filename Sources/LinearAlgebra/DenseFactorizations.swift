import CLapack

/// An orthonormal basis of a tall matrix's column space, from a Householder QR factorisation
/// (`dgeqrf`, then `dorgqr` to form Q explicitly).
///
/// - Parameter matrix: An m×l matrix with m ≥ l.
/// - Returns: The m×l factor Q, whose columns are orthonormal and span the columns of `matrix`
///   (when it has full column rank).
func orthonormalBasis(of matrix: Matrix) throws -> Matrix {
    let rows = matrix.rowCount, columns = matrix.columnCount
    precondition(rows >= columns, "a QR basis needs a tall matrix")
    guard columns > 0 else { return matrix }
    let m = try blasInt(rows), n = try blasInt(columns)
    var storage = matrix.storage
    var reflectors = [Double](repeating: 0, count: columns)
    var info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, m, n, &storage, n, &reflectors)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgeqrf", info: Int(info)) }
    info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, m, n, n, &storage, n, &reflectors)
    guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dorgqr", info: Int(info)) }
    return Matrix(unchecked: rows, columns, storage)
}

/// A thin singular value decomposition of a small dense matrix, A = U·diag(s)·Vᵀ, by LAPACK's
/// divide-and-conquer `dgesdd`.
struct ThinSVD {
    /// m×r, orthonormal columns, r = min(m, n).
    var u: Matrix
    /// r singular values, largest first.
    var singularValues: [Double]
    /// r×n, orthonormal rows.
    var vt: Matrix

    init(_ matrix: Matrix) throws {
        let rows = matrix.rowCount, columns = matrix.columnCount
        let rank = min(rows, columns)
        guard rank > 0 else {
            u = Matrix(rowCount: rows, columnCount: 0)
            singularValues = []
            vt = Matrix(rowCount: 0, columnCount: columns)
            return
        }
        let m = try blasInt(rows), n = try blasInt(columns), r = try blasInt(rank)
        var storage = matrix.storage
        var values = [Double](repeating: 0, count: rank)
        var left = [Double](repeating: 0, count: rows * rank)
        var right = [Double](repeating: 0, count: rank * columns)
        let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "S")), m, n, &storage, n,
                                  &values, &left, r, &right, n)
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dgesdd", info: Int(info)) }
        u = Matrix(unchecked: rows, rank, left)
        singularValues = values
        vt = Matrix(unchecked: rank, columns, right)
    }
}
