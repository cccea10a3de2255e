import LinearAlgebra
import RecbookSupport

/// Latent factors fitted by another system — Spark MLlib's ALS on a cluster, say — read back so
/// that recbook recommends, explains and evaluates with them: r̂(u, i) = p_uᵀq_i, without biases,
/// as Spark's `ALSModel` predicts.
///
/// The vectors arrive keyed by external user and movie ids (``FactorTable``) and are placed by
/// the training data's vocabularies, so the data must be the ratings the factors were fitted on:
/// every user and item in it needs a vector, all of one length. Vectors for ids the data does
/// not have are left out. A new user is folded in as Spark's ALS solves a user's row: the ridge
/// regression of the user's ratings on the fixed item factors, with λ multiplied by the number
/// of ratings (ALS-WR, Zhou et al. 2008, Spark's default scaling).
public struct ExternalFactorsModel: FactorRecommender, RatingPredictor {
    /// How new users are folded in and predictions are shown.
    public struct Configuration: Sendable, Equatable {
        /// λ, Spark's `regParam`: the fold-in ridge, per rating of the user.
        public var regularization: Double
        /// Whether predictions are clamped to the training ratings' range (Spark's are not).
        public var clipsPredictions: Bool

        public init(regularization: Double = 0.1, clipsPredictions: Bool = true) {
            self.regularization = regularization
            self.clipsPredictions = clipsPredictions
        }

        func validate() throws {
            try require(regularization > 0 && regularization.isFinite, "regularization must be positive, got \(regularization)")
        }
    }

    /// Vectors by external id: `ids[r]`'s vector is `values[r·width ..< (r + 1)·width]`.
    public struct FactorTable: Sendable, Equatable {
        public var ids: [Int]
        public var width: Int
        public var values: [Double]

        public init(ids: [Int], width: Int, values: [Double]) {
            self.ids = ids
            self.width = width
            self.values = values
        }
    }

    public let configuration: Configuration
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    /// P (users × k) and Q (items × k); μ and the biases are zero.
    public private(set) var factors: LatentFactors

    /// Places the vectors of `userFactors` and `itemFactors` by `data`'s users and items.
    ///
    /// - Parameters:
    ///   - data: The ratings the factors were fitted on: its users and items are the model's,
    ///     its histories what a user has already rated.
    ///   - userFactors: A vector per user id; `kind` names the table in errors.
    ///   - itemFactors: A vector per item id.
    /// - Throws: ``ModelError/invalidData(_:)`` for tables of different widths, a width of 0,
    ///   an id given twice, a value that is not finite, or a user or item of `data` without a
    ///   vector; ``ModelError/invalidConfiguration(_:)`` for λ ≤ 0.
    public init(data: RatingDataset, userFactors: FactorTable, itemFactors: FactorTable,
                configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        guard userFactors.width == itemFactors.width else {
            throw ModelError.invalidData("the user factors have \(userFactors.width) dimensions and the item factors \(itemFactors.width)")
        }
        self.configuration = configuration
        users = data.users
        items = data.items
        histories = data.histories
        factors = LatentFactors(
            globalMean: 0,
            userBiases: [Double](repeating: 0, count: data.userCount),
            itemBiases: [Double](repeating: 0, count: data.itemCount),
            userFactors: try Self.placed(userFactors, by: data.users, kind: "user"),
            itemFactors: try Self.placed(itemFactors, by: data.items, kind: "item"),
            clipRange: configuration.clipsPredictions ? ratingRange(of: data.histories) : nil)
    }

    /// The rows of `table` in the order of `vocabulary`, as a matrix.
    private static func placed(_ table: FactorTable, by vocabulary: IdVocabulary, kind: String) throws -> Matrix {
        let width = table.width
        guard width >= 1 else { throw ModelError.invalidData("the \(kind) factors have no dimensions") }
        guard table.values.count == table.ids.count * width else {
            throw ModelError.invalidData("\(table.values.count) \(kind) factor values for \(table.ids.count) ids of \(width) dimensions")
        }
        var matrix = Matrix(rowCount: vocabulary.count, columnCount: width)
        var placed = [Bool](repeating: false, count: vocabulary.count)
        try matrix.withUnsafeMutableBufferPointer { storage in
            for (row, id) in table.ids.enumerated() {
                guard let index = vocabulary.index(of: id) else { continue }
                guard !placed[index] else { throw ModelError.invalidData("\(kind) \(id) has two vectors of factors") }
                placed[index] = true
                for offset in 0..<width {
                    let value = table.values[row * width + offset]
                    guard value.isFinite else {
                        throw ModelError.invalidData("\(kind) \(id)'s factor \(offset + 1) is \(value), not a finite number")
                    }
                    storage[index * width + offset] = value
                }
            }
        }
        let missing = placed.indices.filter { !placed[$0] }
        if let first = missing.first {
            throw ModelError.invalidData(
                "no factors for \(missing.count) of the \(vocabulary.count) \(kind)s of the training data (\(kind) \(vocabulary.id(at: first))"
                    + (missing.count > 1 ? " among them" : "") + "): were the factors fitted on these ratings?")
        }
        return matrix
    }

    /// Solves the user's factors against the fixed item factors, as Spark's ALS solves a row:
    /// min Σⱼ (rⱼ − qⱼᵀp)² + λ·n·|p|², n the number of ratings.
    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        try validateFoldIn(history)
        return UserRepresentation(history: history, factors: try solveUser(history).x)
    }

    /// The user's system, factored, and its solution.
    private func solveUser(_ history: [RatedItem]) throws -> (x: [Double], system: RidgeSystem) {
        let k = factors.factorCount
        var system = RidgeSystem(dimension: k)
        factors.itemFactors.withUnsafeBufferPointer { q in
            for entry in history {
                system.add(q.baseAddress! + entry.item * k, withBias: false, target: entry.rating, weight: 1)
            }
        }
        let ridge = configuration.regularization * Double(max(history.count, 1))
        let x = try system.solve(ridge: [Double](repeating: ridge, count: k))
        return (x, system)
    }

    /// The fold-in's exact decomposition p = A⁻¹ Σⱼ rⱼ qⱼ: item i's score is Σⱼ rⱼ · qⱼᵀA⁻¹q_i, one
    /// term per rating (for a known user, the terms explain the fold-in of their ratings, which
    /// is the row Spark's last sweep solved when the factors came from explicit ALS).
    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        try checkItem(item)
        guard !user.history.isEmpty else { return [] }
        let (_, system) = try solveUser(user.history)
        let direction = try system.solveFactored(Array(factors.itemFactors.row(item)))
        let contributions = user.history.map { entry -> Contribution in
            let row = factors.itemFactors.row(entry.item)
            var affinity = 0.0
            for (offset, component) in zip(row.indices, direction) { affinity += row[offset] * component }
            return Contribution(item: entry.item, rating: entry.rating, weight: entry.rating * affinity)
        }
        return strongestContributions(contributions, limit: limit)
    }
}

extension ExternalFactorsModel: BinaryCodable {
    static let formatTag = "external-factors"
    static let formatVersion: UInt16 = 1

    /// Header, configuration, vocabularies and histories, then the factors.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(configuration.regularization)
        writer.write(configuration.clipsPredictions)
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.write(factors)
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        let configuration = Configuration(regularization: try reader.read(Double.self), clipsPredictions: try reader.read(Bool.self))
        do { try configuration.validate() } catch { throw BinaryDecodingError.invalid("\(error)") }
        self.configuration = configuration
        (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        factors = try reader.read(LatentFactors.self)
        try factors.validate(users: users.count, items: items.count)
    }
}
