import LinearAlgebra
import RecbookSupport

/// Biased matrix factorisation ("Funk SVD"): r̂(u, i) = μ + b_u + b_i + p_uᵀq_i.
///
/// Two solvers fit the same model:
/// - alternating least squares, which solves every user's (p_u, b_u) with the items fixed and
///   then every item's (q_i, b_i) with the users fixed, each a small ridge regression, either
///   exactly (Cholesky) or by a few warm-started conjugate-gradient steps;
/// - stochastic gradient descent over shuffled ratings, as Surprise's `SVD` does.
///
/// Regularisation is per rating: the ridge on a user's factors is λ times the user's total
/// rating weight (ALS-WR, Zhou et al. 2008), which is also what one SGD penalty step per
/// rating amounts to. Optional ``RecencyWeighting`` weights each user's recent ratings more in
/// the user-side solves, so p_u and b_u describe the user's current taste; item sides weigh
/// every rating alike.
///
/// Folding in a new user is exactly the ALS user step. Explanations decompose that solve
/// (see ``explain(item:for:limit:)``).
public struct MatrixFactorizationModel: RatingPredictor, FactorRecommender {
    /// Hyper-parameters. The defaults are the values tuned on the validation part of
    /// ml-latest-small's time-aware split (see `recbook-bench tune`).
    public struct Configuration: Sendable, Equatable {
        /// How the factors are fitted.
        public enum Solver: Sendable, Equatable {
            /// Alternating least squares for `iterations` sweeps; each row's ridge problem is
            /// solved exactly when `conjugateGradientSteps` is nil, else approximately by that
            /// many conjugate-gradient steps from the previous sweep's solution.
            case alternatingLeastSquares(iterations: Int, conjugateGradientSteps: Int?)
            /// Stochastic gradient descent: `epochs` passes over the ratings with a constant
            /// learning rate, in the given order.
            case stochasticGradientDescent(epochs: Int, learningRate: Double, order: VisitOrder = .shuffled)

            /// ALS as tuned: 8 sweeps of 3 conjugate-gradient steps.
            public static let tunedAlternatingLeastSquares = Solver.alternatingLeastSquares(iterations: 8, conjugateGradientSteps: 3)
            /// SGD with Surprise's epochs and learning rate, in a shuffled order.
            public static let defaultGradientDescent = Solver.stochasticGradientDescent(epochs: 20, learningRate: 0.005)
        }

        /// The order in which SGD visits the ratings in each epoch.
        public enum VisitOrder: Sendable, Equatable {
            /// A fresh seeded permutation every epoch.
            case shuffled
            /// User by user, each user's ratings oldest first, every epoch alike: Surprise's
            /// order when its training frame is sorted by user and time.
            case byUser
        }

        /// k, the number of latent dimensions.
        public var factorCount: Int
        /// λ, the ridge on the factors per unit of rating weight.
        public var regularization: Double
        /// λ_b, the ridge on the biases per unit of rating weight.
        public var biasRegularization: Double
        /// The fitting algorithm.
        public var solver: Solver
        /// Weights each user's recent ratings more when fitting the user side; nil for none.
        public var recency: RecencyWeighting?
        /// The standard deviation of the random initial factors.
        public var initialScale: Double
        /// Clamp predictions to the training ratings' range, as Surprise does.
        public var clipsPredictions: Bool
        /// The seed of the initial factors and of the SGD order.
        public var seed: UInt64

        public init(
            factorCount: Int = 128, regularization: Double = 0.12, biasRegularization: Double = 0.1,
            solver: Solver = .tunedAlternatingLeastSquares,
            recency: RecencyWeighting? = RecencyWeighting(halfLife: 50),
            initialScale: Double = 0.1, clipsPredictions: Bool = true, seed: UInt64 = 0
        ) {
            self.factorCount = factorCount
            self.regularization = regularization
            self.biasRegularization = biasRegularization
            self.solver = solver
            self.recency = recency
            self.initialScale = initialScale
            self.clipsPredictions = clipsPredictions
            self.seed = seed
        }

        /// Surprise's `SVD()` defaults: 100 factors, 20 SGD epochs at learning rate 0.005 in
        /// user order, regularisation 0.02, initial scale 0.1, no recency weighting.
        public static let surpriseDefaults = Configuration(
            factorCount: 100, regularization: 0.02, biasRegularization: 0.02,
            solver: .stochasticGradientDescent(epochs: 20, learningRate: 0.005, order: .byUser), recency: nil)

        func validate() throws {
            try require(factorCount >= 1, "factor count must be at least 1, got \(factorCount)")
            try require(regularization >= 0 && regularization.isFinite, "regularization must be non-negative, got \(regularization)")
            try require(biasRegularization >= 0 && biasRegularization.isFinite,
                        "bias regularization must be non-negative, got \(biasRegularization)")
            try require(initialScale >= 0 && initialScale.isFinite, "initial scale must be non-negative, got \(initialScale)")
            try recency?.validate()
            switch solver {
            case let .alternatingLeastSquares(iterations, steps):
                try require(iterations >= 1, "ALS needs at least 1 iteration, got \(iterations)")
                try require(steps.map { $0 >= 1 } ?? true, "conjugate-gradient steps must be at least 1")
                try require(regularization > 0 || steps == nil,
                            "ALS with conjugate gradients needs a positive regularization")
            case let .stochasticGradientDescent(epochs, learningRate, _):
                try require(epochs >= 1, "SGD needs at least 1 epoch, got \(epochs)")
                try require(learningRate > 0 && learningRate.isFinite, "learning rate must be positive, got \(learningRate)")
            }
        }
    }

    public let configuration: Configuration
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    public private(set) var factors: LatentFactors

    /// Fits the model.
    ///
    /// - Throws: ``ModelError/invalidConfiguration(_:)`` for hyper-parameters out of range.
    /// - Complexity: ALS: O(iterations · (nnz·k² + (U + I)·k³)) exactly, or
    ///   O(iterations · steps · nnz · k) with conjugate gradients; SGD: O(epochs · nnz · k).
    public init(fitting data: RatingDataset, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.configuration = configuration
        users = data.users
        items = data.items
        histories = data.histories
        var generator = SeededGenerator(seed: configuration.seed)
        factors = .random(
            for: data, factorCount: configuration.factorCount, standardDeviation: configuration.initialScale,
            globalMean: data.meanRating, clipRange: configuration.clipsPredictions ? ratingRange(of: data.histories) : nil,
            using: &generator)
        let weights = RecencyWeighting.weights(of: data.histories, configuration.recency)
        switch configuration.solver {
        case let .alternatingLeastSquares(iterations, steps):
            let solver = AlternatingLeastSquares(
                data: data, weights: weights, regularization: configuration.regularization,
                biasRegularization: configuration.biasRegularization, conjugateGradientSteps: steps)
            for _ in 0..<iterations {
                try Interruption.check()
                try solver.sweep(&factors)
            }
        case let .stochasticGradientDescent(epochs, learningRate, order):
            try fitByGradientDescent(data: data, weights: weights, epochs: epochs, learningRate: learningRate,
                                 visitOrder: order, using: &generator)
        }
    }

    /// Solves the user's factors and bias against the fixed item side: the ALS user step.
    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        try validateFoldIn(history)
        let solved = try factors.solveUser(
            history: history, weights: configuration.recency?.weights(count: history.count) ?? [Double](repeating: 1, count: history.count),
            regularization: configuration.regularization, biasRegularization: configuration.biasRegularization)
        return UserRepresentation(history: history, factors: solved.factors, bias: solved.bias)
    }

    /// Splits the item's score into one term per rating of the user's history: each rating's
    /// weight in the ridge solve for the user times the item-to-item affinity qⱼᵀA⁻¹q_i in
    /// factor space (exact for ALS-fitted and folded-in users).
    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        try factors.explain(
            item: item, history: user.history,
            weights: configuration.recency?.weights(count: user.history.count) ?? [Double](repeating: 1, count: user.history.count),
            regularization: configuration.regularization, biasRegularization: configuration.biasRegularization,
            limit: limit)
    }

    /// SGD with Surprise's `SVD` update rules. A rating's recency weight scales its step on the
    /// user side only.
    private mutating func fitByGradientDescent(
        data: RatingDataset, weights: [Double], epochs: Int, learningRate: Double,
        visitOrder: Configuration.VisitOrder, using generator: inout SeededGenerator
    ) throws {
        let k = configuration.factorCount
        let lambda = configuration.regularization, lambdaBias = configuration.biasRegularization
        let mean = factors.globalMean
        var order = Array(0..<data.ratingCount)
        let entryItems = data.histories.items, entryRatings = data.histories.ratings, entryUsers = data.entryUsers
        for _ in 0..<epochs {
            try Interruption.check()
            if visitOrder == .shuffled { order.shuffle(using: &generator) }
            factors.userFactors.withUnsafeMutableBufferPointer { p in
                factors.itemFactors.withUnsafeMutableBufferPointer { q in
                    factors.userBiases.withUnsafeMutableBufferPointer { bu in
                        factors.itemBiases.withUnsafeMutableBufferPointer { bi in
                            for position in order {
                                let user = entryUsers[position], item = entryItems[position]
                                let pu = p.baseAddress! + user * k, qi = q.baseAddress! + item * k
                                var dot = 0.0
                                for d in 0..<k { dot += pu[d] * qi[d] }
                                let error = entryRatings[position] - (mean + bu[user] + bi[item] + dot)
                                let userRate = learningRate * weights[position]
                                bu[user] += userRate * (error - lambdaBias * bu[user])
                                bi[item] += learningRate * (error - lambdaBias * bi[item])
                                for d in 0..<k {
                                    let userValue = pu[d], itemValue = qi[d]
                                    pu[d] += userRate * (error * itemValue - lambda * userValue)
                                    qi[d] += learningRate * (error * userValue - lambda * itemValue)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension MatrixFactorizationModel: BinaryCodable {
    static let formatTag = "matrix-factorization"
    /// Version 2 keeps the solver and the initial scale, so that a model read back (from the
    /// step cache) has the configuration it was fitted with: the blend compares it with its
    /// recipe's.
    static let formatVersion: UInt16 = 2

    /// Header, configuration (k, λ, λ_b, recency, clipping, seed, solver, initial scale),
    /// vocabularies and histories, then the factors.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(Int64(configuration.factorCount))
        writer.write(configuration.regularization)
        writer.write(configuration.biasRegularization)
        RecencyWeighting.write(configuration.recency, to: &writer)
        writer.write(configuration.clipsPredictions)
        writer.write(configuration.seed)
        switch configuration.solver {
        case let .alternatingLeastSquares(iterations, steps):
            writer.write(UInt8(0))
            writer.write(Int64(iterations))
            writer.write(Int64(steps ?? -1))
        case let .stochasticGradientDescent(epochs, learningRate, order):
            writer.write(UInt8(1))
            writer.write(Int64(epochs))
            writer.write(learningRate)
            writer.write(order == .byUser)
        }
        writer.write(configuration.initialScale)
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.write(factors)
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        var configuration = Configuration()
        configuration.factorCount = Int(try reader.read(Int64.self))
        configuration.regularization = try reader.read(Double.self)
        configuration.biasRegularization = try reader.read(Double.self)
        configuration.recency = try RecencyWeighting.read(from: &reader)
        configuration.clipsPredictions = try reader.read(Bool.self)
        configuration.seed = try reader.read(UInt64.self)
        switch try reader.read(UInt8.self) {
        case 0:
            let iterations = Int(try reader.read(Int64.self))
            let steps = Int(try reader.read(Int64.self))
            configuration.solver = .alternatingLeastSquares(iterations: iterations, conjugateGradientSteps: steps < 0 ? nil : steps)
        case 1:
            let epochs = Int(try reader.read(Int64.self))
            let learningRate = try reader.read(Double.self)
            let byUser = try reader.read(Bool.self)
            configuration.solver = .stochasticGradientDescent(epochs: epochs, learningRate: learningRate, order: byUser ? .byUser : .shuffled)
        case let other:
            throw BinaryDecodingError.invalid("unknown matrix factorisation solver \(other)")
        }
        configuration.initialScale = try reader.read(Double.self)
        do { try configuration.validate() } catch { throw BinaryDecodingError.invalid("\(error)") }
        (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        factors = try reader.read(LatentFactors.self)
        try factors.validate(users: users.count, items: items.count)
        guard factors.factorCount == configuration.factorCount else {
            throw BinaryDecodingError.invalid("saved factors have \(factors.factorCount) dimensions, configuration says \(configuration.factorCount)")
        }
        self.configuration = configuration
    }
}
