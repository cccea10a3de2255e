import Foundation
import Testing
@testable import Learning
import RecbookSupport

/// The cache format of a model and of a training history.
@Suite struct NeuralCodingTests {
    static func model() throws -> NeuralRecommender {
        let configuration = NeuralRecommenderConfiguration(
            userCount: 4, movieCount: 5, contentDimension: 3, embeddingDimension: 6, hiddenUnits: [5, 2],
            dropoutRate: 0.25, embeddingL2: 2e-6
        )
        return try NeuralRecommender(
            configuration: configuration, contentFeatures: NeuralTestSupport.uniform(15, in: 0...1, seed: 1), seed: 2
        )
    }

    static func encoded(_ model: NeuralRecommender) -> Data {
        var writer = BinaryWriter()
        writer.write(model)
        return writer.data
    }

    @Test func modelRoundTrips() throws {
        let model = try Self.model()
        var reader = BinaryReader(Self.encoded(model))
        let decoded = try reader.read(NeuralRecommender.self)
        #expect(reader.isAtEnd)
        #expect(decoded.configuration == model.configuration)
        #expect(decoded.contentFeatures == model.contentFeatures)
        #expect(decoded.weights == model.weights)
        let users = [0, 1, 2, 3, 3], movies = [4, 3, 2, 1, 0]
        #expect(try decoded.predict(users: users, movies: movies) == model.predict(users: users, movies: movies))
    }

    @Test func weightsRoundTripThroughKerasOrder() throws {
        let model = try Self.model()
        let rebuilt = try NeuralRecommender(configuration: model.configuration, contentFeatures: model.contentFeatures, weights: model.weights)
        #expect(rebuilt.weights == model.weights)
        var wrong = model.weights
        wrong[2].removeLast()
        // Array 2 is the first kernel: (2·6 + 3) inputs × 5 units = 75 values.
        #expect(throws: NeuralNetworkError.invalidConfiguration("weight array 2 has 74 values; expected 75")) {
            try NeuralRecommender(configuration: model.configuration, contentFeatures: model.contentFeatures, weights: wrong)
        }
    }

    @Test func corruptDataThrows() throws {
        let data = Self.encoded(try Self.model())
        // Every truncation fails cleanly.
        for length in stride(from: 0, to: data.count, by: 37) {
            var reader = BinaryReader(data.prefix(length))
            #expect(throws: BinaryDecodingError.self) { try reader.read(NeuralRecommender.self) }
        }
        // A newer version is refused rather than misread.
        var newer = data
        newer[4] = 2
        var reader = BinaryReader(newer)
        #expect(throws: BinaryDecodingError.invalid("neural recommender format version 2; expected 1")) {
            try reader.read(NeuralRecommender.self)
        }
        // Something else entirely.
        var other = BinaryReader(Data("not a model at all".utf8))
        #expect(throws: BinaryDecodingError.invalid("not a neural recommender (bad magic)")) {
            try other.read(NeuralRecommender.self)
        }
    }

    @Test func historyRoundTrips() throws {
        let history = TrainingHistory(
            epochs: [
                TrainingEpoch(epoch: 1, loss: 0.07, meanAbsoluteError: 0.2, validationLoss: 0.05,
                              validationMeanAbsoluteError: 0.17, learningRate: 0.001, seconds: 0.03),
                TrainingEpoch(epoch: 2, loss: 0.06, meanAbsoluteError: 0.19, validationLoss: 0.051,
                              validationMeanAbsoluteError: 0.18, learningRate: 0.001, seconds: 0.02,
                              learningRateReduction: .init(requested: 0.0007500000356230885, learningRate: 0.00075)),
            ],
            maxEpochs: 50, bestEpoch: 1, stoppedEarly: true, restoredBestWeights: true
        )
        var writer = BinaryWriter()
        writer.write(history)
        var reader = BinaryReader(writer.data)
        #expect(try reader.read(TrainingHistory.self) == history)
        #expect(history.logLines.count == 3)
    }
}
