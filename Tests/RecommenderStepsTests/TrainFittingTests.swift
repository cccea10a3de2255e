import Foundation
import Frames
import Learning
import NotebookCore
import RecbookSupport
import Testing
@testable import RecommenderSteps

@Suite struct TrainFittingTests {
    /// Two clusters of users: even users like movies 1–3, odd users 4–6. Rating models also see
    /// their low ratings of the other cluster's movies; implicit models (EASE) only what was
    /// watched, since for them any rating is a sign of interest.
    func split(withDislikes: Bool) throws -> RatingSplit {
        var rows: [(user: Int, movie: Int, rating: Double)] = []
        for user in 1...8 {
            let liked = user % 2 == 0 ? [1, 2, 3] : [4, 5, 6]
            let other = withDislikes ? (user % 2 == 0 ? [4, 5] : [1, 2]) : []
            for movie in liked.prefix(user <= 6 ? 3 : 2) + other { rows.append((user, movie, liked.contains(movie) ? 5 : 1)) }
        }
        // Users 7 and 8 have not rated their third liked movie: it is their test movie.
        return RatingSplit(
            train: try ratingsTable(rows, timed: true), validation: try ratingsTable([], timed: true),
            test: try ratingsTable([(7, 6, 5), (8, 3, 5)], timed: true), userCount: 8, itemCount: 6, method: "hand-made")
    }

    @Test(arguments: ["ease", "knn", "mf"])
    func plantedClustersRankTheMissingLikedMovieFirst(model: String) throws {
        let parameters: any TrainableModel
        switch model {
        case "ease": parameters = { var p = EASEParameters(); p.configuration.regularization = 1; return p }()
        case "knn": parameters = { var p = ItemKNNParameters(); p.configuration.neighbourCount = 3; p.configuration.shrinkage = 0; return p }()
        default: parameters = { var p = MatrixFactorizationParameters(); p.configuration.factorCount = 2; p.configuration.regularization = 0.01; return p }()
        }
        let fitted = try parameters.fit(split: try split(withDislikes: model != "ease"), context: context([:]))
        for (user, movie) in [(7, 6), (8, 3)] {
            let index = try #require(fitted.model.users.index(of: user))
            let best = try fitted.model.recommendations(for: try fitted.model.representation(ofUser: index), count: 1)
            #expect(best.map { fitted.model.items.id(at: $0) } == [movie], "\(model), user \(user)")
        }
        // The model survives the cache format.
        var writer = BinaryWriter()
        fitted.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try FittedModel(from: &reader)
        #expect(try decoded.model.scores(forUser: 0) == fitted.model.scores(forUser: 0))
        #expect(decoded.displayName == fitted.displayName && decoded.summary == fitted.summary)
    }

    /// A blend given the fitted `mf` step as its factor part predicts exactly what a blend that
    /// fits its own does, counts the part's fit time, and refuses an `mf` of another seed.
    @Test func blendTakesTheFittedFactorPartAsItIs() throws {
        let split = try split(withDislikes: true)
        var factorization = MatrixFactorizationParameters()
        factorization.seed = 0
        let mf = try factorization.fit(split: split, context: context([:]))
        var reusing = BlendParameters()
        reusing.factorization = reference("mf")
        let reused = try reusing.fit(split: split, context: context(["mf": mf]))
        let fresh = try BlendParameters().fit(split: split, context: context([:]))
        let blend = try #require(reused.model as? BlendedRatingModel)
        #expect((blend.parts.first as? MatrixFactorizationModel)?.factors == (mf.model as? MatrixFactorizationModel)?.factors)
        for user in 0..<reused.model.users.count {
            #expect(try reused.model.scores(forUser: user) == fresh.model.scores(forUser: user), "user \(user)")
        }
        #expect(reused.fitSeconds >= mf.fitSeconds)

        factorization.seed = 5
        let otherSeed = try factorization.fit(split: split, context: context([:]))
        #expect {
            try reusing.fit(split: split, context: context(["mf": otherSeed]))
        } throws: { error in
            "\(error)".contains("seed: 0") && "\(error)".contains("with seed 5")
        }
    }

    /// The blend's check of its factor part holds for a part read back from the cache: an `mf`
    /// fitted by SGD (otherwise the recipe's settings and seed 0) is refused whether it was just
    /// fitted or decoded, since the model keeps its solver.
    @Test func blendRefusesAnSGDFactorPartReadBackFromTheCache() throws {
        let split = try split(withDislikes: true)
        var factorization = MatrixFactorizationParameters()
        factorization.seed = 0
        factorization.solver = .sgd
        let mf = try factorization.fit(split: split, context: context([:]))
        var writer = BinaryWriter()
        mf.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let cached = try FittedModel(from: &reader)
        var blend = BlendParameters()
        blend.factorization = reference("mf")
        for part in [mf, cached] {
            #expect(throws: StepError.self) { try blend.fit(split: split, context: context(["mf": part])) }
        }
    }

    /// Models fitted on one split (and `fit_on`) hold the same indexed ratings, built once, not
    /// a copy each; another `fit_on` gets its own, and a split read back from the cache builds
    /// them again.
    @Test func modelsFittedOnOneSplitShareItsIndexedRatings() throws {
        var split = try split(withDislikes: true)
        split.validation = try ratingsTable([(1, 6, 2), (9, 1, 4)], timed: true)
        func storage(_ fitted: FittedModel) -> UnsafePointer<Int>? {
            fitted.model.histories.items.withUnsafeBufferPointer(\.baseAddress)
        }
        let baseline = try BaselineParameters().fit(split: split, context: context([:]))
        let knn = try ItemKNNParameters().fit(split: split, context: context([:]))
        let copy = split
        let ease = try EASEParameters().fit(split: copy, context: context([:]))
        #expect(storage(baseline) != nil)
        #expect(storage(knn) == storage(baseline) && storage(ease) == storage(baseline))

        var onBoth = BaselineParameters()
        onBoth.fitOn = .trainAndValidation
        let both = try onBoth.fit(split: split, context: context([:]))
        #expect(storage(both) != storage(baseline))
        #expect(both.model.users.count == 9 && baseline.model.users.count == 8)
        #expect(try onBoth.fit(split: split, context: context([:])).model.histories.items.withUnsafeBufferPointer(\.baseAddress) == storage(both))

        var writer = BinaryWriter()
        split.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try RatingSplit(from: &reader)
        let refitted = try BaselineParameters().fit(split: decoded, context: context([:]))
        #expect(storage(refitted) != storage(baseline))
        #expect(refitted.model.histories == baseline.model.histories)
    }

    /// The fold-in check's logs (everyone but the users left out, and those users alone) are
    /// the training log's rows of those users, in order, from train and then validation.
    @Test func trainingLogOfSomeUsersIsTheFilteredTrainingLog() throws {
        var split = try split(withDislikes: true)
        split.validation = try ratingsTable([(1, 6, 2), (9, 1, 4), (2, 6, 3)], timed: true)
        for fitOn in [FitOn.train, .trainAndValidation] {
            let everyone = try split.trainingLog(fitOn)
            #expect(everyone.count == split.train.rowCount + (fitOn == .train ? 0 : 3))
            #expect(try split.trainingLog(fitOn) { _ in true } == everyone)
            let left: Set = [1, 2, 9]
            #expect(try split.trainingLog(fitOn) { !left.contains($0) } == everyone.filter { user, _ in !left.contains(user) })
            #expect(try split.trainingLog(fitOn) { left.contains($0) } == everyone.filter { user, _ in left.contains(user) })
        }
        #expect(try split.trainingLog(.trainAndValidation).userIds.suffix(3) == [1, 9, 2])
    }

    /// The fold-in check's printed change: a percentage, except from zero (a model that ranks
    /// none of the users' movies before and after has no change to express as one).
    @Test func foldInChangeReadsAsAPercentageExceptFromZero() {
        #expect(FoldInCheck.change(0.1, 0.11) == "+10.0%")
        #expect(FoldInCheck.change(0.8, 0.78) == "-2.5%")
        #expect(FoldInCheck.change(0, 0) == "no change")
        #expect(FoldInCheck.change(0, 0.01) == "up from 0")
    }

    /// A blend's fold-in check also scores each of its parts alone from the same second fit:
    /// the reused MF step's model and item-kNN get figures of their own, named after them, so
    /// the MF step needs no second fit of its own.
    @Test func blendFoldInCheckScoresEachPartAlone() throws {
        // Two clusters of 15 users over 10 movies; each user's test movie is one of their own
        // cluster's, rated 5.
        var train: [(user: Int, movie: Int, rating: Double)] = [], test: [(user: Int, movie: Int, rating: Double)] = []
        for user in 1...30 {
            let own = user % 2 == 0 ? Array(1...5) : Array(6...10), other = user % 2 == 0 ? [6, 7, 8] : [1, 2, 3]
            let held = own[user % 5]
            for movie in own where movie != held { train.append((user, movie, Double(4 + (user + movie) % 2))) }
            for movie in other { train.append((user, movie, Double(1 + (user + movie) % 2))) }
            test.append((user, held, 5))
        }
        let split = RatingSplit(
            train: try ratingsTable(train, timed: true), validation: try ratingsTable([], timed: true),
            test: try ratingsTable(test, timed: true), userCount: 30, itemCount: 10, method: "hand-made")
        var factorization = MatrixFactorizationParameters()
        factorization.seed = 0
        let mf = try factorization.fit(split: split, context: context([:]))
        var blend = BlendParameters()
        blend.factorization = reference("mf")
        blend.foldInCheck = 6
        let stepContext = context(["mf": mf])
        let fitted = try blend.fit(split: split, context: stepContext)
        let names = Set(fitted.figures.map(\.name))
        for prefix in ["foldin_", "foldin_mf_", "foldin_knn_"] {
            for figure in ["recall_trained", "recall_folded", "rmse_trained", "rmse_folded", "rmse_change"] {
                #expect(names.contains(prefix + figure), "\(prefix + figure) in \(names.sorted())")
            }
        }
        let value = { (name: String) in fitted.figures.first { $0.name == name }?.value ?? .nan }
        #expect(value("foldin_mf_rmse_trained").isFinite && value("foldin_knn_rmse_folded").isFinite)
        // The parts predict differently from the blend and from each other.
        #expect(value("foldin_mf_rmse_trained") != value("foldin_knn_rmse_trained"))
        #expect(printed(stepContext).contains("each part of the blend alone:\n    mf: recall@10 "))
    }
}
