import Foundation
@testable import Learning
import RecbookSupport

/// Small helpers shared by the neural network tests.
enum NeuralTestSupport {
    /// `count` uniform values in `range`, from a seeded generator.
    static func uniform(_ count: Int, in range: ClosedRange<Float>, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextFloat() }
    }

    /// Whether `actual` is within `absolute + relative · |expected|` of `expected`.
    static func isClose(_ actual: Double, _ expected: Double, absolute: Double, relative: Double) -> Bool {
        abs(actual - expected) <= absolute + relative * abs(expected)
    }

    /// A rating set with planted structure: the target is a sigmoid of a user effect, a movie
    /// effect, an effect carried by the first content feature and a user–movie interaction
    /// (the dot product of small latent vectors).
    struct PlantedRatings {
        let configuration: NeuralRecommenderConfiguration
        let content: [Float]
        let train: NeuralRecommender.Examples
        let validation: NeuralRecommender.Examples

        init(users: Int, movies: Int, trainCount: Int, validationCount: Int, seed: UInt64, embeddingDimension: Int = 8, hiddenUnits: [Int] = [8, 4]) throws {
            var generator = SeededGenerator(seed: seed)
            let factors = 3
            func gaussianish() -> Float { (generator.nextFloat() + generator.nextFloat() + generator.nextFloat() - 1.5) * 2 }
            let userFactors = (0..<(users * factors)).map { _ in gaussianish() }
            let movieFactors = (0..<(movies * factors)).map { _ in gaussianish() }
            let contentDimension = 2
            var content = [Float](repeating: 0, count: movies * contentDimension)
            for movie in 0..<movies {
                content[movie * contentDimension] = generator.nextFloat()
                content[movie * contentDimension + 1] = movie % 2 == 0 ? 1 : 0
            }
            let userEffects = (0..<users).map { _ in gaussianish() }
            let movieEffects = (0..<movies).map { _ in gaussianish() }
            func target(_ user: Int, _ movie: Int) -> Float {
                var score = userEffects[user] + movieEffects[movie] + 2 * (content[movie * contentDimension] - 0.5)
                for factor in 0..<factors {
                    score += 0.3 * userFactors[user * factors + factor] * movieFactors[movie * factors + factor]
                }
                return Float(1 / (1 + exp(-Double(score))))
            }
            func examples(_ count: Int) throws -> NeuralRecommender.Examples {
                var userIndices: [Int] = [], movieIndices: [Int] = [], targets: [Float] = []
                for _ in 0..<count {
                    let user = generator.nextIndex(below: users)
                    let movie = generator.nextIndex(below: movies)
                    userIndices.append(user)
                    movieIndices.append(movie)
                    targets.append(target(user, movie))
                }
                return try NeuralRecommender.Examples(users: userIndices, movies: movieIndices, targets: targets)
            }
            configuration = NeuralRecommenderConfiguration(
                userCount: users, movieCount: movies, contentDimension: contentDimension,
                embeddingDimension: embeddingDimension, hiddenUnits: hiddenUnits
            )
            self.content = content
            train = try examples(trainCount)
            validation = try examples(validationCount)
        }
    }
}

