import Foundation
import Frames
import Learning
import LinearAlgebra
@testable import NotebookCore
import Testing
import TableSteps
@testable import RecommenderSteps

/// The measurements a kind lists (what `check` accepts in `expect:` and inline values) are the
/// ones its values answer, for every value type the registry holds.
@Suite struct MeasurementTests {
    /// A small value of each registered type, with the kinds steps produce it as.
    static func samples() throws -> [(value: any NotebookValue, kinds: [ValueKind])] {
        let ratings = try ratingsTable([(1, 10, 4), (1, 20, 3), (2, 10, 5), (2, 30, 1)])
        let split = RatingSplit(train: ratings, validation: ratings, test: ratings, userCount: 2, itemCount: 3, method: "fixed")
        let matrix = try RatingMatrix(userIds: [1, 1, 2, 2], movieIds: [10, 20, 10, 30], ratings: [4, 3, 5, 1])
        var features = try FeatureTable(rows: ratings)
        features.blocks.append(.numeric(name: "genres", columns: ["A", "B"], values: try Matrix(rows: [[1, 0], [0, 1], [1, 1]])))
        var svd = SVDStep()
        svd.matrix = reference("centred")
        svd.k = 1
        let fitted = try #require(try svd.run(in: context(["centred": try matrix.centred()])) as? FittedModel)
        let metrics = Metrics(title: "m", values: [("rmse", 0.5)])
        return [
            (ratings, [.table]), (split, [.split]), (matrix, [.ratingMatrix]), (features, [.featureTable]),
            (fitted, [.model, .factorisation]), (metrics, [.metrics]),
        ]
    }

    @Test func everyRegisteredValueTypeHasASample() throws {
        let sampled = Set(try Self.samples().map { type(of: $0.value).kind.name })
        #expect(sampled == Set(RecommenderRegistry.registry.valueTypes.keys))
    }

    @Test func everyListedMeasurementIsAnswered() throws {
        for (value, kinds) in try Self.samples() {
            for kind in kinds {
                for name in kind.measurements {
                    #expect(value.measurement(name) != nil, "\(kind.name) lists '\(name)', which \(type(of: value)) does not answer")
                    #expect(value.measurementNames.contains(name), "\(type(of: value)) does not store '\(name)' for reused steps")
                }
            }
            #expect(value.measurement("no-such-measurement") == nil)
        }
    }

    @Test func tabulatedValuesListExactlyTheirTable() throws {
        for (value, kinds) in try Self.samples() {
            guard let tabulated = value as? any TabulatedMeasurements else { continue }
            for kind in kinds {
                #expect(kind.measurements == tabulated.measurementNames)
                for name in kind.measurements { #expect(value.measurement(name)?.isFinite == true) }
            }
        }
    }

    @Test func figuresByHand() throws {
        let samples = try Self.samples()
        // ratings: 4 rows × 3 columns; 2 users, 3 movies, 4 of 6 cells filled.
        #expect(samples[0].value.measurements == ["rows": 4, "columns": 3])
        #expect(samples[1].value.measurements == ["train": 4, "val": 4, "test": 4, "users": 2, "items": 3])
        #expect(samples[2].value.measurements == ["users": 2, "movies": 3, "ratings": 4, "density": 4.0 / 6.0])
        // The feature table: the rows' 3 columns and the 2 genre columns; 3 movies; 2 numeric features.
        #expect(samples[3].value.measurements == ["rows": 4, "columns": 5, "movies": 3, "features": 2])
        #expect(samples[4].value.measurement("k") == 1)
    }
}
