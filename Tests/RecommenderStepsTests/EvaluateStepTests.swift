import Foundation
import Frames
import Learning
import NotebookCore
import Outputs
import RecbookSupport
import Testing
@testable import RecommenderSteps

@Suite struct EvaluateStepTests {
    /// Users 1 and 2, movies 10…14. User 1 trained on 10; user 2 on 11 and 12; user 4, who is
    /// never held out, on 13 and 14, so that every movie is in the catalogue.
    func model(_ table: [[Double]] = [[9, 5, 4, 3, 1], [8, 9, 7, 1, 2]]) throws -> FittedModel {
        FittedModel(
            model: try FixedScoresModel(users: [1, 2, 4], items: [10, 11, 12, 13, 14], table: table + [[0, 0, 0, 0, 0]], trained: [[0], [1, 2], [3, 4]]),
            displayName: "fixed", fitSeconds: .nan)
    }

    func evaluate(
        _ model: FittedModel, _ heldOut: DataFrame, _ configure: (inout EvaluateStep) -> Void
    ) throws -> (metrics: Metrics, context: StepContext) {
        var step = EvaluateStep()
        step.model = reference("model")
        step.ratings = reference("test")
        configure(&step)
        let context = context(["model": model, "test": heldOut])
        let value = try step.run(in: context)
        return (try #require(value as? Metrics), context)
    }

    @Test func rankingMetricsFollowTheProtocolByHand() throws {
        // User 1's candidates are 11, 12, 13, 14 (10 was trained); ranked 11, 12, 13, 14.
        // Relevant: 12 (5★) and 14 (4★); 13 (2★) is not. At K = 2 the top is 11, 12: one hit.
        // User 2's candidates are 10, 13, 14, ranked 10, 14, 13; relevant 13 and the unknown
        // 99 (a certain miss): no hit at 2. User 3 is unknown to the model.
        let heldOut = try ratingsTable([(1, 12, 5), (1, 14, 4), (1, 13, 2), (2, 13, 4.5), (2, 99, 4), (3, 10, 5)])
        let (metrics, context) = try evaluate(try model(), heldOut) {
            $0.metrics = [.precision, .recall, .ndcg, .coverage]
            $0.k = 2
            $0.curve = 4
        }
        #expect(metrics.values.map(\.name) == [
            "precision@2", "recall@2", "ndcg@2", "coverage@2", "ranked_users", "recall@1", "recall@3", "recall@4", "fit_seconds",
        ])
        // Recall: user 1 1/2, user 2 0/2 → 0.25. Precision: 1/2 and 0 → 0.25.
        #expect(metrics["recall@2"] == 0.25 && metrics["precision@2"] == 0.25)
        // NDCG@2 of user 1: a hit at rank 2 → (1/log2 3) / (1 + 1/log2 3); user 2: 0.
        let ndcg = try #require(metrics["ndcg@2"])
        #expect(abs(ndcg - (1 / log2(3.0)) / (1 + 1 / log2(3.0)) / 2) < 1e-15)
        // Recall@K for K = 1…4: user 1 hits 12 at rank 2 and 14 at rank 4; user 2 hits 13 at rank 3.
        #expect(metrics["recall@1"] == 0 && metrics["recall@3"] == 0.5 && metrics["recall@4"] == 0.75)
        // Coverage@2: the top-2 lists are {11, 12} and {10, 14}: 4 of 5 movies.
        #expect(metrics["coverage@2"] == 0.8 && metrics["ranked_users"] == 2)
        #expect(printed(context) == """
            Evaluation on the test set:
            Precision@2: 0.2500  Recall@2: 0.2500  NDCG@2: 0.1934
            Coverage@2: 0.800 of 5 movies
              (ranked against every movie in the training data the user has not rated there; relevant = held-out movies rated ≥ 4.0★; 2 users with a relevant movie, 1 users unknown to the model skipped)

            """)
        let curve = try #require(figures(context).first)
        #expect(curve.title == "Recall@K against K")
    }

    /// `rank_users` ranks a seeded sample of the users with a relevant movie, says so, and
    /// leaves the rating metrics on every pair; a sample as large as the users ranks them all.
    @Test func rankUsersRanksASeededSampleAndSaysSo() throws {
        // As above: user 1's recall@2 is 1/2, user 2's 0/2.
        let heldOut = try ratingsTable([(1, 12, 5), (1, 14, 4), (1, 13, 2), (2, 13, 4.5), (2, 99, 4), (2, 11, 1)])
        var recalls: [Double] = []
        for seed in 0..<8 {
            let (metrics, context) = try evaluate(try model(), heldOut) {
                $0.metrics = [.rmse, .recall]
                $0.k = 2
                $0.rankUsers = 1
                $0.seed = seed
            }
            #expect(metrics["ranked_users"] == 1)
            #expect(metrics["pairs"] == 5, "rating metrics keep every known pair")
            let recall = try #require(metrics["recall@2"])
            #expect(recall == 0.5 || recall == 0)
            recalls.append(recall)
            #expect(printed(context).contains("1 users with a relevant movie (a seeded random sample of 1 of the 2 held-out users with one)"))
            // The same seed ranks the same user.
            let (again, _) = try evaluate(try model(), heldOut) {
                $0.metrics = [.recall]
                $0.k = 2
                $0.rankUsers = 1
                $0.seed = seed
            }
            #expect(again["recall@2"] == recall)
        }
        #expect(Set(recalls).count == 2, "eight seeds sample both users")
        let (all, context) = try evaluate(try model(), heldOut) {
            $0.metrics = [.recall]
            $0.k = 2
            $0.rankUsers = 2
        }
        #expect(all["ranked_users"] == 2 && all["recall@2"] == 0.25)
        #expect(!printed(context).contains("sample"))
    }

    @Test func ratingMetricsOverTheKnownPairs() throws {
        // Known pairs: (1, 11) → 5 for 4, (1, 12) → 4 for 3, (2, 10) → 8 for 5, (2, 13) → 1 for 2.
        // np.sqrt(np.mean((np.array([5, 4, 8, 1]) - np.array([4, 3, 5, 2])) ** 2)) = 1.7320508…
        // np.mean(np.abs(np.array([5, 4, 8, 1]) - np.array([4, 3, 5, 2]))) = 1.5
        let heldOut = try ratingsTable([(1, 11, 4), (1, 12, 3), (2, 10, 5), (2, 13, 2), (3, 10, 5), (1, 99, 4)])
        let (metrics, context) = try evaluate(try model(), heldOut) {
            $0.metrics = [.rmse, .mae, .originalRecall]
            $0.k = 1
        }
        #expect(metrics["pairs"] == 4 && metrics["total"] == 6)
        #expect(abs(try #require(metrics["rmse"]) - 3.0.squareRoot()) < 1e-15)
        #expect(metrics["mae"] == 1.5)
        // Each user's liked movie (11 for user 1, 10 for user 2) is also the one scored highest.
        #expect(metrics["original_recall@1"] == 1 && metrics["original_recall_users"] == 2)
        #expect(printed(context).hasPrefix("""
            Evaluation on the test set:
            Pairs evaluated: 4 / 6
            RMSE: 1.7321
            MAE : 1.5000
            Average Recall@1: 1.0000

            """))
    }

    @Test func aNaNPredictionIsLeftOutAndSaidSo() throws {
        let heldOut = try ratingsTable([(1, 11, 4), (1, 12, 3)])
        let (metrics, context) = try evaluate(try model([[9, .nan, 4, 3, 1], [8, 9, 7, 1, 2]]), heldOut) { $0.metrics = [.rmse] }
        #expect(metrics["pairs"] == 1 && metrics["rmse"] == 1)
        #expect(printed(context).contains("Pairs evaluated: 1 / 2\n  (1 of the known pairs had no prediction (NaN) and were left out.)\n"))
    }

    @Test func resultsByTrainingActivity() throws {
        // User 1 has 1 training rating, users 2 and 4 have 2. Errors: user 1 1 and 1; user 2 3
        // and −1; user 4 is not held out.
        let heldOut = try ratingsTable([(1, 11, 4), (1, 12, 3), (2, 10, 5), (2, 13, 2)])
        let (metrics, context) = try evaluate(try model(), heldOut) {
            $0.metrics = [.rmse]
            $0.activity = [1]
        }
        #expect(metrics["rmse[1–1]"] == 1)
        #expect(abs(try #require(metrics["rmse[2+]"]) - 5.0.squareRoot()) < 1e-15)
        // A breakdown ranks too: user 1 ranks 11 first of 11…14 and user 2 10 first of 10, 13,
        // 14; each is the user's one relevant movie, so both recalls are 1.
        #expect(metrics["recall@10[1–1]"] == 1 && metrics["recall@10[2+]"] == 1)
        let table = try #require(tables(context).first)
        #expect(table.columns.map(\.name) == ["users", "RMSE", "recall@10"])
        #expect(table.rows.map(\.label) == ["1–1 ratings", "2+ ratings"])
        #expect(table.rows.map(\.cells) == [["1", "1.0000", "1.0000"], ["2", "2.2361", "1.0000"]])
    }

    @Test func aRankingModelHasNoRatingMetrics() throws {
        let data = try RatingDataset(try RatingLog(userIds: [1, 2], itemIds: [10, 20], ratings: [4, 5], timestamps: [0, 1]))
        let popularity = FittedModel(model: try PopularityModel(fitting: data), displayName: "popularity", fitSeconds: .nan)
        #expect(throws: StepError("popularity ranks movies but does not predict ratings; ask it for ranking metrics only")) {
            try evaluate(popularity, try ratingsTable([(1, 20, 5)])) { $0.metrics = [.rmse] }
        }
    }

    @Test func noRelevantMovieIsAnError() throws {
        #expect(throws: StepError("no held-out user known to the model has a movie rated at least 4.0")) {
            try evaluate(try model(), try ratingsTable([(1, 12, 3)])) { $0.metrics = [.recall] }
        }
    }

    @Test func noKnownPairIsAnError() throws {
        #expect(throws: StepError("none of the 1 held-out pairs has a user and a movie the model knows")) {
            try evaluate(try model(), try ratingsTable([(9, 12, 3)])) { $0.metrics = [.rmse] }
        }
    }

    @Test(arguments: [[0], [30, 10], [30, 30]])
    func activityBoundsMustIncrease(bounds: [Int]) {
        var step = EvaluateStep()
        step.activity = bounds
        #expect(step.validate() == [ParameterProblem("by_activity", "'by_activity' needs increasing positive bounds, for example [30, 100, 300]")])
    }
}
