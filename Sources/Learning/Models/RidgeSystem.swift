import LinearAlgebra

/// A small weighted ridge-regression problem, accumulated one observation at a time:
/// minimise Σⱼ wⱼ (yⱼ − fⱼᵀx)² + Σ_d λ_d x_d².
///
/// This is the inner problem of alternating least squares and of folding in a new user: the
/// features fⱼ are the fixed side's factors (with a trailing 1 when a bias is solved for), the
/// targets the ratings minus the known offsets. The normal equations are kept as the upper
/// triangle of column-major storage, the layout ``LinearAlgebra/CholeskyFactorization`` reads.
struct RidgeSystem {
    /// The number of unknowns.
    let dimension: Int
    /// The normal matrix Σ w f fᵀ (upper triangle filled while accumulating).
    private(set) var gram: [Double]
    /// The right-hand side Σ w y f.
    private(set) var rhs: [Double]
    /// The factored system after ``solve(ridge:)``, for more right-hand sides.
    private var factorization: CholeskyFactorization?

    init(dimension: Int) {
        self.dimension = dimension
        gram = [Double](repeating: 0, count: dimension * dimension)
        rhs = [Double](repeating: 0, count: dimension)
    }

    /// Clears the accumulated observations.
    mutating func reset() {
        for index in gram.indices { gram[index] = 0 }
        for index in rhs.indices { rhs[index] = 0 }
    }

    /// Adds one observation whose features are `factors` followed, when `withBias`, by a 1.
    ///
    /// - Precondition: `factors` has `dimension` (or `dimension − 1` with a bias) elements.
    @inline(__always)
    mutating func add(_ factors: UnsafePointer<Double>, withBias: Bool, target: Double, weight: Double) {
        let n = dimension, k = withBias ? n - 1 : n
        gram.withUnsafeMutableBufferPointer { a in
            rhs.withUnsafeMutableBufferPointer { b in
                for column in 0..<k {
                    let scaled = weight * factors[column]
                    let base = column * n
                    // Column-major upper triangle: rows 0...column of this column.
                    for row in 0...column { a[base + row] += scaled * factors[row] }
                    b[column] += scaled * target
                }
                if withBias {
                    let base = k * n
                    for row in 0..<k { a[base + row] += weight * factors[row] }
                    a[base + k] += weight
                    b[k] += weight * target
                }
            }
        }
    }

    /// Adds w·f·fᵀ to the normal matrix.
    mutating func addOuterProduct(_ factors: UnsafePointer<Double>, weight: Double) {
        let n = dimension
        gram.withUnsafeMutableBufferPointer { a in
            for column in 0..<n {
                let scaled = weight * factors[column]
                for row in 0...column { a[column * n + row] += scaled * factors[row] }
            }
        }
    }

    /// Adds s·f to the right-hand side.
    mutating func addToRightHandSide(_ factors: UnsafePointer<Double>, scale: Double) {
        for d in 0..<dimension { rhs[d] += scale * factors[d] }
    }

    /// Adds a symmetric matrix (such as a Gram matrix YᵀY) to the normal matrix.
    ///
    /// - Precondition: `matrix` is `dimension × dimension`.
    mutating func addSymmetric(_ matrix: Matrix) {
        let n = dimension
        matrix.withUnsafeBufferPointer { m in
            gram.withUnsafeMutableBufferPointer { a in
                for index in 0..<(n * n) { a[index] += m[index] }
            }
        }
    }

    /// Adds `ridge[d]` to each diagonal element and solves by Cholesky, keeping the factor for
    /// ``solveFactored(_:)``.
    ///
    /// - Throws: ``LinearAlgebra/LinearAlgebraError/notPositiveDefinite(order:)`` when the
    ///   matrix is not positive definite (only possible with a zero ridge and too few
    ///   observations).
    mutating func solve(ridge: [Double]) throws -> [Double] {
        let n = dimension
        for d in 0..<n { gram[d * n + d] += ridge[d] }
        let factorization = try CholeskyFactorization(upperTriangle: gram, dimension: n)
        self.factorization = factorization
        return try factorization.solve(rhs)
    }

    /// Solves A·z = v with the factor of the last ``solve(ridge:)``.
    ///
    /// - Throws: ``ModelError/invalidData(_:)`` when the system was not solved first.
    func solveFactored(_ vector: [Double]) throws -> [Double] {
        guard let factorization else { throw ModelError.invalidData("a ridge system was used before it was solved") }
        return try factorization.solve(vector)
    }
}
