import Foundation
import Testing
@testable import Learning

/// Adam against hand-computed values and against Keras 3's own optimiser.
@Suite struct NeuralAdamTests {
    static let start: [Float] = [0.5, -0.25, 0.125, 1.0]
    static let gradients: [[Float]] = [[0.5, -0.1, 0, 2], [-0.3, -0.1, 0.05, 1], [0.2, 0.4, -0.05, -1]]

    /// Runs `steps` Adam steps; the gradient array is refilled before each step because the
    /// optimiser clears the penalised part of it.
    static func run(
        _ configuration: AdamConfiguration, start: [Float], gradients: [[Float]],
        regularizedCount: Int = 0, l2: Float = 0
    ) -> (weights: [[Float]], sumsOfSquares: [Double], gradientsAfter: [[Float]]) {
        var optimizer = AdamOptimizer(configuration: configuration, parameterCount: start.count)
        var weights = start
        var trajectory: [[Float]] = [], sums: [Double] = [], after: [[Float]] = []
        for gradient in gradients {
            var buffer = gradient
            sums.append(optimizer.step(
                parameters: &weights, gradient: &buffer, learningRate: Float(configuration.learningRate),
                regularizedCount: regularizedCount, l2: l2
            ))
            trajectory.append(weights)
            after.append(buffer)
        }
        return (trajectory, sums, after)
    }

    @Test func firstStepByHand() {
        // Step 1 with lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7: m = 0.1·g, v = 0.001·g²,
        // α = 0.001·√0.001 / 0.1 = 3.16227766e-4, and w − α·m/(√v + ε):
        //   g = 0.5 on w = 0.5:    0.5 − 1.58113883e-5 / 0.0158114883 = 0.499000006325
        //   g = −0.1 on w = −0.25: −0.25 + 3.16227766e-6 / 0.00316237766 = −0.249000031623
        //   g = 0:                 nothing moves
        //   g = 2 on w = 1:        1 − 6.32455532e-5 / 0.0632456532 = 0.999000001581
        // (float32 rounding, at most one unit in the last place of w, ≤ 6e-8 here).
        let weights = Self.run(AdamConfiguration(), start: Self.start, gradients: [Self.gradients[0]]).weights[0]
        let byHand = [0.499000006325, -0.249000031623, 0.125, 0.999000001581]
        for (ours, expected) in zip(weights, byHand) {
            #expect(abs(Double(ours) - expected) < 6e-8, "\(ours) vs \(expected)")
        }
        #expect(weights[2] == 0.125)
    }

    @Test func threeStepsMatchKeras() {
        // keras 3.15 (jax backend): v = keras.Variable(start); opt = keras.optimizers.Adam();
        // opt.apply_gradients([(g, v)]) for each gradient, printing v after each step.
        let keras: [[Float]] = [
            [0.49900001287460327, -0.24900004267692566, 0.125, 0.9990000128746033],
            [0.49880850315093994, -0.24800007045269012, 0.12425591796636581, 0.9980678558349609],
            [0.4984610676765442, -0.24834489822387695, 0.12430109828710556, 0.9976711273193359],
        ]
        let weights = Self.run(AdamConfiguration(), start: Self.start, gradients: Self.gradients).weights
        for (step, (ours, theirs)) in zip(weights, keras).enumerated() {
            for (a, b) in zip(ours, theirs) {
                // Within one float32 rounding of Keras (its powf may round differently).
                #expect(abs(a - b) <= 2 * b.ulp, "step \(step + 1): \(a) vs Keras \(b)")
            }
        }
    }

    @Test func penalisedWeightsMatchKerasWithTheL2GradientAdded() {
        // Keras with Adam(learning_rate=0.01), applying g + 0.05·(2·w) as TensorFlow's gradient of
        // loss + 0.05·Σw² would be; Σw² before each step printed in double.
        let keras: [[Float]] = [
            [0.4900001287460327, -0.24000032246112823, 0.1150025948882103, 0.9900000691413879],
            [0.4869956374168396, -0.2300027757883072, 0.10637672990560532, 0.9806123375892639],
        ]
        let result = Self.run(
            AdamConfiguration(learningRate: 0.01), start: Self.start, gradients: Array(Self.gradients[0..<2]),
            regularizedCount: 4, l2: 0.05
        )
        for (ours, theirs) in zip(result.weights, keras) {
            for (a, b) in zip(ours, theirs) { #expect(abs(a - b) <= 2 * b.ulp, "\(a) vs Keras \(b)") }
        }
        #expect(abs(result.sumsOfSquares[0] - 1.328125) < 1e-7)
        #expect(abs(result.sumsOfSquares[1] - 1.2910260146835488) < 1e-6)
        // The penalised gradient is cleared for the next batch's scatter.
        #expect(result.gradientsAfter.allSatisfy { $0 == [0, 0, 0, 0] })
    }

    @Test func vectorisedPathMatchesTheScalarFormula() {
        // 21 weights: two 8-wide vectors and a tail of five, the first 13 penalised, so that the
        // split falls inside a vector.
        let count = 21, penalised = 13
        let l2: Float = 0.02
        let start = NeuralTestSupport.uniform(count, in: -1...1, seed: 31)
        let gradients = (0..<3).map { NeuralTestSupport.uniform(count, in: -1...1, seed: 40 + UInt64($0)) }
        let configuration = AdamConfiguration(learningRate: 0.003)
        let result = Self.run(configuration, start: start, gradients: gradients, regularizedCount: penalised, l2: l2)

        // The update written out one weight at a time, float32 throughout, as in Keras.
        var w = start, m = [Float](repeating: 0, count: count), v = m
        for (step, gradient) in gradients.enumerated() {
            let t = Float(step + 1)
            let alpha = Float(0.003) * (1 - powf(0.999, t)).squareRoot() / (1 - powf(0.9, t))
            var sum = 0.0
            for i in 0..<count {
                var g = gradient[i]
                if i < penalised {
                    sum += Double(w[i]) * Double(w[i])
                    g += l2 * (2 * w[i])
                }
                m[i] += (g - m[i]) * Float(1 - 0.9)
                v[i] += (g * g - v[i]) * Float(1 - 0.999)
                w[i] -= (m[i] * alpha) / (v[i].squareRoot() + Float(1e-7))
            }
            #expect(result.weights[step] == w)
            #expect(abs(result.sumsOfSquares[step] - sum) < 1e-5)
            #expect(result.gradientsAfter[step][0..<penalised].allSatisfy { $0 == 0 })
            #expect(Array(result.gradientsAfter[step][penalised...]) == Array(gradient[penalised...]))
        }
    }

    /// The penalty's `Σw²` is summed as ``LossKernels/sumOfSquares(_:count:)`` sums: four lanes
    /// per block of 1024, then the rest one by one, each block's float sum added in double.
    /// Exactly, because lazy Adam keeps the penalty up to date from one and the other.
    @Test func penaltySumIsSummedInLossKernelsOrder() {
        for penalised in [1, 7, 12, 1_027, 2_050] {
            let start = NeuralTestSupport.uniform(penalised + 5, in: -1...1, seed: 60 + UInt64(penalised))
            let result = Self.run(AdamConfiguration(), start: start, gradients: [start], regularizedCount: penalised, l2: 0.01)
            #expect(result.sumsOfSquares[0] == LossKernels.sumOfSquares(start, count: penalised), "\(penalised) penalised weights")
        }
    }

    @Test func parallelChunksMatchASequentialPass() {
        // Three chunks of 65,536 (the last partial), the penalty ending inside the second.
        let count = 2 * AdamOptimizer.chunkSize + 1003, penalised = 70_001
        let l2: Float = 0.01
        let start = NeuralTestSupport.uniform(count, in: -1...1, seed: 51)
        let gradient = NeuralTestSupport.uniform(count, in: -1...1, seed: 52)
        let result = Self.run(
            AdamConfiguration(), start: start, gradients: [gradient, gradient], regularizedCount: penalised, l2: l2
        )
        var w = start, m = [Float](repeating: 0, count: count), v = m
        for step in 1...2 {
            let t = Float(step)
            let alpha = Float(0.001) * (1 - powf(0.999, t)).squareRoot() / (1 - powf(0.9, t))
            var sum = 0.0
            for i in 0..<count {
                var g = gradient[i]
                if i < penalised {
                    sum += Double(w[i]) * Double(w[i])
                    g += l2 * (2 * w[i])
                }
                m[i] += (g - m[i]) * Float(1 - 0.9)
                v[i] += (g * g - v[i]) * Float(1 - 0.999)
                w[i] -= (m[i] * alpha) / (v[i].squareRoot() + Float(1e-7))
            }
            #expect(result.weights[step - 1] == w)
            #expect(NeuralTestSupport.isClose(result.sumsOfSquares[step - 1], sum, absolute: 0, relative: 1e-6))
        }
    }
}
