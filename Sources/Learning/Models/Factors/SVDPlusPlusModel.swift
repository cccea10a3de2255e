import Foundation
import LinearAlgebra
import RecbookSupport

/// SVD++ (Koren 2008): biased matrix factorisation whose user vector also sums implicit
/// feedback from every item the user rated, r̂(u, i) = μ + b_u + b_i + q_iᵀ(p_u + |N(u)|^-½ Σⱼ yⱼ).
///
/// Fitted by SGD with Surprise's update rules, reorganised per user: the implicit sum is
/// computed once per user and pass, and the yⱼ updates of all the user's ratings are applied
/// together at the end of the pass. That turns Surprise's O(Σ_u n_u² · k) epochs into
/// O(nnz · k) ones; the yⱼ see the user's ratings as one batch rather than one by one.
///
/// A user's representation holds the effective vector p_u + |N(u)|^-½ Σ yⱼ. Folding in solves
/// p for the new user by ridge regression with the item side (q, y, b_i) fixed, then adds the
/// implicit sum of the new history.
public struct SVDPlusPlusModel: RatingPredictor, FactorRecommender {
    /// Hyper-parameters; the defaults are Surprise's `SVDpp()`.
    public struct Configuration: Sendable, Equatable {
        /// k, the number of latent dimensions.
        public var factorCount: Int
        /// Passes over the users.
        public var epochs: Int
        /// The SGD step size.
        public var learningRate: Double
        /// λ, the SGD penalty on factors and biases per rating.
        public var regularization: Double
        /// The standard deviation of the random initial factors.
        public var initialScale: Double
        /// Clamp predictions to the training ratings' range, as Surprise does.
        public var clipsPredictions: Bool
        /// The seed of the initial factors and of the visiting order.
        public var seed: UInt64

        public init(factorCount: Int = 20, epochs: Int = 20, learningRate: Double = 0.007, regularization: Double = 0.02,
                    initialScale: Double = 0.1, clipsPredictions: Bool = true, seed: UInt64 = 0) {
            self.factorCount = factorCount
            self.epochs = epochs
            self.learningRate = learningRate
            self.regularization = regularization
            self.initialScale = initialScale
            self.clipsPredictions = clipsPredictions
            self.seed = seed
        }

        func validate() throws {
            try require(factorCount >= 1, "factor count must be at least 1, got \(factorCount)")
            try require(epochs >= 1, "epochs must be at least 1, got \(epochs)")
            try require(learningRate > 0 && learningRate.isFinite, "learning rate must be positive, got \(learningRate)")
            try require(regularization >= 0 && regularization.isFinite, "regularization must be non-negative, got \(regularization)")
            try require(initialScale >= 0 && initialScale.isFinite, "initial scale must be non-negative, got \(initialScale)")
        }
    }

    public let configuration: Configuration
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    /// Biases, q (item factors) and the users' effective vectors.
    public let factors: LatentFactors
    /// yⱼ, the implicit-feedback factors, items × k.
    let implicitFactors: Matrix

    /// Fits the model.
    ///
    /// - Throws: ``ModelError/invalidConfiguration(_:)`` for hyper-parameters out of range.
    /// - Complexity: O(epochs · nnz · k).
    public init(fitting data: RatingDataset, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.configuration = configuration
        users = data.users
        items = data.items
        histories = data.histories
        let k = configuration.factorCount
        var generator = SeededGenerator(seed: configuration.seed)
        var p = gaussianMatrix(rows: data.userCount, columns: k, standardDeviation: configuration.initialScale, using: &generator)
        var q = gaussianMatrix(rows: data.itemCount, columns: k, standardDeviation: configuration.initialScale, using: &generator)
        var y = gaussianMatrix(rows: data.itemCount, columns: k, standardDeviation: configuration.initialScale, using: &generator)
        var userBiases = [Double](repeating: 0, count: data.userCount)
        var itemBiases = [Double](repeating: 0, count: data.itemCount)
        let mean = data.meanRating, rate = configuration.learningRate, lambda = configuration.regularization
        let entryItems = data.histories.items, ratings = data.histories.ratings
        var userOrder = Array(0..<data.userCount)
        var implicitSum = [Double](repeating: 0, count: k), gradient = implicitSum

        for _ in 0..<configuration.epochs {
            try Interruption.check()
            userOrder.shuffle(using: &generator)
            p.withUnsafeMutableBufferPointer { pStorage in
                q.withUnsafeMutableBufferPointer { qStorage in
                    y.withUnsafeMutableBufferPointer { yStorage in
                        for user in userOrder {
                            var positions = Array(data.histories.range(ofUser: user))
                            guard !positions.isEmpty else { continue }
                            positions.shuffle(using: &generator)
                            let norm = 1 / Double(positions.count).squareRoot()
                            for d in 0..<k { implicitSum[d] = 0; gradient[d] = 0 }
                            for position in positions {
                                let yj = yStorage.baseAddress! + entryItems[position] * k
                                for d in 0..<k { implicitSum[d] += norm * yj[d] }
                            }
                            let pu = pStorage.baseAddress! + user * k
                            for position in positions {
                                let item = entryItems[position]
                                let qi = qStorage.baseAddress! + item * k
                                var dot = 0.0
                                for d in 0..<k { dot += qi[d] * (pu[d] + implicitSum[d]) }
                                let error = ratings[position] - (mean + userBiases[user] + itemBiases[item] + dot)
                                userBiases[user] += rate * (error - lambda * userBiases[user])
                                itemBiases[item] += rate * (error - lambda * itemBiases[item])
                                for d in 0..<k {
                                    let userValue = pu[d], itemValue = qi[d]
                                    pu[d] += rate * (error * itemValue - lambda * userValue)
                                    qi[d] += rate * (error * (userValue + implicitSum[d]) - lambda * itemValue)
                                    gradient[d] += error * itemValue
                                }
                            }
                            // Surprise applies yⱼ += η(e·q_i·|N|^-½ − λyⱼ) once per rating; summed
                            // over the user's n ratings that is η(|N|^-½ Σ e·q_i − nλyⱼ).
                            let count = Double(positions.count)
                            let shrink = max(0, 1 - rate * lambda * count)
                            for position in positions {
                                let yj = yStorage.baseAddress! + entryItems[position] * k
                                for d in 0..<k { yj[d] = shrink * yj[d] + rate * norm * gradient[d] }
                            }
                        }
                    }
                }
            }
        }
        implicitFactors = y
        // Store each user's effective vector p_u + |N(u)|^-½ Σ yⱼ, which is what scoring reads.
        var effective = p
        for user in 0..<data.userCount {
            let sum = Self.implicitSum(of: data.histories.history(ofUser: user).map(\.item), y)
            for d in 0..<k { effective[user, d] += sum[d] }
        }
        factors = LatentFactors(globalMean: mean, userBiases: userBiases, itemBiases: itemBiases,
                                userFactors: effective, itemFactors: q,
                                clipRange: configuration.clipsPredictions ? ratingRange(of: data.histories) : nil)
    }

    /// |N|^-½ Σ_{j ∈ N} yⱼ.
    static func implicitSum(of items: [Int], _ y: Matrix) -> [Double] {
        var sum = [Double](repeating: 0, count: y.columnCount)
        guard !items.isEmpty else { return sum }
        let norm = 1 / Double(items.count).squareRoot()
        for item in items {
            for (d, value) in y.row(item).enumerated() { sum[d] += norm * value }
        }
        return sum
    }

    /// Solves p and b_u by ridge regression with the items fixed (λ per rating, as the SGD
    /// penalty amounts to), then adds the implicit sum of the new history.
    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        try validateFoldIn(history)
        let implicit = Self.implicitSum(of: history.map(\.item), implicitFactors)
        let offsets = history.map { entry in
            zip(factors.itemFactors.row(entry.item), implicit).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let solved = try factors.solveUser(
            history: history, weights: [Double](repeating: 1, count: history.count),
            regularization: configuration.regularization, biasRegularization: configuration.regularization, offsets: offsets)
        return UserRepresentation(history: history, factors: zip(solved.factors, implicit).map { $0 + $1 }, bias: solved.bias)
    }

    /// The ridge decomposition of the explicit part (see ``LatentFactors``), as for
    /// ``MatrixFactorizationModel``.
    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        try factors.explain(item: item, history: user.history, weights: [Double](repeating: 1, count: user.history.count),
                        regularization: configuration.regularization, biasRegularization: configuration.regularization,
                        limit: limit)
    }
}

extension SVDPlusPlusModel: BinaryCodable {
    static let formatTag = "svd-plus-plus"
    static let formatVersion: UInt16 = 1

    /// Header, configuration, vocabularies and histories, the factors, then y.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(Int64(configuration.factorCount))
        writer.write(Int64(configuration.epochs))
        writer.write(configuration.learningRate)
        writer.write(configuration.regularization)
        writer.write(configuration.initialScale)
        writer.write(configuration.clipsPredictions)
        writer.write(configuration.seed)
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.write(factors)
        writer.write(implicitFactors)
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        var configuration = Configuration()
        configuration.factorCount = Int(try reader.read(Int64.self))
        configuration.epochs = Int(try reader.read(Int64.self))
        configuration.learningRate = try reader.read(Double.self)
        configuration.regularization = try reader.read(Double.self)
        configuration.initialScale = try reader.read(Double.self)
        configuration.clipsPredictions = try reader.read(Bool.self)
        configuration.seed = try reader.read(UInt64.self)
        do { try configuration.validate() } catch { throw BinaryDecodingError.invalid("\(error)") }
        self.configuration = configuration
        (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        factors = try reader.read(LatentFactors.self)
        try factors.validate(users: users.count, items: items.count)
        implicitFactors = try ModelFormat.readMatrix(rows: items.count, columns: configuration.factorCount,
                                                     "implicit factors", from: &reader)
        guard factors.factorCount == configuration.factorCount else {
            throw BinaryDecodingError.invalid("saved factors have \(factors.factorCount) dimensions, configuration says \(configuration.factorCount)")
        }
    }
}
