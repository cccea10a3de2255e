import Foundation
import Testing
@testable import Learning
import RecbookSupport

/// The distributions of Keras's initialisers and of a freshly built model's weights.
@Suite struct NeuralInitializerTests {
    static func statistics(_ values: ArraySlice<Float>) -> (mean: Double, standardDeviation: Double, maximum: Double) {
        let count = Double(values.count)
        let mean = values.reduce(0.0) { $0 + Double($1) } / count
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
        return (mean, variance.squareRoot(), values.reduce(0.0) { max($0, abs(Double($1))) })
    }

    @Test(arguments: [610, 9724, 248])
    func heNormalIsTruncatedAtTwoSigmaAndKeepsTheRequestedSpread(fanIn: Int) {
        var values = ArraySlice([Float](repeating: .nan, count: 40_000))
        var generator = SeededGenerator(seed: UInt64(fanIn))
        WeightInitializer.heNormal(&values, fanIn: fanIn, using: &generator)
        let target = (2 / Double(fanIn)).squareRoot()
        // Keras draws N(0, σ') with σ' = target / 0.87962566103423978 and redraws beyond 2σ', which
        // leaves a standard deviation of exactly `target`.
        let widened = target / 0.87962566103423978
        let stats = Self.statistics(values)
        #expect(stats.maximum <= 2 * widened * (1 + 1e-6))
        // The largest of 40,000 draws comes close to the cut (P(|z| < 1.9 | truncated) ^ 40000 ≈ 0).
        #expect(stats.maximum > 1.9 * widened)
        // Sampling error of a standard deviation from 40,000 draws is about 0.4 %.
        #expect(abs(stats.standardDeviation / target - 1) < 0.02)
        #expect(abs(stats.mean) < 0.02 * target)
    }

    @Test func glorotUniformStaysWithinItsLimit() {
        var values = ArraySlice([Float](repeating: .nan, count: 40_000))
        var generator = SeededGenerator(seed: 5)
        WeightInitializer.glorotUniform(&values, fanIn: 16, fanOut: 1, using: &generator)
        let limit = (6.0 / 17).squareRoot()
        let stats = Self.statistics(values)
        #expect(stats.maximum <= limit)
        #expect(stats.maximum > 0.99 * limit)
        // A uniform distribution on ±limit has standard deviation limit/√3.
        #expect(abs(stats.standardDeviation / (limit / 3.0.squareRoot()) - 1) < 0.02)
    }

    @Test func freshModelFollowsKerasInitialisers() throws {
        let configuration = NeuralRecommenderConfiguration(userCount: 610, movieCount: 300, contentDimension: 20)
        let model = try NeuralRecommender(
            configuration: configuration, contentFeatures: [Float](repeating: 0.5, count: 300 * 20), seed: 1
        )
        let weights = model.weights
        #expect(weights.map(\.count) == [610 * 64, 300 * 64, 148 * 32, 32, 32 * 16, 16, 16, 1])
        // Embeddings: he_normal with fan_in = the number of rows (Keras's input_dim).
        #expect(abs(Self.statistics(weights[0][...]).standardDeviation / (2.0 / 610).squareRoot() - 1) < 0.03)
        #expect(abs(Self.statistics(weights[1][...]).standardDeviation / (2.0 / 300).squareRoot() - 1) < 0.03)
        // Hidden kernels: he_normal with fan_in = inputs.
        #expect(abs(Self.statistics(weights[2][...]).standardDeviation / (2.0 / 148).squareRoot() - 1) < 0.05)
        // Output kernel: glorot_uniform, within ±√(6/17).
        #expect(weights[6].allSatisfy { abs(Double($0)) <= (6.0 / 17).squareRoot() })
        // Biases start at zero.
        #expect(weights[3].allSatisfy { $0 == 0 } && weights[5].allSatisfy { $0 == 0 } && weights[7] == [0])
        // The same seed gives the same weights; another seed does not.
        let again = try NeuralRecommender(configuration: configuration, contentFeatures: model.contentFeatures, seed: 1)
        let other = try NeuralRecommender(configuration: configuration, contentFeatures: model.contentFeatures, seed: 2)
        #expect(again.weights == weights)
        #expect(other.weights[0] != weights[0])
    }
}
