import Foundation
import Frames
import Learning
import NotebookCore
import Testing
import RecbookSupport
@testable import RecommenderSteps

/// A fixed model for checking the ranking protocol by hand.
struct FixedModel: RecommenderModel {
    static let kind = ValueKind.model
    var users: IdVocabulary
    var movies: IdVocabulary
    var table: [[Double]]          // scores, users × movies
    var trained: [[Int]]           // training movies per user
    var displayName: String { "fixed" }
    var summary: String { "fixed" }
    var catalogueOverride: [Int]?
    func predict(user: Int, movie: Int) -> Double { table[user][movie] }
    func scores(forUser user: Int) -> [Double] { table[user] }
    func trainingMovies(ofUser user: Int) -> [Int] { trained[user] }
    var catalogue: [Int] { catalogueOverride ?? Array(0..<movies.count) }
    func encode(to writer: inout BinaryWriter) {}
    init(users: IdVocabulary, movies: IdVocabulary, table: [[Double]], trained: [[Int]], catalogue: [Int]? = nil) {
        self.users = users
        self.movies = movies
        self.table = table
        self.trained = trained
        self.catalogueOverride = catalogue
    }
    init(from reader: inout BinaryReader) throws { throw BinaryDecodingError.invalid("not stored") }
}

@Suite struct RankingReportTests {
    /// Users 1 and 2, movies 10…14. User 1 trained on 10; user 2 on 11 and 12.
    let model = FixedModel(
        users: IdVocabulary([1, 2]), movies: IdVocabulary([10, 11, 12, 13, 14]),
        table: [[9, 5, 4, 3, 1], [8, 9, 7, 1, 2]],
        trained: [[0], [1, 2]]
    )

    func heldOut(_ rows: [(Int, Int, Double)]) throws -> DataFrame {
        try DataFrame([
            "userId": .ints(rows.map(\.0)), "movieId": .ints(rows.map(\.1)), "rating": .doubles(rows.map(\.2)),
        ])
    }

    @Test func ranksTheCatalogueLessTheUsersTrainingMovies() throws {
        // User 1's candidates are 11, 12, 13, 14 (10 was trained); ranked 11, 12, 13, 14.
        // Relevant: 12 (5★) and 14 (4★); 13 (2★) is not. At K = 2 the top is 11, 12: one hit.
        // User 2's candidates are 10, 13, 14, ranked 10, 14, 13; relevant 13 only: no hit at 2.
        // User 3 is unknown to the model; a held-out movie 99 the model never saw is a miss for user 2.
        let report = try RankingReport.evaluate(
            model,
            heldOut: heldOut([(1, 12, 5), (1, 14, 4), (1, 13, 2), (2, 13, 4.5), (2, 99, 4), (3, 10, 5)]),
            cutoff: 2, threshold: 4, curveLength: 4
        )
        #expect(report.usersCounted == 2)
        #expect(report.usersUnknown == 1)
        // Recall: user 1 1/2, user 2 0/2 → mean 0.25. Precision: 1/2 and 0 → 0.25.
        #expect(abs(report.metrics.recall - 0.25) < 1e-12)
        #expect(abs(report.metrics.precision - 0.25) < 1e-12)
        // NDCG@2 user 1: hit at rank 2 → (1/log2 3) / (1 + 1/log2 3); user 2: 0.
        let expectedNDCG = (1 / log2(3.0)) / (1 + 1 / log2(3.0)) / 2
        #expect(abs(report.metrics.ndcg - expectedNDCG) < 1e-12)
        // Recall@K for K = 1…4: user 1 hits 12 at rank 2 and 14 at rank 4; user 2 hits 13 at rank 3.
        let curve = [0.0, 0.25, (0.5 + 0.5) / 2, (1 + 0.5) / 2]
        for (a, b) in zip(report.recallCurve, curve) { #expect(abs(a - b) < 1e-12) }
        // Coverage@2: top-2 lists are {11, 12} and {10, 14}: 4 of 5 movies.
        #expect(abs(report.coverage - 0.8) < 1e-12)
    }

    @Test func aCutoffLongerThanTheCandidateListIsFine() throws {
        let report = try RankingReport.evaluate(model, heldOut: heldOut([(2, 13, 5)]), cutoff: 50, threshold: 4)
        #expect(report.metrics.recall == 1)
        #expect(abs(report.metrics.precision - 1.0 / 50) < 1e-12)
    }

    @Test func usersWithoutRelevantMoviesAreNotCounted() throws {
        #expect(throws: StepError.self) {
            try RankingReport.evaluate(model, heldOut: heldOut([(1, 12, 3), (2, 13, 2)]), cutoff: 2, threshold: 4)
        }
    }
}

@Suite struct ModelParameterTests {
    func node(_ yaml: [(String, String)]) -> ParameterNode {
        let here = SourceLocation(file: "nb.md", line: 1, column: 1)
        return ParameterNode(.mapping(yaml.map { .init(key: $0.0, keyLocation: here, value: .scalar($0.1, at: here)) }), location: here)
    }

    @Test func ratingPairsParseMapsAndLists() throws {
        let here = SourceLocation(file: "nb.md", line: 1, column: 1)
        let pairs = try RatingPairs(parameter: node([("318", "5"), ("2571", "4.5")]))
        #expect(pairs.pairs == [.init(movie: 318, rating: 5), .init(movie: 2571, rating: 4.5)])
        #expect(pairs.canonicalText == "{318: 5.0, 2571: 4.5}")
        #expect(throws: ParameterError.self) { try RatingPairs(parameter: node([("heat", "5")])) }
        #expect(throws: ParameterError.self) { try RatingPairs(parameter: .scalar("318", at: here)) }
    }

    @Test func trainRejectsHyperParametersOfOtherModels() {
        var step = TrainStep()
        step.model = .ease
        step.factors = 64
        step.neighbours = 10
        #expect(step.validate().map(\.message) == [
            "parameter 'factors' does not apply to model 'ease' (only to 'ials', 'mf', 'svd', 'svdpp')",
            "parameter 'neighbours' does not apply to model 'ease' (only to 'knn')",
        ])
        step = TrainStep()
        step.model = .dnn
        #expect(step.validate().map(\.parameter) == ["features"])
        step.model = .mf
        step.solver = .sgd
        step.epochs = 30
        step.learningRate = 0.01
        #expect(step.validate().isEmpty)
    }
}

@Suite struct MatrixFactorizationSolverTests {
    typealias Solver = MatrixFactorizationModel.Configuration.Solver

    @Test func theSurprisePresetKeepsItsVisitOrder() {
        let surprise = MatrixFactorizationModel.Configuration.surpriseDefaults.solver
        var step = TrainStep()
        #expect(step.mfSolver(overriding: surprise) == surprise)
        step.epochs = 5
        #expect(step.mfSolver(overriding: surprise) == .stochasticGradientDescent(epochs: 5, learningRate: 0.005, order: .byUser))
    }

    @Test func solversAndTheirSettingsOverrideThePreset() {
        let tuned = MatrixFactorizationModel.Configuration().solver
        var step = TrainStep()
        #expect(step.mfSolver(overriding: tuned) == .alternatingLeastSquares(iterations: 8, conjugateGradientSteps: 3))
        step.iterations = 12
        #expect(step.mfSolver(overriding: tuned) == .alternatingLeastSquares(iterations: 12, conjugateGradientSteps: 3))
        step.solver = .sgd
        step.learningRate = 0.01
        #expect(step.mfSolver(overriding: tuned) == .stochasticGradientDescent(epochs: 20, learningRate: 0.01, order: .shuffled))
    }
}

@Suite struct LearnedModelTests {
    /// Fits EASE and MF through the train step's fitting code on a tiny planted structure.
    /// Two clusters of users: even users like movies 1–3, odd users 4–6. Rating models also see
    /// their low ratings of the other cluster's movies; implicit models (EASE) only what was
    /// watched, since for them any rating is a sign of interest.
    func split(withDislikes: Bool) throws -> RatingSplit {
        var users: [Int] = [], movies: [Int] = [], ratings: [Double] = [], times: [Int] = []
        for user in 1...8 {
            let liked = user % 2 == 0 ? [1, 2, 3] : [4, 5, 6]
            let other = withDislikes ? (user % 2 == 0 ? [4, 5] : [1, 2]) : []
            for (step, movie) in (liked.prefix(user <= 6 ? 3 : 2) + other).enumerated() {
                users.append(user)
                movies.append(movie)
                ratings.append(liked.contains(movie) ? 5 : 1)
                times.append(1000 * user + step)
            }
        }
        let frame = try DataFrame(["userId": .ints(users), "movieId": .ints(movies), "rating": .doubles(ratings), "timestamp": .timestamps(times)])
        // Users 7 and 8 have not rated their third liked movie: it is their test movie.
        let test = try DataFrame(["userId": .ints([7, 8]), "movieId": .ints([6, 3]), "rating": .doubles([5, 5]), "timestamp": .timestamps([9000, 9001])])
        return RatingSplit(train: frame, validation: frame.head(0), test: test, userCount: 8, itemCount: 6, method: "hand-made")
    }

    @Test(arguments: [TrainStep.Model.ease, .knn, .mf])
    func plantedClustersRankTheMissingLikedMovieFirst(model: TrainStep.Model) throws {
        var step = TrainStep()
        step.model = model
        if model == .ease { step.regularization = 1 }
        if model == .mf { step.factors = 2; step.regularization = 0.01 }
        if model == .knn { step.neighbours = 3; step.shrinkage = 0 }
        let parts = try split(withDislikes: model != .ease)
        let context = StepContext.standalone(seed: 7)
        let learned = try step.fitLearned(split: parts, context: context)
        for (user, movie) in [(7, 6), (8, 3)] {
            let index = try #require(learned.users.index(of: user))
            let excluded = Set(learned.trainingMovies(ofUser: index))
            let best = Ranking.top(1, of: learned.scores(forUser: index), excluding: excluded)
            #expect(best.map { learned.movies.id(at: $0) } == [movie], "\(model.rawValue), user \(user)")
        }
        // The model survives the cache format.
        var writer = BinaryWriter()
        learned.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try LearnedModel(from: &reader)
        #expect(decoded.scores(forUser: 0) == learned.scores(forUser: 0))
    }
}
