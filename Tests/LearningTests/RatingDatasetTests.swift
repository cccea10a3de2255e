import Learning
import Testing

@Suite struct RatingDatasetTests {
    @Test func indexesUsersAndItemsAndKeepsTimeOrder() throws {
        // User 7 rated item 30 at time 5, then item 10 at time 2 (earlier), then 20 at time 5 (tie).
        let log = try RatingLog(userIds: [7, 3, 7, 7], itemIds: [30, 10, 10, 20], ratings: [4, 3, 5, 2], timestamps: [5, 9, 2, 5])
        let data = try RatingDataset(log)
        #expect(data.users.ids == [3, 7])
        #expect(data.items.ids == [10, 20, 30])
        #expect(data.histories.history(ofUser: 1) == [
            RatedItem(item: 0, rating: 5), RatedItem(item: 2, rating: 4), RatedItem(item: 1, rating: 2),
        ])
        #expect(data.histories.history(ofUser: 0) == [RatedItem(item: 0, rating: 3)])
        #expect(data.itemRatingCounts == [2, 1, 1])
        #expect(data.meanRating == 3.5)
        // Item 10's raters are user 3 (position 0) and user 7 (position 1).
        #expect(Array(data.entries(ofItem: 0)).map { data.entryUsers[$0] } == [0, 1])
    }

    @Test func averagesARepeatedRatingAsPivotDoes() throws {
        // User 1 rates item 5 three times (3, 4, 2: mean 3) around a rating of item 6; pandas'
        // pivot_table(index=user, columns=item, values=rating) gives 3.0 and 5.0 for user 1.
        let log = try RatingLog(userIds: [1, 1, 1, 2, 1], itemIds: [5, 6, 5, 5, 5], ratings: [3, 5, 4, 1, 2], timestamps: [0, 1, 2, 0, 3])
        let data = try RatingDataset(log)
        #expect(data.repeatedPairCount == 2)
        #expect(data.ratingCount == 3)
        #expect(Array(data.histories.items[data.histories.range(ofUser: 0)]) == [0, 1])
        #expect(Array(data.histories.ratings[data.histories.range(ofUser: 0)]) == [3, 5])
        #expect(data.itemRatingCounts == [2, 1])
        #expect(data.meanRating == 3)
    }

    @Test func rejectsBadLogs() {
        #expect(throws: ModelError.self) { try RatingDataset(RatingLog()) }
        #expect(throws: ModelError.self) { try RatingLog(userIds: [1], itemIds: [], ratings: [1], timestamps: [1]) }
        #expect(throws: ModelError.self) { try RatingLog(userIds: [1], itemIds: [2], ratings: [.nan], timestamps: [1]) }
    }

    @Test func encodesHeldOutRatingsAndCountsWhatItSkips() throws {
        let data = try RatingDataset(RatingLog(userIds: [1, 2], itemIds: [10, 20], ratings: [4, 5], timestamps: [0, 0]))
        let held = try RatingLog(userIds: [2, 3, 1, 1], itemIds: [10, 10, 30, 20], ratings: [1, 2, 3, 4], timestamps: [0, 0, 0, 0])
        let encoded = data.encode(held)
        #expect(encoded.users == [1, 0] && encoded.items == [0, 1] && encoded.ratings == [1, 4])
        #expect(encoded.skippedUnknownUser == 1 && encoded.skippedUnknownItem == 1)
    }

    @Test func selectsAndFiltersRows() throws {
        let log = try RatingLog(userIds: [1, 2, 3], itemIds: [10, 20, 30], ratings: [1, 2, 3], timestamps: [7, 8, 9])
        #expect(log.rows([2, 0]).itemIds == [30, 10])
        #expect(log.filter { user, _ in user != 2 }.ratings == [1, 3])
        #expect(log.appending(log.rows([1])).count == 4)
    }
}
