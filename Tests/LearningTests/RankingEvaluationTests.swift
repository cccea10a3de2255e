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
        let report = try RankingEvaluation(cutoff: 2).evaluate(model, training: data, test: test)
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
        let report = try RankingEvaluation(cutoff: 1).evaluate(model, training: data, test: test, foldedIn: [5: newcomer])
        // Item 10 is excluded as the newcomer's own; 20 (count 2) ranks first and is relevant.
        #expect(report.usersEvaluated == 1 && report.metrics.recall == 1)
    }

    @Test func rejectsAModelFittedOnOtherData() throws {
        let data = try RatingDataset(ratingLog(training))
        let other = try RatingDataset(ratingLog([(1, 10, 5), (2, 20, 4)]))
        let model = try PopularityModel(fitting: other)
        #expect(throws: ModelError.self) { try RankingEvaluation().evaluate(model, training: data, test: RatingLog()) }
        #expect(throws: ModelError.self) {
            try RankingEvaluation(cutoff: 0).evaluate(try PopularityModel(fitting: data), training: data, test: RatingLog())
        }
    }
}

/// A rating model whose prediction for item i is i + 1 and whose users have no state.
struct ItemIndexModel: RatingPredictor {
    let users: IdVocabulary
    let items: IdVocabulary
    let histories: UserHistories

    init(_ data: RatingDataset) {
        users = data.users
        items = data.items
        histories = data.histories
    }

    func representation(ofUser user: Int) throws -> UserRepresentation { UserRepresentation(history: histories.history(ofUser: user)) }
    func foldIn(_ history: [RatedItem]) throws -> UserRepresentation { UserRepresentation(history: history) }
    func scores(for user: UserRepresentation) -> [Double] { (0..<items.count).map { Double($0 + 1) } }
    func predictedRating(for user: UserRepresentation, item: Int) -> Double { Double(item + 1) }
    func encode(to writer: inout BinaryWriter) {}
    init(from reader: inout BinaryReader) throws { throw BinaryDecodingError.invalid("not saved") }
}

@Suite struct RatingEvaluationTests {
    @Test func scoresKnownPairsAndCountsTheRest() throws {
        let data = try RatingDataset(ratingLog([(1, 10, 5), (1, 20, 4), (2, 30, 4)]))
        let model = ItemIndexModel(data)
        // Predictions: item 10 → 1, item 30 → 3. Unknown user 9, unknown item 99.
        let test = try ratingLog([(1, 10, 2), (2, 30, 5), (9, 10, 3), (1, 99, 4)])
        let report = try RatingEvaluation.evaluate(model, test: test)
        // Errors −1 and −2 → RMSE √2.5, MAE 1.5.
        #expect(report.rootMeanSquaredError == 2.5.squareRoot())
        #expect(report.meanAbsoluteError == 1.5)
        #expect(report.pairsEvaluated == 2 && report.skippedUnknownUser == 1 && report.skippedUnknownItem == 1)
        #expect(report.pairsTotal == 4)
    }

    @Test func throwsWhenNothingCanBeScored() throws {
        let data = try RatingDataset(ratingLog([(1, 10, 5)]))
        #expect(throws: MetricError.empty) { try RatingEvaluation.evaluate(ItemIndexModel(data), test: try ratingLog([(2, 10, 3)])) }
    }
}
