import LinearAlgebra

/// The ranking half of recbook's evaluation protocol, defined once for every model.
///
/// For each user of the held-out log:
/// - candidates are every item in the training catalogue minus the items the user rated in
///   training;
/// - relevant items are the user's held-out items rated at least ``relevanceThreshold``,
///   including items the model has never seen (which it cannot recommend, and so count as
///   misses);
/// - only users with at least one relevant item are counted.
/// Each counted user's candidates are ranked by the model's scores with the deterministic
/// order of ``topScoringItems(_:count:excluding:)``, and the first ``cutoff`` are scored with
/// ``RankingMetrics``. Coverage and novelty are taken over the same users' lists.
///
/// Known users are scored in blocks through ``Recommender/scores(forUsers:)``, so factor
/// models use one matrix product per block and memory stays at
/// ``userBatchSize`` × items scores however many users there are.
public struct RankingEvaluation: Sendable {
    /// K: how many recommendations each user gets.
    public var cutoff: Int
    /// The smallest held-out rating that makes an item relevant.
    public var relevanceThreshold: Double
    /// How many users are scored at once.
    public var userBatchSize: Int

    public init(cutoff: Int = 10, relevanceThreshold: Double = 4, userBatchSize: Int = 256) {
        self.cutoff = cutoff
        self.relevanceThreshold = relevanceThreshold
        self.userBatchSize = userBatchSize
    }

    /// The outcome of a ranking evaluation.
    public struct Report: Sendable, Equatable {
        /// K.
        public var cutoff: Int
        /// The metrics averaged over the counted users; all zero when no user was counted.
        public var metrics: RankingMetrics
        /// Users with at least one relevant held-out item, whose metrics were averaged.
        public var usersEvaluated: Int
        /// Held-out users skipped because none of their items was relevant.
        public var usersWithoutRelevantItems: Int
        /// Held-out users with relevant items whom the model could not score (neither known nor
        /// folded in).
        public var usersUnknown: Int
        /// The share of the catalogue recommended to at least one counted user.
        public var coverage: Double
        /// The mean self-information, in bits, of the items recommended to counted users.
        public var novelty: Double
    }

    /// Evaluates a model on held-out ratings.
    ///
    /// - Parameters:
    ///   - model: A model fitted on `training`.
    ///   - training: The training data: it defines each user's excluded items and, for
    ///     novelty, the items' popularity.
    ///   - test: The held-out ratings, with external ids.
    ///   - foldedIn: Representations of users absent from training, by external user id, for
    ///     example from ``Recommender/foldIn(_:)``. Their own histories are excluded from
    ///     their candidates. A user found here is scored from this representation even when
    ///     the model knows the user.
    /// - Returns: The averaged metrics and counts.
    /// - Throws: ``ModelError/incompatible(_:)`` when the model's vocabularies differ from the
    ///   training data's, ``ModelError/invalidConfiguration(_:)`` for a cutoff or batch size
    ///   below 1.
    /// - Complexity: O(U·(n log K + s)) for U users, n items and a per-user scoring cost s.
    public func evaluate(
        _ model: some Recommender, training: RatingDataset, test: RatingLog,
        foldedIn: [Int: UserRepresentation] = [:]
    ) throws -> Report {
        try require(cutoff >= 1, "the ranking cutoff must be at least 1, got \(cutoff)")
        try require(userBatchSize >= 1, "the user batch size must be at least 1, got \(userBatchSize)")
        guard model.users == training.users, model.items == training.items else {
            throw ModelError.incompatible("the model was not fitted on this training data")
        }
        let truth = relevantItems(test, items: training.items)

        var report = Report(
            cutoff: cutoff, metrics: RankingMetrics(precision: 0, recall: 0, ndcg: 0, averagePrecision: 0, reciprocalRank: 0, hitRate: 0),
            usersEvaluated: 0, usersWithoutRelevantItems: truth.usersWithoutRelevantItems, usersUnknown: 0,
            coverage: 0, novelty: 0)
        var knownUsers: [(user: Int, relevant: Set<Int>)] = []
        var foldedUsers: [(representation: UserRepresentation, relevant: Set<Int>)] = []
        for (userId, relevant) in truth.relevantByUser {
            if let representation = foldedIn[userId] {
                foldedUsers.append((representation, relevant))
            } else if let user = training.users.index(of: userId) {
                knownUsers.append((user, relevant))
            } else {
                report.usersUnknown += 1
            }
        }

        var rankings: [[Int]] = []
        var perUser: [RankingMetrics] = []
        for batchStart in stride(from: 0, to: knownUsers.count, by: userBatchSize) {
            let batch = knownUsers[batchStart..<min(batchStart + userBatchSize, knownUsers.count)]
            let scores = try model.scores(forUsers: batch.map(\.user))
            let excluded = batch.map { Array(training.histories.items[training.histories.range(ofUser: $0.user)]) }
            rankings += topItems(of: scores, excluding: excluded)
        }
        for (representation, _) in foldedUsers {
            rankings.append(topScoringItems(model.scores(for: representation), count: cutoff,
                                            excluding: representation.history.map(\.item)))
        }
        let relevantSets = knownUsers.map(\.relevant) + foldedUsers.map(\.relevant)
        for (ranking, relevant) in zip(rankings, relevantSets) {
            if let metrics = RankingMetrics(ranking: ranking, relevant: relevant, cutoff: cutoff) { perUser.append(metrics) }
        }
        report.usersEvaluated = perUser.count
        if let mean = RankingMetrics.mean(perUser) { report.metrics = mean }
        report.coverage = catalogueCoverage(rankings, cutoff: cutoff, catalogueSize: training.itemCount)
        report.novelty = try meanNovelty(rankings, cutoff: cutoff, interactionCounts: training.itemRatingCounts,
                                         userCount: training.userCount)
        return report
    }

    /// Each held-out user's relevant items, as dense indices; items unknown to training get
    /// distinct negative indices, so they count in |relevant| but can never be hit.
    private func relevantItems(_ test: RatingLog, items: IdVocabulary) -> (relevantByUser: [(Int, Set<Int>)], usersWithoutRelevantItems: Int) {
        var relevantByUser: [Int: Set<Int>] = [:]
        var unknownItems: [Int: Set<Int>] = [:]
        for row in 0..<test.count {
            let userId = test.userIds[row]
            guard test.ratings[row] >= relevanceThreshold else {
                if relevantByUser[userId] == nil { relevantByUser[userId] = [] }
                continue
            }
            if let item = items.index(of: test.itemIds[row]) {
                relevantByUser[userId, default: []].insert(item)
            } else {
                unknownItems[userId, default: []].insert(test.itemIds[row])
                relevantByUser[userId, default: []].insert(-unknownItems[userId, default: []].count)
            }
        }
        let sorted = relevantByUser.sorted { $0.key < $1.key }
        let counted = sorted.filter { !$0.value.isEmpty }.map { ($0.key, $0.value) }
        return (counted, sorted.count - counted.count)
    }

    /// The top `cutoff` items of each row of a score block, rows in parallel.
    private func topItems(of scores: Matrix, excluding excluded: [[Int]]) -> [[Int]] {
        var result = [[Int]](repeating: [], count: scores.rowCount)
        let columns = scores.columnCount, cutoff = self.cutoff
        result.withUnsafeMutableBufferPointer { output in
            let shared = SharedBuffer(output)
            forEachChunk(of: scores.rowCount, minimumChunk: 8) { rows in
                scores.withUnsafeBufferPointer { storage in
                    for row in rows {
                        var mask = [Bool](repeating: false, count: columns)
                        for item in excluded[row] where item < columns { mask[item] = true }
                        let slice = UnsafeBufferPointer(rebasing: storage[(row * columns)..<((row + 1) * columns)])
                        shared[row] = topScoringItems(slice, count: cutoff, excluded: mask)
                    }
                }
            }
        }
        return result
    }
}
