import Testing
import RecbookSupport
@testable import Learning

@Suite struct NeuralCatalogueScoringTests {
    /// The split first layer must give what the plain forward pass gives for every pair.
    @Test func catalogueScoresMatchPairwisePredictions() throws {
        let configuration = NeuralRecommenderConfiguration(
            userCount: 7, movieCount: 11, contentDimension: 5, embeddingDimension: 4, hiddenUnits: [6, 3]
        )
        var generator = SeededGenerator(seed: 3)
        let content = (0..<(11 * 5)).map { _ in generator.nextFloat() }
        let model = try NeuralRecommender(configuration: configuration, contentFeatures: content, seed: 9)
        let users = [0, 6, 3, 3]
        let rows = try model.catalogueScores(forUsers: users)
        #expect(rows.count == users.count)
        for (row, user) in zip(rows, users) {
            let pairwise = try model.predict(users: Array(repeating: user, count: 11), movies: Array(0..<11))
            #expect(row.count == 11)
            for (a, b) in zip(row, pairwise) { #expect(abs(a - b) < 1e-5, "user \(user): \(a) vs \(b)") }
        }
        #expect(throws: NeuralNetworkError.self) { try model.catalogueScores(forUsers: [7]) }
    }
}
