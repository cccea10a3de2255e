import LinearAlgebra

/// One side of a rating matrix, as the alternating solver reads it: for each row (a user, or
/// an item), the opposite side's indices, ratings and weights.
struct RatingSide: Sendable {
    var offsets: [Int]
    var neighbours: [Int]
    var ratings: [Double]
    var weights: [Double]

    var rowCount: Int { offsets.count - 1 }

    /// The users' side: each user's items, with the given per-rating weights.
    static func users(of data: RatingDataset, weights: [Double]) -> RatingSide {
        RatingSide(offsets: data.histories.offsets, neighbours: data.histories.items,
                   ratings: data.histories.ratings, weights: weights)
    }

    /// The items' side: each item's users, with the given per-rating weights (indexed like the
    /// user histories).
    static func items(of data: RatingDataset, weights: [Double]) -> RatingSide {
        RatingSide(offsets: data.itemOffsets, neighbours: data.itemEntries.map { data.entryUsers[$0] },
                   ratings: data.itemEntries.map { data.histories.ratings[$0] },
                   weights: data.itemEntries.map { weights[$0] })
    }
}

/// Alternating least squares for ``LatentFactors``: each sweep solves every user's
/// (p_u, b_u) with the items fixed, then every item's (q_i, b_i) with the users fixed.
///
/// Each row's problem is min Σⱼ wⱼ (rⱼ − μ − b_j − b − fⱼᵀx)² + W(λ|x|² + λ_b b²), W = Σ wⱼ.
/// It is solved exactly by Cholesky, or by a few conjugate-gradient steps started from the
/// previous sweep's solution (the approach of the `implicit` library), which never forms the
/// (k+1)² normal matrix and so costs O(steps · nnz · k) per sweep instead of O(nnz · k²).
/// Rows are solved in parallel; each writes only its own factors.
struct AlternatingLeastSquares {
    let userSide: RatingSide
    let itemSide: RatingSide
    let regularization: Double
    let biasRegularization: Double
    let conjugateGradientSteps: Int?

    /// - Parameters:
    ///   - weights: The user side's per-rating weights, indexed like the histories; the item
    ///     side weighs every rating 1.
    init(data: RatingDataset, weights: [Double], regularization: Double, biasRegularization: Double,
         conjugateGradientSteps: Int?) {
        userSide = RatingSide.users(of: data, weights: weights)
        itemSide = RatingSide.items(of: data, weights: [Double](repeating: 1, count: data.ratingCount))
        self.regularization = regularization
        self.biasRegularization = biasRegularization
        self.conjugateGradientSteps = conjugateGradientSteps
    }

    /// One user sweep, then one item sweep.
    func sweep(_ factors: inout LatentFactors) {
        let mean = factors.globalMean
        solve(side: userSide, own: &factors.userFactors, ownBiases: &factors.userBiases,
              fixed: factors.itemFactors, fixedBiases: factors.itemBiases, mean: mean)
        solve(side: itemSide, own: &factors.itemFactors, ownBiases: &factors.itemBiases,
              fixed: factors.userFactors, fixedBiases: factors.userBiases, mean: mean)
    }

    private func solve(side: RatingSide, own: inout Matrix, ownBiases: inout [Double],
                       fixed: Matrix, fixedBiases: [Double], mean: Double) {
        let k = fixed.columnCount
        let lambda = regularization, lambdaBias = biasRegularization, steps = conjugateGradientSteps
        own.withUnsafeMutableBufferPointer { ownStorage in
            ownBiases.withUnsafeMutableBufferPointer { biasStorage in
                let factorsOut = SharedBuffer(ownStorage), biasesOut = SharedBuffer(biasStorage)
                forEachChunk(of: side.rowCount, minimumChunk: 32) { rows in
                    fixed.withUnsafeBufferPointer { fixedStorage in
                        let fixedBase = fixedStorage.baseAddress!
                        var solver = RowSolver(dimension: k + 1)
                        for row in rows {
                            let range = side.offsets[row]..<side.offsets[row + 1]
                            var totalWeight = 0.0
                            for position in range { totalWeight += side.weights[position] }
                            let out = factorsOut.address(of: row * k)
                            guard totalWeight > 0 else {
                                for d in 0..<k { out[d] = 0 }
                                biasesOut[row] = 0
                                continue
                            }
                            solver.prepare(
                                range: range, side: side, fixed: fixedBase, fixedBiases: fixedBiases, mean: mean,
                                ridge: lambda * totalWeight, biasRidge: lambdaBias * totalWeight)
                            if let steps {
                                for d in 0..<k { solver.solution[d] = out[d] }
                                solver.solution[k] = biasesOut[row]
                                solver.conjugateGradient(steps: steps)
                            } else {
                                solver.cholesky()
                            }
                            for d in 0..<k { out[d] = solver.solution[d] }
                            biasesOut[row] = solver.solution[k]
                        }
                    }
                }
            }
        }
    }
}

/// The per-row workspace of ``AlternatingLeastSquares``: features fⱼ = (fixed row, 1),
/// targets yⱼ = rⱼ − μ − b_j, weights wⱼ, and the solution x = (factors, bias).
private struct RowSolver {
    let dimension: Int
    var solution: [Double]
    private var system: RidgeSystem
    private var rhs: [Double]
    private var residual: [Double]
    private var direction: [Double]
    private var product: [Double]
    private var ridge: [Double]
    // The current row's observations.
    private var features: [UnsafePointer<Double>] = []
    private var targets: [Double] = []
    private var weights: [Double] = []

    init(dimension: Int) {
        self.dimension = dimension
        solution = [Double](repeating: 0, count: dimension)
        system = RidgeSystem(dimension: dimension)
        rhs = solution
        residual = solution
        direction = solution
        product = solution
        ridge = solution
    }

    mutating func prepare(range: Range<Int>, side: RatingSide, fixed: UnsafePointer<Double>, fixedBiases: [Double],
                          mean: Double, ridge factorRidge: Double, biasRidge: Double) {
        let k = dimension - 1
        features.removeAll(keepingCapacity: true)
        targets.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        for position in range {
            let neighbour = side.neighbours[position]
            features.append(fixed + neighbour * k)
            targets.append(side.ratings[position] - mean - fixedBiases[neighbour])
            weights.append(side.weights[position])
        }
        for d in 0..<k { ridge[d] = factorRidge }
        ridge[k] = biasRidge
    }

    /// Exact solve by Cholesky of the normal equations.
    mutating func cholesky() {
        system.reset()
        for index in features.indices {
            system.add(features[index], withBias: true, target: targets[index], weight: weights[index])
        }
        if let exact = system.solve(ridge: ridge) { solution = exact }
    }

    /// A·v = Σ wⱼ fⱼ (fⱼᵀv) + ridge ∘ v, written to `product`.
    private mutating func multiply(_ vector: [Double]) {
        let k = dimension - 1
        for d in 0..<dimension { product[d] = ridge[d] * vector[d] }
        vector.withUnsafeBufferPointer { v in
            product.withUnsafeMutableBufferPointer { out in
                for index in features.indices {
                    let f = features[index]
                    var dot = v[k]
                    for d in 0..<k { dot += f[d] * v[d] }
                    let scaled = weights[index] * dot
                    for d in 0..<k { out[d] += scaled * f[d] }
                    out[k] += scaled
                }
            }
        }
    }

    /// A few conjugate-gradient steps from the current ``solution``.
    mutating func conjugateGradient(steps: Int) {
        let k = dimension - 1
        for d in 0..<dimension { rhs[d] = 0 }
        for index in features.indices {
            let f = features[index], scaled = weights[index] * targets[index]
            for d in 0..<k { rhs[d] += scaled * f[d] }
            rhs[k] += scaled
        }
        multiply(solution)
        var residualNorm = 0.0
        for d in 0..<dimension {
            residual[d] = rhs[d] - product[d]
            direction[d] = residual[d]
            residualNorm += residual[d] * residual[d]
        }
        for _ in 0..<steps {
            guard residualNorm > 1e-20 else { return }
            multiply(direction)
            var curvature = 0.0
            for d in 0..<dimension { curvature += direction[d] * product[d] }
            guard curvature > 0 else { return }
            let step = residualNorm / curvature
            var nextNorm = 0.0
            for d in 0..<dimension {
                solution[d] += step * direction[d]
                residual[d] -= step * product[d]
                nextNorm += residual[d] * residual[d]
            }
            let ratio = nextNorm / residualNorm
            for d in 0..<dimension { direction[d] = residual[d] + ratio * direction[d] }
            residualNorm = nextNorm
        }
    }
}
