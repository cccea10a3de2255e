import Learning
import Testing

@Suite struct RecallAtKTests {
    @Test func ranksEachUsersOwnRows() throws {
        // Rows interleave users 5, 2, 7 and 9; k = 2.
        let users: [Int] = [5, 7, 2, 5, 7, 9, 5, 7, 2]
        let scores: [Double] = [0.9, 0.5, 0.8, 0.1, 0.5, 0.2, 0.5, 0.5, 0.3]
        let truth: [Double] = [4, 4, 3, 5, 3, 4.5, 3, 3, 1]
        let result = try RecallAtK(k: 2).evaluate(userIds: users, scores: scores, truth: truth)
        // User 2 has no relevant row and is skipped.
        // User 5: top 2 are rows 0 (0.9) and 6 (0.5); relevant rows 0 and 3 → recall 1/2.
        // User 7: three rows tie at 0.5; a stable argsort ranks the later rows 4 and 7 on top,
        // so relevant row 1 is missed → recall 0.
        // User 9: one relevant row, fewer rows than k → recall 1.
        #expect(result == RecallAtK.Result(meanRecall: 0.5, usersEvaluated: 3, usersWithoutRelevantRows: 1))
    }

    @Test func countsTheThresholdAsRelevant() throws {
        let result = try RecallAtK(k: 1, relevanceThreshold: 4).evaluate(
            userIds: [1, 1, 1], scores: [0.3, 0.2, 0.1], truth: [3.5, 4, 4])
        #expect(result.meanRecall == 0)
        let flipped = try RecallAtK(k: 1).evaluate(userIds: [1, 1, 1], scores: [0.1, 0.3, 0.2], truth: [3.5, 4, 4])
        #expect(flipped.meanRecall == 0.5)
    }

    @Test func ranksNaNScoresHighestLikeNumPy() throws {
        let result = try RecallAtK(k: 1).evaluate(userIds: [1, 1], scores: [.nan, 0.9], truth: [5, 1])
        #expect(result.meanRecall == 1)
    }

    @Test func returnsZeroWithoutRelevantRows() throws {
        let result = try RecallAtK().evaluate(userIds: [1, 2], scores: [1, 2], truth: [1, 2])
        #expect(result == RecallAtK.Result(meanRecall: 0, usersEvaluated: 0, usersWithoutRelevantRows: 2))
    }

    @Test func rejectsBadInput() {
        #expect(throws: MetricError.self) { try RecallAtK().evaluate(userIds: [1], scores: [], truth: [1]) }
        #expect(throws: MetricError.self) { try RecallAtK(k: 0).evaluate(userIds: [1], scores: [1], truth: [1]) }
    }
}
