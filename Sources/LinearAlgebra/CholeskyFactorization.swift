import CLapack

/// The Cholesky factorisation A = UᵀU of a symmetric positive-definite matrix, and the solves it
/// gives: recbook's one solver for such systems (ridge regressions, exact ALS rows, fold-ins,
/// the content regression of new movies).
///
/// The matrix is read as n × n column-major storage of which only the upper triangle counts,
/// which is LAPACK's layout for `uplo = 'U'`: a caller that accumulates a symmetric matrix need
/// fill only half of it. A ``Matrix`` is factored from its own upper triangle.
public struct CholeskyFactorization: Sendable {
    /// n, the order of the matrix.
    public let dimension: Int
    /// U in the upper triangle of column-major storage (the lower triangle is left as given).
    private let factor: [Double]

    /// Factors A by LAPACK's `dpotrf`.
    ///
    /// - Parameters:
    ///   - storage: A's n² elements, column-major; only the upper triangle is read.
    ///   - dimension: n.
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` when `storage` does not hold n²
    ///   elements, ``LinearAlgebraError/notPositiveDefinite(order:)`` when A is not positive
    ///   definite.
    /// - Complexity: O(n³).
    public init(upperTriangle storage: [Double], dimension: Int) throws {
        guard dimension >= 0, storage.count == dimension * dimension else {
            throw LinearAlgebraError.invalidShape("a Cholesky factorisation of order \(dimension) needs \(dimension * dimension) elements, got \(storage.count)")
        }
        self.dimension = dimension
        var factor = storage
        if dimension > 0 {
            let n = try blasInt(dimension)
            let info = factor.withUnsafeMutableBufferPointer { a in
                LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n, a.baseAddress, n)
            }
            try Self.check(info, routine: "dpotrf")
        }
        self.factor = factor
    }

    /// Factors a symmetric matrix (only its upper triangle is read).
    ///
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` for a matrix that is not square, or as
    ///   ``init(upperTriangle:dimension:)``.
    public init(_ matrix: Matrix) throws {
        guard matrix.rowCount == matrix.columnCount else {
            throw LinearAlgebraError.invalidShape("a Cholesky factorisation needs a square matrix, got \(matrix.shape)")
        }
        // The column-major storage of the matrix is the row-major storage of its transpose; a
        // product such as XᵀX need not be symmetric to the last bit, so read the triangle asked for.
        try self.init(upperTriangle: matrix.transposed().storage, dimension: matrix.rowCount)
    }

    /// Solves A·x = b by LAPACK's `dpotrs`.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when `b` does
    ///   not have n elements.
    /// - Complexity: O(n²).
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(columnMajor: b, rightHandSides: 1)
    }

    /// Solves A·X = B for every column of B at once.
    ///
    /// - Parameter b: An n × m matrix.
    /// - Returns: X, n × m.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when `b` does
    ///   not have n rows.
    /// - Complexity: O(n²·m).
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rowCount == dimension else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "Cholesky solve", left: MatrixShape(rows: dimension, columns: dimension), right: b.shape)
        }
        // LAPACK reads B column by column: the row-major storage of Bᵀ.
        let solution = try solve(columnMajor: b.transposed().storage, rightHandSides: b.columnCount)
        return Matrix(unchecked: b.columnCount, dimension, solution).transposed()
    }

    private func solve(columnMajor b: [Double], rightHandSides count: Int) throws -> [Double] {
        guard b.count == dimension * count else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "Cholesky solve", left: MatrixShape(rows: dimension, columns: dimension),
                right: MatrixShape(rows: count == 0 ? 0 : b.count / count, columns: count))
        }
        guard dimension > 0, count > 0 else { return b }
        var result = b
        var factor = self.factor
        let n = try blasInt(dimension), columns = try blasInt(count)
        let info = factor.withUnsafeMutableBufferPointer { a in
            result.withUnsafeMutableBufferPointer { x in
                LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n, columns, a.baseAddress, n, x.baseAddress, n)
            }
        }
        try Self.check(info, routine: "dpotrs")
        return result
    }

    /// Turns a LAPACK `info` into an error: positive means a leading minor that is not positive.
    static func check(_ info: Int32, routine: String) throws {
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapackFailure(routine: routine, info: Int(info)) }
    }
}

/// Inverts a symmetric positive-definite matrix in single precision, in place, by LAPACK's
/// `spotrf` and `spotri`: for models whose n × n matrix is too large to hold in double
/// precision twice (EASE).
///
/// - Parameters:
///   - storage: The n² elements, column-major; only the upper triangle is read, and only the
///     upper triangle of the inverse is written.
///   - dimension: n.
/// - Throws: ``LinearAlgebraError/invalidShape(_:)`` when `storage` does not hold n² elements,
///   ``LinearAlgebraError/notPositiveDefinite(order:)`` when the matrix is not positive
///   definite.
/// - Complexity: O(n³).
public func invertSymmetricPositiveDefinite(_ storage: inout [Float], dimension: Int) throws {
    guard dimension >= 0, storage.count == dimension * dimension else {
        throw LinearAlgebraError.invalidShape("an inverse of order \(dimension) needs \(dimension * dimension) elements, got \(storage.count)")
    }
    guard dimension > 0 else { return }
    let n = try blasInt(dimension)
    let upper = CChar(UInt8(ascii: "U"))
    let factored = storage.withUnsafeMutableBufferPointer { LAPACKE_spotrf(LAPACK_COL_MAJOR, upper, n, $0.baseAddress, n) }
    try CholeskyFactorization.check(factored, routine: "spotrf")
    let inverted = storage.withUnsafeMutableBufferPointer { LAPACKE_spotri(LAPACK_COL_MAJOR, upper, n, $0.baseAddress, n) }
    try CholeskyFactorization.check(inverted, routine: "spotri")
}
