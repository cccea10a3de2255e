import Foundation
import Learning
import Testing

@Suite struct TimeAwareSplitTests {
    // Row: user, timestamp. User 1's rows 4 and 5 tie at 20; user 4's rows all tie at 100.
    let users = [2, 1, 1, 2, 1, 1, 3, 1, 4, 4, 4]
    let times = [50, 10, 30, 40, 20, 20, 5, 40, 100, 100, 100]

    @Test func holdsOutEachUsersLatestRows() throws {
        let split = try TimeAwareSplit().split(userIds: users, timestamps: times)
        // By hand: user 1 (5 rows) sorts to 1, 4, 5, 2, 7 → train 1, 4, 5 · validation 2 · test 7.
        // User 2 (2 rows) sorts to 3, 0 → validation 3 · test 0. User 3 (1 row) → test 6.
        // User 4 (3 tied rows) keeps file order 8, 9, 10 → train 8 · validation 9 · test 10.
        #expect(split == RowSplit(train: [1, 4, 5, 8], validation: [2, 3, 9], test: [7, 0, 6, 10]))
    }

    @Test func honoursCustomRatios() throws {
        let users = Array(repeating: 7, count: 10)
        let times = Array((0..<10).reversed())  // row 9 is the earliest
        let split = try TimeAwareSplit(validationRatio: 0.2, testRatio: 0.3).split(userIds: users, timestamps: times)
        // int(10 · 0.3) = 3 test rows, int(10 · 0.2) = 2 validation rows, 5 train rows.
        #expect(split == RowSplit(train: [9, 8, 7, 6, 5], validation: [4, 3], test: [2, 1, 0]))
    }

    @Test func handlesAnEmptyTable() throws {
        #expect(try TimeAwareSplit().split(userIds: [], timestamps: []) == RowSplit(train: [], validation: [], test: []))
    }

    @Test func rejectsBadInput() {
        #expect(throws: SplitError.self) { try TimeAwareSplit().split(userIds: [1, 2], timestamps: [1]) }
        #expect(throws: SplitError.self) {
            try TimeAwareSplit(validationRatio: 0.5, testRatio: 0.5).split(userIds: [1], timestamps: [1])
        }
        #expect(throws: SplitError.self) {
            try TimeAwareSplit(validationRatio: -0.1).split(userIds: [1], timestamps: [1])
        }
    }

    @Test(.enabled(if: MovieLensSample.isAvailable, "needs ../shared/datasets/ml-latest-small"))
    func reproducesTheOriginalSplitOfMovieLens() throws {
        let ratings = try MovieLensSample.ratings()
        let split = try TimeAwareSplit().split(userIds: ratings.userIds, timestamps: ratings.timestamps)
        // The original prints "Train: 81200  Val: 9818  Test: 9818". The rows at each end were
        // printed by pandas 3.1 from the original's code: `pd.concat(train_parts).index[:5]` etc.
        #expect((split.train.count, split.validation.count, split.test.count) == (81200, 9818, 9818))
        #expect(Array(split.train.prefix(5)) == [43, 73, 120, 171, 183])
        #expect(Array(split.train.suffix(5)) == [100272, 100629, 100231, 100699, 100407])
        #expect(Array(split.validation.prefix(5)) == [76, 91, 174, 176, 83])
        #expect(Array(split.validation.suffix(5)) == [99883, 100241, 100595, 99882, 100638])
        #expect(Array(split.test.prefix(5)) == [81, 71, 223, 198, 34])
        #expect(Array(split.test.suffix(5)) == [100612, 99540, 99556, 99681, 99775])
    }
}
