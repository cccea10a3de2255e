import Foundation
import Learning
import LinearAlgebra
import RecbookSupport

/// `recbook-bench coldstart`: movies that get their first ratings only in the test part. Their
/// training ratings are removed, the factor model is fitted without them, and a ridge
/// regression from genres and tag TF-IDF to factors gives them factors; their test ratings
/// are then predicted three ways.
enum ColdStartExperiment {
    static func run(_ experiment: Experiment, folder: URL, seed: UInt64) throws {
        let setting = experiment.reporting
        let movies = try MovieLensFiles.movies(in: folder)
        let tags = try MovieLensFiles.tags(in: folder)
        let full = try RatingDataset(setting.fit)
        // Movies with at least 5 training ratings and at least one test rating, 10% of them.
        let testedMovies = Set(setting.heldOut.itemIds)
        let eligible = full.items.ids.enumerated().filter { index, id in
            full.itemRatingCounts[index] >= 5 && testedMovies.contains(id)
        }.map(\.element)
        var generator = SeededGenerator(seed: seed)
        let cold = Set(eligible.shuffled(using: &generator).prefix(eligible.count / 10))
        let warm = try RatingDataset(setting.fit.filter { _, item in !cold.contains(item) })
        let coldTest = setting.heldOut.filter { user, item in cold.contains(item) && warm.users.contains(user) }
        print("Cold start: \(cold.count) movies (seed \(seed)) lose their \(full.ratingCount - warm.ratingCount) training ratings;")
        print("their \(coldTest.count) test ratings are predicted from genres and tags alone.\n")

        // Content features per movie: genres one-hot, then TF-IDF over the movie's tags.
        let genreEncoder = MultiLabelBinarizer(fitting: full.items.ids.map { movies[$0]?.genres ?? [] })
        let documents = full.items.ids.map { (tags[$0] ?? []).joined(separator: " ") }
        let tfidf = try TfidfVectorizer(fitting: documents, maxFeatures: 100)
        func features(_ id: Int) -> [Double] {
            Array(genreEncoder.transform([movies[id]?.genres ?? []]).row(0))
                + Array(tfidf.transform([(tags[id] ?? []).joined(separator: " ")]).row(0))
        }
        print("features: \(genreEncoder.classes.count) genres + \(tfidf.vocabulary.count) tag terms\n")

        let configuration = MatrixFactorizationModel.Configuration()
        let withThem = try MatrixFactorizationModel(fitting: full, configuration: configuration)
        let (withoutThem, fitSeconds) = try timed { try MatrixFactorizationModel(fitting: warm, configuration: configuration) }
        let featureMatrix = try Matrix(rows: warm.items.ids.map(features))
        let (regression, regressionSeconds) = try timed {
            try ItemContentRegression(model: withoutThem, features: featureMatrix, regularization: 1)
        }
        print("fit without them \(fixed(fitSeconds, 2)) s; content regression \(fixed(regressionSeconds, 3)) s")

        var predictions: [String: [Double]] = [:]
        var truth: [Double] = []
        let meanItemBias = withoutThem.itemBiases.reduce(0, +) / Double(withoutThem.itemCount)
        for row in 0..<coldTest.count {
            guard let user = warm.users.index(of: coldTest.userIds[row]),
                  let fullUser = full.users.index(of: coldTest.userIds[row]),
                  let fullItem = full.items.index(of: coldTest.itemIds[row]) else { continue }
            let representation = try withoutThem.representation(ofUser: user)
            let content = try regression.itemFactors(for: features(coldTest.itemIds[row]))
            predictions["user bias only (μ + b_u + mean b_i)", default: []].append(
                try withoutThem.score(for: representation, itemFactors: [], itemBias: meanItemBias))
            predictions["content regression → factors and bias", default: []].append(
                try withoutThem.score(for: representation, itemFactors: content.factors, itemBias: content.bias))
            predictions["trained with their ratings (upper bound)", default: []].append(try withThem.predict(user: fullUser, item: fullItem))
            truth.append(coldTest.ratings[row])
        }
        for name in ["user bias only (μ + b_u + mean b_i)", "content regression → factors and bias", "trained with their ratings (upper bound)"] {
            let values = predictions[name] ?? []
            print(padded(name, 44) + "RMSE \(fixed(try rootMeanSquaredError(predictions: values, truth: truth)))"
                  + "  MAE \(fixed(try meanAbsoluteError(predictions: values, truth: truth)))  (\(values.count) pairs)")
        }
    }
}
