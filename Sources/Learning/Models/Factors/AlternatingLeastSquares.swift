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
    ///
    /// - Throws: ``LinearAlgebra/LinearAlgebraError/notPositiveDefinite(order:)`` when an
    ///   exact row solve meets a singular system (only possible without a ridge).
    func sweep(_ factors: inout LatentFactors) throws {
        let mean = factors.globalMean
        try solve(side: userSide, own: &factors.userFactors, ownBiases: &factors.userBiases,
                  fixed: factors.itemFactors, fixedBiases: factors.itemBiases, mean: mean)
        try solve(side: itemSide, own: &factors.itemFactors, ownBiases: &factors.itemBiases,
                  fixed: factors.userFactors, fixedBiases: factors.userBiases, mean: mean)
    }

    private func solve(side: RatingSide, own: inout Matrix, ownBiases: inout [Double],
                       fixed: Matrix, fixedBiases: [Double], mean: Double) throws {
        let k = fixed.columnCount
        let lambda = regularization, lambdaBias = biasRegularization, steps = conjugateGradientSteps
        // Each row's products are small: one BLAS thread per row solve, rows on every core.
        try SingleThreadedBLAS.run { try own.withUnsafeMutableBufferPointer { ownStorage in
            try ownBiases.withUnsafeMutableBufferPointer { biasStorage in
                let factorsOut = SharedBuffer(ownStorage), biasesOut = SharedBuffer(biasStorage)
                try forEachChunk(of: side.rowCount, minimumChunk: 32) { rows in
                    try fixed.withUnsafeBufferPointer { fixedStorage in
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
                                try solver.cholesky()
                            }
                            for d in 0..<k { out[d] = solver.solution[d] }
                            biasesOut[row] = solver.solution[k]
                        }
                    }
                }
            }
        } }
    }
}

/// The per-row workspace of ``AlternatingLeastSquares``: features fⱼ = (fixed row, 1),
/// targets yⱼ = rⱼ − μ − b_j, weights wⱼ, and the solution x = (factors, bias).
private struct RowSolver {
    let dimension: Int
    var solution: [Double]
    private var system: RidgeSystem
    private var gradient: ConjugateGradient
    private var ridge: [Double]
    /// The current row's observations, gathered; their values are the targets.
    private let rows: GatheredRows

    init(dimension: Int) {
        self.dimension = dimension
        solution = [Double](repeating: 0, count: dimension)
        system = RidgeSystem(dimension: dimension)
        gradient = ConjugateGradient(dimension: dimension)
        ridge = solution
        rows = GatheredRows(width: dimension)
    }

    mutating func prepare(range: Range<Int>, side: RatingSide, fixed: UnsafePointer<Double>, fixedBiases: [Double],
                          mean: Double, ridge factorRidge: Double, biasRidge: Double) {
        let k = dimension - 1
        rows.gather(range, neighbours: side.neighbours, fixed: fixed, factorCount: k,
                    weight: { side.weights[$0] },
                    value: { side.ratings[$0] - mean - fixedBiases[side.neighbours[$0]] })
        for d in 0..<k { ridge[d] = factorRidge }
        ridge[k] = biasRidge
    }

    /// Exact solve by Cholesky of the normal equations.
    ///
    /// - Throws: ``LinearAlgebra/LinearAlgebraError/notPositiveDefinite(order:)`` (only
    ///   possible without a ridge).
    mutating func cholesky() throws {
        system.reset()
        rows.forEachRow { features, target, weight in
            system.add(features, withBias: true, target: target, weight: weight)
        }
        solution = try system.solve(ridge: ridge)
    }

    /// A few conjugate-gradient steps from the current ``solution``.
    mutating func conjugateGradient(steps: Int) {
        let n = dimension, rows = self.rows
        solution.withUnsafeMutableBufferPointer { x in
            ridge.withUnsafeBufferPointer { ridge in
                gradient.refine(x, steps: steps, residual: { product, residual in
                    // b = Σ wⱼ yⱼ fⱼ, then r = b − A·x.
                    rows.combine(into: residual.baseAddress!) { weight, target in weight * target }
                    for d in 0..<n { residual[d] -= product[d] }
                }, multiply: { vector, product in
                    // A·v = Σ wⱼ fⱼ (fⱼᵀv) + ridge ∘ v.
                    for d in 0..<n { product[d] = ridge[d] * vector[d] }
                    rows.addWeightedGramProduct(vector.baseAddress!, to: product.baseAddress!)
                })
            }
        }
    }
}
