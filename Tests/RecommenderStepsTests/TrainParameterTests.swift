import Foundation
import Frames
import Learning
import NotebookCore
import RecbookSupport
import Testing
@testable import RecommenderSteps

/// A split known to the checker, so that `train` blocks can be checked on their own.
private struct SplitFixtureStep: Step {
    static let name = "fixture-split"
    static let summary = "A split."
    static let produces: ValueKind? = .split
    static let schema: ParameterSchema<Self> = []
    func run(in context: StepContext) throws -> (any NotebookValue)? { nil }
}

private let registry = StepRegistry(steps: [SplitFixtureStep.self, TrainStep.self], values: [])

/// Checks a `train` block whose body starts on line 5, after a split bound as `s`.
private func check(_ body: String) -> (diagnostics: [String], step: TrainStep?) {
    let text = "```fixture-split\nas: s\n```\n```train\n" + body + "```\n"
    let (notebook, loaded) = NotebookLoader(registry: registry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { return (loaded.map(\.description), nil) }
    let (plan, checked) = Checker(registry: registry).check(notebook)
    return ((loaded + checked).map(\.description), plan?.steps.last?.step as? TrainStep)
}

@Suite struct TrainParameterTests {
    @Test(arguments: [
        // A parameter of another model is rejected whatever its value, the default included.
        ("model: mf\nsplit: s\ndropout: 0.3\n", ["nb.md:7:1: error: parameter 'dropout' does not apply to model 'mf' (only to 'dnn')"]),
        ("model: ease\nsplit: s\nfactors: 64\nneighbours: 40\n", [
            "nb.md:7:1: error: parameter 'factors' does not apply to model 'ease' (only to 'mf', 'svdpp', 'ials', 'svd')",
            "nb.md:8:1: error: parameter 'neighbours' does not apply to model 'ease' (only to 'knn')",
        ]),
        ("model: popularity\nsplit: s\nseed: 1\n", ["nb.md:7:1: error: parameter 'seed' does not apply to model 'popularity' (only to 'mf', 'svdpp', 'ials', 'dnn')"]),
        ("model: knn\nsplit: s\nregularization: 1\n",
         ["nb.md:7:1: error: parameter 'regularization' does not apply to model 'knn' (only to 'mf', 'svdpp', 'ease', 'ials', 'factors')"]),
        ("model: dnn\nsplit: s\nfit_on: train\n", [
            "nb.md:7:1: error: parameter 'fit_on' does not apply to model 'dnn' (only to 'popularity', 'baseline', 'mf', 'svdpp', 'knn', 'ease', 'ials', 'svd', 'blend', 'factors')",
            "nb.md:4:1: error: step 'train' with model 'dnn' is missing required parameter 'features' (a feature-table)",
        ]),
        // A misspelling is unknown, with the nearest name of the model's.
        ("model: mf\nsplit: s\nfactor: 3\n", ["nb.md:7:1: error: unknown parameter 'factor' for step 'train'; did you mean 'factors'?"]),
        // Without a valid model only the model is wrong.
        ("model: mff\nsplit: s\nfactors: 3\n", [
            "nb.md:5:8: error: parameter 'model' expects one of 'popularity', 'baseline', 'mf', 'svdpp', 'knn', 'ease', 'ials', 'svd', 'blend', 'dnn', 'factors', got 'mff'; did you mean 'mf'?",
        ]),
        ("model: dnn\nsplit: s\n", ["nb.md:4:1: error: step 'train' with model 'dnn' is missing required parameter 'features' (a feature-table)"]),
        // Parameters of the other solver, and a floor without a weighting.
        ("model: mf\nsplit: s\nepochs: 30\n",
         ["nb.md:7:1: error: parameter 'epochs' applies to model 'mf' with solver 'sgd' only; this block uses solver 'als' (the default)"]),
        ("model: mf\nsplit: s\npreset: surprise\niterations: 3\n",
         ["nb.md:8:1: error: parameter 'iterations' applies to model 'mf' with solver 'als' only; this block uses solver 'sgd' (the 'surprise' preset's)"]),
        ("model: ease\nsplit: s\nrecency_half_life: 0\nrecency_floor: 0.2\n",
         ["nb.md:8:1: error: 'recency_floor' needs recency weighting; give 'recency_half_life' above 0"]),
        ("model: mf\nsplit: s\nfactors: 4096\n", ["nb.md:7:10: error: parameter 'factors' must be in [1, 1024], got 4096"]),
        ("model: mf\nsplit: s\nsolver: sgd\nepochs: 30\nlearning_rate: 0.01\n", []),
    ])
    func checkReportsEveryInapplicableParameter(body: String, expected: [String]) {
        #expect(check(body).diagnostics == expected)
    }

    /// The configuration a block gives `mf`.
    private func matrixFactorization(_ body: String) throws -> MatrixFactorizationModel.Configuration {
        let (diagnostics, step) = check("model: mf\nsplit: s\n" + body)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(step?.parameters as? MatrixFactorizationParameters).configuration
    }

    @Test func parametersMapOntoTheModelsConfiguration() throws {
        // Left out, every parameter takes the tuned configuration's value.
        #expect(try matrixFactorization("") == MatrixFactorizationModel.Configuration(
            factorCount: 128, regularization: 0.12, biasRegularization: 0.1,
            solver: .alternatingLeastSquares(iterations: 8, conjugateGradientSteps: 3), recency: RecencyWeighting(halfLife: 50)))
        #expect(try matrixFactorization("iterations: 12\nrecency_floor: 0.25\n").solver == .alternatingLeastSquares(iterations: 12, conjugateGradientSteps: 3))
        #expect(try matrixFactorization("recency_floor: 0.25\n").recency == RecencyWeighting(halfLife: 50, floor: 0.25))
        #expect(try matrixFactorization("recency_half_life: 0\n").recency == nil)
        // Switching solver starts from the other solver's defaults.
        #expect(try matrixFactorization("solver: sgd\nlearning_rate: 0.01\n").solver
                == .stochasticGradientDescent(epochs: 20, learningRate: 0.01, order: .shuffled))
    }

    @Test func aPresetIsAppliedFirstWhateverTheOrderWritten() throws {
        // Written after the preset's settings, the preset still comes first and keeps its visit order.
        let surprise = try matrixFactorization("epochs: 5\nfactors: 128\npreset: surprise\n")
        #expect(surprise.solver == .stochasticGradientDescent(epochs: 5, learningRate: 0.005, order: .byUser))
        // A value written equal to the tuned default still overrides the preset's 100.
        #expect(surprise.factorCount == 128)
        #expect(surprise.regularization == 0.02 && surprise.recency == nil)
    }

    @Test func referenceListsEachModelsParametersWithItsDefaults() throws {
        let train = try #require(RecommenderRegistry.registry.step(named: "train"))
        let model = try #require(train.field(named: "model"))
        let groups = Dictionary(uniqueKeysWithValues: model.groups.map { ($0.value, $0.fields) })
        #expect(groups.keys.sorted() == ["baseline", "blend", "dnn", "ease", "factors", "ials", "knn", "mf", "popularity", "svd", "svdpp"])
        func defaults(_ model: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: (groups[model] ?? []).map { ($0.name, $0.defaultText ?? "required") })
        }
        #expect(defaults("mf")["factors"] == "128" && defaults("svdpp")["factors"] == "20" && defaults("ials")["factors"] == "128")
        #expect(defaults("ease")["regularization"] == "100.0" && defaults("ease")["recency_half_life"] == "5.0")
        #expect(defaults("dnn")["features"] == "required" && defaults("dnn")["hidden"] == "[32, 16]")
        #expect(groups["blend"]?.map(\.name) == ["fit_on", "fold_in_check", "factorization"])
        let text = StepReference.text(for: train, detailed: false)
        #expect(text.contains("\n    with model: knn\n      fit_on  "))
    }
}
