import LinearAlgebra
import RecbookSupport

extension NeuralRecommender {
    /// Trains the model as the original notebook's `model.fit` does.
    ///
    /// Each epoch shuffles the training examples (seeded), takes one Adam step per batch with
    /// dropout active, then evaluates the validation set and runs the callbacks in Keras's order:
    /// `ReduceLROnPlateau`, then `EarlyStopping`. With `restoreBestWeights` the model ends with
    /// the weights of its best epoch, whether or not training stopped early. A fit is
    /// reproducible bit for bit for a seed on one machine.
    ///
    /// On error the model is left unchanged.
    ///
    /// - Parameters:
    ///   - train: The training examples; targets scaled to [0, 1].
    ///   - validation: The validation examples, monitored by the callbacks.
    ///   - configuration: Batching, epochs, optimiser, callbacks and seed.
    ///   - progress: Called after each epoch (after the callbacks), for example to print
    ///     ``TrainingEpoch/logLine(epochCount:)``.
    ///   - batchEnded: Called after each batch with the batches done in this epoch and the
    ///     batches per epoch, for a live progress display.
    /// - Returns: The per-epoch metrics, the best epoch and whether training stopped early.
    /// - Throws: ``NeuralNetworkError`` if a configuration is invalid or the examples are empty,
    ///   out of range or not finite.
    /// - Complexity: O(epochs × (examples × weights per example + all weights × batches)):
    ///   like Keras, Adam updates every embedding row on every step. With
    ///   ``EmbeddingUpdates/lazy`` a step updates only its batch's rows and the dense layers:
    ///   O(epochs × examples × weights per example).
    public mutating func fit(
        train: Examples,
        validation: Examples,
        configuration training: NeuralTrainingConfiguration,
        progress: (TrainingEpoch) -> Void = { _ in },
        batchEnded: (_ done: Int, _ perEpoch: Int) -> Void = { _, _ in }
    ) throws -> TrainingHistory {
        try training.validate()
        try train.validate(for: configuration, name: "training")
        try validation.validate(for: configuration, name: "validation")
        let run = TrainingRun(model: self, trainingSet: train, validationSet: validation, configuration: training)
        let history = try run.run(progress: progress, batchEnded: batchEnded)
        parameters = run.finalParameters
        return history
    }
}

/// The state of one `fit` call: weights, gradient and batch buffers, optimiser and callbacks.
///
/// Everything is allocated up front; an epoch allocates only its history record (and a weight
/// snapshot when it is the best so far).
private final class TrainingRun {
    private let layout: ParameterLayout
    private let trainingSet: NeuralRecommender.Examples
    private let validationSet: NeuralRecommender.Examples
    private let configuration: NeuralTrainingConfiguration
    private let dropoutRate: Double
    private let l2: Float
    private let batchSize: Int
    private let engine: NetworkEngine
    private let parameters: UnsafeMutablePointer<Float>
    private let gradient: UnsafeMutablePointer<Float>
    private let content: UnsafeMutablePointer<Float>
    private let batchUsers: UnsafeMutablePointer<Int>
    private let batchMovies: UnsafeMutablePointer<Int>
    private let batchTargets: UnsafeMutablePointer<Float>
    private let parameterCount: Int
    private var optimizer: AdamOptimizer
    private var bestParameters: [Float]?
    /// Lazy updates only: the distinct embedding rows of the current batch (users first, then
    /// movies, as rows of the embedding prefix), the batch number that last listed each row, and
    /// `Σw²` over the whole prefix, kept up to date from the rows each step changes.
    private let lazy: Bool
    private let touchedRows: UnsafeMutablePointer<Int>
    private var rowStamps: [Int32]
    private var batchStamp: Int32 = 0
    private var embeddingSquares = 0.0

    init(
        model: NeuralRecommender, trainingSet: NeuralRecommender.Examples,
        validationSet: NeuralRecommender.Examples, configuration: NeuralTrainingConfiguration
    ) {
        layout = model.layout
        self.trainingSet = trainingSet
        self.validationSet = validationSet
        self.configuration = configuration
        dropoutRate = model.configuration.dropoutRate
        l2 = Float(model.configuration.embeddingL2)
        batchSize = min(configuration.batchSize, trainingSet.count)
        engine = NetworkEngine(
            layout: layout,
            capacity: max(batchSize, min(configuration.batchSize, validationSet.count)),
            training: true
        )
        /// A zeroed buffer holding a copy of `values`, never empty, so its address is valid.
        func buffer<T: Numeric>(copying values: [T] = [], count: Int) -> UnsafeMutablePointer<T> {
            let capacity = max(count, values.count, 1)
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            buffer.initialize(repeating: 0, count: capacity)
            values.withUnsafeBufferPointer { source in
                if let source = source.baseAddress { buffer.update(from: source, count: values.count) }
            }
            return buffer
        }
        parameterCount = layout.count
        parameters = buffer(copying: model.parameters, count: layout.count)
        gradient = buffer(count: layout.count)
        content = buffer(copying: model.contentFeatures, count: model.contentFeatures.count)
        batchUsers = buffer(count: batchSize)
        batchMovies = buffer(count: batchSize)
        batchTargets = buffer(count: batchSize)
        optimizer = AdamOptimizer(configuration: configuration.optimizer, parameterCount: layout.count)
        lazy = configuration.optimizer.embeddingUpdates == .lazy
        touchedRows = buffer(count: lazy ? 2 * batchSize : 0)
        rowStamps = lazy ? Array(repeating: -1, count: layout.userCount + layout.movieCount) : []
    }

    deinit {
        parameters.deallocate()
        gradient.deallocate()
        content.deallocate()
        batchUsers.deallocate()
        batchMovies.deallocate()
        batchTargets.deallocate()
        touchedRows.deallocate()
    }

    /// The weights to keep: the best epoch's if they were restored, the last epoch's otherwise.
    private(set) var finalParameters: [Float] = []

    /// Runs every epoch and the callbacks, and sets ``finalParameters``.
    func run(progress: (TrainingEpoch) -> Void, batchEnded: (Int, Int) -> Void) throws -> TrainingHistory {
        var plateau = configuration.reduceLearningRateOnPlateau.map(ReduceLearningRateOnPlateau.init)
        var stopping = configuration.earlyStopping.map(EarlyStopping.init)
        var shuffler = SeededGenerator(seed: SeededGenerator.derive(configuration.seed, "shuffle"))
        var sampler = DropoutMaskSampler(rate: dropoutRate, seed: SeededGenerator.derive(configuration.seed, "dropout"))
        var order = Array(0..<trainingSet.count)
        var learningRate = Float(configuration.optimizer.learningRate)
        var epochs: [TrainingEpoch] = []
        var stoppedEarly = false
        let clock = ContinuousClock()

        for epoch in 0..<configuration.maxEpochs {
            try Interruption.check()
            let start = clock.now
            shuffler.shuffle(&order)
            let metrics = try runEpoch(order: order, learningRate: learningRate, sampler: &sampler, batchEnded: batchEnded)
            let evaluation = NeuralRecommender.evaluate(
                validationSet, engine: engine, parameters: parameters, content: content,
                batchSize: min(configuration.batchSize, validationSet.count), l2: l2
            )
            var record = TrainingEpoch(
                epoch: epoch + 1, loss: metrics.loss, meanAbsoluteError: metrics.meanAbsoluteError,
                validationLoss: evaluation.loss, validationMeanAbsoluteError: evaluation.meanAbsoluteError,
                learningRate: learningRate, seconds: 0
            )
            if let reduction = plateau?.epochEnded(monitored: evaluation.loss, learningRate: learningRate) {
                record.learningRateReduction = reduction
                learningRate = reduction.learningRate
            }
            var stop = false
            switch stopping?.epochEnded(epoch: epoch, monitored: evaluation.loss) {
            case .improved?:
                if configuration.earlyStopping?.restoreBestWeights == true {
                    bestParameters = snapshot()
                }
            case .stop?:
                stop = true
            case .wait?, nil:
                break
            }
            record.seconds = Self.seconds(clock.now - start)
            epochs.append(record)
            progress(record)
            if stop {
                stoppedEarly = epoch + 1 < configuration.maxEpochs
                break
            }
        }

        let restored = bestParameters != nil
        finalParameters = bestParameters ?? snapshot()
        return TrainingHistory(
            epochs: epochs, maxEpochs: configuration.maxEpochs,
            bestEpoch: stopping.map { $0.bestEpoch + 1 },
            stoppedEarly: stoppedEarly, restoredBestWeights: restored
        )
    }

    /// One pass over the shuffled training set.
    ///
    /// - Returns: Keras's epoch metrics: the batch losses averaged with the batch sizes as
    ///   weights, and the mean absolute error over all examples.
    private func runEpoch(
        order: [Int], learningRate: Float, sampler: inout DropoutMaskSampler, batchEnded: (Int, Int) -> Void
    ) throws -> (loss: Double, meanAbsoluteError: Double) {
        let batchesPerEpoch = (order.count + batchSize - 1) / batchSize
        let users = batchUsers
        let movies = batchMovies
        let targets = batchTargets
        let useDropout = dropoutRate > 0
        var weightedLoss = 0.0
        var absoluteError = 0.0
        if lazy { embeddingSquares = exactEmbeddingSquares() }
        for batchStart in stride(from: 0, to: order.count, by: batchSize) {
            // Every 64 batches: an epoch over millions of ratings takes long enough to interrupt.
            if (batchStart / batchSize) % 64 == 63 { try Interruption.check() }
            let count = min(batchSize, order.count - batchStart)
            defer { batchEnded(batchStart / batchSize + 1, batchesPerEpoch) }
            fillBatch(order[batchStart..<(batchStart + count)])
            if useDropout { engine.sampleDropoutMasks(count: count, using: &sampler) }
            let predictions = engine.forward(
                parameters: parameters, content: content, users: users, movies: movies, count: count, dropout: useDropout
            )
            let errors = LossKernels.errorSums(predictions: predictions, targets: targets, count: count)
            engine.backward(
                parameters: parameters, users: users, movies: movies, targets: targets, count: count, gradient: gradient
            )
            let sumOfSquares = lazy
                ? lazyStep(count: count, learningRate: learningRate)
                : optimizer.step(
                    parameters: parameters, gradient: gradient, learningRate: learningRate,
                    regularizedCount: layout.regularizedCount, l2: l2
                )
            let batchLoss = errors.squared / Double(count) + Double(l2) * sumOfSquares
            weightedLoss += batchLoss * Double(count)
            absoluteError += errors.absolute
        }
        let rows = Double(order.count)
        return (weightedLoss / rows, absoluteError / rows)
    }

    /// Copies the examples `rows` (positions in the training set) into the batch buffers.
    private func fillBatch(_ rows: ArraySlice<Int>) {
        trainingSet.users.withUnsafeBufferPointer { users in
            trainingSet.movies.withUnsafeBufferPointer { movies in
                trainingSet.targets.withUnsafeBufferPointer { targets in
                    for (offset, row) in rows.enumerated() {
                        batchUsers[offset] = users[row]
                        batchMovies[offset] = movies[row]
                        batchTargets[offset] = targets[row]
                    }
                }
            }
        }
    }

    /// One ``EmbeddingUpdates/lazy`` step on the batch in `batchUsers`/`batchMovies`.
    ///
    /// - Returns: `Σw²` over every embedding row before the step (the penalty's share of the
    ///   batch loss, as in a dense step), kept from the rows each step changed.
    private func lazyStep(count: Int, learningRate: Float) -> Double {
        batchStamp &+= 1
        if batchStamp == Int32.max {
            for index in rowStamps.indices { rowStamps[index] = -1 }
            batchStamp = 0
        }
        var distinct = 0
        func touch(_ row: Int) {
            if rowStamps[row] != batchStamp {
                rowStamps[row] = batchStamp
                touchedRows[distinct] = row
                distinct += 1
            }
        }
        for offset in 0..<count { touch(batchUsers[offset]) }
        for offset in 0..<count { touch(layout.userCount + batchMovies[offset]) }
        let total = embeddingSquares
        let change = optimizer.lazyStep(
            parameters: parameters, gradient: gradient, learningRate: learningRate,
            rows: UnsafeBufferPointer(start: touchedRows, count: distinct), rowWidth: layout.embeddingDimension,
            regularizedCount: layout.regularizedCount, l2: l2
        )
        embeddingSquares += change.after - change.before
        return total
    }

    /// `Σw²` over every embedding row, summed row by row as the lazy steps sum a row.
    private func exactEmbeddingSquares() -> Double {
        var total = 0.0
        for row in 0..<(layout.userCount + layout.movieCount) {
            total += AdamOptimizer.rowSquares(parameters, row: row, width: layout.embeddingDimension)
        }
        return total
    }

    private func snapshot() -> [Float] {
        Array(UnsafeBufferPointer(start: parameters, count: parameterCount))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let components = duration.components
        return Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
