import Foundation
import Frames
import LinearAlgebra
import NotebookCore
import Outputs
import Testing
@testable import RecommenderSteps

@Suite struct InspectStepTests {
    func inspect(_ value: any NotebookValue, _ checks: [InspectStep.Check]) throws -> StepContext {
        var step = InspectStep()
        step.table = reference("table")
        step.checks = checks
        let context = context(["table": value])
        #expect(try step.run(in: context) == nil)
        return context
    }

    @Test func duplicatedRowsAndMissingValues() throws {
        // Rows 0 and 2 are equal; the rating is missing once.
        let frame = try DataFrame(names: ["userId", "rating"], columns: [.ints([1, 2, 1, 3]), .doubles([4, nil, 4, 5])])
        let context = try inspect(frame, [.duplicates, .nulls])
        #expect(printed(context) == "Duplicate rows: 1\n")
        let table = try #require(tables(context).first)
        #expect(table.rows.map(\.label) == ["userId", "rating"])
        #expect(table.rows.map(\.cells) == [["0"], ["1"]])
    }

    @Test func memoryOfAFeatureTable() throws {
        // Three movies with two features each, on four rating rows.
        var features = try FeatureTable(rows: try ratingsTable([(1, 10, 4), (2, 10, 3), (1, 20, 5), (2, 30, 1)]))
        features.blocks.append(.numeric(name: "genres", columns: ["A", "B"], values: try Matrix(rows: [[1, 0], [0, 1], [1, 1]])))
        let context = try inspect(features, [.memory])
        let table = try #require(tables(context).first)
        // 3 × 2 × 8 = 48 bytes per movie against 4 × 2 × 8 = 64 per row.
        #expect(table.rows.map(\.cells) == [["3", "2", "0.0"], ["4", "2", "0.0"]])
        #expect(printed(context) == "The per-row copy takes 1.3× the memory, and grows with the number of ratings instead of the number of movies.\n")
    }

    @Test func memoryNeedsAFeatureTable() throws {
        #expect(throws: StepError("check 'memory' needs a feature table; 'table' is a table")) {
            try inspect(try ratingsTable([(1, 10, 4)]), [.memory])
        }
    }
}
