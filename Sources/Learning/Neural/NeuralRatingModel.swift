import LinearAlgebra
import RecbookSupport

/// The original's neural hybrid as a ``RatingPredictor``, like every other model: the fitted
/// ``NeuralRecommender``, the id vocabularies of its embedding rows, the rating scale its
/// sigmoid is stretched over, and the training ratings and epochs it learned from.
///
/// The network has an embedding for every user and movie of its encoding, so it can score
/// every movie (``items``), including movies absent from its training rows; what it recommends
/// is its ``Recommender/catalogue``, the movies it was trained on, as for every model.
/// Ratings are the sigmoid output × (upper − lower) + lower, in single precision as the
/// original computes them.
///
/// A user is scored by looking up the user's embedding, so only known users can be scored:
/// there is no fold-in without retraining, and no per-rating split of a score.
public struct NeuralRatingModel: RatingPredictor, EmbeddingModel {
    public let network: NeuralRecommender
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    /// The rating scale predictions are stretched over.
    public let ratingScale: ClosedRange<Double>
    /// The epochs of the fit, and the best one whose weights were kept.
    public let training: TrainingHistory
    /// Scores whole catalogues; made once, as it holds every movie's share of the first layer.
    private let scorer: NeuralCatalogueScorer

    /// Wraps a fitted network.
    ///
    /// - Throws: ``ModelError/incompatible(_:)`` when the vocabularies or histories do not
    ///   match the network's embedding rows, ``ModelError/invalidConfiguration(_:)`` for an
    ///   empty rating scale.
    public init(network: NeuralRecommender, users: IdVocabulary, items: IdVocabulary, histories: UserHistories,
                ratingScale: ClosedRange<Double>, training: TrainingHistory) throws {
        guard network.configuration.userCount == users.count, network.configuration.movieCount == items.count,
              histories.userCount == users.count else {
            throw ModelError.incompatible(
                "a network of \(network.configuration.userCount) users and \(network.configuration.movieCount) movies for vocabularies of \(users.count) and \(items.count) and \(histories.userCount) histories")
        }
        try histories.validate(itemCount: items.count)
        try require(ratingScale.lowerBound < ratingScale.upperBound, "the rating scale \(ratingScale) is empty")
        self.network = network
        self.users = users
        self.items = items
        self.histories = histories
        self.ratingScale = ratingScale
        self.training = training
        scorer = NeuralCatalogueScorer(network)
    }

    /// The same network scoring with other content features (one row of `contentDimension`
    /// values per movie, row-major), for example the unscaled ones the original recommended with.
    ///
    /// - Throws: ``NeuralNetworkError`` for features of the wrong shape.
    public func replacingContentFeatures(_ features: [Float]) throws -> NeuralRatingModel {
        let replaced = try NeuralRecommender(configuration: network.configuration, contentFeatures: features, weights: network.weights)
        return try NeuralRatingModel(network: replaced, users: users, items: items, histories: histories,
                                     ratingScale: ratingScale, training: training)
    }

    public var movieEmbeddings: (width: Int, values: [Float]) {
        (network.configuration.embeddingDimension, network.movieEmbeddings)
    }

    private func rating(_ score: Float) -> Double {
        let lower = Float(ratingScale.lowerBound), upper = Float(ratingScale.upperBound)
        return Double(score * (upper - lower) + lower)
    }

    /// The user's index: the embedding row the network scores from.
    private func embeddingRow(of user: UserRepresentation) throws -> Int {
        guard let row = user.knownUser else {
            throw ModelError.unsupported("the neural hybrid scores only the users it was trained on; it cannot fold in a new one")
        }
        try checkUser(row)
        return row
    }

    public func representation(ofUser user: Int) throws -> UserRepresentation {
        try checkUser(user)
        return UserRepresentation(history: histories.history(ofUser: user), knownUser: user)
    }

    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        throw ModelError.unsupported("the neural hybrid cannot fold in a new user: its user embeddings are learnt only by training")
    }

    public func scores(for user: UserRepresentation) throws -> [Double] {
        try scores(forUsers: [try embeddingRow(of: user)]).row(0).map { $0 }
    }

    /// Every movie's predicted rating for each user, through the network's catalogue scoring.
    public func scores(forUsers users: [Int]) throws -> Matrix {
        let columns = itemCount
        var storage = [Double](repeating: 0, count: users.count * columns)
        try storage.withUnsafeMutableBufferPointer { storage in
            try scorer.scores(forUsers: users) { position, first, scores in
                let row = position * columns + first
                for (offset, score) in scores.enumerated() { storage[row + offset] = rating(score) }
            }
        }
        return try Matrix(rowCount: users.count, columnCount: columns, storage: storage)
    }

    public func predictedRating(for user: UserRepresentation, item: Int) throws -> Double {
        try checkItem(item)
        return try predictedRatings(users: [try embeddingRow(of: user)], items: [item])[0]
    }

    /// One batched forward pass of the network over every pair.
    public func predictedRatings(users: [Int], items: [Int]) throws -> [Double] {
        try network.predict(users: users, movies: items).map(rating)
    }

    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        throw ModelError.unsupported("the neural hybrid's scores do not split by rating; explain it by similar liked movies instead")
    }
}

extension NeuralRatingModel: BinaryCodable {
    static let formatTag = "neural-hybrid"
    static let formatVersion: UInt16 = 1

    /// Header, the network, vocabularies and histories, the rating scale, then the epochs.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(network)
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.write(ratingScale.lowerBound)
        writer.write(ratingScale.upperBound)
        writer.write(training)
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        let network = try reader.read(NeuralRecommender.self)
        let (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        let lower = try reader.read(Double.self), upper = try reader.read(Double.self)
        guard lower < upper else { throw BinaryDecodingError.invalid("rating scale \(lower)...\(upper)") }
        let training = try reader.read(TrainingHistory.self)
        do {
            try self.init(network: network, users: users, items: items, histories: histories,
                          ratingScale: lower...upper, training: training)
        } catch {
            throw BinaryDecodingError.invalid("\(error)")
        }
    }
}
