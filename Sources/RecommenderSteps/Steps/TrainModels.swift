import Foundation
import Frames
import Learning
import NotebookCore
import TableSteps
import RecbookSupport

/// The Learning library's models behind `train`: which parameters each takes, and how they map
/// onto the models' typed configurations.
extension TrainStep {
    /// The hyper-parameters each model reads; any other one given is an error.
    static let applicableParameters: [Model: Set<String>] = [
        .popularity: ["fold_in_check"],
        .baseline: ["fold_in_check", "user_regularization", "item_regularization", "epochs", "recency_half_life", "recency_floor"],
        .mf: ["fold_in_check", "factors", "regularization", "bias_regularization", "solver", "iterations", "epochs", "learning_rate",
              "recency_half_life", "recency_floor"],
        .svdpp: ["fold_in_check", "factors", "epochs", "learning_rate", "regularization"],
        .knn: ["fold_in_check", "neighbours", "shrinkage", "user_regularization", "item_regularization", "recency_half_life", "recency_floor"],
        .ease: ["fold_in_check", "regularization", "recency_half_life", "recency_floor"],
        .ials: ["fold_in_check", "factors", "regularization", "alpha", "iterations", "recency_half_life", "recency_floor"],
        .svd: ["fold_in_check", "factors"],
        .blend: ["fold_in_check"],
        .dnn: ["features", "blocks", "embedding_dim", "hidden", "dropout", "l2", "batch_size", "epochs", "learning_rate",
               "patience", "lr_factor", "lr_patience", "min_lr"],
    ]

    /// The hyper-parameters given in the block (those that differ from their defaults), by name.
    private var givenHyperParameters: Set<String> {
        let defaults = TrainStep()
        var given: Set<String> = []
        func note(_ name: String, _ isGiven: Bool) { if isGiven { given.insert(name) } }
        note("factors", factors != nil)
        note("regularization", regularization != nil)
        note("bias_regularization", biasRegularization != nil)
        note("solver", solver != nil)
        note("iterations", iterations != nil)
        note("neighbours", neighbours != nil)
        note("shrinkage", shrinkage != nil)
        note("alpha", alpha != nil)
        note("user_regularization", userRegularization != nil)
        note("item_regularization", itemRegularization != nil)
        note("recency_half_life", recencyHalfLife != nil)
        note("recency_floor", recencyFloor != nil)
        note("epochs", epochs != nil)
        note("learning_rate", learningRate != nil)
        note("features", features != nil)
        note("blocks", !blocks.isEmpty)
        note("embedding_dim", embeddingDimension != defaults.embeddingDimension)
        note("hidden", hiddenUnits != defaults.hiddenUnits)
        note("dropout", dropout != defaults.dropout)
        note("l2", l2 != defaults.l2)
        note("batch_size", batchSize != defaults.batchSize)
        note("patience", patience != defaults.patience)
        note("lr_factor", learningRateFactor != defaults.learningRateFactor)
        note("lr_patience", learningRatePatience != defaults.learningRatePatience)
        note("min_lr", minimumLearningRate != defaults.minimumLearningRate)
        note("fold_in_check", foldInCheck != 0)
        return given
    }

    func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        let allowed = Self.applicableParameters[model] ?? []
        for name in givenHyperParameters.sorted() where !allowed.contains(name) {
            let users = Self.applicableParameters.filter { $0.value.contains(name) }.map(\.key.rawValue).sorted()
            problems.append(ParameterProblem(name, "parameter '\(name)' does not apply to model '\(model.rawValue)' (only to \(users.map { "'\($0)'" }.joined(separator: ", ")))"))
        }
        if model == .dnn {
            if features == nil {
                problems.append(ParameterProblem("features", "model 'dnn' needs parameter 'features' (a feature table)"))
            }
            if fitOn == .trainAndValidation {
                problems.append(ParameterProblem("fit_on", "model 'dnn' validates on the val part for early stopping, so it cannot also fit on it"))
            }
            if preset != .tuned {
                problems.append(ParameterProblem("preset", "model 'dnn' has no presets"))
            }
        }
        if hiddenUnits.contains(where: { $0 < 1 }) {
            problems.append(ParameterProblem("hidden", "every hidden layer needs at least one unit"))
        }
        if solver != nil, model == .mf, solver == .als, givenHyperParameters.contains("learning_rate") {
            problems.append(ParameterProblem("learning_rate", "'learning_rate' applies to mf with solver 'sgd' only"))
        }
        return problems
    }

    /// The recency weighting: the model's default unless a half-life is given (0 turns it off).
    private func recency(default value: RecencyWeighting?) -> RecencyWeighting? {
        guard let halfLife = recencyHalfLife else {
            guard var value else { return nil }
            if let recencyFloor { value.floor = recencyFloor }
            return value
        }
        return halfLife > 0 ? RecencyWeighting(halfLife: halfLife, floor: recencyFloor ?? 0) : nil
    }

    func fitLearned(split: RatingSplit, context: StepContext) throws -> LearnedModel {
        var frame = split.train
        if fitOn == .trainAndValidation { frame = try Self.concatenate(frame, split.validation) }
        let log = try Self.ratingLog(frame)
        let data = try RatingDataset(log)
        let seed = self.seed.map { UInt64(bitPattern: Int64($0)) } ?? context.seed
        let start = ContinuousClock.now
        let (fitted, name) = try fit(data, seed: seed)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let fitSeconds = context.includesTimings ? seconds : .nan
        var line = "\(name): fitted on \(Format.grouped(log.count)) ratings (\(fitOn.rawValue)) of \(data.userCount) users and \(data.itemCount) movies"
        if context.includesTimings { line += " in \(Format.duration(seconds))" }
        context.print(line + ".")
        var learned = LearnedModel(model: fitted, displayName: name, fitSeconds: fitSeconds)
        if foldInCheck > 0 {
            learned.extraMeasurements = try checkFoldIn(
                trained: fitted, data: data, log: log, test: try Self.ratingLog(split.test), seed: seed, context: context
            )
        }
        return learned
    }

    static func ratingLog(_ frame: DataFrame) throws -> RatingLog {
        try RatingLog(
            userIds: try frame.ints("userId"), itemIds: try frame.ints("movieId"),
            ratings: try frame.doubles("rating"), timestamps: try frame.timestamps("timestamp")
        )
    }

    /// Leaves `foldInCheck` random users out of a second fit, folds them back in from their own
    /// training ratings (oldest first) without retraining, and compares their test figures
    /// with those of the model trained with them.
    private func checkFoldIn(
        trained: any Recommender, data: RatingDataset, log: RatingLog, test: RatingLog, seed: UInt64, context: StepContext
    ) throws -> [String: Double] {
        var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "fold-in"))
        let left = Set(data.users.ids.shuffled(using: &generator).prefix(foldInCheck))
        let reducedLog = log.filter { user, _ in !left.contains(user) }
        let reducedData = try RatingDataset(reducedLog)
        let (reduced, _) = try fit(reducedData, seed: seed)
        let order = (0..<log.count).filter { left.contains(log.userIds[$0]) }
            .sorted { (log.userIds[$0], log.timestamps[$0], $0) < (log.userIds[$1], log.timestamps[$1], $1) }
        var histories: [Int: [RatedItem]] = [:]
        for row in order {
            guard let item = reduced.items.index(of: log.itemIds[row]) else { continue }
            histories[log.userIds[row], default: []].append(RatedItem(item: item, rating: log.ratings[row]))
        }
        var folded: [Int: UserRepresentation] = [:]
        for (user, history) in histories { folded[user] = try reduced.foldIn(history) }
        let heldOut = test.filter { user, _ in left.contains(user) }

        let evaluation = RankingEvaluation(cutoff: 10, relevanceThreshold: 4)
        let withThem = try Self.evaluate(trained, evaluation, data, heldOut, [:])
        let foldedIn = try Self.evaluate(reduced, evaluation, reducedData, heldOut, folded)
        func change(_ before: Double, _ after: Double) -> String {
            let percent = (after - before) / before * 100
            return (percent >= 0 ? "+" : "") + Format.fixed(percent, 1) + "%"
        }
        var measurements: [String: Double] = [
            "foldin_users": Double(left.count),
            "foldin_recall_trained": withThem.recall, "foldin_recall_folded": foldedIn.recall,
            "foldin_recall_change": (foldedIn.recall - withThem.recall) / withThem.recall,
        ]
        context.print("Fold-in check: \(left.count) users left out of a second fit and folded in from their training ratings, without retraining:")
        context.print("  recall@10 \(Format.fixed(withThem.recall, 4)) (trained with them) → \(Format.fixed(foldedIn.recall, 4)) (folded in), \(change(withThem.recall, foldedIn.recall))")
        if let before = withThem.rmse, let after = foldedIn.rmse {
            measurements["foldin_rmse_trained"] = before
            measurements["foldin_rmse_folded"] = after
            measurements["foldin_rmse_change"] = (after - before) / before
            context.print("  RMSE \(Format.fixed(before, 4)) → \(Format.fixed(after, 4)), \(change(before, after))")
        }
        return measurements
    }

    private static func evaluate(
        _ model: some Recommender, _ evaluation: RankingEvaluation, _ data: RatingDataset, _ test: RatingLog,
        _ folded: [Int: UserRepresentation]
    ) throws -> (recall: Double, rmse: Double?) {
        let ranking = try evaluation.evaluate(model, training: data, test: test, foldedIn: folded)
        let rating = try (model as? any RatingPredictor).map { try RatingEvaluation.evaluate($0, test: test, foldedIn: folded) }
        return (ranking.metrics.recall, rating?.rootMeanSquaredError)
    }

    private func fit(_ data: RatingDataset, seed: UInt64) throws -> (any Recommender, String) {
        let surprise = preset == .surprise
        switch model {
        case .popularity:
            return (try PopularityModel(fitting: data), "popularity")
        case .baseline:
            var configuration = surprise ? BaselineModel.Configuration(recency: nil) : BaselineModel.Configuration()
            if let userRegularization { configuration.userRegularization = userRegularization }
            if let itemRegularization { configuration.itemRegularization = itemRegularization }
            if let epochs { configuration.epochs = epochs }
            configuration.recency = recency(default: configuration.recency)
            return (try BaselineModel(fitting: data, configuration: configuration), "baseline biases")
        case .mf:
            var configuration = surprise ? MatrixFactorizationModel.Configuration.surpriseDefaults : MatrixFactorizationModel.Configuration()
            if let factors { configuration.factorCount = factors }
            if let regularization { configuration.regularization = regularization }
            if let biasRegularization { configuration.biasRegularization = biasRegularization }
            configuration.solver = mfSolver(overriding: configuration.solver)
            configuration.recency = recency(default: configuration.recency)
            configuration.seed = seed
            let solverName: String
            if case .alternatingLeastSquares = configuration.solver { solverName = "ALS" } else { solverName = "SGD" }
            return (try MatrixFactorizationModel(fitting: data, configuration: configuration),
                    "biased MF (\(solverName), k = \(configuration.factorCount))")
        case .svdpp:
            var configuration = SVDPlusPlusModel.Configuration()
            if let factors { configuration.factorCount = factors }
            if let epochs { configuration.epochs = epochs }
            if let learningRate { configuration.learningRate = learningRate }
            if let regularization { configuration.regularization = regularization }
            configuration.seed = seed
            return (try SVDPlusPlusModel(fitting: data, configuration: configuration), "SVD++ (k = \(configuration.factorCount))")
        case .knn:
            var configuration = surprise ? ItemKNNModel.Configuration(storedNeighbours: nil) : BlendedRatingModel.Recipe.recencyNeighbours
            if let neighbours { configuration.neighbourCount = neighbours }
            if let shrinkage { configuration.shrinkage = shrinkage }
            if let userRegularization { configuration.baseline.userRegularization = userRegularization }
            if let itemRegularization { configuration.baseline.itemRegularization = itemRegularization }
            configuration.baseline.recency = recency(default: configuration.baseline.recency)
            return (try ItemKNNModel(fitting: data, configuration: configuration), "item-kNN (k = \(configuration.neighbourCount))")
        case .ease:
            var configuration = surprise ? EASEModel.Configuration(regularization: 250, recency: nil) : EASEModel.Configuration()
            if let regularization { configuration.regularization = regularization }
            configuration.recency = recency(default: configuration.recency)
            return (try EASEModel(fitting: data, configuration: configuration), "EASE (λ = \(Format.number(configuration.regularization)))")
        case .ials:
            var configuration = ImplicitALSModel.Configuration()
            if let factors { configuration.factorCount = factors }
            if let regularization { configuration.regularization = regularization }
            if let alpha { configuration.alpha = alpha }
            if let iterations { configuration.iterations = iterations }
            configuration.recency = recency(default: configuration.recency)
            configuration.seed = seed
            return (try ImplicitALSModel(fitting: data, configuration: configuration), "implicit ALS (k = \(configuration.factorCount))")
        case .svd:
            var configuration = MeanCenteredSVDModel.Configuration()
            if let factors { configuration.rank = factors }
            return (try MeanCenteredSVDModel(fitting: data, configuration: configuration), "mean-centred SVD (k = \(configuration.rank))")
        case .blend:
            return (try BlendedRatingModel(fitting: data), "blend of MF and item-kNN")
        case .dnn:
            throw StepError("internal error: the neural hybrid is fitted separately")
        }
    }

    /// The matrix-factorisation solver: the preset's, with `solver`, `iterations`, `epochs` and
    /// `learning_rate` applied. Switching solver starts from the other solver's defaults; an
    /// SGD preset keeps its visit order.
    func mfSolver(
        overriding preset: MatrixFactorizationModel.Configuration.Solver
    ) -> MatrixFactorizationModel.Configuration.Solver {
        switch (solver, preset) {
        case let (.sgd?, .stochasticGradientDescent(presetEpochs, presetRate, order)),
             let (nil, .stochasticGradientDescent(presetEpochs, presetRate, order)):
            return .stochasticGradientDescent(epochs: epochs ?? presetEpochs, learningRate: learningRate ?? presetRate, order: order)
        case (.sgd?, .alternatingLeastSquares):
            return .stochasticGradientDescent(epochs: epochs ?? 20, learningRate: learningRate ?? 0.005)
        case let (.als?, .alternatingLeastSquares(presetIterations, steps)),
             let (nil, .alternatingLeastSquares(presetIterations, steps)):
            return .alternatingLeastSquares(iterations: iterations ?? presetIterations, conjugateGradientSteps: steps)
        case (.als?, .stochasticGradientDescent):
            return .alternatingLeastSquares(iterations: iterations ?? 8, conjugateGradientSteps: 3)
        }
    }

    /// The rows of two tables with the same columns, one after the other.
    static func concatenate(_ first: DataFrame, _ second: DataFrame) throws -> DataFrame {
        guard first.columnNames == second.columnNames else {
            throw StepError("the train and val parts have different columns")
        }
        let users = try first.ints("userId") + second.ints("userId")
        let movies = try first.ints("movieId") + second.ints("movieId")
        let ratings = try first.doubles("rating") + second.doubles("rating")
        let timestamps = try first.timestamps("timestamp") + second.timestamps("timestamp")
        return try DataFrame([
            "userId": .ints(users), "movieId": .ints(movies), "rating": .doubles(ratings), "timestamp": .timestamps(timestamps),
        ])
    }
}
