/// The number of rows and columns of a matrix.
public struct MatrixShape: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    public var description: String { "\(rows)×\(columns)" }
}

/// Errors raised by the linear-algebra routines.
///
/// Every case names the operation and the numbers involved, so that the message alone is enough
/// to find the caller's mistake.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A shape that cannot exist, such as a negative dimension or a storage array of the wrong size.
    case invalidShape(String)
    /// Two operands whose dimensions do not fit together.
    case dimensionMismatch(operation: String, left: MatrixShape, right: MatrixShape)
    /// A sparse entry outside the matrix, a duplicate entry, or a non-finite value.
    case invalidEntry(String)
    /// A requested number of eigenpairs or singular triplets outside the supported range.
    /// Valid ranks are `lowest...highest`; when `highest < lowest` the matrix admits none.
    case invalidRank(operation: String, requested: Int, lowest: Int, highest: Int)
    /// A LAPACK routine reported failure through its `info` result.
    case lapackFailure(routine: String, info: Int)
    /// An ARPACK routine reported failure through its `info` result.
    case arpackFailure(routine: String, info: Int)
    /// A dimension too large for the 32-bit integers that BLAS and LAPACK take.
    case dimensionTooLarge(Int)
    /// A matrix that a Cholesky factorisation needs to be positive definite is not: its
    /// leading minor of this order is not positive.
    case notPositiveDefinite(order: Int)

    public var description: String {
        switch self {
        case let .invalidShape(message):
            return "invalid shape: \(message)"
        case let .dimensionMismatch(operation, left, right):
            return "dimension mismatch in \(operation): \(left) and \(right)"
        case let .invalidEntry(message):
            return "invalid sparse entry: \(message)"
        case let .invalidRank(operation, requested, lowest, highest):
            if highest < lowest {
                return "\(operation): rank \(requested) requested, but the matrix is too small for any rank"
            }
            return "\(operation): rank \(requested) is outside \(lowest)...\(highest)"
        case let .lapackFailure(routine, info):
            let reason = info < 0
                ? "argument \(-info) had an illegal value"
                : "the algorithm did not converge (info = \(info))"
            return "LAPACK \(routine) failed: \(reason)"
        case let .arpackFailure(routine, info):
            return "ARPACK \(routine) failed: \(Self.arpackReason(info))"
        case let .dimensionTooLarge(value):
            return "dimension \(value) exceeds the 32-bit limit of BLAS and LAPACK"
        case let .notPositiveDefinite(order):
            return "the matrix is not positive definite (its leading minor of order \(order) is not positive)"
        }
    }
}

extension LinearAlgebraError {
    /// What an ARPACK `info` code means (arpack-ng's dsaupd.f and dseupd.f).
    static func arpackReason(_ info: Int) -> String {
        switch info {
        case 1: return "no convergence within the maximum number of restarts (info = 1)"
        case 3: return "no shifts could be applied; try more Lanczos vectors (info = 3)"
        case -9999: return "the Lanczos factorisation could not be built (info = -9999)"
        case -14: return "no eigenvalue reached the requested accuracy (info = -14)"
        default: return info < 0 ? "argument or state error (info = \(info))" : "info = \(info)"
        }
    }
}

/// Converts a dimension to the 32-bit integer that BLAS and LAPACK take.
@inline(__always)
func blasInt(_ value: Int) throws -> Int32 {
    guard let converted = Int32(exactly: value) else { throw LinearAlgebraError.dimensionTooLarge(value) }
    return converted
}
