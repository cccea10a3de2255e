import Foundation
import RecbookSupport

/// Keras's weight initialisers, drawn from a seeded generator.
///
/// The draws cannot match TensorFlow's random streams, but the distributions are Keras's own:
/// `he_normal` is a normal distribution truncated at two of its standard deviations and widened
/// so that the truncated result has standard deviation `√(2 / fanIn)`, and `glorot_uniform` is
/// uniform on `±√(6 / (fanIn + fanOut))`.
enum WeightInitializer {
    /// The standard deviation of a standard normal truncated to [−2, 2]; Keras divides by it so
    /// that the truncated draws keep the requested spread.
    static let truncatedNormalStandardDeviation = 0.87962566103423978

    /// Fills `values` with Keras's `he_normal`.
    ///
    /// - Parameters:
    ///   - values: The weights to fill.
    ///   - fanIn: Rows of the weight matrix: an embedding's input dimension, a kernel's inputs.
    ///   - generator: The source of randomness.
    static func heNormal(_ values: inout ArraySlice<Float>, fanIn: Int, using generator: inout SeededGenerator) {
        let scale = (2.0 / Double(max(fanIn, 1))).squareRoot() / truncatedNormalStandardDeviation
        var sampler = NormalSampler()
        for index in values.indices {
            var draw = sampler.next(using: &generator)
            // TensorFlow's truncated_normal redraws anything beyond two standard deviations.
            while abs(draw) > 2 { draw = sampler.next(using: &generator) }
            values[index] = Float(draw * scale)
        }
    }

    /// Fills `values` with Keras's `glorot_uniform`.
    ///
    /// - Parameters:
    ///   - values: The weights to fill.
    ///   - fanIn: Rows of the kernel (its inputs).
    ///   - fanOut: Columns of the kernel (its units).
    ///   - generator: The source of randomness.
    static func glorotUniform(_ values: inout ArraySlice<Float>, fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) {
        let limit = (6.0 / Double(max(fanIn + fanOut, 1))).squareRoot()
        for index in values.indices {
            values[index] = Float((2 * generator.nextDouble() - 1) * limit)
        }
    }
}

/// Standard normal draws by the Box–Muller transform, using both values of each pair.
struct NormalSampler {
    private var spare: Double?

    mutating func next(using generator: inout SeededGenerator) -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let radius = (-2 * log(1 - generator.nextDouble())).squareRoot()
        let angle = 2 * Double.pi * generator.nextDouble()
        spare = radius * sin(angle)
        return radius * cos(angle)
    }
}
