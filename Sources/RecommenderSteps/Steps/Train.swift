import Frames
import Learning
import LinearAlgebra
import NotebookCore
import Outputs
import RecbookSupport

/// Fits a model on the training part of a split.
struct TrainStep: Step {
    static let name = "train"
    static let category = "Models"
    static let summary = "Fit a model on a split's training part (validating on its validation part)."
    static let discussion = """
    Models:
    - `dnn`: the original's neural hybrid. User and movie embeddings (he_normal, L2 on the \
    whole matrices) are concatenated with the movie's content features (every numeric block of \
    `features`, gathered per movie), then dropout, Dense 32 ReLU, dropout, Dense 16 ReLU, \
    dropout, and a sigmoid output of the rating rescaled to [0, 1]. MSE loss, Adam, batches \
    reshuffled every epoch, ReduceLROnPlateau and EarlyStopping with restored best weights, \
    all with Keras's semantics. Prints the model summary and the epoch log and draws the \
    training curves.
    """
    static let example = "model: dnn\nfeatures: movie_ratings\nsplit: dnn_split\nas: dnn"
    static let produces: ValueKind? = .model
    static let schema: ParameterSchema<Self> = [
        .parameter(\.model, "model", doc: "Which model to fit.", required: true),
        .input(\.split, "split", kind: .split, doc: "Fit on its train part; validate (early stopping) on its val part."),
        .input(\.features, "features", kind: .featureTable, doc: "dnn: the feature table (label encodings, rating scale, content blocks)."),
        .parameter(\.blocks, "blocks", doc: "dnn: the numeric blocks used as content features (default: all)."),
        .parameter(\.embeddingDimension, "embedding_dim", doc: "dnn: size of the user and movie embeddings.", .atLeast(1)),
        .parameter(\.hiddenUnits, "hidden", doc: "dnn: units of the hidden ReLU layers."),
        .parameter(\.dropout, "dropout", doc: "dnn: dropout rate after the concatenation and each hidden layer.", .inRange(0.0..<1.0)),
        .parameter(\.l2, "l2", doc: "dnn: L2 penalty on the embedding matrices.", .atLeast(0.0)),
        .parameter(\.batchSize, "batch_size", doc: "dnn: examples per gradient step.", .atLeast(1)),
        .parameter(\.epochs, "epochs", doc: "dnn: the most epochs to train.", .atLeast(1)),
        .parameter(\.learningRate, "learning_rate", doc: "dnn: Adam's initial learning rate.", .greaterThan(0.0)),
        .parameter(\.patience, "patience", doc: "dnn: epochs without a better val_loss before stopping (the best weights are restored).", .atLeast(0)),
        .parameter(\.learningRateFactor, "lr_factor", doc: "dnn: ReduceLROnPlateau factor.", .inRange(0.0..<1.0)),
        .parameter(\.learningRatePatience, "lr_patience", doc: "dnn: epochs without improvement before the learning rate is reduced.", .atLeast(0)),
        .parameter(\.minimumLearningRate, "min_lr", doc: "dnn: the learning rate is never reduced below this.", .atLeast(0.0)),
        .parameter(\.seed, "seed", doc: "Seed for initialisation and shuffling; by default derived from the notebook seed."),
    ]

    enum Model: String, ChoiceParameter { case dnn }

    var model: Model = .dnn
    var split = ValueRef()
    var features: ValueRef? = nil
    var blocks: [String] = []
    var embeddingDimension = 64
    var hiddenUnits = [32, 16]
    var dropout = 0.3
    var l2 = 1e-6
    var batchSize = 2048
    var epochs = 50
    var learningRate = 0.001
    var patience = 5
    var learningRateFactor = 0.75
    var learningRatePatience = 3
    var minimumLearningRate = 1e-6
    var seed: Int? = nil

    func producedKind() -> ValueKind? {
        switch model {
        case .dnn: return .neuralModel
        }
    }

    func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if model == .dnn, features == nil {
            problems.append(ParameterProblem("features", "model 'dnn' needs parameter 'features' (a feature table)"))
        }
        if hiddenUnits.contains(where: { $0 < 1 }) {
            problems.append(ParameterProblem("hidden", "every hidden layer needs at least one unit"))
        }
        return problems
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let parts = try context.value(split, as: RatingSplit.self)
        switch model {
        case .dnn:
            guard let features else { throw StepError("model 'dnn' needs parameter 'features'") }
            return try fitNeural(features: try context.value(features, as: FeatureTable.self), split: parts, context: context)
        }
    }

    // MARK: The neural hybrid

    private func fitNeural(features table: FeatureTable, split: RatingSplit, context: StepContext) throws -> NeuralModel {
        guard let users = table.encoding(named: "user")?.vocabulary ?? table.encodings.first(where: { $0.source == "userId" })?.vocabulary,
              let movies = table.encoding(named: "movie")?.vocabulary ?? table.encodings.first(where: { $0.source == "movieId" })?.vocabulary else {
            throw StepError("the feature table has no user and movie encodings; add them with `encode` transform 'label'")
        }
        guard let scale = table.targetRange else {
            throw StepError("the feature table has no rating scale; add it with `encode` transform 'target'")
        }
        let (columns, content) = try table.contentMatrix(blocks: blocks.isEmpty ? nil : blocks)
        // The content matrix follows the table's movie order; the network's movie rows follow
        // the movie encoding. Both are ascending ids, but map explicitly rather than assume.
        var contentByEncodedMovie = [Float](repeating: 0, count: movies.count * columns.count)
        for encoded in 0..<movies.count {
            guard let row = table.movies.index(of: movies.id(at: encoded)) else { continue }
            for column in 0..<columns.count {
                contentByEncodedMovie[encoded * columns.count + column] = Float(content[row, column])
            }
        }
        let configuration = NeuralRecommenderConfiguration(
            userCount: users.count, movieCount: movies.count, contentDimension: columns.count,
            embeddingDimension: embeddingDimension, hiddenUnits: hiddenUnits, dropoutRate: dropout, embeddingL2: l2
        )
        let seed = self.seed.map { UInt64(bitPattern: Int64($0)) } ?? context.seed
        var network = try NeuralRecommender(configuration: configuration, contentFeatures: contentByEncodedMovie, seed: seed)
        context.print(network.summary.text())

        func examples(_ frame: DataFrame, _ name: String) throws -> NeuralRecommender.Examples {
            let userIds = try frame.ints("userId"), movieIds = try frame.ints("movieId"), ratings = try frame.doubles("rating")
            var exampleUsers: [Int] = [], exampleMovies: [Int] = [], targets: [Float] = []
            for row in userIds.indices {
                guard let user = users.index(of: userIds[row]), let movie = movies.index(of: movieIds[row]) else {
                    throw StepError("\(name) row \(row): user \(userIds[row]) or movie \(movieIds[row]) is not in the feature table's encodings")
                }
                exampleUsers.append(user)
                exampleMovies.append(movie)
                let lower = Float(scale.lowerBound), upper = Float(scale.upperBound)
                targets.append((Float(ratings[row]) - lower) / (upper - lower))
            }
            return try NeuralRecommender.Examples(users: exampleUsers, movies: exampleMovies, targets: targets)
        }
        let train = try examples(split.train, "training")
        let validation = try examples(split.validation, "validation")
        let training = NeuralTrainingConfiguration(
            batchSize: batchSize, maxEpochs: epochs,
            optimizer: AdamConfiguration(learningRate: learningRate),
            reduceLearningRateOnPlateau: .init(factor: learningRateFactor, patience: learningRatePatience, minDelta: 1e-4, cooldown: 0, minLearningRate: minimumLearningRate),
            earlyStopping: .init(patience: patience, minDelta: 0, restoreBestWeights: true),
            seed: seed
        )
        context.print("Training on \(train.count) rows, validating on \(validation.count); \(columns.count) content features per movie.")
        let history = try network.fit(train: train, validation: validation, configuration: training) { epoch in
            context.progress(epoch.logLine(epochCount: epochs))
        }
        for line in history.logLines { context.print(line) }
        context.emit(.figure(Self.curves(history)))
        return NeuralModel(
            network: network, users: users, movies: movies, ratingScale: scale, history: history,
            training: UserHistory(userCount: users.count, users: train.users, movies: train.movies)
        )
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
