import Foundation
import Learning
import RecbookSupport
import Testing

@Suite struct ModelsExplanationTests {
    static func models() throws -> [(String, any Recommender)] {
        let data = try RatingDataset(PlantedRatings.explicit())
        return [
            ("MF", try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 4, regularization: 0.05))),
            ("SVD++", try SVDPlusPlusModel(fitting: data, configuration: .init(factorCount: 4, epochs: 50, learningRate: 0.02))),
            ("item-kNN", try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 5, shrinkage: 1))),
            ("EASE", try EASEModel(fitting: data, configuration: .init(regularization: 2))),
            ("implicit ALS", try ImplicitALSModel(fitting: data, configuration: .init(factorCount: 4, alpha: 5))),
            ("mean-centred SVD", try MeanCenteredSVDModel(fitting: data, configuration: .init(rank: 2))),
            ("blend", try BlendedRatingModel(fitting: data, recipe: .init(
                factorization: .init(factorCount: 4), neighbours: .init(neighbourCount: 5), intercept: 0, weights: [0.5, 0.5]))),
        ]
    }

    @Test func explanationsNameItemsTheUserRated() throws {
        for (name, model) in try Self.models() {
            for user in [0, 13] {
                let representation = try model.representation(ofUser: user)
                let rated = Dictionary(uniqueKeysWithValues: representation.history.map { ($0.item, $0.rating) })
                let top = try #require(model.recommendations(for: representation, count: 1).first)
                let reasons = model.explain(item: top, for: representation, limit: 3)
                #expect(!reasons.isEmpty, "\(name) gave no reason for user \(user)")
                #expect(reasons.count <= 3)
                for reason in reasons {
                    #expect(rated[reason.item] == reason.rating, "\(name) named item \(reason.item), which user \(user) did not rate")
                    #expect(reason.weight > 0)
                }
                #expect(zip(reasons, reasons.dropFirst()).allSatisfy { $0.weight >= $1.weight })
                // In explicit models liked items explain a liked recommendation. (Implicit models
                // see only co-occurrence, which this planted log makes uninformative, and the SVD
                // may also credit a low rating of an item far from the recommended one.)
                if ["MF", "SVD++", "item-kNN", "blend"].contains(name), let first = reasons.first {
                    #expect(PlantedRatings.likes(user, first.item), "\(name): \(first)")
                }
            }
        }
    }

    @Test func modelsWithoutADecompositionExplainNothing() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let popularity = try PopularityModel(fitting: data)
        #expect(popularity.explain(item: 0, for: try popularity.representation(ofUser: 0), limit: 3).isEmpty)
        let model = try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 2))
        #expect(model.explain(item: 99, for: try model.representation(ofUser: 0), limit: 3).isEmpty)
    }
}

@Suite struct ModelArchiveTests {
    @Test func everyModelRoundTrips() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        var models = try ModelsExplanationTests.models().map(\.1)
        models.append(try PopularityModel(fitting: data, configuration: .init(minimumRating: 3)))
        models.append(try BaselineModel(fitting: data, configuration: .init(recency: RecencyWeighting(halfLife: 3, floor: 0.1))))
        for model in models {
            let restored = try ModelArchive.decode(ModelArchive.encode(model))
            #expect(type(of: restored) == type(of: model))
            #expect(restored.users == model.users && restored.items == model.items && restored.histories == model.histories)
            for user in [0, 19] {
                #expect(try restored.scores(forUser: user) == model.scores(forUser: user), "\(type(of: model))")
            }
        }
    }

    @Test func rejectsDamagedOrForeignData() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let saved = ModelArchive.encode(try BaselineModel(fitting: data))
        #expect(throws: BinaryDecodingError.self) { try ModelArchive.decode(saved.prefix(saved.count - 3)) }
        #expect(throws: BinaryDecodingError.self) { try ModelArchive.decode(saved + Data([0])) }
        var writer = BinaryWriter()
        writer.write("recbook.model.unknown")
        #expect(throws: BinaryDecodingError.self) { try ModelArchive.decode(writer.data) }
        var reader = BinaryReader(saved)
        #expect(throws: BinaryDecodingError.self) { try EASEModel(from: &reader) }
    }
}

@Suite struct ModelConfigurationTests {
    @Test func rejectsOutOfRangeHyperParameters() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        #expect(throws: ModelError.self) { try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 0)) }
        #expect(throws: ModelError.self) {
            try MatrixFactorizationModel(fitting: data, configuration: .init(solver: .stochasticGradientDescent(epochs: 1, learningRate: 0)))
        }
        #expect(throws: ModelError.self) { try MatrixFactorizationModel(fitting: data, configuration: .init(recency: RecencyWeighting(halfLife: 0))) }
        #expect(throws: ModelError.self) { try BaselineModel(fitting: data, configuration: .init(epochs: 0)) }
        #expect(throws: ModelError.self) { try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 0)) }
        #expect(throws: ModelError.self) { try EASEModel(fitting: data, configuration: .init(regularization: 0)) }
        #expect(throws: ModelError.self) { try EASEModel(fitting: data, configuration: .init(maximumItemCount: 5)) }
        #expect(throws: ModelError.self) { try ImplicitALSModel(fitting: data, configuration: .init(iterations: 0)) }
        #expect(throws: ModelError.self) { try SVDPlusPlusModel(fitting: data, configuration: .init(learningRate: -1)) }
        #expect(throws: (any Error).self) { try MeanCenteredSVDModel(fitting: data, configuration: .init(rank: 50)) }
        #expect(throws: ModelError.self) { try BlendedRatingModel(parts: [], weights: [], intercept: 0) }
    }
}
