/// The original notebook's "Recall@k": for each user, rank only that user's own rows by score.
///
/// For a user with rows r₁…rₙ (in input order), the top k are the k highest-scoring rows, as
/// NumPy's `argsort(scores)[-k:]` picks them with a stable sort: among equal scores the later
/// row ranks higher, and NaN ranks above everything. (NumPy's default argsort is not stable for
/// more than 16 elements, so Python may break such ties differently.) Relevant rows are those
/// whose true value is at least the threshold. A user's recall is |relevant ∩ top k| /
/// |relevant|; the result is the mean over users with at least one relevant row, in ascending
/// user order, summed as `np.mean` does.
///
/// Note what this measures: how well a user's own held-out rows are ordered, not how well
/// relevant items are found in the catalogue.
public struct RecallAtK: Sendable, Equatable {
    /// How many top-ranked rows count as recommended.
    public var k: Int
    /// The smallest true value that makes a row relevant.
    public var relevanceThreshold: Double

    public init(k: Int = 10, relevanceThreshold: Double = 4.0) {
        self.k = k
        self.relevanceThreshold = relevanceThreshold
    }

    /// The outcome of an evaluation.
    public struct Result: Sendable, Equatable {
        /// The mean recall over the users counted, or 0 when no user had a relevant row (as in
        /// the original).
        public var meanRecall: Double
        /// The users with at least one relevant row, whose recalls were averaged.
        public var usersEvaluated: Int
        /// The users skipped because none of their rows was relevant.
        public var usersWithoutRelevantRows: Int

        public init(meanRecall: Double, usersEvaluated: Int, usersWithoutRelevantRows: Int) {
            self.meanRecall = meanRecall
            self.usersEvaluated = usersEvaluated
            self.usersWithoutRelevantRows = usersWithoutRelevantRows
        }
    }

    /// Scores rows grouped by user.
    ///
    /// - Parameters:
    ///   - userIds: The user of each row.
    ///   - scores: The model's score of each row.
    ///   - truth: The true value of each row.
    /// - Throws: ``MetricError/lengthMismatch(_:)`` when the arrays differ in length,
    ///   ``MetricError/invalidParameter(_:)`` when k is below 1.
    /// - Complexity: O(n log n).
    public func evaluate(userIds: [Int], scores: [Double], truth: [Double]) throws -> Result {
        guard userIds.count == scores.count, userIds.count == truth.count else {
            throw MetricError.lengthMismatch("\(userIds.count) user ids, \(scores.count) scores, \(truth.count) true values")
        }
        guard k >= 1 else { throw MetricError.invalidParameter("k must be at least 1, got \(k)") }

        var rowsByUser: [Int: [Int]] = [:]
        for (row, user) in userIds.enumerated() { rowsByUser[user, default: []].append(row) }

        var recalls: [Double] = []
        var skipped = 0
        for user in rowsByUser.keys.sorted() {
            let rows = rowsByUser[user, default: []]
            let relevant = rows.filter { truth[$0] >= relevanceThreshold }
            guard !relevant.isEmpty else {
                skipped += 1
                continue
            }
            // Rows are in input order, so sorting by (score, position) is numpy's stable argsort.
            let ranked = rows.indices.sorted { first, second in
                Self.ranksBelow(scores[rows[first]], first, scores[rows[second]], second)
            }
            let topK = Set(ranked.suffix(k).map { rows[$0] })
            let hits = relevant.filter(topK.contains).count
            recalls.append(Double(hits) / Double(relevant.count))
        }
        return Result(
            meanRecall: recalls.isEmpty ? 0 : numpyMean(recalls),
            usersEvaluated: recalls.count,
            usersWithoutRelevantRows: skipped)
    }

    /// NumPy's ascending sort order: NaN after every number, equal scores by position.
    private static func ranksBelow(_ a: Double, _ positionA: Int, _ b: Double, _ positionB: Int) -> Bool {
        switch (a.isNaN, b.isNaN) {
        case (true, true): return positionA < positionB
        case (true, false): return false
        case (false, true): return true
        case (false, false): return a != b ? a < b : positionA < positionB
        }
    }
}
