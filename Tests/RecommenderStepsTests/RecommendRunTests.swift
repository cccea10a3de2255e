import Foundation
import Frames
import Learning
import LinearAlgebra
import NotebookCore
import Testing
import RecbookSupport
@testable import RecommenderSteps

@Suite struct RecommendRunTests {
    /// Users 1 and 2, movies 10…14; user 1 trained on 10, user 2 on 11 and 12, user 4 on 13
    /// and 14 (so that every movie is in the catalogue).
    func model() throws -> FittedModel {
        FittedModel(
            model: try FixedScoresModel(users: [1, 2, 4], items: [10, 11, 12, 13, 14], table: [[9, 5, 4, 3, 1], [8, 9, 7, 1, 2], [0, 0, 0, 0, 0]], trained: [[0], [1, 2], [3, 4]]),
            displayName: "fixed", fitSeconds: .nan)
    }

    func movies() throws -> DataFrame {
        try DataFrame(names: ["movieId", "title"], columns: [.ints([10, 11, 12, 13, 14]), .strings(["A (1990)", "B (1991)", "C (1992)", "D (1993)", "E (1994)"])])
    }

    /// Everyone's ratings, for the Info lines: user 1 also rated 11 (outside training).
    func ratings() throws -> DataFrame {
        try ratingsTable([(1, 10, 4), (1, 11, 5), (2, 11, 3), (2, 12, 4), (3, 12, 5), (3, 13, 2)])
    }

    func recommend(_ model: FittedModel, _ configure: (inout RecommendStep) -> Void) throws -> String {
        var step = RecommendStep()
        step.model = reference("model")
        step.movies = reference("movies")
        step.ratings = reference("ratings")
        step.user = 1
        step.count = 2
        configure(&step)
        let context = context(["model": model, "movies": try movies(), "ratings": try ratings()])
        #expect(try step.run(in: context) == nil)
        return printed(context)
    }

    @Test func aKnownUserGetsTheBestMoviesNotRatedInTraining() throws {
        #expect(try recommend(try model()) { _ in } == """
            Top 2 recommendations for User 1:
            Recommended: "B (1991)" | Predicted Rating: 5.00★
              Reason: Based on patterns learned from your past ratings and similar users/items.
              (Info: 2 total ratings; average 4.00★.)

            Recommended: "C (1992)" | Predicted Rating: 4.00★
              Reason: Based on patterns learned from your past ratings and similar users/items.
              (Info: 2 total ratings; average 4.50★.)


            """)
    }

    @Test func excludingEverythingRatedAndRarelyRatedMovies() throws {
        // User 1 rated 11 outside training; 13 has 1 rating and 14 none.
        let all = try recommend(try model()) { $0.exclude = .all; $0.info = false }
        #expect(all.contains("\"C (1992)\"") && all.contains("\"D (1993)\"") && !all.contains("\"B (1991)\""))
        let popular = try recommend(try model()) { $0.exclude = .all; $0.minimumRatings = 2; $0.info = false }
        #expect(popular.components(separatedBy: "Recommended:").count == 2 && popular.contains("\"C (1992)\""))
    }

    @Test func anUnknownUserIsAColdStartUser() throws {
        #expect(try recommend(try model()) { $0.user = 9 } == "Top 2 recommendations for User 9:\nUser 9 not in training set. (Cold-start user)\n")
    }

    @Test func aNewUserIsFoldedIn() throws {
        let data = try RatingDataset(try RatingLog(
            userIds: [1, 1, 2, 2, 3], itemIds: [10, 11, 11, 12, 12], ratings: [4, 5, 3, 4, 5], timestamps: [0, 1, 2, 3, 4]))
        let popularity = FittedModel(model: try PopularityModel(fitting: data), displayName: "popularity", fitSeconds: .nan)
        // The newcomer rated 12 and a movie the model never saw; of 10 and 11, 11 is more popular.
        let text = try recommend(popularity) {
            $0.given = RatingPairs([.init(movie: 12, rating: 5), .init(movie: 77, rating: 3)])
            $0.count = 1
            $0.info = false
        }
        #expect(text == """
            Top 1 recommendations for a new user who rated 2 movies:
            (The model has never seen movie 77; left out.)
            Recommended: "B (1991)" | Score: 2 training ratings
              Reason: Popular: 2 users rated it in the training data (the same list for everyone).


            """)
    }

    @Test func predictionsOutsideTheRatingScaleAreShownOnItWithTheRawScore() throws {
        // FixedScoresModel predicts 9 and 5 for user 1; the ratings run from 2 to 5 stars.
        let text = try recommend(try model()) { $0.user = 2; $0.count = 1; $0.exclude = .training; $0.info = false }
        #expect(text.contains("Recommended: \"A (1990)\" | Predicted Rating: 5.00★ (raw prediction 8.00, above the 2–5★ scale)\n"), "\(text)")
        #expect(RecommendStep.scoreText(4.2, model: try model().model, scale: 0.5...5) == "Predicted Rating: 4.20★")
        #expect(RecommendStep.scoreText(0.1, model: try model().model, scale: 0.5...5)
                == "Predicted Rating: 0.50★ (raw prediction 0.10, below the 0.5–5★ scale)")
        #expect(RecommendStep.scoreText(5.08, model: try model().model, scale: nil) == "Predicted Rating: 5.08★")
    }

    @Test func aPopularityModelsPickSaysWhatItCounts() throws {
        let data = try RatingDataset(try RatingLog(
            userIds: [1, 2, 2, 3, 3], itemIds: [10, 11, 12, 11, 12], ratings: [4, 5, 3, 4, 2], timestamps: [0, 1, 2, 3, 4]))
        let popularity = FittedModel(model: try PopularityModel(fitting: data), displayName: "popularity", fitSeconds: .nan)
        let text = try recommend(popularity) { $0.count = 1; $0.info = false }
        #expect(text == """
            Top 1 recommendations for User 1:
            Recommended: "B (1991)" | Score: 2 training ratings
              Reason: Popular: 2 users rated it in the training data (the same list for everyone).


            """)
        let liked = try PopularityModel(fitting: data, configuration: .init(minimumRating: 4))
        #expect(RecommendStep.scoreText(1, model: liked, scale: 0.5...5) == "Score: 1 training rating of 4★ or more")
        #expect(try PopularityReason(model: liked).reasons(for: 0)
                == ["  Reason: Popular: 1 user rated it 4★ or more in the training data (the same list for everyone)."])
    }

    @Test func contributionsOfAModelWithoutThemSaySo() throws {
        let text = try recommend(try model()) { $0.explain = .contributions; $0.count = 1; $0.info = false }
        #expect(text.contains("  Because: it is popular with people whose ratings resemble yours (no single rating of yours drives it).\n"))
    }

    @Test func explanationsAModelCannotGiveAreErrors() throws {
        #expect(throws: StepError("explain 'similar-liked' needs a model with learned movie embeddings; this model has none")) {
            try recommend(try model()) { $0.explain = .similarLiked }
        }
        #expect(throws: StepError("'content' applies to the neural hybrid only; fixed has no content input")) {
            try recommend(try model()) { $0.content = reference("features") }
        }
    }
}
