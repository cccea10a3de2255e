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

/// Expected values were printed by scikit-learn 1.9:
/// `tr, te = train_test_split(np.arange(n), test_size=0.2, random_state=42)` and
/// `tr2, va = train_test_split(tr, test_size=0.2, random_state=42)`.
@Suite struct TrainTestSplitTests {
    let split = TrainTestSplit(testFraction: 0.2, randomState: 42)

    @Test func matchesScikitLearnOnSmallInputs() throws {
        let ten = try split.split(rowCount: 10)
        #expect(ten.train == [5, 0, 7, 2, 9, 4, 3, 6])
        #expect(ten.test == [8, 1])
        // ceil(0.2 · 7) = 2 test rows.
        let seven = try split.split(rowCount: 7)
        #expect(seven.train == [5, 2, 4, 3, 6])
        #expect(seven.test == [0, 1])
    }

    @Test func composesTwoSplitsLikeTheOriginal() throws {
        #expect(try split.trainValidationTestSplit(rowCount: 10)
            == RowSplit(train: [5, 6, 7, 9, 2, 3], validation: [0, 4], test: [8, 1]))
        #expect(try split.trainValidationTestSplit(rowCount: 7)
            == RowSplit(train: [6, 4, 5, 3], validation: [2], test: [0, 1]))
    }

    @Test func matchesScikitLearnOnTheMergedTableSize() throws {
        let parts = try split.trainValidationTestSplit(rowCount: 100_836)
        #expect((parts.train.count, parts.validation.count, parts.test.count) == (64534, 16134, 20168))
        #expect(Array(parts.test.prefix(3)) == [67037, 42175, 93850])
        #expect(Array(parts.test.suffix(3)) == [33423, 98552, 87803])
        #expect(Array(parts.train.prefix(3)) == [20287, 48553, 97573])
        #expect(Array(parts.train.suffix(3)) == [94754, 15247, 12958])
        #expect(Array(parts.validation.prefix(3)) == [50830, 48773, 75830])
        #expect(Array(parts.validation.suffix(3)) == [21451, 23372, 27484])
        let once = try split.split(rowCount: 100_836)
        #expect(Array(once.train.prefix(3)) == [80568, 50582, 8344])
        #expect(Array(once.train.suffix(3)) == [76820, 860, 15795])
    }

    @Test func splitsArbitraryElements() throws {
        let (train, test) = try split.split(Array("abcdefghij"))
        #expect(String(train) == "fahcjedg")
        #expect(String(test) == "ib")
    }

    @Test(arguments: [0.0, 1.0, -0.5, 1.5])
    func rejectsFractionsOutsideTheOpenUnitInterval(fraction: Double) {
        #expect(throws: SplitError.self) { try TrainTestSplit(testFraction: fraction, randomState: 0).split(rowCount: 10) }
    }

    @Test(arguments: [0, 1])
    func rejectsInputsThatLeaveNoTrainingRows(rowCount: Int) {
        #expect(throws: SplitError.self) { try split.split(rowCount: rowCount) }
    }
}

/// MovieLens ml-latest-small beside the package, for cross-checks against the original's
/// outputs. Tests that use it are skipped when it is absent.
enum MovieLensSample {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/datasets/ml-latest-small").standardizedFileURL

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("ratings.csv").path)
    }

    /// The columns of ratings.csv, whose fields never need quoting.
    static func ratings() throws -> (userIds: [Int], movieIds: [Int], ratings: [Double], timestamps: [Int]) {
        let text = try String(contentsOf: directory.appendingPathComponent("ratings.csv"), encoding: .utf8)
        var result: (userIds: [Int], movieIds: [Int], ratings: [Double], timestamps: [Int]) = ([], [], [], [])
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == 4, let user = Int(fields[0]), let movie = Int(fields[1]),
                  let rating = Double(fields[2]), let time = Int(fields[3])
            else { throw CocoaError(.fileReadCorruptFile) }
            result.userIds.append(user)
            result.movieIds.append(movie)
            result.ratings.append(rating)
            result.timestamps.append(time)
        }
        return result
    }
}
