import Foundation
import Frames
import Learning
import LinearAlgebra
import NotebookCore
import Testing
import RecbookSupport
@testable import RecommenderSteps

@Suite struct FeatureTableTests {
    func rows() throws -> DataFrame {
        try DataFrame([
            "movieId": .ints([20, 10, 20, 30]),
            "userId": .ints([1, 1, 2, 2]),
            "rating": .doubles([4, 3, 5, 1]),
        ])
    }

    @Test func keepsFeaturesPerMovieAndGathersThemPerRow() throws {
        var table = try FeatureTable(rows: rows())
        #expect(table.movies.ids == [10, 20, 30])
        #expect(table.movieOfRow == [1, 0, 1, 2])
        table.blocks.append(.numeric(name: "genres", columns: ["A", "B"], values: try Matrix(rows: [[1, 0], [0, 1], [1, 1]])))
        table.blocks.append(.text(name: "tag", values: ["x", "", "y z"]))
        let view = table.tabular
        #expect((0..<view.columnCount).map(view.columnName) == ["movieId", "userId", "rating", "A", "B", "tag"])
        // Row 0 is movie 20: genres (0, 1), no tags.
        #expect(view.cell(row: 0, column: 3) == .int(0))
        #expect(view.cell(row: 0, column: 4) == .int(1))
        #expect(view.cell(row: 3, column: 5) == .string("y z"))
        let (columns, content) = try table.contentMatrix()
        #expect(columns == ["A", "B"])
        #expect(content.rowCount == 3)
        #expect(throws: StepError.self) { try table.contentMatrix(blocks: ["tfidf"]) }
    }

    @Test func roundTripsThroughTheCacheFormat() throws {
        var table = try FeatureTable(rows: rows())
        table.blocks.append(.numeric(name: "genres", columns: ["A"], values: try Matrix(rows: [[1], [0], [1]])))
        table.encodings.append(try .init(name: "user", source: "userId", rows: table.rows))
        table.targetRange = 0.5...5
        var writer = BinaryWriter()
        table.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try FeatureTable(from: &reader)
        #expect(decoded.blocks == table.blocks)
        #expect(decoded.encodings == table.encodings)
        #expect(decoded.targetRange == 0.5...5)
        #expect(decoded.rows == table.rows)
    }

    @Test func encodeRejectsParametersThatDoNotApply() {
        var step = EncodeStep()
        step.transform = .tfidf
        step.column = "tag"
        step.fitOn = ValueRef(name: "split", members: ["train"], location: .init(file: "", line: 1, column: 1))
        #expect(step.validate() == [ParameterProblem("fit_on", "parameter 'fit_on' does not apply to transform 'tfidf' (only to 'minmax')")])
        step.fitOn = nil
        step.column = nil
        #expect(step.validate() == [ParameterProblem("column", "transform 'tfidf' needs parameter 'column'")])
    }
}
