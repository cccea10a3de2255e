import Learning
import Testing

/// Every model must recover a planted structure: the item ranked first is the right one.
@Suite struct ModelsPlantedStructureTests {
    static let explicitData = Result { try RatingDataset(PlantedRatings.explicit()) }
    static let implicitData = Result { try RatingDataset(PlantedRatings.implicit()) }

    static func ratingModels() throws -> [(String, any RatingPredictor)] {
        let data = try explicitData.get()
        let als = MatrixFactorizationModel.Configuration(
            factorCount: 4, regularization: 0.05, solver: .alternatingLeastSquares(iterations: 15, conjugateGradientSteps: nil))
        let sgd = MatrixFactorizationModel.Configuration(
            factorCount: 4, regularization: 0.02, solver: .stochasticGradientDescent(epochs: 200, learningRate: 0.02), recency: nil)
        return [
            ("MF by ALS", try MatrixFactorizationModel(fitting: data, configuration: als)),
            ("MF by ALS-CG", try MatrixFactorizationModel(fitting: data, configuration: .init(factorCount: 4, regularization: 0.05))),
            ("MF by SGD", try MatrixFactorizationModel(fitting: data, configuration: sgd)),
            ("SVD++", try SVDPlusPlusModel(fitting: data, configuration: .init(factorCount: 4, epochs: 100, learningRate: 0.02))),
            ("item-kNN", try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 5, shrinkage: 1))),
            ("mean-centred SVD", try MeanCenteredSVDModel(fitting: data, configuration: .init(rank: 1))),
            ("blend", try BlendedRatingModel(fitting: data, recipe: .init(
                factorization: .init(factorCount: 4, regularization: 0.05),
                neighbours: .init(neighbourCount: 5, shrinkage: 1), intercept: 0, weights: [0.5, 0.5]))),
        ]
    }

    @Test func ratingModelsRecommendALikedItemFirst() throws {
        let data = try Self.explicitData.get()
        for (name, model) in try Self.ratingModels() {
            for user in 0..<PlantedRatings.userCount {
                let representation = try model.representation(ofUser: user)
                let top = try #require(try model.recommendations(for: representation, count: 1).first)
                #expect(PlantedRatings.likes(user, top), "\(name): user \(user) got item \(top) first")
                #expect(!data.histories.history(ofUser: user).contains { $0.item == top }, "\(name) recommended a rated item")
            }
        }
    }

    @Test func ratingModelsPredictLikedAboveDisliked() throws {
        for (name, model) in try Self.ratingModels() {
            var liked: [Double] = [], disliked: [Double] = []
            for user in 0..<PlantedRatings.userCount {
                for item in 0..<PlantedRatings.itemCount where (user + item) % 3 == 0 {
                    let prediction = try model.predict(user: user, item: item)
                    if PlantedRatings.likes(user, item) { liked.append(prediction) } else { disliked.append(prediction) }
                }
            }
            let lowestLiked = try #require(liked.min()), highestDisliked = try #require(disliked.max())
            #expect(lowestLiked > highestDisliked, "\(name): liked ≥ \(lowestLiked), disliked ≤ \(highestDisliked)")
            #expect((liked + disliked).allSatisfy { $0 >= 0.5 - 1e-9 && $0 <= 5 + 1e-9 } || name == "mean-centred SVD")
        }
    }

    /// The two taste groups make a rank-2 structure, so the factor model gets two factors.
    @Test func implicitModelsRecommendTheMissingItemFirst() throws {
        let data = try Self.implicitData.get()
        let models: [(String, any Recommender)] = [
            ("EASE", try EASEModel(fitting: data, configuration: .init(regularization: 1, recency: nil))),
            ("EASE with recency", try EASEModel(fitting: data, configuration: .init(regularization: 1))),
            ("implicit ALS", try ImplicitALSModel(fitting: data, configuration: .init(factorCount: 2, regularization: 1, alpha: 10))),
        ]
        for (name, model) in models {
            for user in 0..<PlantedRatings.userCount {
                let top = try #require(try model.recommendations(for: try model.representation(ofUser: user), count: 1).first)
                #expect(top == PlantedRatings.missing(user), "\(name): user \(user) got item \(top) first")
            }
        }
    }

    @Test func popularityRanksByCount() throws {
        let data = try RatingDataset(PlantedRatings.log([(1, 10, 5), (2, 10, 1), (2, 20, 5), (3, 30, 4), (3, 10, 2), (4, 20, 3)]))
        let model = try PopularityModel(fitting: data)
        #expect(model.counts == [3, 2, 1])
        #expect(try model.recommendations(for: try model.foldIn([]), count: 3) == [0, 1, 2])
        let liked = try PopularityModel(fitting: data, configuration: .init(minimumRating: 4))
        #expect(liked.counts == [1, 1, 1])
    }
}
