import Learning
import NotebookCore
import RecbookSupport

/// The largest number of latent factors `train` fits (memory grows as (users + items) × k).
let maximumFactorCount = 1_024
/// The most passes over the data a model may make.
let maximumPasses = 1_000

/// `model: mf`: biased matrix factorisation, by ALS (tuned) or SGD.
struct MatrixFactorizationParameters: RatingModelParameters, RecencyWeightedParameters {
    typealias Configuration = MatrixFactorizationModel.Configuration
    typealias Solver = Configuration.Solver

    enum SolverName: String, ChoiceParameter { case als, sgd }

    static let schema = ParameterSchema<Self>(fittingFields + [
        .parameter(\.preset, "preset", doc: "'tuned' (recbook's defaults, tuned on validation) or 'surprise' (the defaults of Surprise's SVD, fitted by SGD in user order)."),
        .parameter(\.configuration.factorCount, "factors", doc: "Latent factors (k).", .inRange(1...maximumFactorCount)),
        .parameter(\.configuration.regularization, "regularization", doc: "The L2 penalty on the factors per unit of rating weight (λ).", .atLeast(0.0)),
        .parameter(\.configuration.biasRegularization, "bias_regularization", doc: "The penalty on the biases (λ_b).", .atLeast(0.0)),
        .parameter(\.solver, "solver", doc: "'als' (conjugate-gradient ALS) or 'sgd'; switching starts from the other solver's defaults."),
        .parameter(\.iterations, "iterations", doc: "solver 'als': sweeps.", .inRange(1...maximumPasses)),
        .parameter(\.epochs, "epochs", doc: "solver 'sgd': passes over the ratings.", .inRange(1...maximumPasses)),
        .parameter(\.learningRate, "learning_rate", doc: "solver 'sgd': the step size.", .greaterThan(0.0)),
    ] + recencyFields + [
        .parameter(\.seed, "seed", doc: "Seed of the initial factors and the SGD order; by default derived from the notebook seed."),
    ])
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var configuration = Configuration()
    var preset: Preset = .tuned {
        didSet { configuration = preset == .surprise ? .surpriseDefaults : Configuration() }
    }
    var seed: Int?
    var recency: RecencyWeighting? {
        get { configuration.recency }
        set { configuration.recency = newValue }
    }

    /// The solver's kind. Choosing the other kind starts from its defaults; choosing the same
    /// keeps the preset's settings (Surprise's visit order among them).
    var solver: SolverName {
        get {
            if case .alternatingLeastSquares = configuration.solver { return .als }
            return .sgd
        }
        set {
            guard newValue != solver else { return }
            configuration.solver = newValue == .als ? .tunedAlternatingLeastSquares : .defaultGradientDescent
        }
    }

    var iterations: Int {
        get {
            for solver in [configuration.solver, Solver.tunedAlternatingLeastSquares] {
                if case let .alternatingLeastSquares(iterations, _) = solver { return iterations }
            }
            return 0
        }
        set {
            // With SGD, `validate(written:)` reports the parameter.
            if case let .alternatingLeastSquares(_, steps) = configuration.solver {
                configuration.solver = .alternatingLeastSquares(iterations: newValue, conjugateGradientSteps: steps)
            }
        }
    }

    var epochs: Int {
        get { gradientDescent.epochs }
        set {
            if case let .stochasticGradientDescent(_, rate, order) = configuration.solver {
                configuration.solver = .stochasticGradientDescent(epochs: newValue, learningRate: rate, order: order)
            }
        }
    }

    var learningRate: Double {
        get { gradientDescent.learningRate }
        set {
            if case let .stochasticGradientDescent(epochs, _, order) = configuration.solver {
                configuration.solver = .stochasticGradientDescent(epochs: epochs, learningRate: newValue, order: order)
            }
        }
    }

    /// The SGD settings in force, or the defaults SGD would start from.
    private var gradientDescent: (epochs: Int, learningRate: Double) {
        for solver in [configuration.solver, Solver.defaultGradientDescent] {
            if case let .stochasticGradientDescent(epochs, rate, _) = solver { return (epochs, rate) }
        }
        return (0, 0)
    }

    func validate(written: Set<String>) -> [ParameterProblem] {
        let other: SolverName = solver == .als ? .sgd : .als
        let otherParameters = other == .als ? ["iterations"] : ["epochs", "learning_rate"]
        return otherParameters.filter(written.contains).map { name in
            ParameterProblem(name, "parameter '\(name)' applies to model 'mf' with solver '\(other.rawValue)' only; this block uses solver '\(solver.rawValue)'"
                + (written.contains("solver") ? "" : " (the \(preset == .surprise ? "'surprise' preset's" : "default"))"))
        } + recencyProblems(written: written)
    }

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        var configuration = self.configuration
        configuration.seed = seed
        return (try MatrixFactorizationModel(fitting: data, configuration: configuration),
                "biased MF (\(solver == .als ? "ALS" : "SGD"), k = \(configuration.factorCount))")
    }
}

/// `model: svdpp`: SVD++, whose defaults are Surprise's.
struct SVDPlusPlusParameters: RatingModelParameters {
    static let schema = ParameterSchema<Self>(fittingFields + [
        .parameter(\.configuration.factorCount, "factors", doc: "Latent factors (k).", .inRange(1...maximumFactorCount)),
        .parameter(\.configuration.epochs, "epochs", doc: "Passes over the users.", .inRange(1...maximumPasses)),
        .parameter(\.configuration.learningRate, "learning_rate", doc: "The SGD step size.", .greaterThan(0.0)),
        .parameter(\.configuration.regularization, "regularization", doc: "The SGD penalty on factors and biases (λ).", .atLeast(0.0)),
        .parameter(\.seed, "seed", doc: "Seed of the initial factors and the visiting order; by default derived from the notebook seed."),
    ])
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var configuration = SVDPlusPlusModel.Configuration()
    var seed: Int?

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        var configuration = self.configuration
        configuration.seed = seed
        return (try SVDPlusPlusModel(fitting: data, configuration: configuration), "SVD++ (k = \(configuration.factorCount))")
    }
}

/// `model: ials`: implicit-feedback ALS.
struct ImplicitALSParameters: RatingModelParameters, RecencyWeightedParameters {
    static let schema = ParameterSchema<Self>(fittingFields + [
        .parameter(\.configuration.factorCount, "factors", doc: "Latent factors (k).", .inRange(1...maximumFactorCount)),
        .parameter(\.configuration.regularization, "regularization", doc: "The ridge on every factor vector (λ).", .greaterThan(0.0)),
        .parameter(\.configuration.alpha, "alpha", doc: "The confidence scale α: an interaction counts 1 + α.", .atLeast(0.0)),
        .parameter(\.configuration.iterations, "iterations", doc: "Alternating sweeps.", .inRange(1...maximumPasses)),
    ] + recencyFields + [
        .parameter(\.seed, "seed", doc: "Seed of the initial factors; by default derived from the notebook seed."),
    ])
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var configuration = ImplicitALSModel.Configuration()
    var seed: Int?
    var recency: RecencyWeighting? {
        get { configuration.recency }
        set { configuration.recency = newValue }
    }

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        var configuration = self.configuration
        configuration.seed = seed
        return (try ImplicitALSModel(fitting: data, configuration: configuration), "implicit ALS (k = \(configuration.factorCount))")
    }
}

/// `model: svd`: the original's mean-centred truncated SVD.
struct MeanCenteredSVDParameters: RatingModelParameters {
    static let schema = ParameterSchema<Self>(fittingFields + [
        .parameter(\.configuration.rank, "factors", doc: "Singular triplets kept (k).", .inRange(1...maximumFactorCount)),
    ])
    var fitOn: FitOn = .train
    var foldInCheck = 0
    var configuration = MeanCenteredSVDModel.Configuration()

    func fit(_ data: RatingDataset, seed: UInt64) throws -> (model: any Recommender, name: String) {
        (try MeanCenteredSVDModel(fitting: data, configuration: configuration), "mean-centred SVD (k = \(configuration.rank))")
    }
}
