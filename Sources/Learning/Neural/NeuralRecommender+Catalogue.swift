extension NeuralRecommender {
    /// Scores every movie for each user, without dropout: what ``predict(users:movies:)`` gives
    /// for every (user, movie) pair, through a ``NeuralCatalogueScorer``. To score many blocks
    /// of users with one network, make the scorer once and keep it.
    ///
    /// - Parameter users: User indices in `0..<userCount`.
    /// - Returns: One row of `movieCount` scores in [0, 1] per user, in `users` order.
    /// - Throws: ``NeuralNetworkError`` for an index out of range.
    public func catalogueScores(forUsers users: [Int]) throws -> [[Float]] {
        var rows = [[Float]](repeating: [Float](repeating: 0, count: configuration.movieCount), count: users.count)
        try NeuralCatalogueScorer(self).scores(forUsers: users) { position, first, scores in
            for (offset, score) in scores.enumerated() { rows[position][first + offset] = score }
        }
        return rows
    }
}
