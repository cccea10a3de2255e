import Testing
@testable import RecommenderSteps

@Suite struct SplitStepTests {
    @Test func globalTimeCutsOnceForEveryone() {
        let timestamps = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100]
        let split = SplitStep.globalTimeSplit(timestamps: timestamps, validation: 0.2, test: 0.2)
        #expect(split.test == [8, 9])
        #expect(split.validation == [6, 7])
        #expect(split.train == [1, 3, 4, 2, 0, 5])
    }

    @Test func leaveLastKeepsAtLeastOneTrainingRating() {
        // User 1 has four ratings, user 2 two, user 3 one.
        let users = [1, 2, 1, 1, 3, 2, 1]
        let timestamps = [4, 1, 1, 3, 9, 2, 2]
        let split = SplitStep.leaveLastSplit(users: users, timestamps: timestamps, k: 1)
        #expect(split.test == [0, 5])
        #expect(split.validation == [3])
        #expect(split.train == [2, 6, 1, 4])
    }
}
