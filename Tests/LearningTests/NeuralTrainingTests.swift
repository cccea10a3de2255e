import Foundation
import Testing
@testable import Learning

/// Training on small synthetic rating sets: learning, early stopping, reproducibility, errors.
@Suite struct NeuralTrainingTests {
    typealias Support = NeuralTestSupport

    static func plantedData() throws -> Support.PlantedRatings {
        try Support.PlantedRatings(users: 40, movies: 60, trainCount: 3000, validationCount: 600, seed: 11)
    }

    static let fastTraining = NeuralTrainingConfiguration(
        batchSize: 256, maxEpochs: 40, optimizer: AdamConfiguration(learningRate: 0.01), seed: 5
    )

    @Test func learnsPlantedStructureAndRestoresTheBestEpoch() throws {
        let data = try Self.plantedData()
        var model = try NeuralRecommender(configuration: data.configuration, contentFeatures: data.content, seed: 3)
        let initial = try model.evaluate(data.validation, batchSize: 256)
        var logged: [TrainingEpoch] = []
        let history = try model.fit(train: data.train, validation: data.validation, configuration: Self.fastTraining) {
            logged.append($0)
        }
        #expect(logged == history.epochs)
        let best = try #require(history.bestEpoch)
        let bestLoss = history.epochs[best - 1].validationLoss
        #expect(history.epochs.allSatisfy { $0.validationLoss >= bestLoss })
        // Well below where it started (the planted targets have a variance of about 0.05).
        #expect(bestLoss < 0.3 * initial.loss, "best \(bestLoss) vs initial \(initial.loss)")
        // The restored weights are the best epoch's: re-evaluating reproduces its logged loss.
        #expect(history.restoredBestWeights)
        let restored = try model.evaluate(data.validation, batchSize: 256)
        #expect(restored.loss == bestLoss)
        #expect(restored.meanAbsoluteError == history.epochs[best - 1].validationMeanAbsoluteError)
    }

    /// Early stopping on the run above: patience 5 after the best epoch, unless 40 came first.
    @Test func stopsFiveEpochsAfterTheBest() throws {
        let data = try Self.plantedData()
        var model = try NeuralRecommender(configuration: data.configuration, contentFeatures: data.content, seed: 3)
        let history = try model.fit(train: data.train, validation: data.validation, configuration: Self.fastTraining)
        let best = try #require(history.bestEpoch)
        #expect(history.stoppedEarly == (history.epochs.count < 40))
        if history.stoppedEarly { #expect(history.epochs.count == best + 5) }
    }

    /// Random training targets that say nothing about the validation targets: the validation
    /// loss soon stops improving, and patience 2 must end training long before 200 epochs.
    @Test func patienceForcesAStop() throws {
        let configuration = NeuralRecommenderConfiguration(
            userCount: 5, movieCount: 6, contentDimension: 1, embeddingDimension: 4, hiddenUnits: [4]
        )
        let train = try NeuralRecommender.Examples(
            users: (0..<30).map { $0 % 5 }, movies: (0..<30).map { $0 % 6 },
            targets: Support.uniform(30, in: 0...1, seed: 1)
        )
        let validation = try NeuralRecommender.Examples(
            users: (0..<30).map { ($0 + 2) % 5 }, movies: (0..<30).map { ($0 * 5) % 6 },
            targets: Support.uniform(30, in: 0...1, seed: 2)
        )
        var model = try NeuralRecommender(
            configuration: configuration, contentFeatures: Support.uniform(6, in: 0...1, seed: 3), seed: 4
        )
        let training = NeuralTrainingConfiguration(
            batchSize: 8, maxEpochs: 200, optimizer: AdamConfiguration(learningRate: 0.05),
            earlyStopping: .init(patience: 2), seed: 9
        )
        let history = try model.fit(train: train, validation: validation, configuration: training)
        let best = try #require(history.bestEpoch)
        #expect(history.stoppedEarly)
        #expect(history.epochs.count == best + 2)
        #expect(history.epochs.count < 200)
        #expect(try model.evaluate(validation, batchSize: 8).loss == history.epochs[best - 1].validationLoss)
    }

    @Test func seededTrainingIsReproducibleBitForBit() throws {
        let data = try Support.PlantedRatings(users: 20, movies: 30, trainCount: 700, validationCount: 150, seed: 4)
        let training = NeuralTrainingConfiguration(batchSize: 64, maxEpochs: 6, seed: 21)
        func fit(seed: UInt64 = 21) throws -> (NeuralRecommender, TrainingHistory) {
            var model = try NeuralRecommender(configuration: data.configuration, contentFeatures: data.content, seed: 8)
            var configuration = training
            configuration.seed = seed
            let history = try model.fit(train: data.train, validation: data.validation, configuration: configuration)
            return (model, history)
        }
        func withoutTimes(_ history: TrainingHistory) -> TrainingHistory {
            var copy = history
            for index in copy.epochs.indices { copy.epochs[index].seconds = 0 }
            return copy
        }
        let (first, firstHistory) = try fit()
        let (second, secondHistory) = try fit()
        #expect(first.weights == second.weights)
        #expect(withoutTimes(firstHistory) == withoutTimes(secondHistory))
        // The training seed drives the shuffles and the dropout masks.
        let (other, _) = try fit(seed: 22)
        #expect(other.weights != first.weights)
    }

    @Test func withoutRestoringTheModelKeepsTheLastEpoch() throws {
        let data = try Support.PlantedRatings(users: 20, movies: 30, trainCount: 700, validationCount: 150, seed: 4)
        var model = try NeuralRecommender(configuration: data.configuration, contentFeatures: data.content, seed: 8)
        let training = NeuralTrainingConfiguration(
            batchSize: 64, maxEpochs: 4, reduceLearningRateOnPlateau: nil,
            earlyStopping: .init(patience: 5, restoreBestWeights: false), seed: 1
        )
        let history = try model.fit(train: data.train, validation: data.validation, configuration: training)
        #expect(!history.restoredBestWeights && !history.stoppedEarly)
        #expect(history.epochs.count == 4)
        #expect(history.epochs.allSatisfy { $0.learningRate == 0.001 })
        #expect(try model.evaluate(data.validation, batchSize: 64).loss == history.epochs[3].validationLoss)

        var plain = try NeuralRecommender(configuration: data.configuration, contentFeatures: data.content, seed: 8)
        let noCallbacks = NeuralTrainingConfiguration(
            batchSize: 64, maxEpochs: 2, reduceLearningRateOnPlateau: nil, earlyStopping: nil, seed: 1
        )
        let plainHistory = try plain.fit(train: data.train, validation: data.validation, configuration: noCallbacks)
        #expect(plainHistory.bestEpoch == nil && plainHistory.epochs.count == 2)
    }

    @Test func predictionsAreScoresBehindTheEvaluation() throws {
        let data = try Support.PlantedRatings(users: 20, movies: 30, trainCount: 10, validationCount: 150, seed: 4)
        let model = try NeuralRecommender(configuration: data.configuration, contentFeatures: data.content, seed: 8)
        let scores = try model.predict(users: data.validation.users, movies: data.validation.movies)
        #expect(scores.allSatisfy { $0 >= 0 && $0 <= 1 })
        // evaluate = mean squared error of these scores plus 1e-6 · Σ(embeddings²).
        let squaredError = zip(scores, data.validation.targets).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
        let penalty = (model.userEmbeddings + model.movieEmbeddings).reduce(0.0) { $0 + Double($1) * Double($1) }
        let expected = squaredError / 150 + Double(Float(1e-6)) * penalty
        let evaluation = try model.evaluate(data.validation)
        #expect(Support.isClose(evaluation.loss, expected, absolute: 1e-9, relative: 1e-6))
        // A prediction does not depend on the rest of its batch.
        let single = try model.predict(users: [data.validation.users[7]], movies: [data.validation.movies[7]])
        #expect(abs(single[0] - scores[7]) < 1e-6)
        #expect(try model.predict(users: [], movies: []) == [])
    }

    @Test func badInputThrowsAndLeavesTheModelUnchanged() throws {
        let data = try Support.PlantedRatings(users: 20, movies: 30, trainCount: 50, validationCount: 20, seed: 4)
        var model = try NeuralRecommender(configuration: data.configuration, contentFeatures: data.content, seed: 8)
        let before = model.weights
        let outOfRange = try NeuralRecommender.Examples(users: [0, 3, 20], movies: [1, 2, 3], targets: [0.5, 0.5, 0.5])
        let training = NeuralTrainingConfiguration(batchSize: 16, maxEpochs: 1, seed: 1)
        #expect(throws: NeuralNetworkError.indexOutOfRange(kind: "training user", index: 20, row: 2, count: 20)) {
            try model.fit(train: outOfRange, validation: data.validation, configuration: training)
        }
        let empty = try NeuralRecommender.Examples(users: [], movies: [], targets: [])
        #expect(throws: NeuralNetworkError.emptyExamples("validation")) {
            try model.fit(train: data.train, validation: empty, configuration: training)
        }
        let notANumber = try NeuralRecommender.Examples(users: [0, 1], movies: [0, 1], targets: [0.5, .nan])
        #expect(throws: NeuralNetworkError.nonFiniteValue(kind: "training target", row: 1)) {
            try model.fit(train: notANumber, validation: data.validation, configuration: training)
        }
        var zeroBatch = training
        zeroBatch.batchSize = 0
        #expect(throws: NeuralNetworkError.self) {
            try model.fit(train: data.train, validation: data.validation, configuration: zeroBatch)
        }
        #expect(model.weights == before)

        #expect(throws: NeuralNetworkError.mismatchedLengths("2 users, 1 movies and 2 targets")) {
            try NeuralRecommender.Examples(users: [0, 1], movies: [0], targets: [0, 1])
        }
        #expect(throws: NeuralNetworkError.indexOutOfRange(kind: "movie", index: -1, row: 0, count: 30)) {
            try model.predict(users: [0], movies: [-1])
        }
        #expect(throws: NeuralNetworkError.contentShape(expected: 60, actual: 59)) {
            try NeuralRecommender(configuration: data.configuration, contentFeatures: Array(data.content.dropLast()), seed: 1)
        }
        var badDropout = data.configuration
        badDropout.dropoutRate = 1
        #expect(throws: NeuralNetworkError.self) {
            try NeuralRecommender(configuration: badDropout, contentFeatures: data.content, seed: 1)
        }
        let error = NeuralNetworkError.indexOutOfRange(kind: "training user", index: 20, row: 2, count: 20)
        #expect(error.description == "training user index 20 in example row 2 is out of range 0..<20")
    }

    @Test func epochLogLinesFollowKeras() {
        var epoch = TrainingEpoch(
            epoch: 3, loss: 0.04371, meanAbsoluteError: 0.16204, validationLoss: 0.03961,
            validationMeanAbsoluteError: 0.15183, learningRate: 0.001, seconds: 0.1
        )
        #expect(epoch.logLine(epochCount: 50)
            == "Epoch 3/50 - loss: 0.0437 - mae: 0.1620 - val_loss: 0.0396 - val_mae: 0.1518 - learning_rate: 0.0010")
        // At or below 1e-3 Keras switches to scientific notation.
        epoch.learningRate = 0.00075
        #expect(epoch.logLine(epochCount: 50).hasSuffix("learning_rate: 7.5000e-04"))
        #expect(epoch.learningRateReductionMessage == nil)
        epoch.learningRateReduction = .init(requested: 0.0007500000356230885, learningRate: 0.00075)
        #expect(epoch.learningRateReductionMessage == "Epoch 3: ReduceLROnPlateau reducing learning rate to 0.0007500000356230885.")
    }
}
