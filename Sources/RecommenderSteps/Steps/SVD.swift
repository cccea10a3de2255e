import Foundation
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import Outputs
import RecbookSupport

/// The original's truncated SVD of the centred rating matrix.
struct SVDStep: Step {
    static let name = "svd"
    static let category = "Collaborative filtering"
    static let summary = "Truncated SVD of a (centred) rating matrix: the k strongest patterns."
    static let discussion = """
    Finds the top k singular triplets of the sparse matrix, as `scipy.sparse.linalg.svds(A, k)` \
    does, without ever forming a dense users × movies array: through the Gram matrix of the \
    smaller side when it has at most 1,024 rows (where that is faster), otherwise by ARPACK's Lanczos method on the \
    Gram operator (two sparse products per step), as scipy does; both are exact to ~1e-12. \
    'randomized' (block iteration) is an approximation kept for comparison. A prediction is the user's mean plus (UΣVᵀ)[user, movie]. Shows the \
    singular-value spectrum. The result is the same model as `train model: svd`, fitted on a \
    matrix made step by step.
    """
    static let example = "matrix: centered\nk: 50\nas: svd"
    static let produces: ValueKind? = .factorisation
    static let schema: ParameterSchema<Self> = [
        .input(\.matrix, "matrix", kind: .ratingMatrix, doc: "The (centred) user × movie matrix."),
        .parameter(\.k, "k", doc: "Singular triplets to keep.", .inRange(1...maximumFactorCount)),
        .parameter(\.method, "method", doc: "'auto', 'gram' (exact, small matrices), 'arpack' (exact, as scipy's svds), or 'randomized' (approximate)."),
    ]

    enum Method: String, ChoiceParameter { case auto, gram, arpack, randomized }

    var matrix = ValueRef()
    var k = 50
    var method: Method = .auto

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let input = try context.value(matrix, as: RatingMatrix.self)
        let limit = min(input.users.count, input.movies.count)
        guard k < limit else {
            throw StepError("parameter 'k' must be less than min(users, movies) = \(limit), got \(k)")
        }
        let svdMethod: TruncatedSVD.Method
        switch method {
        case .auto: svdMethod = .auto
        case .gram: svdMethod = .gram
        case .arpack: svdMethod = .arpack
        case .randomized: svdMethod = .randomized(.init(seed: context.seed))
        }
        try context.requireMemory(MemoryEstimates.truncatedSVD(
            "svd", users: input.users.count, items: input.movies.count, rank: k, method: svdMethod))
        let start = ContinuousClock.now
        let model = try MeanCenteredSVDModel(
            centredPivot: input.values, userMeans: input.userMeans ?? [Double](repeating: 0, count: input.users.count),
            users: input.users, items: input.movies, histories: try input.histories(),
            configuration: MeanCenteredSVDModel.Configuration(rank: k, method: svdMethod))
        let seconds = (ContinuousClock.now - start).seconds
        let values = model.singularValues
        let energy = values.reduce(0) { $0 + $1 * $1 }
        let total = input.values.values.reduce(0) { $0 + $1 * $1 }
        context.print("k = \(k): σ₁ = \(Format.fixed(values.first ?? 0, 2)), σ\(Self.subscripted(k)) = \(Format.fixed(values.last ?? 0, 2)); "
            + "the \(k) patterns hold \(Format.fixed(100 * energy / max(total, .leastNonzeroMagnitude), 1))% of the centred matrix's squared norm.")
        context.emit(.figure(Figure(
            title: "Singular-value spectrum",
            caption: "The \(k) largest singular values of the centred rating matrix, largest first.",
            xAxis: Axis("component"),
            yAxis: Axis("singular value", includesZero: true),
            marks: [.line(Series(name: "σ", x: values.indices.map { Double($0 + 1) }, y: values))]
        )))
        return FittedModel(
            model: model, displayName: "SVD (k=\(k))",
            summary: "truncated SVD, k = \(k), of a \(input.users.count) × \(input.movies.count) matrix",
            fitSeconds: context.includesTimings ? seconds : .nan,
            figures: zip(FittedModel.factorisationFigures, [Double(k), values.first ?? .nan, values.last ?? .nan]).map { (name: $0, value: $1) })
    }

    static func subscripted(_ number: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(number).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}
