import Foundation
import Learning
import LinearAlgebra
import RecbookSupport
import Testing

/// Builds a log from (user, item, rating) rows; each row's time is its position.
func ratingLog(_ rows: [(Int, Int, Double)]) throws -> RatingLog {
    try RatingLog(userIds: rows.map(\.0), itemIds: rows.map(\.1), ratings: rows.map(\.2), timestamps: Array(rows.indices))
}

@Suite struct RankingEvaluationTests {
    // Items 10, 20, 30, 40 get indices 0…3; popularity counts 3, 2, 1, 1.
    let training: [(Int, Int, Double)] = [(1, 10, 5), (1, 20, 4), (2, 10, 3), (2, 30, 4), (3, 10, 4), (3, 20, 2), (3, 40, 5)]

    @Test func followsTheProtocolByHand() throws {
        let data = try RatingDataset(ratingLog(training))
        let model = try PopularityModel(fitting: data)
        // User 1: relevant 30 and the unknown 99; 40 rated 2★ is not relevant. User 2 has no
        // relevant item; user 4 is unknown.
        let test = try ratingLog([(1, 30, 5), (1, 99, 4), (1, 40, 2), (2, 20, 2), (4, 10, 5)])
        let report = try RankingEvaluation(cutoff: 2).evaluate(model, test: test)
        // User 1's candidates are 30 and 40 (both count 1, tie → index order): [30, 40].
        // One hit at rank 1 out of |relevant| = 2.
        #expect(report.usersEvaluated == 1)
        #expect(report.usersWithoutRelevantItems == 1)
        #expect(report.usersUnknown == 1)
        #expect(report.metrics.precision == 0.5)
        #expect(report.metrics.recall == 0.5)
        #expect(abs(report.metrics.ndcg - 1 / (1 + 1 / log2(3.0))) < 1e-15)
        #expect(report.metrics.averagePrecision == 0.5)
        #expect(report.metrics.reciprocalRank == 1)
        #expect(report.coverage == 0.5)
        // Both recommended items were rated by 1 of 3 users: log2(3) bits each.
        #expect(abs(report.novelty - log2(3.0)) < 1e-12)
    }

    @Test func scoresFoldedInUsersFromTheirRepresentation() throws {
        let data = try RatingDataset(ratingLog(training))
        let model = try PopularityModel(fitting: data)
        let newcomer = try model.foldIn([RatedItem(item: 0, rating: 5)])
        let test = try ratingLog([(5, 20, 5)])
        let report = try RankingEvaluation(cutoff: 1).evaluate(model, test: test, foldedIn: [5: newcomer])
        // Item 10 is excluded as the newcomer's own; 20 (count 2) ranks first and is relevant.
        #expect(report.usersEvaluated == 1 && report.metrics.recall == 1)
    }

    @Test func rejectsBadSettingsAndTestsWithNothingRelevant() throws {
        let model = try PopularityModel(fitting: try RatingDataset(ratingLog(training)))
        #expect(throws: ModelError.self) { try RankingEvaluation(cutoff: 0).evaluate(model, test: try ratingLog([(1, 30, 5)])) }
        #expect(throws: ModelError.self) { try RankingEvaluation(curveLength: -1).evaluate(model, test: try ratingLog([(1, 30, 5)])) }
        #expect(throws: MetricError.nothingRelevant(threshold: 4)) {
            try RankingEvaluation().evaluate(model, test: try ratingLog([(1, 30, 3), (9, 10, 5)]))
        }
    }

    @Test func recallCurveAndPerUserRecall() throws {
        let model = try PopularityModel(fitting: try RatingDataset(ratingLog(training)))
        // User 1's candidates rank 30, 40 (counts 1, 1); user 2's 20, 40 (counts 2, 1).
        // Relevant: user 1 {40}, user 2 {20, 40}.
        let test = try ratingLog([(1, 40, 4), (2, 20, 5), (2, 40, 4)])
        let report = try RankingEvaluation(cutoff: 1, curveLength: 3).evaluate(model, test: test)
        // Recall@1: user 1 misses (0), user 2 hits 20 (1/2). @2: 1 and 2/2. @3: the same.
        #expect(report.recallCurve == [0.25, 1, 1])
        #expect(report.recallByUser == [1: 0, 2: 0.5])
        #expect(report.catalogueSize == 4)
    }
}
