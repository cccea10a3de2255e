import Foundation
import Frames
import Learning
import NotebookCore
import Outputs
import RecbookSupport
import TableSteps

/// `model: dnn`: the original's neural hybrid. Its defaults are the original notebook's, as
/// the Learning library's configurations hold them.
struct NeuralParameters: TrainableModel {
    static let schema: ParameterSchema<Self> = [
        .input(\.features, "features", kind: .featureTable, doc: "The feature table (label encodings, rating scale, content blocks)."),
        .parameter(\.blocks, "blocks", doc: "The numeric blocks used as content features (default: all)."),
        .parameter(\.architecture.embeddingDimension, "embedding_dim", doc: "Size of the user and movie embeddings.", .inRange(1...1_024)),
        .parameter(\.architecture.hiddenUnits, "hidden", doc: "Units of the hidden ReLU layers (at least one layer).", .each(in: 1...4_096, count: 8)),
        .parameter(\.architecture.dropoutRate, "dropout", doc: "Dropout rate after the concatenation and each hidden layer.", .inRange(0.0..<1.0)),
        .parameter(\.architecture.embeddingL2, "l2", doc: "L2 penalty on the embedding matrices.", .atLeast(0.0)),
        .parameter(\.training.batchSize, "batch_size", doc: "Examples per gradient step.", .inRange(1...1_000_000)),
        .parameter(\.training.maxEpochs, "epochs", doc: "The most passes over the training rows.", .inRange(1...maximumPasses)),
        .parameter(\.training.optimizer.learningRate, "learning_rate", doc: "Adam's initial learning rate.", .greaterThan(0.0)),
        .parameter(\.optimizer, "optimizer", doc: "'adam' (Keras's Adam, as the original: every embedding row is updated on every batch) or 'lazy-adam' (TensorFlow Addons' LazyAdam: only the rows a batch looks up, with their L2 term; far faster with many users and movies)."),
        .parameter(\.earlyStopping.patience, "patience", doc: "Epochs without a better val_loss before stopping (the best weights are restored).", .inRange(0...maximumPasses)),
        .parameter(\.plateau.factor, "lr_factor", doc: "ReduceLROnPlateau factor.", .inRange(0.0..<1.0)),
        .parameter(\.plateau.patience, "lr_patience", doc: "Epochs without improvement before the learning rate is reduced.", .inRange(0...maximumPasses)),
        .parameter(\.plateau.minLearningRate, "min_lr", doc: "The learning rate is never reduced below this.", .atLeast(0.0)),
        .parameter(\.seed, "seed", doc: "Seed for initialisation and shuffling; by default derived from the notebook seed."),
    ]

    var features = ValueRef()
    var blocks: [String] = []
    /// The layers; the user and movie counts and the content width come from `features`.
    var architecture = NeuralRecommenderConfiguration(userCount: 0, movieCount: 0, contentDimension: 0)
    /// The optimiser and callbacks; the seed comes from `seed` or the notebook.
    var training = NeuralTrainingConfiguration(seed: 0)
    var seed: Int?

    var earlyStopping: EarlyStopping.Configuration {
        get { training.earlyStopping ?? EarlyStopping.Configuration() }
        set { training.earlyStopping = newValue }
    }

    var optimizer: OptimizerChoice {
        get { training.optimizer.embeddingUpdates == .lazy ? .lazyAdam : .adam }
        set { training.optimizer.embeddingUpdates = newValue == .lazyAdam ? .lazy : .dense }
    }

    var plateau: ReduceLearningRateOnPlateau.Configuration {
        get { training.reduceLearningRateOnPlateau ?? ReduceLearningRateOnPlateau.Configuration() }
        set { training.reduceLearningRateOnPlateau = newValue }
    }

    func validate() -> [ParameterProblem] {
        if architecture.hiddenUnits.isEmpty {
            return [ParameterProblem("hidden", "'hidden' needs at least one layer")]
        }
        return []
    }

    func fit(split: RatingSplit, context: StepContext) throws -> FittedModel {
        let table = try context.value(features, as: FeatureTable.self)
        let (users, movies, scale) = try Self.encodings(of: table)
        let (columns, content) = try table.contentFeatures(for: movies, blocks: blocks.isEmpty ? nil : blocks)
        var architecture = self.architecture
        (architecture.userCount, architecture.movieCount, architecture.contentDimension) = (users.count, movies.count, columns.count)
        try context.requireMemory(Self.memoryEstimate(architecture, batchSize: training.batchSize))
        var training = self.training
        training.seed = seed.map { UInt64(bitPattern: Int64($0)) } ?? context.seed
        var network = try NeuralRecommender(configuration: architecture, contentFeatures: content, seed: training.seed)
        context.print(network.summary.text())

        let train = try NeuralExamples(split.train, name: "training", users: users, movies: movies, scale: scale)
        let validation = try NeuralExamples(split.validation, name: "validation", users: users, movies: movies, scale: scale)
        context.print("Training on \(train.examples.count) rows, validating on \(validation.examples.count); \(columns.count) content features per movie.")
        context.print(optimizer.description)
        let start = ContinuousClock.now
        // One count over every batch of every epoch, so the time left covers the whole fit (an
        // upper bound: early stopping may end it sooner). The epoch lines are printed once, below.
        var epochsDone = 0
        var lastValidationLoss = ""
        let history = try network.fit(
            train: train.examples, validation: validation.examples, configuration: training,
            progress: { epoch in
                epochsDone = epoch.epoch
                lastValidationLoss = ", val_loss " + Format.fixed(epoch.validationLoss, 4)
            },
            batchEnded: { done, perEpoch in
                context.progress(
                    "batches", completed: epochsDone * perEpoch + done, of: training.maxEpochs * perEpoch,
                    detail: "epoch \(epochsDone + 1) of \(training.maxEpochs)" + lastValidationLoss)
            })
        let seconds = (ContinuousClock.now - start).seconds
        for line in history.logLines { context.print(line) }
        context.emit(.figure(Self.curves(history)))
        let model = try NeuralRatingModel(
            network: network, users: users, items: movies, histories: try train.histories(users: users, movies: movies),
            ratingScale: scale, training: history)
        return FittedModel(
            model: model, displayName: "neural hybrid",
            summary: "neural hybrid, \(network.parameterCount) parameters, \(optimizer.rawValue), best epoch \(history.bestEpoch.map(String.init) ?? "–") of \(history.epochs.count)",
            fitSeconds: context.includesTimings ? seconds : .nan,
            figures: zip(FittedModel.neuralFigures, [
                Double(network.parameterCount), Double(history.epochs.count), history.bestEpoch.map(Double.init) ?? .nan,
            ]).map { (name: $0, value: $1) })
    }

    /// The user and movie encodings the network's embedding rows follow, and the rating scale.
    private static func encodings(of table: FeatureTable) throws -> (users: IdVocabulary, movies: IdVocabulary, scale: ClosedRange<Double>) {
        guard let users = table.encoding(named: "user")?.vocabulary ?? table.encodings.first(where: { $0.source == "userId" })?.vocabulary,
              let movies = table.encoding(named: "movie")?.vocabulary ?? table.encodings.first(where: { $0.source == "movieId" })?.vocabulary else {
            throw StepError("the feature table has no user and movie encodings; add them with `encode` transform 'label'")
        }
        guard let scale = table.targetRange else {
            throw StepError("the feature table has no rating scale; add it with `encode` transform 'target'")
        }
        return (users, movies, scale)
    }

    static func curves(_ history: TrainingHistory) -> Figure {
        let x = history.epochs.map { Double($0.epoch) }
        var marks: [Mark] = [
            .line(Series(name: "loss (train, with dropout)", x: x, y: history.epochs.map(\.loss))),
            .line(Series(name: "val_loss", x: x, y: history.epochs.map(\.validationLoss))),
        ]
        if let best = history.bestEpoch {
            marks.append(.rule(Rule(.vertical, at: Double(best), label: "best epoch \(best)")))
        }
        return Figure(
            title: "Training curves",
            caption: "Mean squared error on the [0, 1] rating scale per epoch, with the best epoch whose weights were kept.",
            xAxis: Axis("epoch"),
            yAxis: Axis("loss"),
            marks: marks
        )
    }
}

/// `optimizer:` of `model: dnn`: which rows each Adam step updates.
enum OptimizerChoice: String, ChoiceParameter {
    case adam
    case lazyAdam = "lazy-adam"

    /// The line the train step prints, so that a report says how its network was trained.
    var description: String {
        switch self {
        case .adam: "Optimiser: Adam as Keras runs it (every embedding row is updated on every batch)."
        case .lazyAdam: "Optimiser: lazy Adam (each batch updates only the embedding rows it looks up, and the dense layers)."
        }
    }
}

/// Rating rows as the network's examples: encoded users and movies, ratings scaled to [0, 1].
struct NeuralExamples {
    let examples: NeuralRecommender.Examples
    /// Each row's rating and time, for the model's training histories.
    private let ratings: [Double]
    private let timestamps: [Int]

    /// - Throws: ``NotebookCore/StepError`` naming the first row whose user or movie the
    ///   encodings do not know.
    init(_ frame: DataFrame, name: String, users: IdVocabulary, movies: IdVocabulary, scale: ClosedRange<Double>) throws {
        let userIds = try frame.ints("userId"), movieIds = try frame.ints("movieId")
        ratings = try frame.doubles("rating")
        timestamps = try frame.timestamps("timestamp")
        var exampleUsers: [Int] = [], exampleMovies: [Int] = [], targets: [Float] = []
        let lower = Float(scale.lowerBound), upper = Float(scale.upperBound)
        for row in userIds.indices {
            guard let user = users.index(of: userIds[row]), let movie = movies.index(of: movieIds[row]) else {
                throw StepError("\(name) row \(row): user \(userIds[row]) or movie \(movieIds[row]) is not in the feature table's encodings")
            }
            exampleUsers.append(user)
            exampleMovies.append(movie)
            targets.append((Float(ratings[row]) - lower) / (upper - lower))
        }
        examples = try NeuralRecommender.Examples(users: exampleUsers, movies: exampleMovies, targets: targets)
    }

    /// The rows as each user's history, oldest first (ties in time keep row order).
    func histories(users: IdVocabulary, movies: IdVocabulary) throws -> UserHistories {
        let order = examples.users.indices.sorted {
            (examples.users[$0], timestamps[$0], $0) < (examples.users[$1], timestamps[$1], $1)
        }
        return try UserHistories(
            users: order.map { examples.users[$0] }, items: order.map { examples.movies[$0] },
            ratings: order.map { ratings[$0] }, userCount: users.count, itemCount: movies.count)
    }
}
