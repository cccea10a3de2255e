extension NeuralRecommender {
    /// Rated (user, movie) pairs as the network sees them: encoded indices and targets scaled to
    /// [0, 1]. The movies' content features are not repeated here; the model gathers them from
    /// its per-movie matrix.
    public struct Examples: Sendable, Hashable {
        /// User indices in `0..<userCount`.
        public let users: [Int]
        /// Movie indices in `0..<movieCount`.
        public let movies: [Int]
        /// Targets, the ratings scaled to [0, 1].
        public let targets: [Float]

        /// Creates examples from parallel arrays.
        ///
        /// - Throws: ``NeuralNetworkError/mismatchedLengths(_:)`` if the arrays differ in length.
        public init(users: [Int], movies: [Int], targets: [Float]) throws {
            guard users.count == movies.count, movies.count == targets.count else {
                throw NeuralNetworkError.mismatchedLengths(
                    "\(users.count) users, \(movies.count) movies and \(targets.count) targets"
                )
            }
            self.users = users
            self.movies = movies
            self.targets = targets
        }

        /// The number of examples.
        public var count: Int { users.count }

        /// Checks that the set is non-empty, its indices fit the architecture and its targets
        /// are finite.
        func validate(for configuration: NeuralRecommenderConfiguration, name: String) throws {
            guard count > 0 else { throw NeuralNetworkError.emptyExamples(name) }
            try NeuralRecommender.checkIndices(users, below: configuration.userCount, kind: "\(name) user")
            try NeuralRecommender.checkIndices(movies, below: configuration.movieCount, kind: "\(name) movie")
            if let row = targets.firstIndex(where: { !$0.isFinite }) {
                throw NeuralNetworkError.nonFiniteValue(kind: "\(name) target", row: row)
            }
        }
    }
}
