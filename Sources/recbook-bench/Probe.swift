import Foundation
import CLapack
import LinearAlgebra
import Learning

/// Ad-hoc single runs with hyper-parameters from the command line.
enum Probe {
    static func matrixFactorization(_ experiment: Experiment, _ options: [String: String]) throws {
        let setting = options["setting"] == "test" ? experiment.reporting : experiment.tuning
        var configuration = MatrixFactorizationModel.Configuration()
        if let value = options["k"].flatMap(Int.init) { configuration.factorCount = value }
        if let value = options["reg"].flatMap(Double.init) { configuration.regularization = value }
        if let value = options["regb"].flatMap(Double.init) { configuration.biasRegularization = value }
        let iterations = options["iters"].flatMap(Int.init) ?? 12
        let steps = options["cg"].flatMap(Int.init) ?? 3
        if let lr = options["lr"].flatMap(Double.init) {
            configuration.solver = .stochasticGradientDescent(epochs: iterations, learningRate: lr)
        } else {
            configuration.solver = .alternatingLeastSquares(iterations: iterations, conjugateGradientSteps: steps == 0 ? nil : steps)
        }
        if let half = options["half"].flatMap(Double.init) {
            configuration.recency = half > 0 ? RecencyWeighting(halfLife: half, floor: options["floor"].flatMap(Double.init) ?? 0) : nil
        }
        let data = try RatingDataset(setting.fit)
        let (model, seconds) = try timed { try MatrixFactorizationModel(fitting: data, configuration: configuration) }
        let report = try RatingEvaluation.evaluate(model, test: setting.heldOut)
        print("\(configuration) → \(setting.name) RMSE \(fixed(report.rootMeanSquaredError)) MAE \(fixed(report.meanAbsoluteError)) pairs \(report.pairsEvaluated) fit \(fixed(seconds, 2)) s")
    }
}

extension Probe {
    /// Fits one model on a setting and prints its rating and ranking figures.
    static func evaluate(_ experiment: Experiment, _ options: [String: String]) throws {
        let setting = options["setting"] == "test" ? experiment.reporting
            : options["setting"] == "original" ? Experiment.Setting(name: "original", fit: experiment.train, heldOut: experiment.test)
            : experiment.tuning
        let data = try RatingDataset(setting.fit)
        func double(_ key: String, _ fallback: Double) -> Double { options[key].flatMap(Double.init) ?? fallback }
        func recency(_ fallback: RecencyWeighting?) -> RecencyWeighting? {
            guard let half = options["half"].flatMap(Double.init) else { return fallback }
            return half > 0 ? RecencyWeighting(halfLife: half, floor: double("floor", 0)) : nil
        }
        let name = options["model"] ?? "popularity"
        func report(_ model: some Recommender, _ seconds: Double) throws {
            var line = "\(name) \(setting.name): fit \(fixed(seconds, 2)) s"
            if let predictor = model as? any RatingPredictor {
                let rating = try RatingEvaluation.evaluate(predictor, test: setting.heldOut)
                line += "  RMSE \(fixed(rating.rootMeanSquaredError)) MAE \(fixed(rating.meanAbsoluteError)) (\(rating.pairsEvaluated) pairs)"
            }
            let (ranking, rankSeconds) = try timed { try RankingEvaluation().evaluate(model, training: data, test: setting.heldOut) }
            line += "  P@10 \(fixed(ranking.metrics.precision)) R@10 \(fixed(ranking.metrics.recall)) NDCG \(fixed(ranking.metrics.ndcg)) cov \(fixed(ranking.coverage, 3)) nov \(fixed(ranking.novelty, 2)) users \(ranking.usersEvaluated) rank \(fixed(rankSeconds, 2)) s"
            print(line)
        }
        switch name {
        case "popularity":
            let (model, seconds) = try timed { try PopularityModel(fitting: data) }
            try report(model, seconds)
        case "baseline":
            let configuration = BaselineModel.Configuration(
                userRegularization: double("regu", 15), itemRegularization: double("regi", 10), recency: recency(nil))
            let (model, seconds) = try timed { try BaselineModel(fitting: data, configuration: configuration) }
            try report(model, seconds)
        case "knn":
            var configuration = ItemKNNModel.Configuration()
            configuration.neighbourCount = Int(double("k", 40))
            configuration.storedNeighbours = options["stored"] == "all" ? nil : Int(double("stored", 500))
            configuration.baseline.recency = recency(nil)
            configuration.baseline.userRegularization = double("regu", 15)
            let (model, seconds) = try timed { try ItemKNNModel(fitting: data, configuration: configuration) }
            try report(model, seconds)
        case "ease":
            let configuration = EASEModel.Configuration(regularization: double("lambda", 250), recency: recency(nil))
            let (model, seconds) = try timed { try EASEModel(fitting: data, configuration: configuration) }
            try report(model, seconds)
        case "svd":
            let (model, seconds) = try timed { try MeanCenteredSVDModel(fitting: data) }
            try report(model, seconds)
        case "svdpp":
            let configuration = SVDPlusPlusModel.Configuration(
                factorCount: Int(double("k", 20)), epochs: Int(double("epochs", 20)), learningRate: double("lr", 0.007),
                regularization: double("reg", 0.02))
            let (model, seconds) = try timed { try SVDPlusPlusModel(fitting: data, configuration: configuration) }
            try report(model, seconds)
        case "ials":
            let configuration = ImplicitALSModel.Configuration(
                factorCount: Int(double("k", 64)), regularization: double("reg", 0.05), alpha: double("alpha", 2),
                iterations: Int(double("iters", 15)), usesRatingValues: options["values"] == "1", recency: recency(nil))
            let (model, seconds) = try timed { try ImplicitALSModel(fitting: data, configuration: configuration) }
            try report(model, seconds)
        case "mf":
            var configuration = MatrixFactorizationModel.Configuration()
            configuration.factorCount = Int(double("k", 96))
            configuration.regularization = double("reg", 0.1)
            configuration.recency = recency(configuration.recency)
            if let lr = options["lr"].flatMap(Double.init) {
                configuration.solver = .stochasticGradientDescent(epochs: Int(double("iters", 20)), learningRate: lr)
            }
            let (model, seconds) = try timed { try MatrixFactorizationModel(fitting: data, configuration: configuration) }
            try report(model, seconds)
        default:
            print("unknown model \(name)")
        }
    }
}

extension Probe {
    /// Prints each model's held-out predictions' RMSE and a least-squares blend fitted on
    /// the same predictions (an optimistic bound, for exploration only).
    static func blendBound(_ experiment: Experiment, _ options: [String: String]) throws {
        let setting = experiment.tuning
        let data = try RatingDataset(setting.fit)
        let mf = try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 128, regularization: 0.12,
            solver: .alternatingLeastSquares(iterations: 8, conjugateGradientSteps: 3), recency: RecencyWeighting(halfLife: 50)))
        var knnConfiguration = ItemKNNModel.Configuration()
        knnConfiguration.baseline.recency = RecencyWeighting(halfLife: 50)
        knnConfiguration.baseline.userRegularization = 5
        let knn = try ItemKNNModel(fitting: data, configuration: knnConfiguration)
        let knnPlain = try ItemKNNModel(fitting: data)
        let svdpp = try SVDPlusPlusModel(fitting: data)
        let mfPlain = try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 128, regularization: 0.12,
            solver: .alternatingLeastSquares(iterations: 8, conjugateGradientSteps: 3), recency: nil))
        let models: [any RatingPredictor] = [mf, knn, knnPlain, svdpp, mfPlain]
        let encoded = data.encode(setting.heldOut)
        var columns: [[Double]] = []
        for model in models {
            var cache: [Int: UserRepresentation] = [:]
            var predictions: [Double] = []
            for (user, item) in zip(encoded.users, encoded.items) {
                if cache[user] == nil { cache[user] = try model.representation(ofUser: user) }
                predictions.append(model.predictedRating(for: cache[user]!, item: item))
            }
            columns.append(predictions)
            print("model RMSE", fixed(try rootMeanSquaredError(predictions: predictions, truth: encoded.ratings)))
        }
        let names = ["mf", "knnRecency", "knnPlain", "svdpp", "mfPlain"]
        for subset in [[0], [0, 1], [0, 2], [0, 3], [0, 1, 3], [0, 1, 2], [0, 1, 4], [0, 1, 2, 3, 4]] {
            let chosen = subset.map { columns[$0] }
            let n = encoded.count, m = chosen.count + 1
            var gram = [Double](repeating: 0, count: m * m), b = [Double](repeating: 0, count: m)
            for row in 0..<n {
                let features = [1.0] + chosen.map { $0[row] }
                for x in 0..<m {
                    b[x] += features[x] * encoded.ratings[row]
                    for y in 0..<m { gram[x * m + y] += features[x] * features[y] }
                }
            }
            _ = gram.withUnsafeMutableBufferPointer { ap in b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dposv(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "U")), Int32(m), 1, ap.baseAddress, Int32(m), bp.baseAddress, 1) } }
            let blended = (0..<n).map { row in b[0] + zip(b.dropFirst(), chosen).reduce(0) { $0 + $1.0 * $1.1[row] } }
            print(subset.map { names[$0] }, b.map { fixed($0, 3) }, "RMSE", fixed(try rootMeanSquaredError(predictions: blended.map { min(5, max(0.5, $0)) }, truth: encoded.ratings)))
        }
    }
}
