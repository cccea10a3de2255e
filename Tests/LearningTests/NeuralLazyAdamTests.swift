import Foundation
import Testing
@testable import Learning

/// Lazy Adam (``EmbeddingUpdates/lazy``): only the embedding rows a batch looks up move, with
/// the arithmetic of Keras's Adam and the global step count in the bias correction.
@Suite struct NeuralLazyAdamTests {
    typealias Support = NeuralTestSupport

    /// Adam by hand, in double: one weight's update at step `t` from moments `m`, `v`.
    static func adam(w: Double, g: Double, m: Double, v: Double, t: Int, lr: Double = 0.001) -> (w: Double, m: Double, v: Double) {
        let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-7)
        let m = m + (g - m) * (1 - beta1)
        let v = v + (g * g - v) * (1 - beta2)
        let alpha = lr * (1 - pow(beta2, Double(t))).squareRoot() / (1 - pow(beta1, Double(t)))
        return (w - m * alpha / (v.squareRoot() + epsilon), m, v)
    }

    /// Three embedding rows of width 2 (the penalised prefix), then two dense weights.
    static let start: [Float] = [0.5, -0.25, 0.75, 1.0, -0.5, 0.125, 0.3, -0.2]

    @Test func stepsMoveOnlyTheLookedUpRowsAsAdamByHand() {
        var optimizer = AdamOptimizer(configuration: AdamConfiguration(), parameterCount: Self.start.count)
        var weights = Self.start
        let l2: Float = 0.01
        func step(rows: [Int], gradient: [Float]) -> (before: Double, after: Double, gradient: [Float]) {
            var gradient = gradient
            let sums = rows.withUnsafeBufferPointer { rows in
                optimizer.lazyStep(parameters: &weights, gradient: &gradient, learningRate: 0.001,
                                   rows: rows, rowWidth: 2, regularizedCount: 6, l2: l2)
            }
            return (sums.before, sums.after, gradient)
        }

        // Step 1 looks up rows 2 and 0; row 1 and its moments stay as they are.
        let first = step(rows: [2, 0], gradient: [0.5, -0.1, 0, 0, 0.2, 0.4, 1.0, -2.0])
        var expected = Self.start.map(Double.init)
        var moments = [(m: Double, v: Double)](repeating: (0, 0), count: 8)
        for index in [0, 1, 4, 5] {
            let g = [0.5, -0.1, 0, 0, 0.2, 0.4][index] + 2 * Double(l2) * Double(Self.start[index])
            let updated = Self.adam(w: expected[index], g: g, m: 0, v: 0, t: 1)
            (expected[index], moments[index]) = (updated.w, (updated.m, updated.v))
        }
        for index in [6, 7] {  // the dense weights: no penalty
            let updated = Self.adam(w: expected[index], g: [1.0, -2.0][index - 6], m: 0, v: 0, t: 1)
            (expected[index], moments[index]) = (updated.w, (updated.m, updated.v))
        }
        for (ours, byHand) in zip(weights, expected) { #expect(abs(Double(ours) - byHand) < 1e-7, "\(ours) vs \(byHand)") }
        #expect(weights[2] == Self.start[2] && weights[3] == Self.start[3])
        // The looked-up rows' gradient is cleared; Σw² of those rows before and after.
        #expect(Array(first.gradient[0..<6]) == [0, 0, 0, 0, 0, 0])
        #expect(abs(first.before - (0.25 + 0.0625 + 0.25 + 0.015625)) < 1e-7)
        #expect(abs(first.after - [0, 1, 4, 5].reduce(0) { $0 + expected[$1] * expected[$1] }) < 1e-6)

        // Step 2 looks up row 1 only: rows 0 and 2 keep their weights exactly; row 1 takes its
        // first update with the bias correction of step 2.
        let afterFirst = weights
        _ = step(rows: [1], gradient: [0, 0, 0.3, -0.6, 0, 0, 0, 0])
        #expect(Array(weights[0..<2]) == Array(afterFirst[0..<2]) && Array(weights[4..<6]) == Array(afterFirst[4..<6]))
        for (offset, g) in [0.3, -0.6].enumerated() {
            let index = 2 + offset
            let updated = Self.adam(w: Double(Self.start[index]), g: g + 2 * Double(l2) * Double(Self.start[index]), m: 0, v: 0, t: 2)
            #expect(abs(Double(weights[index]) - updated.w) < 1e-7, "row 1: \(weights[index]) vs \(updated.w)")
        }

        // Step 3 looks up row 0 again: its moments are step 1's, not decayed by step 2.
        let row0 = (Double(weights[0]), Double(weights[1]))
        _ = step(rows: [0], gradient: [-0.2, 0.05, 0, 0, 0, 0, 0, 0])
        for (offset, (w, g)) in [(row0.0, -0.2), (row0.1, 0.05)].enumerated() {
            let updated = Self.adam(w: w, g: g + 2 * Double(l2) * w, m: moments[offset].m, v: moments[offset].v, t: 3)
            #expect(abs(Double(weights[offset]) - updated.w) < 1e-7, "row 0 at step 3: \(weights[offset]) vs \(updated.w)")
        }
    }

    /// A lazy step that looks up every row is a dense step, bit for bit.
    @Test func everyRowLookedUpEqualsTheDenseStep() {
        let count = 5 * 8 + 7
        var dense = Support.uniform(count, in: -1...1, seed: 4), lazy = dense
        var denseOptimizer = AdamOptimizer(configuration: AdamConfiguration(), parameterCount: count)
        var lazyOptimizer = denseOptimizer
        for step in 0..<3 {
            let gradient = Support.uniform(count, in: -1...1, seed: 10 + UInt64(step))
            var denseGradient = gradient, lazyGradient = gradient
            _ = denseOptimizer.step(parameters: &dense, gradient: &denseGradient, learningRate: 0.01, regularizedCount: 40, l2: 0.05)
            _ = [4, 0, 2, 1, 3].withUnsafeBufferPointer { rows in
                lazyOptimizer.lazyStep(parameters: &lazy, gradient: &lazyGradient, learningRate: 0.01,
                                       rows: rows, rowWidth: 8, regularizedCount: 40, l2: 0.05)
            }
            #expect(dense == lazy, "step \(step + 1)")
            #expect(denseGradient == lazyGradient)
        }
    }

    /// A fit with lazy updates learns as the dense one does, and never moves the embedding of a
    /// user or movie that no training row looks up; the dense fit decays them through the L2
    /// penalty on every step, as Keras does.
    @Test func lazyFitLearnsAndLeavesUnseenRowsAlone() throws {
        let data = try Support.PlantedRatings(users: 40, movies: 60, trainCount: 3000, validationCount: 600, seed: 11)
        // Drop every training row of user 7 and movie 13.
        let keep = data.train.users.indices.filter { data.train.users[$0] != 7 && data.train.movies[$0] != 13 }
        let train = try NeuralRecommender.Examples(
            users: keep.map { data.train.users[$0] }, movies: keep.map { data.train.movies[$0] },
            targets: keep.map { data.train.targets[$0] })
        let initial = try NeuralRecommender(
            configuration: NeuralRecommenderConfiguration(
                userCount: 40, movieCount: 60, contentDimension: 2, embeddingDimension: 8, hiddenUnits: [8, 4], embeddingL2: 1e-3),
            contentFeatures: data.content, seed: 3)
        func fit(_ updates: EmbeddingUpdates) throws -> (NeuralRecommender, TrainingHistory) {
            var model = initial
            let history = try model.fit(train: train, validation: data.validation, configuration: NeuralTrainingConfiguration(
                batchSize: 256, maxEpochs: 30, optimizer: AdamConfiguration(learningRate: 0.01, embeddingUpdates: updates), seed: 5))
            return (model, history)
        }
        let startLoss = try initial.evaluate(data.validation, batchSize: 256).loss
        let (lazy, lazyHistory) = try fit(.lazy)
        let (dense, denseHistory) = try fit(.dense)
        let lazyBest = try #require(lazyHistory.bestEpoch.map { lazyHistory.epochs[$0 - 1].validationLoss })
        let denseBest = try #require(denseHistory.bestEpoch.map { denseHistory.epochs[$0 - 1].validationLoss })
        #expect(lazyBest < 0.3 * startLoss, "lazy best \(lazyBest) vs start \(startLoss)")
        #expect(abs(lazyBest - denseBest) < 0.25 * denseBest, "lazy \(lazyBest) vs dense \(denseBest)")

        let width = 8
        func userRow(_ model: NeuralRecommender, _ user: Int) -> [Float] { Array(model.userEmbeddings[(user * width)..<((user + 1) * width)]) }
        func movieRow(_ model: NeuralRecommender, _ movie: Int) -> [Float] { Array(model.movieEmbeddings[(movie * width)..<((movie + 1) * width)]) }
        #expect(userRow(lazy, 7) == userRow(initial, 7))
        #expect(movieRow(lazy, 13) == movieRow(initial, 13))
        #expect(userRow(dense, 7) != userRow(initial, 7))
        #expect(userRow(lazy, 8) != userRow(initial, 8))
    }
}
