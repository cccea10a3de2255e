import Testing
@testable import RecbookSupport

@Suite struct SuggestionsTests {
    @Test(arguments: [
        ("kitten", "sitting", 3), ("", "abc", 3), ("svd", "svd", 0), ("pivto", "pivot", 1), ("mdoe", "mode", 1), ("ab", "ba", 1), ("abc", "ca", 3),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Suggestions.editDistance(a, b) == expected)
    }

    @Test func suggestsCloseCandidatesOnly() {
        let steps = ["load", "pivot", "svd", "recommend", "evaluate"]
        #expect(Suggestions.bestMatch(for: "pivto", in: steps) == "pivot")
        #expect(Suggestions.bestMatch(for: "recomend", in: steps) == "recommend")
        #expect(Suggestions.bestMatch(for: "SVD", in: steps) == "svd")
        #expect(Suggestions.bestMatch(for: "banana", in: steps) == nil)
    }
}
