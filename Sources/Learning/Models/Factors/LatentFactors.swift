import Foundation
import LinearAlgebra
import RecbookSupport

/// The numeric state shared by the biased factor models: r̂(u, i) = μ + b_u + b_i + p_uᵀq_i.
///
/// Batch scoring is one `dgemm` of the users' factors against the item factors; folding in a
/// user is one small ridge regression against the fixed item side. ``FactorRecommender`` gives
/// every model that holds one the same scoring.
public struct LatentFactors: Sendable, Equatable {
    /// μ, the mean training rating.
    var globalMean: Double
    /// b_u for each known user.
    var userBiases: [Double]
    /// b_i for each item.
    var itemBiases: [Double]
    /// p_u as the rows of a users × k matrix.
    var userFactors: Matrix
    /// q_i as the rows of an items × k matrix.
    var itemFactors: Matrix
    /// Predictions are clamped to this range when set (the training ratings' range).
    var clipRange: ClosedRange<Double>?

    /// k, the number of latent dimensions.
    var factorCount: Int { itemFactors.columnCount }

    /// The starting point of a fit: zero biases, and Gaussian factors of mean 0 drawn user by
    /// user, then item by item.
    static func random(
        for data: RatingDataset, factorCount: Int, standardDeviation: Double, globalMean: Double,
        clipRange: ClosedRange<Double>?, using generator: inout SeededGenerator
    ) -> LatentFactors {
        LatentFactors(
            globalMean: globalMean,
            userBiases: [Double](repeating: 0, count: data.userCount),
            itemBiases: [Double](repeating: 0, count: data.itemCount),
            userFactors: gaussianMatrix(rows: data.userCount, columns: factorCount, standardDeviation: standardDeviation, using: &generator),
            itemFactors: gaussianMatrix(rows: data.itemCount, columns: factorCount, standardDeviation: standardDeviation, using: &generator),
            clipRange: clipRange)
    }

    /// A known user's representation: their factors and bias.
    func representation(ofUser user: Int, history: [RatedItem]) -> UserRepresentation {
        UserRepresentation(history: history, factors: Array(userFactors.row(user)), bias: userBiases[user])
    }

    /// The predicted rating of one item, clamped to ``clipRange``.
    ///
    /// - Throws: ``ModelError/unknownItem(index:itemCount:)`` for an item out of range,
    ///   ``ModelError/incompatible(_:)`` for user factors of the wrong length.
    func predictedRating(factors: [Double], bias: Double, item: Int) throws -> Double {
        guard item >= 0, item < itemBiases.count else { throw ModelError.unknownItem(index: item, itemCount: itemBiases.count) }
        try checkFactorCount(factors)
        var value = globalMean + bias + itemBiases[item]
        let row = itemFactors.row(item)
        for (offset, component) in zip(row.indices, factors) { value += row[offset] * component }
        return clip(value)
    }

    /// Throws unless a user's factors have k elements (an empty vector stands for a user
    /// without factors, scored from the biases alone).
    func checkFactorCount(_ factors: [Double]) throws {
        guard factors.isEmpty || factors.count == factorCount else {
            throw ModelError.incompatible("a user with \(factors.count) factors, for a model with \(factorCount)")
        }
    }

    @inline(__always)
    func clip(_ value: Double) -> Double {
        guard let clipRange else { return value }
        return min(max(value, clipRange.lowerBound), clipRange.upperBound)
    }

    /// Every item's predicted rating for a user, by one `dgemv` (unclamped: clamping would
    /// only create ties among the top items).
    ///
    /// - Throws: ``ModelError/incompatible(_:)`` for user factors of the wrong length.
    func scores(factors: [Double], bias: Double) throws -> [Double] {
        try checkFactorCount(factors)
        var result = itemBiases.map { $0 + globalMean + bias }
        guard !factors.isEmpty, factorCount > 0 else { return result }
        let product = try itemFactors.multiplied(by: factors)
        for index in result.indices { result[index] += product[index] }
        return result
    }

    /// Every item's predicted rating for several known users: one `dgemm`, then the biases.
    func scores(forUsers users: [Int]) throws -> Matrix {
        var product = try userFactors.rows(users).multiplied(by: itemFactors, transposingOther: true)
        let columns = itemBiases.count
        product.withUnsafeMutableBufferPointer { storage in
            for (row, user) in users.enumerated() {
                let offset = globalMean + userBiases[user]
                for column in 0..<columns { storage[row * columns + column] += offset + itemBiases[column] }
            }
        }
        return product
    }

    /// Solves for a user's factors and bias with the item side fixed:
    /// min Σⱼ wⱼ (rⱼ − μ − b_j − b − qⱼᵀp)² + λ·W·|p|² + λ_b·W·b², with W = Σ wⱼ.
    ///
    /// - Parameters:
    ///   - history: The user's ratings.
    ///   - weights: One weight per rating (recency), or all ones.
    ///   - regularization: λ, per unit of weight.
    ///   - biasRegularization: λ_b, per unit of weight.
    ///   - offsets: Known parts of each prediction to subtract from the rating besides μ and
    ///     b_j (SVD++'s implicit-feedback term), or nil.
    /// - Returns: The factors, the bias, and the factored system (for explanations).
    /// - Throws: ``LinearAlgebra/LinearAlgebraError/notPositiveDefinite(order:)`` when both
    ///   ridges are zero and the history is too short to determine the solution.
    func solveUser(history: [RatedItem], weights: [Double], regularization: Double, biasRegularization: Double,
                   offsets: [Double]? = nil) throws
        -> (factors: [Double], bias: Double, system: RidgeSystem)
    {
        let k = factorCount
        var system = RidgeSystem(dimension: k + 1)
        var totalWeight = 0.0
        itemFactors.withUnsafeBufferPointer { q in
            for (index, (entry, weight)) in zip(history, weights).enumerated() {
                let target = entry.rating - globalMean - itemBiases[entry.item] - (offsets?[index] ?? 0)
                system.add(q.baseAddress! + entry.item * k, withBias: true, target: target, weight: weight)
                totalWeight += weight
            }
        }
        let scale = max(totalWeight, 1e-12)
        let ridge = [Double](repeating: regularization * scale, count: k) + [biasRegularization * scale]
        let solution = try system.solve(ridge: ridge)
        return (Array(solution.prefix(k)), solution[k], system)
    }

    /// Explains a ridge-solved prediction exactly: the user's factors and bias are linear in
    /// the ratings, x = A⁻¹ Σⱼ wⱼ yⱼ fⱼ, so item i's factor-and-bias score splits into one term
    /// per rating, wⱼ yⱼ · fⱼᵀA⁻¹f_i, with fⱼ = (qⱼ, 1) and yⱼ = rⱼ − μ − b_j.
    ///
    /// For a model trained by gradient descent the user's factors are not exactly this ridge
    /// solution, so the terms explain the fold-in of the same ratings.
    func explain(item: Int, history: [RatedItem], weights: [Double], regularization: Double,
                 biasRegularization: Double, limit: Int) throws -> [Contribution] {
        guard item >= 0, item < itemBiases.count else { throw ModelError.unknownItem(index: item, itemCount: itemBiases.count) }
        guard !history.isEmpty else { return [] }
        let (_, _, system) = try solveUser(history: history, weights: weights, regularization: regularization,
                                           biasRegularization: biasRegularization)
        let direction = try system.solveFactored(Array(itemFactors.row(item)) + [1])
        let contributions = zip(history, weights).map { entry, weight -> Contribution in
            let row = itemFactors.row(entry.item)
            var similarity = direction[factorCount]
            for (offset, component) in zip(row.indices, direction) { similarity += row[offset] * component }
            let residual = entry.rating - globalMean - itemBiases[entry.item]
            return Contribution(item: entry.item, rating: entry.rating, weight: weight * residual * similarity)
        }
        return strongestContributions(contributions, limit: limit)
    }
}

extension LatentFactors: BinaryCodable {
    /// Writes μ, the clip range (a flag, then its bounds), the biases and the factor matrices.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(globalMean)
        writer.write(clipRange != nil)
        writer.write(clipRange?.lowerBound ?? 0)
        writer.write(clipRange?.upperBound ?? 0)
        writer.writeArray(userBiases)
        writer.writeArray(itemBiases)
        writer.write(userFactors)
        writer.write(itemFactors)
    }

    public init(from reader: inout BinaryReader) throws {
        globalMean = try reader.read(Double.self)
        let clips = try reader.read(Bool.self)
        let lower = try reader.read(Double.self), upper = try reader.read(Double.self)
        guard !clips || lower <= upper else { throw BinaryDecodingError.invalid("clip range \(lower)...\(upper)") }
        clipRange = clips ? lower...upper : nil
        userBiases = try reader.readArray(Double.self)
        itemBiases = try reader.readArray(Double.self)
        userFactors = try reader.read(Matrix.self)
        itemFactors = try reader.read(Matrix.self)
        guard userFactors.rowCount == userBiases.count, itemFactors.rowCount == itemBiases.count,
              userFactors.columnCount == itemFactors.columnCount
        else {
            throw BinaryDecodingError.invalid(
                "factor matrices \(userFactors.shape) and \(itemFactors.shape) do not match the biases")
        }
    }

    /// Checks that the state covers the given numbers of users and items.
    func validate(users: Int, items: Int) throws {
        guard userBiases.count == users, itemBiases.count == items else {
            throw BinaryDecodingError.invalid(
                "factors for \(userBiases.count) users and \(itemBiases.count) items, expected \(users) and \(items)")
        }
    }
}

/// The range of a set of histories' ratings.
func ratingRange(of histories: UserHistories) -> ClosedRange<Double>? {
    guard let low = histories.ratings.min(), let high = histories.ratings.max() else { return nil }
    return low...high
}

/// A rows × columns matrix of Gaussian values with mean 0, the usual starting point of factor
/// models.
func gaussianMatrix(rows: Int, columns: Int, standardDeviation: Double, using generator: inout SeededGenerator) -> Matrix {
    var matrix = Matrix(rowCount: rows, columnCount: columns)
    matrix.withUnsafeMutableBufferPointer { values in
        var index = 0
        while index < values.count {
            // Box–Muller: 1 − u lies in (0, 1], so the logarithm is finite.
            let radius = (-2 * Foundation.log(1 - generator.nextDouble())).squareRoot() * standardDeviation
            let angle = 2 * Double.pi * generator.nextDouble()
            values[index] = radius * Foundation.cos(angle)
            if index + 1 < values.count { values[index + 1] = radius * Foundation.sin(angle) }
            index += 2
        }
    }
    return matrix
}
