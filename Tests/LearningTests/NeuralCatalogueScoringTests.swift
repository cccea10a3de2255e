import Testing
import RecbookSupport
@testable import Learning

@Suite struct NeuralCatalogueScoringTests {
    /// The split first layer, the tiles and the fused output layer must give what the plain
    /// forward pass gives for every pair: with no hidden layer, one, two and three, and with
    /// more movies than one tile holds (the last tile partial).
    @Test(arguments: [[], [6], [6, 3], [5, 4, 3]], [11, NeuralCatalogueScorer.tileSize * 2 + 37])
    func catalogueScoresMatchPairwisePredictions(hidden: [Int], movies: Int) throws {
        let configuration = NeuralRecommenderConfiguration(
            userCount: 7, movieCount: movies, contentDimension: 5, embeddingDimension: 4, hiddenUnits: hidden
        )
        var generator = SeededGenerator(seed: 3)
        let content = (0..<(movies * 5)).map { _ in generator.nextFloat() }
        let model = try NeuralRecommender(configuration: configuration, contentFeatures: content, seed: 9)
        let users = [0, 6, 3, 3]
        let rows = try model.catalogueScores(forUsers: users)
        #expect(rows.count == users.count)
        for (row, user) in zip(rows, users) {
            let pairwise = try model.predict(users: Array(repeating: user, count: movies), movies: Array(0..<movies))
            #expect(row.count == movies)
            let worst = zip(row, pairwise).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-5, "user \(user): largest difference \(worst)")
        }
        #expect(throws: NeuralNetworkError.self) { try model.catalogueScores(forUsers: [7]) }
    }
}
