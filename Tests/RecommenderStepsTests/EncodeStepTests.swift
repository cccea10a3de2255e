import Foundation
import Frames
import Learning
import LinearAlgebra
import NotebookCore
import Testing
import RecbookSupport
@testable import RecommenderSteps

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
