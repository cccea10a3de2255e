import Foundation
import Learning
import Testing

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
