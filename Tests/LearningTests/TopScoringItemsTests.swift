import Foundation
import Learning
import Testing

@Suite struct TopScoringItemsTests {
    @Test func breaksTiesByIndex() {
        #expect(topScoringItems([1, 3, 3, 2, 3], count: 3) == [1, 2, 4])
        #expect(topScoringItems([1, 3, 3, 2, 3], count: 4) == [1, 2, 4, 3])
    }

    @Test func neverRanksAnItemScoredNaN() {
        #expect(topScoringItems([.nan, 1, -.infinity, .nan], count: 4) == [1, 2])
    }

    @Test func skipsExcludedItems() {
        #expect(topScoringItems([5, 4, 3, 2], count: 2, excluding: [0, 2, 99, -1]) == [1, 3])
    }

    @Test func returnsWhatIsLeftWhenTheCutoffIsLarger() {
        #expect(topScoringItems([0.5, 0.1], count: 10, excluding: [1]) == [0])
        #expect(topScoringItems([0.5, 0.1], count: 0) == [])
        #expect(topScoringItems([], count: 3) == [])
    }

    @Test func agreesWithAFullSortOnManyScores() {
        // A fixed pseudo-random sequence with many ties (40 distinct values over 500 scores).
        let scores = (0..<500).map { Double(($0 * 7919 + 13) % 40) }
        let expected = scores.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }
        #expect(topScoringItems(scores, count: 25) == Array(expected.prefix(25)))
    }
}
