import Foundation
import Frames
import Learning
import NotebookCore
import RecbookSupport
import TableSteps

/// Fits a model on the training part of a split.
///
/// `model` selects the model and with it a typed group of hyper-parameters (see
/// `ModelParameters.swift`); a parameter of another model's group is rejected by `check`,
/// whatever its value.
struct TrainStep: Step {
    static let name = "train"
    static let category = "Models"
    static let summary = "Fit a model on a split's training part (validating on its validation part)."
    static let discussion = """
    Each model takes the parameters listed under it; any other is an error. Left out, a \
    parameter takes the model's tuned default.
    - `popularity`: ranks movies by how many training ratings they have.
    - `baseline`: regularised user and item biases by ALS, as Surprise's BaselineOnly.
    - `mf`: biased matrix factorisation (Funk SVD), by ALS with conjugate gradients or, with \
    `solver: sgd`, by SGD.
    - `svdpp`: SVD++, with Surprise's defaults.
    - `knn`: item-kNN on baseline residuals with shrunk Pearson-baseline similarities, as \
    Surprise's KNNBaseline.
    - `ease`: EASE, a closed-form item-item model for ranking.
    - `ials`: implicit-feedback ALS with confidence 1 + α·r, by conjugate gradients.
    - `svd`: the original's mean-centred truncated SVD as a model (the `svd` step's model).
    - `blend`: a least-squares blend of `mf` and a recency-weighted `knn`, weights fitted on \
    validation predictions (a fixed recipe, its factor part seeded with 0).
    - `dnn`: the original's neural hybrid. User and movie embeddings (he_normal, L2 on the \
    whole matrices) are concatenated with the movie's content features (every numeric block of \
    `features`, gathered per movie), then dropout, Dense 32 ReLU, dropout, Dense 16 ReLU, \
    dropout, and a sigmoid output of the rating rescaled to [0, 1]. MSE loss, Adam, batches \
    reshuffled every epoch, ReduceLROnPlateau and EarlyStopping with restored best weights, \
    all with Keras's semantics. Prints the model summary and the epoch log and draws the \
    training curves.
    - `factors`: latent factors fitted elsewhere (Spark MLlib's ALS, for data past one machine), \
    read from two tables of an id and the vector's components, scored as p_uᵀq_i; new users are \
    folded in as Spark's ALS solves a user. `fit_on` must name the ratings they were fitted on.
    `preset: surprise` gives `mf` and `knn` Surprise's defaults and `ease` the settings it is \
    usually run with, as the peers are; the defaults listed under each model are the tuned ones. Recency weighting counts, for each rating, how many \
    ratings the user made after it (a) and weighs it floor + (1 − floor)·2^(−a/half-life); \
    `recency_half_life: 0` turns it off.
    """
    static let example = "model: ease\nsplit: split\nfit_on: train+val\nas: ease"
    static let produces: ValueKind? = .model
    static let schema: ParameterSchema<Self> = [
        .selector(\.model, "model", doc: "Which model to fit; each takes the parameters listed under it.", group: \.parameters),
        .input(\.split, "split", kind: .split, doc: "Fit on its train part (dnn: validate on its val part for early stopping)."),
    ]

    enum Model: String, GroupSelector {
        case popularity, baseline, mf, svdpp, knn, ease, ials, svd, blend, dnn, factors

        var parameters: any ParameterGroup.Type {
            switch self {
            case .popularity: return PopularityParameters.self
            case .baseline: return BaselineParameters.self
            case .mf: return MatrixFactorizationParameters.self
            case .svdpp: return SVDPlusPlusParameters.self
            case .knn: return ItemKNNParameters.self
            case .ease: return EASEParameters.self
            case .ials: return ImplicitALSParameters.self
            case .svd: return MeanCenteredSVDParameters.self
            case .blend: return BlendParameters.self
            case .dnn: return NeuralParameters.self
            case .factors: return ExternalFactorsParameters.self
            }
        }
    }

    var model: Model = .popularity
    var split = ValueRef()
    /// The selected model's hyper-parameters: always of `model.parameters`.
    var parameters: any ParameterGroup = PopularityParameters()

    func producedKind() -> ValueKind? {
        model == .dnn ? .neuralModel : .model
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let parts = try context.value(split, as: RatingSplit.self)
        guard let trainable = parameters as? any TrainableModel else {
            throw StepError("model '\(model.rawValue)' has no way to be fitted")
        }
        return try trainable.fit(split: parts, context: context)
    }
}

/// A model's hyper-parameters that know how to fit it: every group `train` selects.
protocol TrainableModel: ParameterGroup {
    /// Fits the model on the split's training part, printing what a reader should see.
    func fit(split: RatingSplit, context: StepContext) throws -> FittedModel
}
