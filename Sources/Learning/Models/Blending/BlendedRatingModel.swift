import LinearAlgebra
import RecbookSupport

/// A linear blend of rating predictors: r̂ = w₀ + Σₘ wₘ r̂ₘ, clamped to the training range.
///
/// Models of different families err differently (a factor model misses local item-to-item
/// effects that a neighbourhood model catches), so a blend beats each part. The weights are
/// hyper-parameters: fit them with ``fitWeights(_:heldOut:ridge:)`` on predictions for
/// held-out ratings from parts fitted *without* those ratings, then refit the parts on all the
/// training data and blend them with the same weights.
///
/// Every part must be fitted on the same data (same vocabularies). A user's representation
/// holds one part representation per model, in order.
public struct BlendedRatingModel: RatingPredictor {
    /// The blended models, in order.
    public let parts: [any RatingPredictor]
    /// wₘ, one per part.
    public let weights: [Double]
    /// w₀.
    public let intercept: Double
    let clipRange: ClosedRange<Double>?

    /// Blends fitted models.
    ///
    /// - Parameters:
    ///   - parts: At least one model, all fitted on the same data.
    ///   - weights: One finite weight per part.
    ///   - intercept: w₀.
    ///   - clipsPredictions: Clamp blended predictions to the training ratings' range.
    /// - Throws: ``ModelError/invalidConfiguration(_:)`` for a wrong number of weights or a
    ///   non-finite one; ``ModelError/incompatible(_:)`` for parts fitted on different data.
    public init(parts: [any RatingPredictor], weights: [Double], intercept: Double, clipsPredictions: Bool = true) throws {
        try require(!parts.isEmpty, "a blend needs at least one model")
        try require(weights.count == parts.count, "\(weights.count) weights for \(parts.count) models")
        try require((weights + [intercept]).allSatisfy(\.isFinite), "blend weights must be finite")
        for part in parts.dropFirst() where part.users != parts[0].users || part.items != parts[0].items {
            throw ModelError.incompatible("blended models were fitted on different users or items")
        }
        self.parts = parts
        self.weights = weights
        self.intercept = intercept
        clipRange = clipsPredictions ? ratingRange(of: parts[0].histories) : nil
    }

    /// The least-squares blend weights of several models' predictions for held-out ratings.
    ///
    /// - Parameters:
    ///   - parts: Models fitted without the held-out ratings.
    ///   - heldOut: Ratings to fit the weights on; pairs a model cannot score are skipped.
    ///   - ridge: A small ridge on the weights (not the intercept) for stability.
    /// - Returns: The intercept and one weight per part.
    /// - Throws: ``ModelError/invalidData(_:)`` when no held-out pair can be scored or the
    ///   normal equations are singular; ``ModelError/incompatible(_:)`` for parts fitted on
    ///   different data.
    public static func fitWeights(_ parts: [any RatingPredictor], heldOut: RatingLog, ridge: Double = 1e-6)
        throws -> (intercept: Double, weights: [Double])
    {
        guard let first = parts.first else { throw ModelError.invalidConfiguration("a blend needs at least one model") }
        for part in parts.dropFirst() where part.users != first.users || part.items != first.items {
            throw ModelError.incompatible("blended models were fitted on different users or items")
        }
        let size = parts.count + 1
        var system = RidgeSystem(dimension: size)
        var cache: [Int: [UserRepresentation]] = [:]
        var pairs = 0
        for row in 0..<heldOut.count {
            guard let user = first.users.index(of: heldOut.userIds[row]),
                  let item = first.items.index(of: heldOut.itemIds[row]) else { continue }
            if cache[user] == nil { cache[user] = try parts.map { try $0.representation(ofUser: user) } }
            let representations = cache[user] ?? []
            let features = try [1] + zip(parts, representations).map { try $0.predictedRating(for: $1, item: item) }
            features.withUnsafeBufferPointer { system.add($0.baseAddress!, withBias: false, target: heldOut.ratings[row], weight: 1) }
            pairs += 1
        }
        guard pairs > 0 else { throw ModelError.invalidData("no held-out pair can be scored by the blended models") }
        do {
            let solution = try system.solve(ridge: [0] + [Double](repeating: ridge * Double(pairs), count: parts.count))
            return (solution[0], Array(solution.dropFirst()))
        } catch let error as LinearAlgebraError {
            throw ModelError.invalidData("the blend's normal equations are singular (\(error))")
        }
    }

    public var users: IdVocabulary { parts[0].users }
    public var items: IdVocabulary { parts[0].items }
    public var histories: UserHistories { parts[0].histories }

    public func representation(ofUser user: Int) throws -> UserRepresentation {
        try checkUser(user)
        return UserRepresentation(history: histories.history(ofUser: user),
                                  parts: try parts.map { try $0.representation(ofUser: user) })
    }

    /// Folds the user into every part.
    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        try validateFoldIn(history)
        return UserRepresentation(history: history, parts: try parts.map { try $0.foldIn(history) })
    }

    /// The parts' representations, or, for a representation a caller built by hand from a
    /// history, each part's fold-in of that history.
    ///
    /// - Throws: what a part's fold-in throws.
    private func partRepresentations(_ user: UserRepresentation) throws -> [UserRepresentation] {
        if user.parts.count == parts.count { return user.parts }
        return try parts.map { try $0.foldIn(user.history) }
    }

    public func predictedRating(for user: UserRepresentation, item: Int) throws -> Double {
        var value = intercept
        for (part, (weight, representation)) in zip(parts, zip(weights, try partRepresentations(user))) {
            value += weight * (try part.predictedRating(for: representation, item: item))
        }
        guard let clipRange else { return value }
        return min(max(value, clipRange.lowerBound), clipRange.upperBound)
    }

    /// Each part's batched predictions, blended: the same values as pair by pair.
    public func predictedRatings(users: [Int], items: [Int]) throws -> [Double] {
        var values = [Double](repeating: intercept, count: users.count)
        for (part, weight) in zip(parts, weights) {
            let predicted = try part.predictedRatings(users: users, items: items)
            for index in values.indices { values[index] += weight * predicted[index] }
        }
        guard let clipRange else { return values }
        return values.map { min(max($0, clipRange.lowerBound), clipRange.upperBound) }
    }

    public func scores(for user: UserRepresentation) throws -> [Double] {
        let representations = try partRepresentations(user)
        return Array(try blended(rowCount: 1) { part in try parts[part].scores(for: [representations[part]]) }.row(0))
    }

    public func scores(forUsers users: [Int]) throws -> Matrix {
        try blended(rowCount: users.count) { part in try parts[part].scores(forUsers: users) }
    }

    /// Each part scores all the users at once (item-kNN shares its pass over the lists
    /// between them), blended: the same values as user by user.
    public func scores(for users: [UserRepresentation]) throws -> Matrix {
        let representations = try users.map { try partRepresentations($0) }
        return try blended(rowCount: users.count) { part in try parts[part].scores(for: representations.map { $0[part] }) }
    }

    /// The intercept plus each part's scores for the same rows, weighted, parts in order.
    private func blended(rowCount: Int, _ partScores: (_ part: Int) throws -> Matrix) throws -> Matrix {
        var storage = [Double](repeating: intercept, count: rowCount * itemCount)
        for (part, weight) in weights.enumerated() {
            try partScores(part).withUnsafeBufferPointer { values in
                for index in storage.indices { storage[index] += weight * values[index] }
            }
        }
        return try Matrix(rowCount: rowCount, columnCount: itemCount, storage: storage)
    }

    /// Each part's contributions, scaled by its weight and summed per rated item.
    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        var combined: [Int: Contribution] = [:]
        for (part, (weight, representation)) in zip(parts, zip(weights, try partRepresentations(user))) {
            for contribution in try part.explain(item: item, for: representation, limit: Int.max) {
                combined[contribution.item, default: Contribution(item: contribution.item, rating: contribution.rating, weight: 0)]
                    .weight += weight * contribution.weight
            }
        }
        return strongestContributions(Array(combined.values), limit: limit)
    }
}

extension BlendedRatingModel: BinaryCodable {
    static let formatTag = "blend"
    static let formatVersion: UInt16 = 1

    /// Header, intercept, weights, clipping, then each part as a complete saved model.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(intercept)
        writer.writeArray(weights)
        writer.write(clipRange != nil)
        for part in parts { part.encode(to: &writer) }
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        let intercept = try reader.read(Double.self)
        let weights = try reader.readArray(Double.self)
        let clips = try reader.read(Bool.self)
        var parts: [any RatingPredictor] = []
        for _ in weights {
            guard let part = try ModelArchive.decode(from: &reader) as? any RatingPredictor else {
                throw BinaryDecodingError.invalid("a blended part does not predict ratings")
            }
            parts.append(part)
        }
        do {
            try self.init(parts: parts, weights: weights, intercept: intercept, clipsPredictions: clips)
        } catch {
            throw BinaryDecodingError.invalid("\(error)")
        }
    }
}
