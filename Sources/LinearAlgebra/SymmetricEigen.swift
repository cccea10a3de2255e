import CLapack

/// The largest eigenvalues of a real symmetric matrix and their eigenvectors.
///
/// Computed by LAPACK's `dsyevr` (Householder tridiagonalisation, then MRRR or bisection and
/// inverse iteration) for an index range of the spectrum only, which costs far less than the
/// full decomposition when few eigenpairs are wanted.
public struct SymmetricEigen: Sendable, Equatable {
    /// The eigenvalues, largest first.
    public let eigenvalues: [Double]
    /// The orthonormal eigenvectors as columns: column `i` belongs to `eigenvalues[i]`.
    public let eigenvectors: Matrix

    /// Computes the `count` largest eigenpairs.
    ///
    /// Only the upper triangle of `matrix` is read; the lower one is assumed to mirror it.
    ///
    /// - Parameters:
    ///   - count: How many eigenpairs, from 1 to the matrix's size.
    ///   - matrix: A square symmetric matrix.
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` for a matrix that is not square or holds
    ///   a non-finite value, ``LinearAlgebraError/invalidRank(operation:requested:lowest:highest:)``
    ///   for a `count` out of range, ``LinearAlgebraError/lapackFailure(routine:info:)`` when
    ///   `dsyevr` fails.
    /// - Complexity: O(n³) for the reduction to tridiagonal form, plus O(n·count) and
    ///   O(n²·count) for the selected eigenpairs.
    public init(largest count: Int, of matrix: Matrix) throws {
        guard matrix.rowCount == matrix.columnCount else {
            throw LinearAlgebraError.invalidShape("eigen-decomposition needs a square matrix, got \(matrix.shape)")
        }
        let size = matrix.rowCount
        guard count >= 1, count <= size else {
            throw LinearAlgebraError.invalidRank(
                operation: "symmetric eigen-decomposition", requested: count, lowest: 1, highest: size)
        }
        guard matrix.storage.allSatisfy(\.isFinite) else {
            throw LinearAlgebraError.invalidShape("eigen-decomposition needs finite elements")
        }
        let n = try blasInt(size), wanted = try blasInt(count)

        var work = matrix.storage  // dsyevr overwrites its input
        var ascending = [Double](repeating: 0, count: size)
        var vectors = [Double](repeating: 0, count: size * count)
        var support = [Int32](repeating: 0, count: 2 * count)
        var found: Int32 = 0
        // Twice the underflow threshold is LAPACK's advice for the most accurate eigenvalues.
        let absoluteTolerance = 2 * LAPACKE_dlamch(CChar(UInt8(ascii: "S")))
        let info = LAPACKE_dsyevr(
            LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "I")), CChar(UInt8(ascii: "U")),
            n, &work, n, 0, 0, n - wanted + 1, n, absoluteTolerance,
            &found, &ascending, &vectors, wanted, &support)
        guard info == 0 else { throw LinearAlgebraError.lapackFailure(routine: "dsyevr", info: Int(info)) }
        guard Int(found) == count else {
            // An index range always yields exactly that many eigenvalues; anything else is an
            // internal LAPACK failure, reported as such.
            throw LinearAlgebraError.lapackFailure(routine: "dsyevr", info: count - Int(found))
        }

        // LAPACK returns ascending order; reverse the values and the vector columns.
        eigenvalues = ascending[0..<count].reversed()
        var descendingVectors = [Double](repeating: 0, count: size * count)
        for row in 0..<size {
            for column in 0..<count {
                descendingVectors[row * count + column] = vectors[row * count + (count - 1 - column)]
            }
        }
        eigenvectors = Matrix(unchecked: size, count, descendingVectors)
    }
}
