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
                let top = try #require(try model.recommendations(for: representation, count: 1).first)
                let reasons = try model.explain(item: top, for: representation, limit: 3)
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
        #expect(try popularity.explain(item: 0, for: try popularity.representation(ofUser: 0), limit: 3).isEmpty)
        let model = try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 2))
        // An item out of range is an error, not an empty explanation.
        #expect(throws: ModelError.unknownItem(index: 99, itemCount: data.itemCount)) {
            try model.explain(item: 99, for: try model.representation(ofUser: 0), limit: 3)
        }
    }
}
