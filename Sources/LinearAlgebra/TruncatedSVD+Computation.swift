import Foundation
import RecbookSupport

extension TruncatedSVD {
    /// How the top singular triplets are found.
    public enum Method: Sendable, Equatable {
        /// ``gram`` when the smaller side has at most ``gramDimensionLimit`` elements, else
        /// ``arpack``.
        case auto
        /// Eigen-decomposition of the smaller Gram matrix (A·Aᵀ or Aᵀ·A) by LAPACK, then a
        /// Rayleigh–Ritz step. Exact up to rounding; costs O(min(m, n)²) memory and
        /// O(min(m, n)³) time, so it pays only for small matrices.
        case gram
        /// What `scipy.sparse.linalg.svds` does: ARPACK's implicitly restarted Lanczos method
        /// (`dsaupd`/`dseupd`) on the smaller Gram operator (AᵀA when A has at least as many
        /// rows as columns, else AAᵀ), never formed but applied in one pass over the rows of A
        /// (of Aᵀ in the second case), then a Rayleigh–Ritz step. Exact to ARPACK's
        /// machine-precision tolerance. Memory besides A: O((m + n)·k), ARPACK's
        /// ncv·min(m, n) numbers, 4 bytes per stored entry for 32-bit column indices, up to
        /// 16 accumulators of min(m, n) numbers, and a transposed copy of A only when A has
        /// fewer rows than columns.
        case arpack
        /// Randomized subspace iteration (Halko, Martinsson & Tropp 2011, algorithms 4.4 and
        /// 5.1) with a Rayleigh–Ritz step. Touches A only through sparse products, never
        /// densifying it, and needs only O((m + n)·(k + oversampling)) memory.
        ///
        /// Its accuracy depends on the spectrum: the k-th triplet converges like
        /// (σ_{k+p+1}/σ_k)^(2q). Rating matrices have small gaps there (for the MovieLens
        /// training pivot, σ₅₀/σ₅₁ ≈ 1.013), so the result is an approximation, not the
        /// reproduction of scipy's numbers that ``gram`` and ``arpack`` give.
        case randomized(RandomizedOptions)

        /// The largest smaller-side dimension for which ``auto`` picks ``gram``.
        ///
        /// Measured with `recbook-bench svd` (k = 50, release build, 2 shared cores) with the
        /// one-pass Gram operator: at 610 × 8,255 (ml-latest-small) the two routes take about
        /// the same (Gram 0.06–0.09 s, ARPACK 0.06–0.07 s), and at 999 × 2,601 too (0.19–0.26 s
        /// against 0.22–0.23 s); at 2,497 × 6,502 ARPACK is faster (0.8–1.0 s against
        /// 2.4–3.2 s), and the gap grows with the cube of the smaller side.
        public static let gramDimensionLimit = 1024
    }

    /// Parameters of ``Method/randomized(_:)``.
    public struct RandomizedOptions: Sendable, Equatable {
        /// Extra basis vectors beyond k; more of them speed convergence of the k-th triplet.
        public var oversampling: Int
        /// Rounds of subspace iteration. Each round multiplies the error of the i-th triplet by
        /// about (σ_{k+p+1}/σᵢ)², so slowly decaying spectra need more rounds.
        public var powerIterations: Int
        /// The seed of the Gaussian starting block.
        public var seed: UInt64

        public init(oversampling: Int = 10, powerIterations: Int = 20, seed: UInt64 = 0) {
            self.oversampling = oversampling
            self.powerIterations = powerIterations
            self.seed = seed
        }
    }

    /// Computes the `rank` largest singular triplets of a sparse matrix.
    ///
    /// The result spans the same subspaces as `scipy.sparse.linalg.svds(matrix, k: rank)`, but
    /// in descending order (scipy returns ascending). Signs are made deterministic: in every
    /// left singular vector, the entry of largest magnitude (the first such, on ties) is
    /// positive, and the matching right singular vector is flipped with it.
    ///
    /// - Parameters:
    ///   - matrix: The m×n matrix A.
    ///   - rank: k, the number of triplets: 1 ≤ k < min(m, n), as scipy's ARPACK solver demands.
    ///   - method: The algorithm; ``Method/auto`` by default.
    /// - Throws: ``LinearAlgebraError/invalidRank(operation:requested:lowest:highest:)`` for a k
    ///   out of range, ``LinearAlgebraError/lapackFailure(routine:info:)`` when LAPACK fails, and
    ///   ``LinearAlgebraError/invalidShape(_:)`` for negative randomized options,
    ///   ``LinearAlgebraError/arpackFailure(routine:info:)`` when ARPACK fails.
    /// - Complexity: with ``Method/gram`` on an m×n matrix with m ≤ n, O(Σ_c nnz(c)² + m³ +
    ///   nnz·k + n·k²); with ``Method/arpack``, O(nnz + m·ncv²) per Lanczos restart for
    ///   ncv = max(2k + 1, 20); with ``Method/randomized(_:)`` and l = k + oversampling,
    ///   O((2q + 2)·nnz·l + q·(m + n)·l²) for q power iterations.
    public init(of matrix: SparseMatrix, rank: Int, method: Method = .auto) throws {
        let smallerSide = min(matrix.rowCount, matrix.columnCount)
        guard rank >= 1, rank < smallerSide else {
            throw LinearAlgebraError.invalidRank(
                operation: "truncated SVD of a \(matrix.shape) matrix", requested: rank,
                lowest: 1, highest: smallerSide - 1)
        }
        var (u, sigma, vt): (Matrix, [Double], Matrix)
        switch method {
        case .auto where smallerSide > Method.gramDimensionLimit, .arpack:
            (u, sigma, vt) = try Self.arpackTriplets(of: matrix, rank: rank)
        case .auto, .gram:
            (u, sigma, vt) = try Self.subspaceTriplets(of: matrix, rank: rank) { wide in
                try SymmetricEigen(largest: rank, of: wide.gram()).eigenvectors
            }
        case let .randomized(options):
            (u, sigma, vt) = try Self.subspaceTriplets(of: matrix, rank: rank) { wide in
                try Self.randomizedBasis(of: wide, rank: rank, options: options)
            }
        }
        Self.fixSigns(u: &u, vt: &vt)
        try self.init(u: u, singularValues: sigma, vt: vt)
    }

    /// The triplets from an orthonormal basis of the top left singular subspace of the
    /// orientation whose rows are the smaller side (so that the basis and the Gram matrix are as
    /// small as possible), then a Rayleigh–Ritz step; the answer is transposed back at the end.
    private static func subspaceTriplets(
        of matrix: SparseMatrix, rank: Int, basis findBasis: (SparseMatrix) throws -> Matrix
    ) throws -> (Matrix, [Double], Matrix) {
        let transposing = matrix.rowCount > matrix.columnCount
        let wide = transposing ? matrix.transposed() : matrix
        let basis = try findBasis(wide)
        let ritz = try rayleighRitz(basis: basis, projection: wide.transposeMultiply(basis), rank: rank)
        // The basis lies on wide's row side, which is A's column side when A was transposed.
        return ritz.factors(basisOnRows: !transposing)
    }

    /// What `scipy.sparse.linalg.svds` does: the top eigenvectors of BᵀB by ARPACK, for B the
    /// orientation of A with at least as many rows as columns (scipy's XᴴX), orthonormalised by
    /// QR as scipy does (ARPACK's vectors of clustered eigenvalues can be slightly
    /// non-orthogonal), then a Rayleigh–Ritz step on B·V.
    ///
    /// B is A itself when A has at least as many rows as columns (users × movies), so nothing is
    /// transposed: the Gram operator and the product B·V both read A's own rows.
    private static func arpackTriplets(of matrix: SparseMatrix, rank: Int) throws -> (Matrix, [Double], Matrix) {
        let tall = matrix.rowCount >= matrix.columnCount
        let b = tall ? matrix : matrix.transposed()
        let gram = try SparseGramOperator(b)
        var generator = SeededGenerator(seed: 0)
        let start = gaussianSamples(count: gram.dimension, using: &generator)
        var scratch = [Double](repeating: 0, count: gram.scratchCount)
        let eigen = try scratch.withUnsafeMutableBufferPointer { scratch in
            try LanczosEigen(largest: rank, dimension: gram.dimension, startVector: start) { input, output in
                gram.apply(input, into: output, scratch: scratch)
            }
        }
        // Dense factorisations on one BLAS thread: OpenBLAS rounds differently with more.
        let ritz = try SingleThreadedBLAS.run {
            let basis = try orthonormalBasis(of: eigen.eigenvectors)
            return try rayleighRitz(basis: basis, projection: b.multiply(basis), rank: rank)
        }
        // The basis lies on B's column side, which is A's row side when B is Aᵀ.
        return ritz.factors(basisOnRows: !tall)
    }

    /// An orthonormal m×l basis that approximates the top left singular subspace, found by
    /// subspace iteration from a seeded Gaussian block.
    private static func randomizedBasis(of matrix: SparseMatrix, rank: Int, options: RandomizedOptions) throws -> Matrix {
        guard options.oversampling >= 0, options.powerIterations >= 0 else {
            throw LinearAlgebraError.invalidShape(
                "randomized SVD needs non-negative oversampling and power iterations, got \(options.oversampling) and \(options.powerIterations)")
        }
        let width = min(rank + options.oversampling, matrix.rowCount)
        var generator = SeededGenerator(seed: options.seed)
        let start = Matrix(
            unchecked: matrix.columnCount, width,
            gaussianSamples(count: matrix.columnCount * width, using: &generator))
        var basis = try orthonormalBasis(of: matrix.multiply(start))
        for _ in 0..<options.powerIterations {
            try Interruption.check()
            // Re-orthonormalising after each product keeps the small singular directions from
            // drowning in rounding error (Halko et al., algorithm 4.4).
            let right = try orthonormalBasis(of: matrix.transposeMultiply(basis))
            basis = try orthonormalBasis(of: matrix.multiply(right))
        }
        return basis
    }

    /// The Rayleigh–Ritz step. Given an orthonormal basis Q of the top singular subspace on one
    /// side of a matrix M (M ≈ Q·Qᵀ·M) and the projection P = Mᵀ·Q, the SVD of the small P,
    /// P = W·S·Zᵀ, gives M ≈ (Q·Z)·S·Wᵀ. Returns the top `rank` triplets: the rotated basis Q·Z
    /// (M's vectors on Q's side), σ, and W (its vectors on the other side), both as columns.
    private static func rayleighRitz(basis: Matrix, projection: Matrix, rank: Int) throws -> RitzTriplets {
        let svd = try ThinSVD(projection)
        let rotated = try basis.multiplied(by: svd.vt, transposingOther: true)
        return RitzTriplets(
            rotatedBasis: rotated.leadingColumns(rank), sigma: Array(svd.singularValues.prefix(rank)),
            projectedVectors: svd.u.leadingColumns(rank))
    }

    /// What ``rayleighRitz(basis:projection:rank:)`` finds, vectors as columns.
    private struct RitzTriplets {
        var rotatedBasis: Matrix
        var sigma: [Double]
        var projectedVectors: Matrix

        /// A's (U, σ, Vᵀ), given on which of A's sides the basis lay.
        func factors(basisOnRows: Bool) -> (Matrix, [Double], Matrix) {
            basisOnRows
                ? (rotatedBasis, sigma, projectedVectors.transposed())
                : (projectedVectors, sigma, rotatedBasis.transposed())
        }
    }

    /// Flips each triplet so that its left vector's largest-magnitude entry is positive.
    ///
    /// U is row-major, so it is read and written row by row, all components at once: walking
    /// one column at a time would read the whole of U once per component.
    private static func fixSigns(u: inout Matrix, vt: inout Matrix) {
        let components = u.columnCount
        var pivots = [Double](repeating: 0, count: components)
        for row in 0..<u.rowCount {
            for component in 0..<components where abs(u[row, component]) > abs(pivots[component]) {
                pivots[component] = u[row, component]
            }
        }
        let flipped = pivots.map { $0 < 0 }
        guard flipped.contains(true) else { return }
        for row in 0..<u.rowCount {
            for component in 0..<components where flipped[component] { u[row, component] = -u[row, component] }
        }
        for component in 0..<components where flipped[component] {
            for column in 0..<vt.columnCount { vt[component, column] = -vt[component, column] }
        }
    }

    /// Standard normal samples by the Box–Muller transform.
    private static func gaussianSamples(count: Int, using generator: inout SeededGenerator) -> [Double] {
        var samples: [Double] = []
        samples.reserveCapacity(count + 1)
        while samples.count < count {
            // 1 − u lies in (0, 1], so the logarithm is finite.
            let radius = (-2 * Foundation.log(1 - generator.nextDouble())).squareRoot()
            let angle = 2 * Double.pi * generator.nextDouble()
            samples.append(radius * Foundation.cos(angle))
            samples.append(radius * Foundation.sin(angle))
        }
        return Array(samples.prefix(count))
    }
}

extension Matrix {
    /// A new matrix made of the first `count` columns.
    func leadingColumns(_ count: Int) -> Matrix {
        precondition(count >= 0 && count <= columnCount)
        if count == columnCount { return self }
        var result: [Double] = []
        result.reserveCapacity(rowCount * count)
        for row in 0..<rowCount { result.append(contentsOf: self.row(row).prefix(count)) }
        return Matrix(unchecked: rowCount, count, result)
    }
}
