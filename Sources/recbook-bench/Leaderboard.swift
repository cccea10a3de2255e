import Foundation
import Learning

/// `recbook-bench models`: every model fitted on train + validation with its tuned (or, for
/// the peers' stand-ins, default) configuration, scored on test.
enum Leaderboard {
    static func run(_ experiment: Experiment) throws {
        let setting = experiment.reporting
        let data = try RatingDataset(setting.fit)
        print("""
            ml-latest-small, time-aware split (each user's last 10% test, the 10% before validation).
            Fit on train + validation (\(setting.fit.count) ratings, \(data.userCount) users, \(data.itemCount) items); \
            score on test (\(setting.heldOut.count) ratings).
            Ranking: candidates = every training item minus the user's training items; relevant = test items rated ≥ 4;
            users with no relevant test item are skipped. RMSE/MAE over test pairs with known user and item.

            """)
        print(Measurement.header)
        func show(_ name: String, _ fit: () throws -> some Recommender) throws {
            let (measurement, _) = try Measurement.run(name, on: setting, data: data, fit: fit)
            print(measurement.line)
        }
        try show("popularity") { try PopularityModel(fitting: data) }
        try show("baseline (Surprise BaselineOnly ALS)") { try BaselineModel(fitting: data) }
        try show("baseline, recency-weighted user bias") {
            try BaselineModel(fitting: data, configuration: .init(userRegularization: 5, recency: RecencyWeighting(halfLife: 50)))
        }
        try show("original mean-centred SVD, k 50") { try MeanCenteredSVDModel(fitting: data) }
        try show("biased MF, SGD (Surprise SVD defaults)") {
            try MatrixFactorizationModel(fitting: data, configuration: .surpriseDefaults)
        }
        try show("SVD++ (Surprise SVDpp defaults)") { try SVDPlusPlusModel(fitting: data) }
        try show("item-kNN (Surprise KNNBaseline defaults)") {
            try ItemKNNModel(fitting: data, configuration: .init(storedNeighbours: nil))
        }
        try show("item-kNN, recency baseline") {
            try ItemKNNModel(fitting: data, configuration: BlendedRatingModel.Recipe.recencyNeighbours)
        }
        try show("biased MF, ALS-CG, recency (tuned)") { try MatrixFactorizationModel(fitting: data) }
        try show("blend: MF + item-kNN (tuned)") { try BlendedRatingModel(fitting: data) }
        try show("implicit ALS (tuned)") { try ImplicitALSModel(fitting: data) }
        try show("EASE λ 250 (as the peers ran it)") {
            try EASEModel(fitting: data, configuration: .init(regularization: 250, recency: nil))
        }
        try show("EASE, recency-weighted history (tuned)") { try EASEModel(fitting: data) }
        print("""

            Peers on the same split and definitions (measured outside recbook, Python, 2 cores): Surprise SVD++
            RMSE 0.8646 (fit 41 s), Surprise SVD 0.8772, Surprise KNNBaseline (item) 0.8701 to 0.8779 depending on
            options; EASE λ 250 recall@10 0.094; implicit ALS 0.069; popularity 0.047.
            """)
    }
}
