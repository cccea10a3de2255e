import Foundation

/// Top-K ranking metrics of one user's recommendations against the items that user found
/// relevant in held-out data.
///
/// With `hits` the relevant items among the first K recommended, and R the relevant set:
/// - precision@K = |hits| / K (K, not the list's length, even when fewer than K candidates
///   existed: a short list is a shortfall);
/// - recall@K = |hits| / |R|, where R may include items the model cannot rank (for example
///   items absent from training), so recall measures what a user would actually miss;
/// - NDCG@K: binary gains discounted by log2(rank + 1), over the ideal DCG of
///   min(|R|, K) hits at the top;
/// - AP@K: the sum of precision@r over ranks r ≤ K that hold a relevant item, divided by
///   min(|R|, K);
/// - reciprocal rank: 1 / the rank of the first relevant item within the first K, 0 when there
///   is none (MRR@K: the ranking is truncated at K throughout);
/// - hit rate@K: 1 when any of the first K is relevant.
///
/// A ranking is read as a list of distinct items; should one repeat, only its first occurrence
/// counts. Every metric is `nil` for a user with no relevant item, who is left out of means.
public struct RankingMetrics: Sendable, Equatable {
    public var precision: Double
    public var recall: Double
    public var ndcg: Double
    public var averagePrecision: Double
    public var reciprocalRank: Double
    public var hitRate: Double

    public init(precision: Double, recall: Double, ndcg: Double, averagePrecision: Double,
                reciprocalRank: Double, hitRate: Double) {
        self.precision = precision
        self.recall = recall
        self.ndcg = ndcg
        self.averagePrecision = averagePrecision
        self.reciprocalRank = reciprocalRank
        self.hitRate = hitRate
    }

    /// All metrics for one user.
    ///
    /// - Parameters:
    ///   - ranking: Recommended items, best first; only the first `cutoff` are read.
    ///   - relevant: The user's relevant held-out items.
    ///   - cutoff: K, at least 1.
    /// - Returns: The metrics, or `nil` when `relevant` is empty or `cutoff` is below 1.
    /// - Complexity: O(min(K, ranking.count)).
    public init?<Item: Hashable>(ranking: [Item], relevant: Set<Item>, cutoff: Int) {
        guard !relevant.isEmpty, cutoff >= 1 else { return nil }
        var seen = Set<Item>()
        var hits = 0
        var dcg = 0.0, precisionSum = 0.0, reciprocalRank = 0.0
        for (offset, item) in ranking.prefix(cutoff).enumerated() where seen.insert(item).inserted {
            guard relevant.contains(item) else { continue }
            let rank = offset + 1
            hits += 1
            dcg += 1 / Foundation.log2(Double(rank + 1))
            precisionSum += Double(hits) / Double(rank)
            if reciprocalRank == 0 { reciprocalRank = 1 / Double(rank) }
        }
        let idealHits = min(relevant.count, cutoff)
        let idealDCG = (1...idealHits).reduce(0.0) { $0 + 1 / Foundation.log2(Double($1 + 1)) }
        self.init(
            precision: Double(hits) / Double(cutoff),
            recall: Double(hits) / Double(relevant.count),
            ndcg: dcg / idealDCG,
            averagePrecision: precisionSum / Double(idealHits),
            reciprocalRank: reciprocalRank,
            hitRate: hits > 0 ? 1 : 0)
    }

    /// The element-wise mean of several users' metrics, or `nil` for none.
    public static func mean(_ values: [RankingMetrics]) -> RankingMetrics? {
        guard !values.isEmpty else { return nil }
        let count = Double(values.count)
        func average(_ metric: KeyPath<RankingMetrics, Double>) -> Double {
            values.reduce(0) { $0 + $1[keyPath: metric] } / count
        }
        return RankingMetrics(
            precision: average(\.precision), recall: average(\.recall), ndcg: average(\.ndcg),
            averagePrecision: average(\.averagePrecision), reciprocalRank: average(\.reciprocalRank),
            hitRate: average(\.hitRate))
    }
}

/// The share of the catalogue that appears in at least one user's first `cutoff` recommendations.
///
/// - Parameters:
///   - rankings: Each user's recommendations, best first, as indices in `0..<catalogueSize`;
///     other values are ignored.
///   - cutoff: K.
///   - catalogueSize: The number of candidate items.
/// - Returns: A share in [0, 1]; 0 for an empty catalogue.
public func catalogueCoverage(_ rankings: [[Int]], cutoff: Int, catalogueSize: Int) -> Double {
    guard catalogueSize > 0 else { return 0 }
    var recommended = [Bool](repeating: false, count: catalogueSize)
    for ranking in rankings {
        for item in ranking.prefix(max(0, cutoff)) where item >= 0 && item < catalogueSize { recommended[item] = true }
    }
    return Double(recommended.lazy.filter { $0 }.count) / Double(catalogueSize)
}

/// The mean self-information of recommended items, −log2(popularity share), in bits.
///
/// An item's popularity share is the fraction of training users who interacted with it, so a
/// model that recommends only what everyone watched scores near 0 and one that digs into the
/// long tail scores high. The mean runs over every recommended position of every user.
///
/// - Parameters:
///   - rankings: Each user's recommendations, best first, as item indices.
///   - cutoff: K.
///   - interactionCounts: The number of training users who interacted with each item.
///   - userCount: The number of training users.
/// - Returns: The mean in bits, or 0 when nothing was recommended.
/// - Throws: ``MetricError/invalidParameter(_:)`` for a recommended item outside the counts or
///   with no interactions (its self-information would be infinite), or for `userCount` below 1.
public func meanNovelty(_ rankings: [[Int]], cutoff: Int, interactionCounts: [Int], userCount: Int) throws -> Double {
    guard userCount >= 1 else { throw MetricError.invalidParameter("novelty needs at least one training user") }
    var total = 0.0, positions = 0
    for ranking in rankings {
        for item in ranking.prefix(max(0, cutoff)) {
            guard item >= 0, item < interactionCounts.count, interactionCounts[item] > 0 else {
                throw MetricError.invalidParameter("recommended item \(item) has no training interactions")
            }
            total -= Foundation.log2(Double(interactionCounts[item]) / Double(userCount))
            positions += 1
        }
    }
    return positions == 0 ? 0 : total / Double(positions)
}
