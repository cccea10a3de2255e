import Foundation
import Learning
import RecbookSupport
import Testing

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

    /// A matrix factorisation read back keeps the configuration it was fitted with, solver and
    /// initial scale included (the blend compares a reused factor part's with its recipe's).
    @Test(arguments: [
        MatrixFactorizationModel.Configuration.Solver.alternatingLeastSquares(iterations: 3, conjugateGradientSteps: nil),
        .alternatingLeastSquares(iterations: 2, conjugateGradientSteps: 4),
        .stochasticGradientDescent(epochs: 3, learningRate: 0.01, order: .byUser),
        .stochasticGradientDescent(epochs: 2, learningRate: 0.02, order: .shuffled),
    ])
    func matrixFactorizationKeepsItsSolver(solver: MatrixFactorizationModel.Configuration.Solver) throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        var configuration = MatrixFactorizationModel.Configuration(factorCount: 3)
        configuration.solver = solver
        configuration.initialScale = 0.05
        let model = try MatrixFactorizationModel(fitting: data, configuration: configuration)
        let restored = try #require(try ModelArchive.decode(ModelArchive.encode(model)) as? MatrixFactorizationModel)
        #expect(restored.configuration == model.configuration)
        #expect(restored.factors == model.factors)
    }
}
