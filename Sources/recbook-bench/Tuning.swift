import Foundation
import Learning

/// `recbook-bench tune`: every grid is fitted on the training part and scored on the
/// validation part of the time-aware split. The test part is never read here.
enum Tuning {
    static func run(_ experiment: Experiment, only: String?) throws {
        let setting = experiment.tuning
        let data = try RatingDataset(setting.fit)
        print("Tuning on \(setting.fit.count) training ratings, scoring \(setting.heldOut.count) validation ratings.")
        let families = only.map { [$0] } ?? ["mf", "knn", "blend", "ease", "ials"]
        for family in families {
            switch family {
            case "mf": try matrixFactorization(setting, data)
            case "knn": try neighbours(setting, data)
            case "blend": try blend(setting, data)
            case "ease": try ease(setting, data)
            case "ials": try implicitALS(setting, data)
            default: print("unknown family \(family)")
            }
        }
    }

    private static func section(_ title: String) {
        print("\n## \(title)\n" + Measurement.header)
    }

    private static func recencyName(_ recency: RecencyWeighting?) -> String {
        recency.map { "half \(Int($0.halfLife)) floor \($0.floor)" } ?? "no recency"
    }

    /// Biased MF by ALS with conjugate gradients: factors × regularisation × recency.
    static func matrixFactorization(_ setting: Experiment.Setting, _ data: RatingDataset) throws {
        section("Biased MF (ALS-CG, 8 sweeps, 3 CG steps): validation RMSE")
        var best: (Double, String) = (.infinity, "")
        for factorCount in [64, 128] {
            for regularization in [0.08, 0.1, 0.12, 0.15] {
                for recency in [nil, RecencyWeighting(halfLife: 25), RecencyWeighting(halfLife: 50), RecencyWeighting(halfLife: 100)] {
                    let configuration = MatrixFactorizationModel.Configuration(
                        factorCount: factorCount, regularization: regularization, biasRegularization: 0.1,
                        solver: .alternatingLeastSquares(iterations: 8, conjugateGradientSteps: 3), recency: recency)
                    let name = "k \(factorCount) λ \(regularization) \(recencyName(recency))"
                    let (measurement, _) = try Measurement.run(name, on: setting, data: data) {
                        try MatrixFactorizationModel(fitting: data, configuration: configuration)
                    }
                    print(measurement.line)
                    if let rmse = measurement.rating?.rootMeanSquaredError, rmse < best.0 { best = (rmse, name) }
                }
            }
        }
        print("best: \(best.1) (RMSE \(fixed(best.0, 5)))")
    }

    /// Item-kNN: neighbours × user-bias regularisation, with and without recency in the baseline.
    static func neighbours(_ setting: Experiment.Setting, _ data: RatingDataset) throws {
        section("Item-kNN (Pearson-baseline, shrinkage 100): validation RMSE")
        var best: (Double, String) = (.infinity, "")
        for neighbourCount in [20, 40, 80] {
            for (userRegularization, recency) in [(15.0, nil), (5.0, RecencyWeighting(halfLife: 50)), (5.0, RecencyWeighting(halfLife: 25))] {
                var configuration = ItemKNNModel.Configuration(neighbourCount: neighbourCount)
                configuration.baseline.userRegularization = userRegularization
                configuration.baseline.recency = recency
                let name = "k \(neighbourCount) reg_u \(userRegularization) \(recencyName(recency))"
                let (measurement, _) = try Measurement.run(name, on: setting, data: data) {
                    try ItemKNNModel(fitting: data, configuration: configuration)
                }
                print(measurement.line)
                if let rmse = measurement.rating?.rootMeanSquaredError, rmse < best.0 { best = (rmse, name) }
            }
        }
        print("best: \(best.1) (RMSE \(fixed(best.0)))")
    }

    /// The blend of MF and item-kNN: for each pair of parts, weights fitted by least squares
    /// on validation (three numbers on ~9,000 pairs), then the blend scored there.
    static func blend(_ setting: Experiment.Setting, _ data: RatingDataset) throws {
        section("Blend of MF and item-kNN (recency baseline): weights fitted on validation")
        var best: (Double, String) = (.infinity, "")
        for regularization in [0.1, 0.12] {
            for neighbourCount in [40, 80] {
                var recipe = BlendedRatingModel.Recipe()
                recipe.factorization.regularization = regularization
                recipe.neighbours.neighbourCount = neighbourCount
                let (parts, seconds) = try timed {
                    [try MatrixFactorizationModel(fitting: data, configuration: recipe.factorization) as any RatingPredictor,
                     try ItemKNNModel(fitting: data, configuration: recipe.neighbours)]
                }
                let (intercept, weights) = try BlendedRatingModel.fitWeights(parts, heldOut: setting.heldOut)
                let model = try BlendedRatingModel(parts: parts, weights: weights, intercept: intercept)
                let name = "MF λ \(regularization) + kNN k \(neighbourCount): w₀ \(fixed(intercept, 3)) w \(fixed(weights[0], 3)) \(fixed(weights[1], 3))"
                let measurement = try Measurement.measure(name, model, seconds, on: setting, data: data)
                print(measurement.line)
                if let rmse = measurement.rating?.rootMeanSquaredError, rmse < best.0 { best = (rmse, name) }
            }
        }
        print("best: \(best.1) (RMSE \(fixed(best.0, 5)))")
    }

    /// EASE: λ × recency weighting of the user's row (one fit per λ).
    static func ease(_ setting: Experiment.Setting, _ data: RatingDataset) throws {
        section("EASE: validation recall@10")
        var best: (Double, String) = (-1, "")
        let weightings: [RecencyWeighting?] = [nil, RecencyWeighting(halfLife: 3, floor: 0.1), RecencyWeighting(halfLife: 5, floor: 0.1),
                                               RecencyWeighting(halfLife: 5, floor: 0.2), RecencyWeighting(halfLife: 10, floor: 0),
                                               RecencyWeighting(halfLife: 10, floor: 0.1)]
        for regularization in [50.0, 100, 250, 500, 1000] {
            let (base, seconds) = try timed { try EASEModel(fitting: data, configuration: .init(regularization: regularization, recency: nil)) }
            for recency in weightings {
                let name = "λ \(Int(regularization)) \(recencyName(recency))"
                let measurement = try Measurement.measure(name, try base.reweighted(recency: recency), seconds, on: setting, data: data)
                print(measurement.line)
                if measurement.ranking.metrics.recall > best.0 { best = (measurement.ranking.metrics.recall, name) }
            }
        }
        print("best: \(best.1) (recall@10 \(fixed(best.0)))")
    }

    /// Implicit ALS: factors × λ × α.
    static func implicitALS(_ setting: Experiment.Setting, _ data: RatingDataset) throws {
        section("Implicit ALS (15 sweeps, 3 CG steps): validation recall@10")
        var best: (Double, String) = (-1, "")
        for factorCount in [32, 64, 128] {
            for regularization in [0.1, 1, 10] {
                for alpha in [1.0, 5, 20] {
                    let configuration = ImplicitALSModel.Configuration(factorCount: factorCount, regularization: regularization, alpha: alpha)
                    let name = "k \(factorCount) λ \(regularization) α \(alpha)"
                    let (measurement, _) = try Measurement.run(name, on: setting, data: data) {
                        try ImplicitALSModel(fitting: data, configuration: configuration)
                    }
                    print(measurement.line)
                    if measurement.ranking.metrics.recall > best.0 { best = (measurement.ranking.metrics.recall, name) }
                }
            }
        }
        print("best: \(best.1) (recall@10 \(fixed(best.0)))")
    }
}
