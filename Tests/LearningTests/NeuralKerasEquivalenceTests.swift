import Foundation
import Testing
@testable import Learning

/// The network against Keras 3.15 itself (jax backend) on a tiny model with fixed weights:
/// predictions, `evaluate`, and one training step (`train_on_batch`, no dropout).
///
/// The Keras side, for reference:
///
///     Embedding(3, 3) and Embedding(4, 3), both with l2(0.01); Concatenate with 2 content
///     features; Dense(4, relu); Dense(3, relu); Dense(1, sigmoid); Dropout(0.0) in between;
///     compile(optimizer="adam", loss="mean_squared_error", metrics=["mae"]).
///     Weight array k, element i: sin(0.37·i + k)·0.6 for kernels and embeddings,
///     sin(0.37·i + k)·0.1 + 0.3 for biases (float64, then float32).
///     Content of movie j, feature f: cos(0.91·(2j + f))·0.5 + 0.5.
@Suite struct NeuralKerasEquivalenceTests {
    static let configuration = NeuralRecommenderConfiguration(
        userCount: 3, movieCount: 4, contentDimension: 2, embeddingDimension: 3,
        hiddenUnits: [4, 3], dropoutRate: 0, embeddingL2: 0.01
    )
    static let content = (0..<8).map { Float(cos(Double($0) * 0.91) * 0.5 + 0.5) }
    static func examples() throws -> NeuralRecommender.Examples {
        try NeuralRecommender.Examples(users: [0, 2, 1, 2, 0], movies: [3, 0, 1, 3, 2], targets: [0.9, 0.1, 0.5, 0.75, 0.3])
    }

    static func model() throws -> NeuralRecommender {
        let shapes = [9, 12, 32, 4, 12, 3, 3, 1]
        let isBias = [false, false, false, true, false, true, false, true]
        let weights = shapes.indices.map { k in
            (0..<shapes[k]).map { i in
                Float(sin(Double(i) * 0.37 + Double(k)) * (isBias[k] ? 0.1 : 0.6) + (isBias[k] ? 0.3 : 0))
            }
        }
        return try NeuralRecommender(configuration: configuration, contentFeatures: content, weights: weights)
    }

    @Test func predictionsAndEvaluationMatchKeras() throws {
        let model = try Self.model()
        // model.predict(...)
        let keras: [Float] = [0.6025251150131226, 0.6055033206939697, 0.596147358417511, 0.6022557616233826, 0.6130027174949646]
        let examples = try Self.examples()
        let ours = try model.predict(users: examples.users, movies: examples.movies)
        for (a, b) in zip(ours, keras) { #expect(abs(a - b) < 1e-6, "\(a) vs Keras \(b)") }
        // model.evaluate(..., batch_size=5): [loss (MSE + 0.01·Σ embeddings²), mae]
        let evaluation = try model.evaluate(examples)
        #expect(abs(evaluation.loss - 0.13618230819702148) < 1e-6)
        #expect(abs(evaluation.meanAbsoluteError - 0.27197450399398804) < 1e-6)
    }

    @Test func oneTrainingStepMatchesKeras() throws {
        var model = try Self.model()
        let training = NeuralTrainingConfiguration(
            batchSize: 5, maxEpochs: 1, reduceLearningRateOnPlateau: nil, earlyStopping: nil, seed: 1
        )
        let examples = try Self.examples()
        let history = try model.fit(train: examples, validation: examples, configuration: training)
        // train_on_batch returns the loss and mae of the forward pass before the update.
        #expect(abs(history.epochs[0].loss - 0.13618230819702148) < 1e-6)
        #expect(abs(history.epochs[0].meanAbsoluteError - 0.27197450399398804) < 1e-6)
        // model.get_weights() after the step. Adam's first step moves each weight by about
        // lr = 0.001 in the direction of its gradient, so a wrong gradient sign or a missed
        // update shows as an error of 1e-3; float32 rounding stays below 1e-6.
        let keras: [[Float]] = [
            [-0.0009960802271962166, 0.21597056090831757, 0.403573215007782, 0.5364195108413696, 0.5965287685394287, 0.5757653713226318, 0.47693967819213867, 0.31342795491218567, 0.10735882818698883],
            [0.5038827657699585, 0.586945116519928, 0.5904319286346436, 0.5138710141181946, 0.36762499809265137, 0.17148786783218384, -0.04799486696720123, -0.25911957025527954, -0.43703529238700867, -0.5556657910346985, -0.5989542007446289, -0.5610418319702148],
            [0.5465774536132812, 0.41739678382873535, 0.23353184759616852, 0.017954401671886444, -0.19819247722625732, -0.3913346827030182, -0.5297225713729858, -0.5965089797973633, -0.5807031393051147, -0.49008235335350037, -0.33141008019447327, -0.12793691456317902, 0.09470269829034805, 0.30069851875305176, 0.46780675649642944, 0.5714920163154602, 0.5996920466423035, 0.5428909659385681, 0.4144272208213806, 0.22976264357566833, 0.015864312648773193, -0.20401526987552643, -0.3944694399833679, -0.5316434502601624, -0.594997763633728, -0.5816681981086731, -0.4877788722515106, -0.3279884457588196, -0.1219460517168045, 0.0967617928981781, 0.30419743061065674, 0.4703502953052521],
            [0.31511151790618896, 0.2763722836971283, 0.24266760051250458, 0.21660247445106506],
            [-0.45308345556259155, -0.566166877746582, -0.6007700562477112, -0.5521954894065857, -0.4327356219291687, -0.25285694003105164, -0.03688753768801689, 0.18021921813488007, 0.3747888207435608, 0.5204992294311523, 0.5919045209884644, 0.5850558876991272],
            [0.20510713756084442, 0.2198559045791626, 0.2473137378692627],
            [-0.16864892840385437, 0.051023658365011215, 0.2636551856994629],
            [0.36469873785972595],
        ]
        for (index, (ours, theirs)) in zip(model.weights, keras).enumerated() {
            #expect(ours.count == theirs.count)
            for (a, b) in zip(ours, theirs) { #expect(abs(a - b) < 1e-6, "array \(index): \(a) vs Keras \(b)") }
        }
    }
}
