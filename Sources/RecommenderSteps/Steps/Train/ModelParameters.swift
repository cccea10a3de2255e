import Foundation
import Frames
import Learning
import NotebookCore
import RecbookSupport
import TableSteps

/// The hyper-parameters of a model fitted on ratings alone (every model but the neural
/// hybrid): where it is fitted, the fold-in check, and how the Learning library fits it.
///
/// Each model's group declares its fields once, bound to the model's typed `Configuration`,
/// so a field's default is the configuration's. Adding a model is one group here, one case in
/// ``TrainStep/Model``.
protocol RatingModelParameters: TrainableModel {
    var fitOn: FitOn { get set }
    var foldInCheck: Int { get set }
    /// The seed given in the block, for models that draw random numbers; nil otherwise.
    var seed: Int? { get }

    /// Fits the model.
    ///
    /// - Returns: The model and the name reports show it by.
    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String)

    /// What fitting on `data` would allocate beyond the data itself, for the models whose
    /// allocation grows with a parameter; nil for the others (see `MemoryEstimates.swift`).
    func memoryEstimate(for data: RatingDataset) -> MemoryEstimate?

    /// These parameters with their inputs read from the run, before fitting (the blend's
    /// fitted factor part); by default themselves.
    func prepared(in context: StepContext) throws -> Self

    /// Seconds already spent fitting parts that this fit takes as they are, counted in its
    /// fit time; by default 0.
    var reusedSeconds: Double { get }
}

/// Which parts of a split a model is fitted on.
enum FitOn: String, ChoiceParameter { case train, trainAndValidation = "train+val" }

/// Named sets of defaults, for the models that people usually run with other ones.
enum Preset: String, ChoiceParameter { case tuned, surprise }

/// The largest fold-in check `train` runs: each user left out is folded in and scored.
let maximumFoldInCheck = 10_000

extension RatingModelParameters {
    var seed: Int? { nil }
    func memoryEstimate(for data: RatingDataset) -> MemoryEstimate? { nil }
    func prepared(in context: StepContext) throws -> Self { self }
    var reusedSeconds: Double { 0 }

    /// `fit_on` and `fold_in_check`, which every rating model takes.
    static var fittingFields: [ParameterField<Self>] {
        [
            .parameter(\.fitOn, "fit_on", doc: "'train', or 'train+val' to fit on both once hyper-parameters are chosen."),
            .parameter(\.foldInCheck, "fold_in_check", doc: "Also leave this many random users out of a second fit, fold each in from their own training ratings without retraining, and compare their test recall@10 and RMSE with this model's (0: off); a blend also compares each of its parts alone (foldin_mf_…, foldin_knn_…).", .inRange(0...maximumFoldInCheck)),
        ]
    }

    func fit(split: RatingSplit, context: StepContext) throws -> FittedModel {
        try prepared(in: context).fitPrepared(split: split, context: context, refitting: self)
    }

    /// Fits with these (prepared) parameters; the fold-in check's second fit uses `original`,
    /// so that it fits every part afresh.
    private func fitPrepared(split: RatingSplit, context: StepContext, refitting original: Self) throws -> FittedModel {
        let data = try split.trainingData(fitOn)
        if let estimate = memoryEstimate(for: data) { try context.requireMemory(estimate) }
        let seed = self.seed.map { UInt64(bitPattern: Int64($0)) } ?? context.seed
        let start = ContinuousClock.now
        let (fitted, name) = try fit(data, seed: seed)
        let seconds = (ContinuousClock.now - start).seconds + reusedSeconds
        var line = "\(name): fitted on \(Format.grouped(data.ratingCount + data.repeatedPairCount)) ratings (\(fitOn.rawValue)) of \(data.userCount) users and \(data.itemCount) movies"
        if context.includesTimings { line += " in \(Format.duration(seconds))" }
        context.print(line + ".")
        if data.repeatedPairCount > 0 {
            let count = data.repeatedPairCount
            context.print("\(Format.grouped(count)) rating\(count == 1 ? "" : "s") repeated a (user, movie) pair rated before; "
                + "each pair was fitted on the mean of its ratings, as pivot takes it.")
        }
        var figures: [(name: String, value: Double)] = []
        if foldInCheck > 0 {
            figures = try FoldInCheck(users: foldInCheck, seed: seed).run(
                trained: fitted, ratings: { try split.trainingLog(fitOn, users: $0) }, test: try RatingLog(heldOut: split.test), context: context
            ) { try original.fit($0, seed: seed).model }
        }
        return FittedModel(model: fitted, displayName: name, fitSeconds: context.includesTimings ? seconds : .nan, figures: figures)
    }
}

// MARK: Recency weighting

/// A group whose model can weigh each user's recent ratings more.
protocol RecencyWeightedParameters: ParameterGroup {
    var recency: RecencyWeighting? { get set }
}

extension RecencyWeightedParameters {
    /// The half-life in ratings; 0 when the model weighs every rating alike. Setting it keeps
    /// the model's floor.
    var recencyHalfLife: Double {
        get { recency?.halfLife ?? 0 }
        set { recency = newValue > 0 ? RecencyWeighting(halfLife: newValue, floor: recency?.floor ?? 0) : nil }
    }

    /// The weight recency never goes below; only settable while recency weighting is on.
    var recencyFloor: Double {
        get { recency?.floor ?? 0 }
        set { recency?.floor = newValue }
    }

    /// `recency_half_life` and `recency_floor`, in that order (the floor applies to the
    /// half-life's weighting).
    static var recencyFields: [ParameterField<Self>] {
        [
            .parameter(\.recencyHalfLife, "recency_half_life", doc: "Recency weighting's half-life, in ratings (0: off).", .inRange(0.0...1_000_000)),
            .parameter(\.recencyFloor, "recency_floor", doc: "The weight recency never goes below.", .inRange(0.0...1.0)),
        ]
    }

    /// By default a recency-weighted model checks its recency parameters only.
    func validate(written: Set<String>) -> [ParameterProblem] { recencyProblems(written: written) }

    /// The floor given without a weighting to apply it to.
    func recencyProblems(written: Set<String>) -> [ParameterProblem] {
        guard written.contains("recency_floor"), recency == nil else { return [] }
        return [ParameterProblem("recency_floor", "'recency_floor' needs recency weighting; give 'recency_half_life' above 0")]
    }
}

// MARK: Models

/// `model: popularity`.
struct PopularityParameters: RatingModelParameters {
    static let schema = ParameterSchema<Self>(fittingFields)
    var fitOn: FitOn = .train
    var foldInCheck = 0

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        (try PopularityModel(fitting: data), "popularity")
    }
}

/// `model: baseline`: Surprise's BaselineOnly, whose defaults are the tuned ones.
struct BaselineParameters: RatingModelParameters, RecencyWeightedParameters {
    static let schema = ParameterSchema<Self>(fittingFields + [
        .parameter(\.configuration.userRegularization, "user_regularization", doc: "The penalty on user biases (λ_u).", .atLeast(0.0)),
        .parameter(\.configuration.itemRegularization, "item_regularization", doc: "The penalty on item biases (λ_i).", .atLeast(0.0)),
        .parameter(\.configuration.epochs, "epochs", doc: "Alternating sweeps.", .inRange(1...1_000)),
    ] + recencyFields)
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var configuration = BaselineModel.Configuration()
    var recency: RecencyWeighting? {
        get { configuration.recency }
        set { configuration.recency = newValue }
    }

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        (try BaselineModel(fitting: data, configuration: configuration), "baseline biases")
    }
}

/// `model: ease`.
struct EASEParameters: RatingModelParameters, RecencyWeightedParameters {
    static let schema = ParameterSchema<Self>(fittingFields + [
        .parameter(\.preset, "preset", doc: "'tuned' (recbook's defaults, tuned on validation) or 'surprise' (EASE as it is usually run, without recency weighting)."),
        .parameter(\.configuration.regularization, "regularization", doc: "The ridge added to the Gram matrix's diagonal (λ).", .greaterThan(0.0)),
        .parameter(\.configuration.maximumItemCount, "max_items",
                   doc: "The most items modelled (memory 4n² bytes, time n³): a larger catalogue is modelled on its most rated items, and the rest are not recommended.",
                   .inRange(1...40_000)),
    ] + recencyFields)
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var configuration = EASEModel.Configuration()
    /// Choosing a preset starts from its defaults; parameters after it in the schema override them.
    var preset: Preset = .tuned {
        didSet { configuration = preset == .surprise ? .usualDefaults : EASEModel.Configuration() }
    }
    var recency: RecencyWeighting? {
        get { configuration.recency }
        set { configuration.recency = newValue }
    }

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        let model = try EASEModel(fitting: data, configuration: configuration)
        let scope = model.modelledItemCount < data.itemCount
            ? ", on the \(Format.grouped(model.modelledItemCount)) most rated of \(Format.grouped(data.itemCount)) items" : ""
        return (model, "EASE (λ = \(Format.number(configuration.regularization))\(scope))")
    }
}

/// `model: knn`: item-kNN on recency-weighted baselines (tuned), or Surprise's KNNBaseline.
struct ItemKNNParameters: RatingModelParameters, RecencyWeightedParameters {
    static let schema = ParameterSchema<Self>(fittingFields + [
        .parameter(\.preset, "preset", doc: "'tuned' (recbook's defaults, tuned on validation) or 'surprise' (Surprise's KNNBaseline)."),
        .parameter(\.configuration.neighbourCount, "neighbours", doc: "Neighbours per prediction (k).", .inRange(1...10_000)),
        .parameter(\.configuration.shrinkage, "shrinkage", doc: "The shrinkage of similarities supported by few common raters.", .atLeast(0.0)),
        .parameter(\.configuration.baseline.userRegularization, "user_regularization", doc: "The baselines' penalty on user biases.", .atLeast(0.0)),
        .parameter(\.configuration.baseline.itemRegularization, "item_regularization", doc: "The baselines' penalty on item biases.", .atLeast(0.0)),
    ] + recencyFields)
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var configuration = BlendedRatingModel.Recipe.recencyNeighbours
    var preset: Preset = .tuned {
        didSet { configuration = preset == .surprise ? .surpriseDefaults : BlendedRatingModel.Recipe.recencyNeighbours }
    }
    var recency: RecencyWeighting? {
        get { configuration.baseline.recency }
        set { configuration.baseline.recency = newValue }
    }

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        (try ItemKNNModel(fitting: data, configuration: configuration), "item-kNN (k = \(configuration.neighbourCount))")
    }
}

/// `model: blend`: the tuned recipe of MF and item-kNN; it has no hyper-parameters of its own,
/// but can take its factor part from an `mf` step that fitted the same model.
struct BlendParameters: RatingModelParameters {
    static let schema = ParameterSchema<Self>(fittingFields + [
        .input(\.factorization, "factorization", kind: .model, doc: "An `mf` model with the tuned defaults and `seed: 0`, fitted on the same split and `fit_on`: the blend's factor part, taken as it is instead of fitted again (its fit time is counted in the blend's; the fold-in check still refits both parts)."),
    ])
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var factorization: ValueRef? = nil
    /// The factor part read from `factorization`, and the seconds its fit took.
    private var reused: (model: MatrixFactorizationModel, seconds: Double)?

    var reusedSeconds: Double { reused?.seconds ?? 0 }

    /// Reads `factorization` and checks that it is the recipe's factor part.
    ///
    /// - Throws: `StepError` for a model that is not `mf` with the recipe's configuration.
    func prepared(in context: StepContext) throws -> Self {
        guard let factorization else { return self }
        let fitted = try context.value(factorization, as: FittedModel.self)
        let recipe = BlendedRatingModel.Recipe().factorization
        guard let model = fitted.model as? MatrixFactorizationModel, model.configuration == recipe else {
            throw StepError("'factorization' must be an mf model with the tuned defaults and seed: 0 (the blend's factor part); "
                + "'\(factorization.name)' is \(fitted.displayName)"
                + ((fitted.model as? MatrixFactorizationModel).map { $0.configuration.seed != 0 ? " with seed \($0.configuration.seed)" : " with other settings" } ?? ""))
        }
        var copy = self
        copy.reused = (model, fitted.fitSeconds.isFinite ? fitted.fitSeconds : 0)
        return copy
    }

    /// The recipe; its factor part is the reused model when that was fitted on exactly `data`
    /// (the fold-in check's second fit, on fewer users, fits its own).
    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        let recipe = BlendedRatingModel.Recipe()
        if let reused, reused.model.users == data.users, reused.model.items == data.items, reused.model.histories == data.histories {
            let parts: [any RatingPredictor] = [reused.model, try ItemKNNModel(fitting: data, configuration: recipe.neighbours)]
            return (try BlendedRatingModel(parts: parts, weights: recipe.weights, intercept: recipe.intercept),
                    "blend of MF and item-kNN")
        }
        if reused != nil, let factorization {
            throw StepError("'factorization' ('\(factorization.name)') was fitted on other ratings than this blend; give it the same split and fit_on")
        }
        return (try BlendedRatingModel(fitting: data), "blend of MF and item-kNN")
    }
}
