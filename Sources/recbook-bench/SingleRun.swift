import Foundation
import Learning
import RecbookSupport

/// `recbook-bench eval model=<name> [setting=validation|test|original] [rank_users=N] [key=value …]`: fits one
/// model with hyper-parameters from the command line and prints its figures, for exploring
/// around the tuned values. `setting=original` fits on train only and scores on test, as the
/// original notebook did.
enum SingleRun {
    static func run(_ experiment: Experiment, _ options: [String: String]) throws {
        var setting: Experiment.Setting
        switch options["setting"] {
        case "test": setting = experiment.reporting
        case "original": setting = Experiment.Setting(name: "original", fit: experiment.train, heldOut: experiment.test)
        default: setting = experiment.tuning
        }
        if let count = options["rank_users"].flatMap(Int.init), count > 0 {
            // Held-out ratings of a seeded sample of users only, for timing the ranking of a
            // large release without ranking everyone.
            var generator = SeededGenerator(seed: 0)
            let sample = Set(Set(setting.heldOut.userIds).sorted().shuffled(using: &generator).prefix(count))
            setting.heldOut = setting.heldOut.filter { user, _ in sample.contains(user) }
        }
        let data = try RatingDataset(setting.fit)
        func number(_ key: String, _ fallback: Double) -> Double { options[key].flatMap(Double.init) ?? fallback }
        func recency(_ fallback: RecencyWeighting?) -> RecencyWeighting? {
            guard let half = options["half"].flatMap(Double.init) else { return fallback }
            return half > 0 ? RecencyWeighting(halfLife: half, floor: number("floor", 0)) : nil
        }
        let name = options["model"] ?? "popularity"
        func show(_ fit: () throws -> some Recommender) throws {
            print(Measurement.header)
            print(try Measurement.run("\(name) on \(setting.name)", on: setting, data: data, fit: fit).0.line)
        }
        switch name {
        case "popularity":
            try show { try PopularityModel(fitting: data) }
        case "baseline":
            try show {
                try BaselineModel(fitting: data, configuration: .init(
                    userRegularization: number("reg_u", 15), itemRegularization: number("reg_i", 10), recency: recency(nil)))
            }
        case "knn":
            var configuration = ItemKNNModel.Configuration(neighbourCount: Int(number("k", 40)))
            configuration.storedNeighbours = options["stored"] == "all" ? nil : Int(number("stored", 500))
            configuration.baseline.userRegularization = number("reg_u", 15)
            configuration.baseline.recency = recency(nil)
            try show { try ItemKNNModel(fitting: data, configuration: configuration) }
        case "mf":
            var configuration = MatrixFactorizationModel.Configuration()
            configuration.factorCount = Int(number("k", Double(configuration.factorCount)))
            configuration.regularization = number("reg", configuration.regularization)
            configuration.biasRegularization = number("reg_b", configuration.biasRegularization)
            configuration.recency = recency(configuration.recency)
            let iterations = Int(number("iterations", 8))
            if let rate = options["lr"].flatMap(Double.init) {
                configuration.solver = .stochasticGradientDescent(epochs: iterations, learningRate: rate)
            } else {
                let steps = Int(number("cg", 3))
                configuration.solver = .alternatingLeastSquares(iterations: iterations, conjugateGradientSteps: steps > 0 ? steps : nil)
            }
            try show { try MatrixFactorizationModel(fitting: data, configuration: configuration) }
        case "svdpp":
            try show {
                try SVDPlusPlusModel(fitting: data, configuration: .init(
                    factorCount: Int(number("k", 20)), epochs: Int(number("epochs", 20)), learningRate: number("lr", 0.007),
                    regularization: number("reg", 0.02)))
            }
        case "ials":
            try show {
                try ImplicitALSModel(fitting: data, configuration: .init(
                    factorCount: Int(number("k", 128)), regularization: number("reg", 10), alpha: number("alpha", 1),
                    iterations: Int(number("iterations", 15)), conjugateGradientSteps: Int(number("cg", 3)),
                    usesRatingValues: options["values"] == "1", recency: recency(nil)))
            }
        case "ease":
            try show { try EASEModel(fitting: data, configuration: .init(regularization: number("lambda", 100), recency: recency(EASEModel.Configuration().recency))) }
        case "svd":
            try show { try MeanCenteredSVDModel(fitting: data, configuration: .init(rank: Int(number("k", 50)))) }
        case "blend":
            try show { try BlendedRatingModel(fitting: data) }
        default:
            print("unknown model '\(name)': popularity, baseline, knn, mf, svdpp, ials, ease, svd, blend")
        }
    }
}
