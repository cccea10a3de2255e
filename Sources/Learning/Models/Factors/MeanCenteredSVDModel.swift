import LinearAlgebra
import RecbookSupport

/// The original notebook's model as a ``RatingPredictor``: the top singular triplets of the
/// user-mean-centred training pivot, r̂(u, i) = μ_u + (UΣVᵀ)[u, i].
///
/// The pivot has users and items in ascending id order, each user's observed ratings centred
/// on that user's mean, and zeros elsewhere; ``LinearAlgebra/TruncatedSVD`` decomposes it as
/// `scipy.sparse.linalg.svds` does, so predictions match the original's (RMSE 0.9628 on its
/// test pairs). They are not clipped unless asked, as in the original.
///
/// Because UΣ = XV for the rows of the centred pivot X, a user's factors are the projection
/// of their centred ratings onto V. Folding in a new user applies the same projection, and a
/// prediction splits exactly into one term per rating, (rⱼ − μ_u) · vⱼᵀvᵢ.
public struct MeanCenteredSVDModel: RatingPredictor, FactorRecommender {
    /// Hyper-parameters.
    public struct Configuration: Sendable, Equatable {
        /// k, the number of singular triplets (50 in the original).
        public var rank: Int
        /// How the triplets are computed.
        public var method: TruncatedSVD.Method
        /// Clamp predictions to the training ratings' range (the original does not).
        public var clipsPredictions: Bool

        public init(rank: Int = 50, method: TruncatedSVD.Method = .auto, clipsPredictions: Bool = false) {
            self.rank = rank
            self.method = method
            self.clipsPredictions = clipsPredictions
        }
    }

    public let configuration: Configuration
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    /// μ_u as the user biases, UΣ as the user factors, V as the item factors.
    public let factors: LatentFactors
    /// σ, the singular values, largest first.
    public let singularValues: [Double]

    /// Centres the pivot on user means and computes its truncated SVD.
    ///
    /// - Throws: ``LinearAlgebra/LinearAlgebraError`` when the rank is out of range for the
    ///   pivot (1 ≤ k < min(users, items)) or LAPACK fails.
    public init(fitting data: RatingDataset, configuration: Configuration = Configuration()) throws {
        var means = [Double](repeating: 0, count: data.userCount)
        var rows: [Int] = [], columns: [Int] = [], values: [Double] = []
        for user in 0..<data.userCount {
            let range = data.histories.range(ofUser: user)
            guard !range.isEmpty else { continue }
            means[user] = range.reduce(0) { $0 + data.histories.ratings[$1] } / Double(range.count)
            for position in range {
                rows.append(user)
                columns.append(data.histories.items[position])
                values.append(data.histories.ratings[position] - means[user])
            }
        }
        let pivot = try SparseMatrix(rowCount: data.userCount, columnCount: data.itemCount,
                                     rowIndices: rows, columnIndices: columns, values: values)
        try self.init(centredPivot: pivot, userMeans: means, users: data.users, items: data.items,
                      histories: data.histories, configuration: configuration)
    }

    /// Decomposes a pivot that is already centred on user means (the walk-through's `center`
    /// step makes one), so that a notebook can show each stage of the original.
    ///
    /// - Parameters:
    ///   - centredPivot: Users × items, each observed rating minus its user's mean, zeros
    ///     elsewhere.
    ///   - userMeans: Each user's mean, added back to every prediction.
    ///   - histories: The ratings the pivot was made from.
    /// - Throws: ``ModelError/incompatible(_:)`` when the shapes disagree;
    ///   ``LinearAlgebra/LinearAlgebraError`` as ``init(fitting:configuration:)``.
    public init(centredPivot: SparseMatrix, userMeans: [Double], users: IdVocabulary, items: IdVocabulary,
                histories: UserHistories, configuration: Configuration = Configuration()) throws {
        guard centredPivot.rowCount == users.count, centredPivot.columnCount == items.count,
              userMeans.count == users.count, histories.userCount == users.count else {
            throw ModelError.incompatible(
                "a \(centredPivot.rowCount) × \(centredPivot.columnCount) pivot with \(userMeans.count) means and \(histories.userCount) histories for \(users.count) users and \(items.count) items")
        }
        self.configuration = configuration
        self.users = users
        self.items = items
        self.histories = histories
        let svd = try TruncatedSVD(of: centredPivot, rank: configuration.rank, method: configuration.method)
        var scaled = svd.u
        for user in 0..<scaled.rowCount {
            for component in 0..<svd.rank { scaled[user, component] *= svd.singularValues[component] }
        }
        singularValues = svd.singularValues
        factors = LatentFactors(
            globalMean: 0, userBiases: userMeans, itemBiases: [Double](repeating: 0, count: items.count),
            userFactors: scaled, itemFactors: svd.vt.transposed(),
            clipRange: configuration.clipsPredictions ? ratingRange(of: histories) : nil)
    }

    /// The new user's mean, and the projection of their centred ratings onto V.
    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        try validateFoldIn(history)
        guard !history.isEmpty else {
            return UserRepresentation(history: [], factors: [Double](repeating: 0, count: factors.factorCount))
        }
        let mean = history.reduce(0) { $0 + $1.rating } / Double(history.count)
        var projection = [Double](repeating: 0, count: factors.factorCount)
        for entry in history {
            for (d, value) in factors.itemFactors.row(entry.item).enumerated() { projection[d] += (entry.rating - mean) * value }
        }
        return UserRepresentation(history: history, factors: projection, bias: mean)
    }

    /// (rⱼ − μ_u) · vⱼᵀvᵢ for each rating: the exact split of the projected prediction.
    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        try checkItem(item)
        guard !user.history.isEmpty else { return [] }
        let mean = user.history.reduce(0) { $0 + $1.rating } / Double(user.history.count)
        let target = factors.itemFactors.row(item)
        let contributions = user.history.map { entry -> Contribution in
            let affinity = zip(factors.itemFactors.row(entry.item), target).reduce(0) { $0 + $1.0 * $1.1 }
            return Contribution(item: entry.item, rating: entry.rating, weight: (entry.rating - mean) * affinity)
        }
        return strongestContributions(contributions, limit: limit)
    }
}

extension MeanCenteredSVDModel: BinaryCodable {
    static let formatTag = "mean-centred-svd"
    static let formatVersion: UInt16 = 2

    /// Header, rank, clipping, vocabularies and histories, the factors, then the singular
    /// values (the method only matters while fitting and is not kept).
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(Int64(configuration.rank))
        writer.write(configuration.clipsPredictions)
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.write(factors)
        writer.writeArray(singularValues)
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        let rank = Int(try reader.read(Int64.self))
        let clips = try reader.read(Bool.self)
        configuration = Configuration(rank: rank, clipsPredictions: clips)
        (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        factors = try reader.read(LatentFactors.self)
        try factors.validate(users: users.count, items: items.count)
        guard factors.factorCount == rank else {
            throw BinaryDecodingError.invalid("saved factors have \(factors.factorCount) dimensions, rank is \(rank)")
        }
        singularValues = try ModelFormat.readDoubles(rank, "singular values", from: &reader)
    }
}
