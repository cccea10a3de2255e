import LinearAlgebra
import RecbookSupport

/// Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008), fitted by alternating
/// least squares with conjugate-gradient row solves, as the `implicit` library does.
///
/// Every (user, item) cell has a preference p = 1 when the user interacted with the item and 0
/// otherwise, and a confidence c = 1 + α·v for interactions (v = 1, or the rating when
/// ``Configuration/usesRatingValues``; times the recency weight when set) and 1 elsewhere. The
/// factors minimise Σ c (p − xᵤᵀyᵢ)² + λ(|X|² + |Y|²) over *all* cells; the trick that makes
/// this cheap is YᵀCᵤY = YᵀY + Yᵀ(Cᵤ − I)Y, where only the user's interactions enter the
/// second term. Scores are xᵤᵀyᵢ; there are no biases and no rating scale.
public struct ImplicitALSModel: FactorRecommender {
    /// Hyper-parameters. The defaults were chosen on the validation part of ml-latest-small's
    /// time-aware split (`recbook-bench tune only=ials`).
    public struct Configuration: Sendable, Equatable {
        /// k, the number of latent dimensions.
        public var factorCount: Int
        /// λ, the ridge on every factor vector (not scaled by counts).
        public var regularization: Double
        /// α, the confidence given to an interaction beyond the baseline 1.
        public var alpha: Double
        /// Alternating sweeps.
        public var iterations: Int
        /// Conjugate-gradient steps per row and sweep, from the previous solution.
        public var conjugateGradientSteps: Int
        /// Scale confidence by the rating rather than treating every interaction alike.
        public var usesRatingValues: Bool
        /// Scale confidence by each interaction's recency in the user's history; nil for none.
        public var recency: RecencyWeighting?
        /// The seed of the initial factors.
        public var seed: UInt64

        public init(factorCount: Int = 128, regularization: Double = 10, alpha: Double = 1, iterations: Int = 15,
                    conjugateGradientSteps: Int = 3, usesRatingValues: Bool = false,
                    recency: RecencyWeighting? = nil, seed: UInt64 = 0) {
            self.factorCount = factorCount
            self.regularization = regularization
            self.alpha = alpha
            self.iterations = iterations
            self.conjugateGradientSteps = conjugateGradientSteps
            self.usesRatingValues = usesRatingValues
            self.recency = recency
            self.seed = seed
        }

        func validate() throws {
            try require(factorCount >= 1, "factor count must be at least 1, got \(factorCount)")
            try require(regularization > 0 && regularization.isFinite, "regularization must be positive, got \(regularization)")
            try require(alpha >= 0 && alpha.isFinite, "alpha must be non-negative, got \(alpha)")
            try require(iterations >= 1, "iterations must be at least 1, got \(iterations)")
            try require(conjugateGradientSteps >= 1, "conjugate-gradient steps must be at least 1")
            try recency?.validate()
        }
    }

    public let configuration: Configuration
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    /// X (users × k) and Y (items × k); biases are zero.
    public private(set) var factors: LatentFactors

    /// Fits the factors.
    ///
    /// - Throws: ``ModelError/invalidConfiguration(_:)`` for hyper-parameters out of range.
    /// - Complexity: O(iterations · ((U + I)·k² + steps · (nnz·k + (U + I)·k²))).
    public init(fitting data: RatingDataset, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.configuration = configuration
        users = data.users
        items = data.items
        histories = data.histories
        var generator = SeededGenerator(seed: configuration.seed)
        // implicit starts from small uniform-like factors; a narrow Gaussian serves the same end.
        factors = .random(for: data, factorCount: configuration.factorCount, standardDeviation: 0.01, globalMean: 0,
                          clipRange: nil, using: &generator)
        let confidences = Self.confidenceExcess(data.histories, configuration)
        let userSide = RatingSide.users(of: data, weights: confidences)
        let itemSide = RatingSide.items(of: data, weights: confidences)
        for _ in 0..<configuration.iterations {
            try Interruption.check()
            try Self.sweep(side: userSide, own: &factors.userFactors, fixed: factors.itemFactors, configuration)
            try Self.sweep(side: itemSide, own: &factors.itemFactors, fixed: factors.userFactors, configuration)
        }
    }

    /// c − 1 = α·v for each interaction, indexed like the histories.
    private static func confidenceExcess(_ histories: UserHistories, _ configuration: Configuration) -> [Double] {
        let recency = RecencyWeighting.weights(of: histories, configuration.recency)
        return (0..<histories.ratingCount).map { position in
            configuration.alpha * (configuration.usesRatingValues ? histories.ratings[position] : 1) * recency[position]
        }
    }

    /// Solves every row of one side with the other fixed, by warm-started conjugate gradients on
    /// (YᵀY + Yᵀ(Cᵤ − I)Y + λI) x = YᵀCᵤpᵤ.
    private static func sweep(side: RatingSide, own: inout Matrix, fixed: Matrix, _ configuration: Configuration) throws {
        let k = fixed.columnCount, lambda = configuration.regularization, steps = configuration.conjugateGradientSteps
        let gram = try fixed.multiplied(by: fixed, transposingSelf: true)
        // Each row's products are small: one BLAS thread per row solve, rows on every core.
        SingleThreadedBLAS.run { own.withUnsafeMutableBufferPointer { ownStorage in
            let output = SharedBuffer(ownStorage)
            forEachChunk(of: side.rowCount, minimumChunk: 32) { chunk in
                fixed.withUnsafeBufferPointer { fixedStorage in
                    gram.withUnsafeBufferPointer { g in
                        var solver = ConjugateGradient(dimension: k)
                        // Each row's interactions gathered: yⱼ with weight cⱼ − 1.
                        let rows = GatheredRows(width: k)
                        for row in chunk {
                            rows.gather(side.offsets[row]..<side.offsets[row + 1], neighbours: side.neighbours,
                                        fixed: fixedStorage.baseAddress!, factorCount: k,
                                        weight: { side.weights[$0] }, value: { _ in 0 })
                            let solution = UnsafeMutableBufferPointer(start: output.address(of: row * k), count: k)
                            solver.refine(solution, steps: steps, residual: { product, residual in
                                // b = Σ cⱼ yⱼ over the interactions (p = 1 there, 0 elsewhere).
                                rows.combine(into: residual.baseAddress!) { excess, _ in 1 + excess }
                                for d in 0..<k { residual[d] -= product[d] }
                            }, multiply: { vector, result in
                                // (YᵀY + λI)·v, then Σ (cⱼ − 1) yⱼ (yⱼᵀv).
                                for d in 0..<k { result[d] = lambda * vector[d] }
                                DoublePrecisionKernels.multiply(g.baseAddress!, rows: k, columns: k, lda: k,
                                                                vector.baseAddress!, into: result.baseAddress!, beta: 1)
                                rows.addWeightedGramProduct(vector.baseAddress!, to: result.baseAddress!)
                            })
                        }
                    }
                }
            }
        } }
    }

    /// Solves the user's factors exactly against the fixed item factors:
    /// (YᵀY + Yᵀ(Cᵤ − I)Y + λI) x = YᵀCᵤpᵤ.
    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        try validateFoldIn(history)
        return UserRepresentation(history: history, factors: try solveUser(history).x)
    }

    /// The user's system, factored, and its solution.
    ///
    /// - Throws: ``LinearAlgebra/LinearAlgebraError/notPositiveDefinite(order:)``, which a
    ///   positive λ rules out.
    private func solveUser(_ history: [RatedItem]) throws -> (x: [Double], system: RidgeSystem) {
        let k = factors.factorCount
        let gram = try factors.itemFactors.multiplied(by: factors.itemFactors, transposingSelf: true)
        var system = RidgeSystem(dimension: k)
        system.addSymmetric(gram)
        factors.itemFactors.withUnsafeBufferPointer { y in
            for (entry, extra) in zip(history, confidenceExcess(of: history)) {
                let row = y.baseAddress! + entry.item * k
                system.addOuterProduct(row, weight: extra)
                system.addToRightHandSide(row, scale: 1 + extra)
            }
        }
        let x = try system.solve(ridge: [Double](repeating: configuration.regularization, count: k))
        return (x, system)
    }

    private func confidenceExcess(of history: [RatedItem]) -> [Double] {
        let recency = configuration.recency?.weights(count: history.count) ?? [Double](repeating: 1, count: history.count)
        return zip(history, recency).map { entry, weight in
            configuration.alpha * (configuration.usesRatingValues ? entry.rating : 1) * weight
        }
    }

    /// The exact decomposition xᵤ = A⁻¹ Σⱼ cⱼ yⱼ: item i's score is Σⱼ cⱼ · yⱼᵀA⁻¹yᵢ.
    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        try checkItem(item)
        let (_, system) = try solveUser(user.history)
        let direction = try system.solveFactored(Array(factors.itemFactors.row(item)))
        let contributions = zip(user.history, confidenceExcess(of: user.history)).map { entry, extra -> Contribution in
            let row = factors.itemFactors.row(entry.item)
            var affinity = 0.0
            for (offset, component) in zip(row.indices, direction) { affinity += row[offset] * component }
            return Contribution(item: entry.item, rating: entry.rating, weight: (1 + extra) * affinity)
        }
        return strongestContributions(contributions, limit: limit)
    }
}

extension ImplicitALSModel: BinaryCodable {
    static let formatTag = "implicit-als"
    static let formatVersion: UInt16 = 1

    /// Header, configuration, vocabularies and histories, then the factors.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(Int64(configuration.factorCount))
        writer.write(configuration.regularization)
        writer.write(configuration.alpha)
        writer.write(Int64(configuration.iterations))
        writer.write(Int64(configuration.conjugateGradientSteps))
        writer.write(configuration.usesRatingValues)
        RecencyWeighting.write(configuration.recency, to: &writer)
        writer.write(configuration.seed)
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.write(factors)
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        var configuration = Configuration()
        configuration.factorCount = Int(try reader.read(Int64.self))
        configuration.regularization = try reader.read(Double.self)
        configuration.alpha = try reader.read(Double.self)
        configuration.iterations = Int(try reader.read(Int64.self))
        configuration.conjugateGradientSteps = Int(try reader.read(Int64.self))
        configuration.usesRatingValues = try reader.read(Bool.self)
        configuration.recency = try RecencyWeighting.read(from: &reader)
        configuration.seed = try reader.read(UInt64.self)
        do { try configuration.validate() } catch { throw BinaryDecodingError.invalid("\(error)") }
        self.configuration = configuration
        (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        factors = try reader.read(LatentFactors.self)
        try factors.validate(users: users.count, items: items.count)
        guard factors.factorCount == configuration.factorCount else {
            throw BinaryDecodingError.invalid("saved factors have \(factors.factorCount) dimensions, configuration says \(configuration.factorCount)")
        }
    }
}
