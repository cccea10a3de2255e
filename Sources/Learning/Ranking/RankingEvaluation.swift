import Foundation
import LinearAlgebra

/// The ranking half of recbook's evaluation protocol, defined once for every model and used by
/// every caller (the `evaluate` step, the fold-in check, the benchmarks).
///
/// For each user of the held-out log:
/// - candidates are the model's ``Recommender/catalogue`` (every item with at least one rating
///   in its training data) minus the items the user rated there; for a folded-in user, minus
///   the items of the history folded in;
/// - relevant items are the user's held-out items rated at least ``relevanceThreshold``,
///   including items outside the catalogue (which the model cannot recommend, and so count as
///   misses);
/// - only users with at least one relevant item, and whom the model knows or has folded in,
///   are counted.
/// Each counted user's candidates are ranked by the model's scores with the deterministic order
/// of ``topScoringItems(_:count:excluding:)`` (an item scored NaN is never ranked), and the first
/// ``cutoff`` are scored with ``RankingMetrics``. Coverage is the share of the catalogue in
/// anyone's first ``cutoff``; novelty the mean −log₂ of the share of the model's users who rated
/// a recommended item in training.
///
/// Known users are scored in blocks through ``Recommender/scores(forUsers:)``, so factor
/// models use one matrix product per block and memory stays at
/// ``userBatchSize`` × items scores however many users there are.
public struct RankingEvaluation: Sendable {
    /// K: how many recommendations each user gets.
    public var cutoff: Int
    /// The smallest held-out rating that makes an item relevant.
    public var relevanceThreshold: Double
    /// Also measure recall at every K from 1 to this (0 for none), for recall-against-K curves.
    public var curveLength: Int
    /// How many users are scored at once.
    public var userBatchSize: Int

    public init(cutoff: Int = 10, relevanceThreshold: Double = 4, curveLength: Int = 0, userBatchSize: Int = 256) {
        self.cutoff = cutoff
        self.relevanceThreshold = relevanceThreshold
        self.curveLength = curveLength
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
        /// The number of items in the catalogue.
        public var catalogueSize: Int
        /// The mean self-information, in bits, of the items recommended to counted users.
        public var novelty: Double
        /// Mean recall at K = 1, 2, …, ``RankingEvaluation/curveLength``.
        public var recallCurve: [Double]
        /// Each counted user's recall at the cutoff, by external user id.
        public var recallByUser: [Int: Double]
    }

    /// Evaluates a model on held-out ratings.
    ///
    /// - Parameters:
    ///   - model: A fitted model; its training histories define each user's excluded items,
    ///     the catalogue, and the items' popularity.
    ///   - test: The held-out ratings, with external ids.
    ///   - foldedIn: Representations of users, by external user id, for example from
    ///     ``Recommender/foldIn(_:)``. A user found here is scored from this representation
    ///     even when the model knows the user.
    /// - Returns: The averaged metrics and counts.
    /// - Throws: ``ModelError/invalidConfiguration(_:)`` for a cutoff or batch size below 1 or a
    ///   negative curve length; ``MetricError/nothingRelevant(threshold:)`` when no held-out
    ///   user can be counted.
    /// - Complexity: O(U·(n log K + s)) for U users, n items and a per-user scoring cost s.
    public func evaluate(
        _ model: some Recommender, test: RatingLog, foldedIn: [Int: UserRepresentation] = [:],
        progress: (_ ranked: Int, _ of: Int) -> Void = { _, _ in }
    ) throws -> Report {
        try require(cutoff >= 1, "the ranking cutoff must be at least 1, got \(cutoff)")
        try require(curveLength >= 0, "the recall curve's length must not be negative, got \(curveLength)")
        try require(userBatchSize >= 1, "the user batch size must be at least 1, got \(userBatchSize)")
        let truth = relevantItems(test, items: model.items)
        var users = UsersToRank()
        for (userId, relevant) in truth.relevantByUser {
            if let representation = foldedIn[userId] {
                users.folded.append((userId, representation, relevant))
            } else if let user = model.users.index(of: userId) {
                users.known.append((userId, user, relevant))
            } else {
                users.unknown += 1
            }
        }
        let counts = model.trainingCounts
        let outsideCatalogue = counts.map { $0 == 0 }
        let rankings = try rank(users, model: model, outsideCatalogue: outsideCatalogue, progress: progress)
        return try report(rankings: rankings, users: users, truth: truth, counts: counts, userCount: model.userCount)
    }

    /// The users to rank, with their relevant items.
    private struct UsersToRank {
        var known: [(id: Int, index: Int, relevant: Set<Int>)] = []
        var folded: [(id: Int, representation: UserRepresentation, relevant: Set<Int>)] = []
        var unknown = 0

        var ids: [Int] { known.map(\.id) + folded.map(\.id) }
        var relevant: [Set<Int>] { known.map(\.relevant) + folded.map(\.relevant) }
    }

    /// Each user's best candidates, known users first, to the depth the metrics and the curve need.
    private func rank(
        _ users: UsersToRank, model: some Recommender, outsideCatalogue: [Bool], progress: (Int, Int) -> Void
    ) throws -> [[Int]] {
        let depth = max(cutoff, curveLength)
        let known = users.known.map(\.index)
        let batches = stride(from: 0, to: known.count, by: userBatchSize).map { $0..<min($0 + userBatchSize, known.count) }
        // One batch per core at a time, each scored and ranked whole: a batch's rankings do not
        // depend on which thread made them, and memory stays at one score block per core.
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var rankings: [[Int]] = []
        for group in stride(from: 0, to: batches.count, by: cores) {
            let members = Array(batches[group..<min(group + cores, batches.count)])
            var grouped = [[[Int]]](repeating: [], count: members.count)
            try grouped.withUnsafeMutableBufferPointer { output in
                let shared = SharedBuffer(output)
                try forEachChunk(of: members.count, minimumChunk: 1) { chunk in
                    for member in chunk {
                        let batch = Array(known[members[member]])
                        let scores = try model.scores(forUsers: batch)
                        let excluded = batch.map { Array(model.histories.items[model.histories.range(ofUser: $0)]) }
                        shared[member] = topItems(of: scores, excluding: excluded, outsideCatalogue: outsideCatalogue, depth: depth)
                    }
                }
            }
            rankings += grouped.joined()
            progress(rankings.count, users.known.count + users.folded.count)
        }
        // Folded-in users a batch at a time, as their scoring may share work between them.
        for start in stride(from: 0, to: users.folded.count, by: userBatchSize) {
            let batch = users.folded[start..<min(start + userBatchSize, users.folded.count)].map(\.representation)
            let scores = try model.scores(for: batch)
            let excluded = batch.map { $0.history.map(\.item) }
            rankings += topItems(of: scores, excluding: excluded, outsideCatalogue: outsideCatalogue, depth: depth)
        }
        return rankings
    }

    /// The metrics, coverage, novelty and curve of the users' rankings.
    private func report(
        rankings: [[Int]], users: UsersToRank, truth: (relevantByUser: [(Int, Set<Int>)], usersWithoutRelevantItems: Int),
        counts: [Int], userCount: Int
    ) throws -> Report {
        var perUser: [RankingMetrics] = []
        var recallByUser: [Int: Double] = [:]
        var curveSums = [Double](repeating: 0, count: curveLength)
        for (ranking, (userId, relevant)) in zip(rankings, zip(users.ids, users.relevant)) {
            guard let metrics = RankingMetrics(ranking: ranking, relevant: relevant, cutoff: cutoff) else { continue }
            perUser.append(metrics)
            recallByUser[userId] = metrics.recall
            var hits = 0
            for k in stride(from: 1, through: curveLength, by: 1) {
                if k <= ranking.count, relevant.contains(ranking[k - 1]) { hits += 1 }
                curveSums[k - 1] += Double(hits) / Double(relevant.count)
            }
        }
        guard let mean = RankingMetrics.mean(perUser) else { throw MetricError.nothingRelevant(threshold: relevanceThreshold) }
        let catalogueSize = counts.lazy.filter { $0 > 0 }.count
        // Coverage counts catalogue items, so number them among the catalogue only.
        var catalogueIndex = [Int](repeating: -1, count: counts.count)
        var next = 0
        for item in counts.indices where counts[item] > 0 {
            catalogueIndex[item] = next
            next += 1
        }
        return Report(
            cutoff: cutoff, metrics: mean, usersEvaluated: perUser.count,
            usersWithoutRelevantItems: truth.usersWithoutRelevantItems, usersUnknown: users.unknown,
            coverage: catalogueCoverage(rankings.map { $0.map { catalogueIndex[$0] } }, cutoff: cutoff, catalogueSize: catalogueSize),
            catalogueSize: catalogueSize,
            novelty: try meanNovelty(rankings, cutoff: cutoff, interactionCounts: counts, userCount: userCount),
            recallCurve: curveSums.map { $0 / Double(perUser.count) },
            recallByUser: recallByUser)
    }

    /// Each held-out user's relevant items, as dense indices; items unknown to the model get
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

    /// The top `depth` items of each row of a score block, rows in parallel.
    private func topItems(of scores: Matrix, excluding excluded: [[Int]], outsideCatalogue: [Bool], depth: Int) -> [[Int]] {
        var result = [[Int]](repeating: [], count: scores.rowCount)
        let columns = scores.columnCount
        result.withUnsafeMutableBufferPointer { output in
            let shared = SharedBuffer(output)
            forEachChunk(of: scores.rowCount, minimumChunk: 8) { rows in
                scores.withUnsafeBufferPointer { storage in
                    for row in rows {
                        var mask = outsideCatalogue
                        for item in excluded[row] where item >= 0 && item < columns { mask[item] = true }
                        let slice = UnsafeBufferPointer(rebasing: storage[(row * columns)..<((row + 1) * columns)])
                        shared[row] = topScoringItems(slice, count: depth, excluded: mask)
                    }
                }
            }
        }
        return result
    }
}
