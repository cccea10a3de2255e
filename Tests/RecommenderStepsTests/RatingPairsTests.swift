import NotebookCore
import RecbookSupport
import Testing
@testable import RecommenderSteps

@Suite struct RatingPairsTests {
    let here = SourceLocation(file: "nb.md", line: 1, column: 1)

    func node(_ entries: [(String, String)]) -> ParameterNode {
        ParameterNode(.mapping(entries.map { .init(key: $0.0, keyLocation: here, value: .scalar($0.1, at: here)) }), location: here)
    }

    @Test func parseMapsAndLists() throws {
        let pairs = try RatingPairs(parameter: node([("318", "5"), ("2571", "4.5")]))
        #expect(pairs.pairs == [.init(movie: 318, rating: 5), .init(movie: 2571, rating: 4.5)])
        #expect(pairs.canonicalText == "{318: 5.0, 2571: 4.5}")
        let list = try RatingPairs(parameter: ParameterNode(.sequence([node([("318", "5")]), node([("1", "2")])]), location: here))
        #expect(list.pairs == [.init(movie: 318, rating: 5), .init(movie: 1, rating: 2)])
    }

    @Test func rejectsWhatIsNotAMovieAndARating() {
        #expect(throws: ParameterError("expects movie ids as keys, got 'heat'", at: here)) { try RatingPairs(parameter: node([("heat", "5")])) }
        #expect(throws: ParameterError("gives movie 318 twice", at: here)) { try RatingPairs(parameter: node([("318", "5"), ("318", "4")])) }
        #expect(throws: ParameterError.self) { try RatingPairs(parameter: .scalar("318", at: here)) }
    }
}
