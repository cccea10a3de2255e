import Foundation
import Learning
import LinearAlgebra
import RecbookSupport
import Testing

/// A model that knows one item it never saw in training and scores it highest, and scores
/// another NaN: neither may be recommended.
struct WideCatalogueModel: Recommender {
    let users: IdVocabulary
    let items: IdVocabulary
    let histories: UserHistories

    init(_ data: RatingDataset) throws {
        users = data.users
        // One more item, id 99, after the training ones.
        items = IdVocabulary(data.items.ids + [99])
        histories = data.histories
    }

    func representation(ofUser user: Int) throws -> UserRepresentation { UserRepresentation(history: histories.history(ofUser: user)) }
    func foldIn(_ history: [RatedItem]) throws -> UserRepresentation { UserRepresentation(history: history) }
    func scores(for user: UserRepresentation) throws -> [Double] {
        // Items 10, 20, 30, 40, 99: 30 is NaN, 99 (outside the catalogue) is best.
        [1, 2, .nan, 3, 100]
    }
    func encode(to writer: inout BinaryWriter) {}
    init(from reader: inout BinaryReader) throws { throw BinaryDecodingError.invalid("not saved") }
}

@Suite struct RankingCatalogueTests {
    @Test func ranksOnlyTheCatalogueAndNeverANaNScore() throws {
        let data = try RatingDataset(ratingLog([(1, 10, 5), (1, 20, 4), (2, 30, 4), (3, 40, 5)]))
        let model = try WideCatalogueModel(data)
        #expect(model.catalogue == [0, 1, 2, 3])
        // User 1 rated 10 and 20; 30 scores NaN and 99 is outside the catalogue, so only 40 is left.
        let test = try ratingLog([(1, 40, 5), (1, 99, 5)])
        let report = try RankingEvaluation(cutoff: 3).evaluate(model, test: test)
        #expect(report.metrics.recall == 0.5)
        #expect(report.metrics.precision == 1.0 / 3)
        // Coverage counts the catalogue: 1 of 4 items reached a list.
        #expect(report.coverage == 0.25 && report.catalogueSize == 4)
    }
}
