import Learning
import NotebookCore
import TableSteps
import RecbookSupport

/// The original's neural hybrid, fitted: the network with its per-movie content features, the
/// label encodings that map ids to its embedding rows, and the rating scale it predicts on.
public struct NeuralModel: RecommenderModel {
    public static let kind = ValueKind.neuralModel

    public var network: NeuralRecommender
    public var users: IdVocabulary
    public var movies: IdVocabulary
    /// Ratings are predicted as sigmoid output × (upper − lower) + lower.
    public var ratingScale: ClosedRange<Double>
    public var history: TrainingHistory
    public var training: UserHistory
    /// Seconds the fit took, or NaN when the run leaves timings out.
    public var fitSeconds: Double

    public init(network: NeuralRecommender, users: IdVocabulary, movies: IdVocabulary,
                ratingScale: ClosedRange<Double>, history: TrainingHistory, training: UserHistory, fitSeconds: Double = .nan) {
        self.network = network
        self.users = users
        self.movies = movies
        self.ratingScale = ratingScale
        self.history = history
        self.training = training
        self.fitSeconds = fitSeconds
    }

    public var displayName: String { "neural hybrid" }

    private func rating(_ score: Float) -> Double {
        // As the original: score × (max − min) + min, in single precision.
        let lower = Float(ratingScale.lowerBound), upper = Float(ratingScale.upperBound)
        return Double(score * (upper - lower) + lower)
    }

    public func predict(user: Int, movie: Int) -> Double {
        (try? predict(users: [user], movies: [movie]).first) ?? .nan
    }

    public func predict(users: [Int], movies: [Int]) throws -> [Double] {
        try network.predict(users: users, movies: movies).map(rating)
    }

    public func scores(forUser user: Int) -> [Double] {
        (try? scores(forUsers: [user]).first) ?? []
    }

    public func trainingMovies(ofUser user: Int) -> [Int] { training.movies(ofUser: user) }

    /// The movies that appear in its training rows.
    public var catalogue: [Int] {
        Array(Set((0..<users.count).flatMap { training.movies(ofUser: $0) })).sorted()
    }

    public func scores(forUsers users: [Int]) throws -> [[Double]] {
        try network.catalogueScores(forUsers: users).map { $0.map(rating) }
    }

    public var summary: String {
        "neural hybrid, \(network.parameterCount) parameters, best epoch \(history.bestEpoch.map(String.init) ?? "–") of \(history.epochs.count)"
    }

    public func measurement(_ name: String) -> Double? {
        switch name {
        case "parameters": return Double(network.parameterCount)
        case "epochs": return Double(history.epochs.count)
        case "best-epoch": return history.bestEpoch.map(Double.init)
        case "fit_seconds": return fitSeconds
        default: return nil
        }
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(network)
        writer.write(users)
        writer.write(movies)
        writer.write(ratingScale.lowerBound)
        writer.write(ratingScale.upperBound)
        writer.write(history)
        writer.write(training)
        writer.write(fitSeconds)
    }

    public init(from reader: inout BinaryReader) throws {
        network = try reader.read(NeuralRecommender.self)
        users = try reader.read(IdVocabulary.self)
        movies = try reader.read(IdVocabulary.self)
        let lower = try reader.read(Double.self), upper = try reader.read(Double.self)
        guard lower < upper else { throw BinaryDecodingError.invalid("rating scale") }
        ratingScale = lower...upper
        history = try reader.read(TrainingHistory.self)
        training = try reader.read(UserHistory.self)
        fitSeconds = try reader.read(Double.self)
        guard network.configuration.userCount == users.count, network.configuration.movieCount == movies.count else {
            throw BinaryDecodingError.invalid("network shape does not match its vocabularies")
        }
    }
}

extension NeuralModel: EmbeddingModel {
    public var movieEmbeddings: (width: Int, values: [Float]) {
        (network.configuration.embeddingDimension, network.movieEmbeddings)
    }
}

extension NeuralModel {
    /// The same network scoring with another table's content features, for example the
    /// unscaled ones the original fed it when recommending.
    public func replacingContent(with table: FeatureTable) throws -> NeuralModel {
        let (columns, content) = try table.contentMatrix()
        guard columns.count == network.configuration.contentDimension else {
            throw StepError("the feature table has \(columns.count) content features; the network was trained with \(network.configuration.contentDimension)")
        }
        var features = [Float](repeating: 0, count: movies.count * columns.count)
        for movie in 0..<movies.count {
            guard let row = table.movies.index(of: movies.id(at: movie)) else { continue }
            for column in 0..<columns.count { features[movie * columns.count + column] = Float(content[row, column]) }
        }
        var copy = self
        copy.network = try NeuralRecommender(configuration: network.configuration, contentFeatures: features, weights: network.weights)
        return copy
    }
}
