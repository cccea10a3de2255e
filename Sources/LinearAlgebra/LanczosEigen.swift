import CArpack
import Foundation

/// The largest eigenpairs of a symmetric operator known only through its products, by ARPACK's
/// implicitly restarted Lanczos method (`dsaupd`, then `dseupd`).
///
/// The settings are those `scipy.sparse.linalg.svds(A, k)` hands to `eigsh` for the Gram
/// operator: the k eigenvalues of largest magnitude ("LM"), ncv = min(n, max(2k + 1, 20))
/// Lanczos vectors, tolerance 0 (machine precision) and at most 10·n restarts.
struct LanczosEigen {
    /// The eigenvalues, largest first.
    let eigenvalues: [Double]
    /// The eigenvectors as the columns of an n×count matrix, in the order of ``eigenvalues``.
    let eigenvectors: Matrix
    /// How many times the operator was applied.
    let operatorApplications: Int

    /// Computes the `count` eigenpairs of largest magnitude.
    ///
    /// - Parameters:
    ///   - count: How many eigenpairs: 1 ≤ count < dimension.
    ///   - dimension: n, the operator's order.
    ///   - startVector: ARPACK's starting residual, n numbers not all zero; a seeded one makes the
    ///     result reproducible (ARPACK's own random start depends on earlier calls in the process).
    ///   - apply: Writes y = OP·x into its second argument; must be symmetric.
    /// - Throws: ``LinearAlgebraError/invalidRank(operation:requested:lowest:highest:)`` for a
    ///   count out of range, ``LinearAlgebraError/arpackFailure(routine:info:)`` when ARPACK
    ///   fails or does not converge.
    /// - Complexity: per restart, (ncv − count) products plus O(n·ncv²).
    init(
        largest count: Int, dimension: Int, startVector: [Double],
        applying apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) throws {
        guard count >= 1, count < dimension else {
            throw LinearAlgebraError.invalidRank(
                operation: "Lanczos eigen-decomposition of order \(dimension)", requested: count,
                lowest: 1, highest: dimension - 1)
        }
        precondition(startVector.count == dimension, "the start vector must have \(dimension) entries")
        let lanczosVectors = min(dimension, max(2 * count + 1, 20))
        var state = try ArpackState(
            dimension: dimension, count: count, lanczosVectors: lanczosVectors, startVector: startVector)
        // ARPACK keeps its progress between calls in Fortran SAVE variables, so one
        // decomposition at a time runs in the process; BLAS on one thread keeps rounding fixed.
        let applications = try Self.lock.withLock {
            try SingleThreadedBLAS.run {
                let applications = try state.iterate(apply)
                try state.extract()
                return applications
            }
        }
        (eigenvalues, eigenvectors) = state.largestFirst()
        operatorApplications = applications
    }

    private static let lock = NSLock()
}

/// The arrays ARPACK's reverse-communication interface reads and writes between calls.
private struct ArpackState {
    let n: Int32, nev: Int32, ncv: Int32, lworkl: Int32
    let dimension: Int, count: Int
    var ido: Int32 = 0
    var info: Int32 = 1  // 1: `resid` holds the starting vector.
    var resid: [Double]
    var v: [Double]
    var iparam = [Int32](repeating: 0, count: 11)
    var ipntr = [Int32](repeating: 0, count: 14)
    var workd: [Double]
    var workl: [Double]
    var values: [Double] = []
    var vectors: [Double] = []

    init(dimension: Int, count: Int, lanczosVectors: Int, startVector: [Double]) throws {
        n = try blasInt(dimension)
        nev = try blasInt(count)
        ncv = try blasInt(lanczosVectors)
        lworkl = try blasInt(lanczosVectors * (lanczosVectors + 8))
        self.dimension = dimension
        self.count = count
        resid = startVector
        v = [Double](repeating: 0, count: dimension * lanczosVectors)
        workd = [Double](repeating: 0, count: 3 * dimension)
        workl = [Double](repeating: 0, count: Int(lworkl))
        iparam[0] = 1  // exact shifts
        iparam[2] = Int32(clamping: 10 * dimension)  // maximum restarts, as scipy's eigsh
        iparam[6] = 1  // mode 1: OP = A, B = I
    }

    /// Runs `dsaupd` until it converges, applying the operator whenever it asks.
    mutating func iterate(
        _ apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) throws -> Int {
        var applications = 0
        while true {
            dsaupd_c(&ido, "I", n, "LM", nev, 0, &resid, ncv, &v, n, &iparam, &ipntr,
                     &workd, &workl, lworkl, &info)
            guard ido == 1 || ido == -1 else { break }
            let input = Int(ipntr[0]) - 1, output = Int(ipntr[1]) - 1
            let size = dimension
            workd.withUnsafeMutableBufferPointer { work in
                apply(UnsafeBufferPointer(rebasing: work[input..<input + size]),
                      UnsafeMutableBufferPointer(rebasing: work[output..<output + size]))
            }
            applications += 1
        }
        // In mode 1 ARPACK asks only for products (ido ±1) and ends with ido 99, errors included.
        guard info == 0 else { throw LinearAlgebraError.arpackFailure(routine: "dsaupd", info: Int(info)) }
        guard iparam[4] >= nev else {
            throw LinearAlgebraError.arpackFailure(routine: "dsaupd", info: 1)
        }
        return applications
    }

    /// Forms the converged Ritz vectors with `dseupd`.
    mutating func extract() throws {
        var select = [Int32](repeating: 0, count: Int(ncv))
        values = [Double](repeating: 0, count: count)
        vectors = [Double](repeating: 0, count: dimension * count)
        var status: Int32 = 0
        dseupd_c(1, "A", &select, &values, &vectors, n, 0, "I", n, "LM", nev, 0, &resid, ncv, &v, n,
                 &iparam, &ipntr, &workd, &workl, lworkl, &status)
        guard status == 0 else { throw LinearAlgebraError.arpackFailure(routine: "dseupd", info: Int(status)) }
    }

    /// The eigenpairs, largest eigenvalue first, vectors as the columns of a row-major matrix
    /// (ARPACK writes them column-major).
    func largestFirst() -> ([Double], Matrix) {
        let order = values.indices.sorted { (values[$0], $1) > (values[$1], $0) }
        var storage = [Double](repeating: 0, count: dimension * count)
        for (column, source) in order.enumerated() {
            for row in 0..<dimension { storage[row * count + column] = vectors[source * dimension + row] }
        }
        return (order.map { values[$0] }, Matrix(unchecked: dimension, count, storage))
    }
}
