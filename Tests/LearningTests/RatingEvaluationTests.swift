import Foundation
import Learning
import LinearAlgebra
import RecbookSupport
import Testing

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
    func scores(for user: UserRepresentation) throws -> [Double] { (0..<items.count).map { Double($0 + 1) } }
    func predictedRating(for user: UserRepresentation, item: Int) throws -> Double { item == 1 ? .nan : Double(item + 1) }
    func encode(to writer: inout BinaryWriter) {}
    init(from reader: inout BinaryReader) throws { throw BinaryDecodingError.invalid("not saved") }
}

@Suite struct RatingEvaluationTests {
    @Test func scoresKnownPairsAndCountsTheRest() throws {
        let data = try RatingDataset(ratingLog([(1, 10, 5), (1, 20, 4), (2, 30, 4)]))
        let model = ItemIndexModel(data)
        // Predictions: item 10 → 1, item 20 → NaN, item 30 → 3. Unknown user 9, unknown item 99.
        let test = try ratingLog([(1, 10, 2), (2, 30, 5), (9, 10, 3), (1, 99, 4), (2, 20, 1)])
        let report = try RatingEvaluation.evaluate(model, test: test)
        // Errors −1 and −2 → RMSE √2.5, MAE 1.5; the NaN prediction is skipped and counted.
        #expect(report.rootMeanSquaredError == 2.5.squareRoot())
        #expect(report.meanAbsoluteError == 1.5)
        #expect(report.pairsEvaluated == 2 && report.skippedUnknownUser == 1 && report.skippedUnknownItem == 1)
        #expect(report.skippedWithoutPrediction == 1 && report.pairsTotal == 5)
        let predictions = try RatingEvaluation.predict(model, test: test)
        #expect(predictions.userIds == [1, 2] && predictions.items == [0, 2] && predictions.predictions == [1, 3])
    }

    @Test func foldedInUsersAreScoredFromTheirRepresentation() throws {
        let data = try RatingDataset(ratingLog([(1, 10, 5), (1, 20, 4), (2, 30, 4)]))
        let model = ItemIndexModel(data)
        let newcomer = try model.foldIn([RatedItem(item: 0, rating: 4)])
        let report = try RatingEvaluation.evaluate(model, test: try ratingLog([(7, 30, 4)]), foldedIn: [7: newcomer])
        #expect(report.pairsEvaluated == 1 && report.rootMeanSquaredError == 1)
    }

    @Test func throwsWhenNothingCanBeScored() throws {
        let data = try RatingDataset(ratingLog([(1, 10, 5)]))
        #expect(throws: MetricError.empty) { try RatingEvaluation.evaluate(ItemIndexModel(data), test: try ratingLog([(2, 10, 3)])) }
    }
}
