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

    /// Past the first `count` scored items (where the heap is full and one comparison with its
    /// weakest score decides), ties, NaNs and exclusions still follow the full sort.
    @Test(arguments: [1, 10, 50, 499])
    func agreesWithAFullSortWithNaNsAndExclusions(count: Int) {
        let scores: [Double] = (0..<600).map { (index: Int) -> Double in
            index % 11 == 5 ? .nan : Double((index * 7919 + 13) % 37)
        }
        let excluded = Set((0..<600).filter { $0 % 7 == 3 })
        let expected = scores.indices
            .filter { !scores[$0].isNaN && !excluded.contains($0) }
            .sorted { (scores[$0], -$0) > (scores[$1], -$1) }
        #expect(topScoringItems(scores, count: count, excluding: excluded) == Array(expected.prefix(count)))
    }
}
