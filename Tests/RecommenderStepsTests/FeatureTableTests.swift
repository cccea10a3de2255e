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
        table.encodings.append(.init(name: "user", source: "userId", vocabulary: IdVocabulary([1, 2])))
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

@Suite struct EncodeStepTests {
    let here = SourceLocation(file: "nb.md", line: 1, column: 1)

    func reference(_ name: String) -> ValueRef { ValueRef(name: name, location: here) }

    func movies() throws -> DataFrame {
        try DataFrame([
            "movieId": .ints([10, 20, 30]),
            "title": .strings(["A (1990)", "B (1991)", "C (1992)"]),
            "genres": .strings(["Action|Comedy", "Drama", "(no genres listed)"]),
        ])
    }

    func rows() throws -> DataFrame {
        try DataFrame(["movieId": .ints([10, 10, 20, 30]), "userId": .ints([1, 2, 1, 2]), "rating": .doubles([4, 5, 3, 1])])
    }

    func encode(_ configure: (inout EncodeStep) -> Void, values: [String: any NotebookValue]) throws -> FeatureTable {
        var step = EncodeStep()
        step.table = reference("rows")
        configure(&step)
        #expect(step.validate().isEmpty, "\(step.validate())")
        let value = try step.run(in: .standalone(values: values))
        return try #require(value as? FeatureTable)
    }

    @Test func multiHotGenresFromTheMoviesTable() throws {
        let table = try encode({
            $0.transform = .multiHot
            $0.column = "genres"
            $0.source = reference("movies")
        }, values: ["rows": try rows(), "movies": try movies()])
        guard case let .numeric(_, columns, values)? = table.blocks.first else { Issue.record("no block"); return }
        // Sorted by code point: "(" sorts before letters.
        #expect(columns == ["(no genres listed)", "Action", "Comedy", "Drama"])
        #expect(Array(values.row(0)) == [0, 1, 1, 0])
        #expect(Array(values.row(2)) == [1, 0, 0, 0])
    }

    @Test func aReleaseWithoutTagsGetsAnEmptyTFIDFBlock() throws {
        let emptyTags = try DataFrame([
            "userId": .ints([]), "movieId": .ints([]), "tag": .strings([String]()), "timestamp": .timestamps([Int]()),
        ])
        var table = try encode({
            $0.transform = .joinTags
            $0.tags = reference("tags")
        }, values: ["rows": try rows(), "tags": emptyTags])
        table = try encode({
            $0.transform = .tfidf
            $0.column = "tag"
        }, values: ["rows": table])
        guard case let .numeric(name, columns, values)? = table.blocks.last else { Issue.record("no block"); return }
        #expect(name == "tfidf" && columns.isEmpty && values.rowCount == 3)
    }

    @Test func minMaxScalingIsFittedOnTheGivenRowsOnly() throws {
        var table = try FeatureTable(rows: try rows())
        table.blocks.append(.numeric(name: "x", columns: ["x"], values: try Matrix(rows: [[2], [4], [10]])))
        // Fit on movies 10 and 20 only: min 2, max 4, so movie 30 scales beyond 1.
        let fit = try DataFrame(["movieId": .ints([10, 20]), "userId": .ints([1, 1]), "rating": .doubles([1, 1])])
        let scaled = try encode({
            $0.transform = .minmax
            $0.fitOn = reference("fit")
        }, values: ["rows": table, "fit": fit])
        guard case let .numeric(_, _, values)? = scaled.blocks.first else { Issue.record("no block"); return }
        #expect(values.storage == [0, 1, 4])
    }
}
