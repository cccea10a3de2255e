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
}
