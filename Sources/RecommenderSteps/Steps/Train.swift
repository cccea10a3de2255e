import Foundation
import Frames
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import Outputs
import RecbookSupport

/// Fits a model on the training part of a split.
struct TrainStep: Step {
    static let name = "train"
    static let category = "Models"
    static let summary = "Fit a model on a split's training part (validating on its validation part)."
    static let discussion = """
    Models (hyper-parameters left out take the model's tuned default, listed per model):
    - `popularity`: ranks movies by how many training ratings they have.
    - `baseline`: regularised user and item biases by ALS, as Surprise's BaselineOnly \
    (`user_regularization` 15, `item_regularization` 10, `epochs` 10).
    - `mf`: biased matrix factorisation (Funk SVD): by ALS with conjugate gradients \
    (`factors` 128, `regularization` 0.12, `bias_regularization` 0.1, `iterations` 8, \
    `recency_half_life` 50) or, with `solver: sgd`, by SGD (`epochs` 20, `learning_rate` 0.005).
    - `svdpp`: SVD++ (`factors` 20, `epochs` 20, `learning_rate` 0.007, `regularization` 0.02).
    - `knn`: item-kNN on baseline residuals with shrunk Pearson-baseline similarities, as \
    Surprise's KNNBaseline (`neighbours` 40, `shrinkage` 100).
    - `ease`: EASE, a closed-form item-item model for ranking (`regularization` 100, \
    `recency_half_life` 5 with `recency_floor` 0.2).
    - `ials`: implicit-feedback ALS with confidence 1 + α·r, by conjugate gradients \
    (`factors` 128, `regularization` 10, `alpha` 1, `iterations` 15).
    - `svd`: the original's mean-centred truncated SVD as a model (`factors` 50).
    - `blend`: a least-squares blend of `mf` and a recency-weighted `knn`, weights fitted on \
    validation predictions.
    `preset: surprise` gives `mf`, `svdpp`, `knn` and `baseline` Surprise's defaults and `ease` \
    λ 250 without recency, as the peers are usually run. Recency weighting counts, for each \
    rating, how many ratings the user made after it (a) and weighs it \
    floor + (1 − floor)·2^(−a/half-life); `recency_half_life: 0` turns it off.
    - `dnn`: the original's neural hybrid. User and movie embeddings (he_normal, L2 on the \
    whole matrices) are concatenated with the movie's content features (every numeric block of \
    `features`, gathered per movie), then dropout, Dense 32 ReLU, dropout, Dense 16 ReLU, \
    dropout, and a sigmoid output of the rating rescaled to [0, 1]. MSE loss, Adam, batches \
    reshuffled every epoch, ReduceLROnPlateau and EarlyStopping with restored best weights, \
    all with Keras's semantics. Prints the model summary and the epoch log and draws the \
    training curves.
    """
    static let example = "model: ease\nsplit: split\nfit_on: train+val\nas: ease"
    static let produces: ValueKind? = .model
    static let schema: ParameterSchema<Self> = [
        .parameter(\.model, "model", doc: "Which model to fit.", required: true),
        .input(\.split, "split", kind: .split, doc: "Fit on its train part (dnn: validate on its val part for early stopping)."),
        .parameter(\.fitOn, "fit_on", doc: "'train', or 'train+val' to fit on both once hyper-parameters are chosen (not for dnn)."),
        .parameter(\.preset, "preset", doc: "'tuned' (recbook's defaults, tuned on validation) or 'surprise' (the defaults peers use)."),
        .parameter(\.factors, "factors", doc: "mf, svdpp, ials, svd: latent factors (rank).", .atLeast(1)),
        .parameter(\.regularization, "regularization", doc: "mf, svdpp, ease, ials: the L2 penalty (λ).", .atLeast(0.0)),
        .parameter(\.biasRegularization, "bias_regularization", doc: "mf: the penalty on biases.", .atLeast(0.0)),
        .parameter(\.solver, "solver", doc: "mf: 'als' (conjugate-gradient ALS) or 'sgd'."),
        .parameter(\.iterations, "iterations", doc: "mf (als), ials: sweeps.", .atLeast(1)),
        .parameter(\.neighbours, "neighbours", doc: "knn: neighbours per prediction.", .atLeast(1)),
        .parameter(\.shrinkage, "shrinkage", doc: "knn: similarity shrinkage.", .atLeast(0.0)),
        .parameter(\.alpha, "alpha", doc: "ials: confidence scale α.", .atLeast(0.0)),
        .parameter(\.userRegularization, "user_regularization", doc: "baseline, knn: the penalty on user biases.", .atLeast(0.0)),
        .parameter(\.itemRegularization, "item_regularization", doc: "baseline, knn: the penalty on item biases.", .atLeast(0.0)),
        .parameter(\.recencyHalfLife, "recency_half_life", doc: "mf, baseline, ease, ials: recency weighting's half-life, in ratings (0: off).", .atLeast(0.0)),
        .parameter(\.recencyFloor, "recency_floor", doc: "mf, baseline, ease, ials: the weight recency never goes below.", .atLeast(0.0)),
        .input(\.features, "features", kind: .featureTable, doc: "dnn: the feature table (label encodings, rating scale, content blocks)."),
        .parameter(\.blocks, "blocks", doc: "dnn: the numeric blocks used as content features (default: all)."),
        .parameter(\.embeddingDimension, "embedding_dim", doc: "dnn: size of the user and movie embeddings.", .atLeast(1)),
        .parameter(\.hiddenUnits, "hidden", doc: "dnn: units of the hidden ReLU layers."),
        .parameter(\.dropout, "dropout", doc: "dnn: dropout rate after the concatenation and each hidden layer.", .inRange(0.0..<1.0)),
        .parameter(\.l2, "l2", doc: "dnn: L2 penalty on the embedding matrices.", .atLeast(0.0)),
        .parameter(\.batchSize, "batch_size", doc: "dnn: examples per gradient step.", .atLeast(1)),
        .parameter(\.epochs, "epochs", doc: "dnn (most epochs, 50), svdpp (20), mf with sgd (20), baseline (10): passes over the data.", .atLeast(1)),
        .parameter(\.learningRate, "learning_rate", doc: "dnn (Adam, 0.001), svdpp (0.007), mf with sgd (0.005).", .greaterThan(0.0)),
        .parameter(\.patience, "patience", doc: "dnn: epochs without a better val_loss before stopping (the best weights are restored).", .atLeast(0)),
        .parameter(\.learningRateFactor, "lr_factor", doc: "dnn: ReduceLROnPlateau factor.", .inRange(0.0..<1.0)),
        .parameter(\.learningRatePatience, "lr_patience", doc: "dnn: epochs without improvement before the learning rate is reduced.", .atLeast(0)),
        .parameter(\.minimumLearningRate, "min_lr", doc: "dnn: the learning rate is never reduced below this.", .atLeast(0.0)),
        .parameter(\.seed, "seed", doc: "Seed for initialisation and shuffling; by default derived from the notebook seed."),
        .parameter(\.foldInCheck, "fold_in_check", doc: "Also leave this many random users out of a second fit, fold each in from their own training ratings without retraining, and compare their test recall@10 and RMSE with this model's (0: off).", .atLeast(0)),
    ]

    enum Model: String, ChoiceParameter {
        case popularity, baseline, mf, svdpp, knn, ease, ials, svd, blend, dnn
    }
    enum FitOn: String, ChoiceParameter { case train, trainAndValidation = "train+val" }
    enum Preset: String, ChoiceParameter { case tuned, surprise }
    enum Solver: String, ChoiceParameter { case als, sgd }

    var model: Model = .dnn
    var split = ValueRef()
    var fitOn: FitOn = .train
    var preset: Preset = .tuned
    var factors: Int? = nil
    var regularization: Double? = nil
    var biasRegularization: Double? = nil
    var solver: Solver? = nil
    var iterations: Int? = nil
    var neighbours: Int? = nil
    var shrinkage: Double? = nil
    var alpha: Double? = nil
    var userRegularization: Double? = nil
    var itemRegularization: Double? = nil
    var recencyHalfLife: Double? = nil
    var recencyFloor: Double? = nil
    var features: ValueRef? = nil
    var blocks: [String] = []
    var embeddingDimension = 64
    var hiddenUnits = [32, 16]
    var dropout = 0.3
    var l2 = 1e-6
    var batchSize = 2048
    var epochs: Int? = nil
    var learningRate: Double? = nil
    var patience = 5
    var learningRateFactor = 0.75
    var learningRatePatience = 3
    var minimumLearningRate = 1e-6
    var seed: Int? = nil
    var foldInCheck = 0

    func producedKind() -> ValueKind? {
        model == .dnn ? .neuralModel : .model
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let parts = try context.value(split, as: RatingSplit.self)
        switch model {
        case .dnn:
            guard let features else { throw StepError("model 'dnn' needs parameter 'features'") }
            return try fitNeural(features: try context.value(features, as: FeatureTable.self), split: parts, context: context)
        default:
            return try fitLearned(split: parts, context: context)
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
            batchSize: batchSize, maxEpochs: epochs ?? 50,
            optimizer: AdamConfiguration(learningRate: learningRate ?? 0.001),
            reduceLearningRateOnPlateau: .init(factor: learningRateFactor, patience: learningRatePatience, minDelta: 1e-4, cooldown: 0, minLearningRate: minimumLearningRate),
            earlyStopping: .init(patience: patience, minDelta: 0, restoreBestWeights: true),
            seed: seed
        )
        context.print("Training on \(train.count) rows, validating on \(validation.count); \(columns.count) content features per movie.")
        let start = ContinuousClock.now
        let history = try network.fit(train: train, validation: validation, configuration: training) { epoch in
            context.progress(epoch.logLine(epochCount: epochs ?? 50))
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        for line in history.logLines { context.print(line) }
        context.emit(.figure(Self.curves(history)))
        return NeuralModel(
            network: network, users: users, movies: movies, ratingScale: scale, history: history,
            training: UserHistory(userCount: users.count, users: train.users, movies: train.movies),
            fitSeconds: context.includesTimings ? seconds : .nan
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
