import Foundation
import Learning
import Testing

@Suite struct RankingMetricsTests {
    @Test func computesEveryMetricByHand() throws {
        // Ranking a b c d, relevant {b, d, x}, K = 3: one hit (b) at rank 2; d sits at rank 4.
        let metrics = try #require(RankingMetrics(ranking: ["a", "b", "c", "d"], relevant: ["b", "d", "x"], cutoff: 3))
        #expect(metrics.precision == 1.0 / 3)
        #expect(metrics.recall == 1.0 / 3)
        // DCG = 1/log2(3); ideal DCG for min(3, 3) hits = 1 + 1/log2(3) + 1/log2(4).
        let ideal = 1 + 1 / log2(3.0) + 0.5
        #expect(abs(metrics.ndcg - (1 / log2(3.0)) / ideal) < 1e-15)
        // AP@3 = precision@2 / min(3, 3).
        #expect(abs(metrics.averagePrecision - 0.5 / 3) < 1e-15)
        #expect(metrics.reciprocalRank == 0.5)
        #expect(metrics.hitRate == 1)
    }

    @Test func handlesACutoffBeyondTheRanking() throws {
        // Only two candidates were left, K = 5: precision still divides by K.
        let metrics = try #require(RankingMetrics(ranking: [7, 3], relevant: [7], cutoff: 5))
        #expect(metrics.precision == 0.2)
        #expect(metrics.recall == 1)
        #expect(metrics.ndcg == 1)
        #expect(metrics.averagePrecision == 1)
        #expect(metrics.reciprocalRank == 1)
    }

    @Test func normalisesByTheCutoffWhenManyItemsAreRelevant() throws {
        // Relevant {1, 2, 3, 4}, K = 2, hits at ranks 1 and 2: perfect at K.
        let metrics = try #require(RankingMetrics(ranking: [1, 2, 9], relevant: [1, 2, 3, 4], cutoff: 2))
        #expect(metrics.recall == 0.5)
        #expect(metrics.ndcg == 1)
        #expect(metrics.averagePrecision == 1)
    }

    @Test func scoresAMissAsZero() throws {
        let metrics = try #require(RankingMetrics(ranking: [1, 2], relevant: [3], cutoff: 2))
        #expect(metrics == RankingMetrics(precision: 0, recall: 0, ndcg: 0, averagePrecision: 0, reciprocalRank: 0, hitRate: 0))
    }

    @Test func countsARepeatedItemOnce() throws {
        // a a b with relevant {a, b}: hits at ranks 1 and 3 → AP = (1/1 + 2/3) / 2.
        let metrics = try #require(RankingMetrics(ranking: ["a", "a", "b"], relevant: ["a", "b"], cutoff: 3))
        #expect(metrics.precision == 2.0 / 3)
        #expect(abs(metrics.averagePrecision - (1 + 2.0 / 3) / 2) < 1e-15)
    }

    @Test func skipsUsersWithoutRelevantItems() {
        #expect(RankingMetrics(ranking: [1, 2], relevant: Set<Int>(), cutoff: 10) == nil)
        #expect(RankingMetrics(ranking: [1, 2], relevant: [1], cutoff: 0) == nil)
    }

    @Test func averagesUsers() throws {
        let first = try #require(RankingMetrics(ranking: [1], relevant: [1], cutoff: 1))
        let second = try #require(RankingMetrics(ranking: [2], relevant: [1], cutoff: 1))
        let mean = try #require(RankingMetrics.mean([first, second]))
        #expect(mean.recall == 0.5 && mean.hitRate == 0.5 && mean.reciprocalRank == 0.5)
        #expect(RankingMetrics.mean([]) == nil)
    }

    @Test func measuresCatalogueCoverage() {
        #expect(catalogueCoverage([[0, 1], [1, 2]], cutoff: 2, catalogueSize: 4) == 0.75)
        #expect(catalogueCoverage([[0, 1], [1, 2]], cutoff: 1, catalogueSize: 4) == 0.5)
        #expect(catalogueCoverage([[0, 9, -1]], cutoff: 3, catalogueSize: 4) == 0.25)
        #expect(catalogueCoverage([], cutoff: 10, catalogueSize: 0) == 0)
    }

    @Test func measuresNoveltyInBits() throws {
        // 4 training users; shares 1, 1/2, 1/4 → 0, 1 and 2 bits.
        let counts = [4, 2, 1]
        #expect(try meanNovelty([[0, 1], [2]], cutoff: 2, interactionCounts: counts, userCount: 4) == 1)
        #expect(try meanNovelty([[0, 1], [2]], cutoff: 1, interactionCounts: counts, userCount: 4) == 1)
        #expect(try meanNovelty([], cutoff: 10, interactionCounts: counts, userCount: 4) == 0)
        #expect(throws: MetricError.self) { try meanNovelty([[3]], cutoff: 1, interactionCounts: counts, userCount: 4) }
        #expect(throws: MetricError.self) { try meanNovelty([[0]], cutoff: 1, interactionCounts: [0], userCount: 4) }
    }
}
