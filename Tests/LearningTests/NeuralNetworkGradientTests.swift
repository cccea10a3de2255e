import Foundation
import Testing
@testable import Learning

/// End-to-end gradient check: the engine's backward pass (plus the L2 term) against central
/// differences of an independent double-precision implementation of the whole network.
@Suite struct NeuralNetworkGradientTests {
    typealias Support = NeuralTestSupport

    // A tiny network: 3 users, 4 movies, 3-wide embeddings, 2 content features (input 8),
    // hidden layers of 4 and 3, and a large L2 coefficient so that its gradient is visible.
    static let configuration = NeuralRecommenderConfiguration(
        userCount: 3, movieCount: 4, contentDimension: 2, embeddingDimension: 3,
        hiddenUnits: [4, 3], dropoutRate: 0.3, embeddingL2: 0.01
    )
    static let content = Support.uniform(4 * 2, in: 0...1, seed: 21)
    static let users = [0, 2, 1, 2, 0]
    static let movies = [3, 0, 1, 3, 2]
    static let targets: [Float] = [0.9, 0.1, 0.5, 0.75, 0.3]
    static let widths = [8, 4, 3]  // the dropout layers: input, hidden 1, hidden 2

    /// Deterministic masks with a mix of dropped and kept units in every layer.
    static func masks(scale: Float) -> [[Float]] {
        widths.enumerated().map { layer, width in
            (0..<(users.count * width)).map { ($0 * 7 + layer * 3) % 10 < 3 ? 0 : scale }
        }
    }

    /// The loss of the network, written out with plain loops in double precision.
    ///
    /// Parameter order (Keras's): U 3×3, M 4×3, W1 8×4, b1 4, W2 4×3, b2 3, W3 3×1, b3 1.
    static func referenceLoss(_ p: [Double], masks: [[Double]]) -> Double {
        let (u, m, w1, b1, w2, b2, w3, b3) = (0, 9, 21, 53, 57, 69, 72, 75)
        func dense(_ x: [Double], kernel: Int, bias: Int, inputs: Int, units: Int) -> [Double] {
            (0..<units).map { j in (0..<inputs).reduce(p[bias + j]) { $0 + x[$1] * p[kernel + $1 * units + j] } }
        }
        var squaredError = 0.0
        for row in users.indices {
            let user = users[row], movie = movies[row]
            var x = (0..<3).map { p[u + 3 * user + $0] } + (0..<3).map { p[m + 3 * movie + $0] }
                + (0..<2).map { Double(content[2 * movie + $0]) }
            x = x.enumerated().map { $1 * masks[0][8 * row + $0] }
            var h1 = dense(x, kernel: w1, bias: b1, inputs: 8, units: 4).map { max($0, 0) }
            h1 = h1.enumerated().map { $1 * masks[1][4 * row + $0] }
            var h2 = dense(h1, kernel: w2, bias: b2, inputs: 4, units: 3).map { max($0, 0) }
            h2 = h2.enumerated().map { $1 * masks[2][3 * row + $0] }
            let z = dense(h2, kernel: w3, bias: b3, inputs: 3, units: 1)[0]
            let prediction = 1 / (1 + exp(-z))
            squaredError += (prediction - Double(targets[row])) * (prediction - Double(targets[row]))
        }
        let penalty = (0..<21).reduce(0.0) { $0 + p[$1] * p[$1] }
        return squaredError / Double(users.count) + Double(Float(0.01)) * penalty
    }

    /// The engine's loss and full gradient (MSE through the network plus the L2 term).
    static func engineLossAndGradient(_ model: NeuralRecommender, masks: [[Float]]?) -> (loss: Double, gradient: [Float]) {
        let layout = model.layout
        let engine = NetworkEngine(layout: layout, capacity: users.count, training: true)
        if let masks {
            // The engine keeps a byte per unit and one multiplier for every kept unit.
            for (destination, mask) in zip(engine.dropoutMasks, masks) {
                destination.update(from: mask.map { $0 == 0 ? 0 : 1 }, count: mask.count)
            }
            engine.dropoutScale = masks.joined().first { $0 != 0 } ?? 1
        }
        var gradient = [Float](repeating: 0, count: layout.count)
        var loss = 0.0
        model.parameters.withUnsafeBufferPointer { parameters in
            let predictions = engine.forward(
                parameters: parameters.baseAddress!, content: content,
                users: users, movies: movies, count: users.count, dropout: masks != nil
            )
            let sums = LossKernels.errorSums(predictions: predictions, targets: targets, count: users.count)
            loss = sums.squared / Double(users.count)
                + Double(Float(0.01)) * LossKernels.sumOfSquares(parameters.baseAddress!, count: layout.regularizedCount)
            engine.backward(
                parameters: parameters.baseAddress!, users: users, movies: movies, targets: targets,
                count: users.count, gradient: &gradient
            )
            LossKernels.addL2Gradient(
                weights: parameters.baseAddress!, count: layout.regularizedCount, l2: Float(0.01), into: &gradient
            )
        }
        return (loss, gradient)
    }

    @Test(arguments: [true, false])
    func wholeNetworkGradientMatchesFiniteDifferences(withDropout: Bool) throws {
        let model = try NeuralRecommender(configuration: Self.configuration, contentFeatures: Self.content, seed: 3)
        #expect(model.parameterCount == 76)
        #expect(model.weights.flatMap { $0 } == model.parameters)

        let scale = Float(1 / (1 - 0.3))
        let floatMasks = withDropout ? Self.masks(scale: scale) : nil
        let masks = (floatMasks ?? Self.widths.map { [Float](repeating: 1, count: Self.users.count * $0) })
            .map { $0.map(Double.init) }
        let (loss, gradient) = Self.engineLossAndGradient(model, masks: floatMasks)

        let point = model.parameters.map(Double.init)
        let referenceLoss = Self.referenceLoss(point, masks: masks)
        #expect(Support.isClose(loss, referenceLoss, absolute: 1e-7, relative: 1e-5), "loss \(loss) vs reference \(referenceLoss)")

        let step = 1e-6
        for index in point.indices {
            var plus = point, minus = point
            plus[index] += step
            minus[index] -= step
            let numeric = (Self.referenceLoss(plus, masks: masks) - Self.referenceLoss(minus, masks: masks)) / (2 * step)
            #expect(
                Support.isClose(Double(gradient[index]), numeric, absolute: 2e-6, relative: 1e-3),
                "parameter \(index): analytic \(gradient[index]), numeric \(numeric)"
            )
        }
        // The penalty reaches every embedding row, including user 1's rows in batches without it.
        #expect(gradient[0..<21].allSatisfy { $0 != 0 })
    }
}
