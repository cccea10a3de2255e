import Foundation
import Learning
import RecbookSupport
import Testing

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
        #expect(throws: ModelError.self) { try EASEModel(fitting: data, configuration: .init(maximumItemCount: 0)) }
        #expect(throws: ModelError.self) { try ImplicitALSModel(fitting: data, configuration: .init(iterations: 0)) }
        #expect(throws: ModelError.self) { try SVDPlusPlusModel(fitting: data, configuration: .init(learningRate: -1)) }
        #expect(throws: (any Error).self) { try MeanCenteredSVDModel(fitting: data, configuration: .init(rank: 50)) }
        #expect(throws: ModelError.self) { try BlendedRatingModel(parts: [], weights: [], intercept: 0) }
    }
}
