import Frames
import Learning
import NotebookCore
import TableSteps
import RecbookSupport

/// Splits ratings into train, validation and test parts.
struct SplitStep: Step {
    static let name = "split"
    static let category = "Evaluation"
    static let summary = "Split ratings into train, validation and test parts."
    static let discussion = """
    Methods:
    - `time-aware` (the original's): per user, sorted by time with ties in file order, the last \
    max(1, ⌊test_ratio·n⌋) ratings are test, the max(1, ⌊val_ratio·n⌋) before them validation, \
    the rest train.
    - `global-time`: one cut in time for everyone: the latest test_ratio of all ratings are \
    test, the val_ratio before them validation.
    - `leave-last`: per user, the last `k` ratings are test and the `k` before them validation.
    - `random`: scikit-learn's `train_test_split` twice, reproduced exactly: test_ratio of the \
    rows are test, then val_ratio of the remainder validation, with `seed` as random_state.
    It prints the original's summary line.
    """
    static let example = "ratings: ratings\nmethod: time-aware\nas: split"
    static let produces: ValueKind? = .split
    static let schema: ParameterSchema<Self> = [
        .input(\.ratings, "ratings", kind: .table, doc: "Ratings with userId, movieId, rating and timestamp columns."),
        .parameter(\.method, "method", doc: "How to split (see above)."),
        .parameter(\.validationRatio, "val_ratio", doc: "Share for validation (for 'random': of what remains after the test part).", .inRange(0.0..<1.0)),
        .parameter(\.testRatio, "test_ratio", doc: "Share for test.", .inRange(0.0..<1.0)),
        .parameter(\.lastK, "k", doc: "Ratings per user for 'leave-last'.", .inRange(1...10_000)),
        .parameter(\.seed, "seed", doc: "random_state for 'random'; by default derived from the notebook seed."),
    ]

    enum Method: String, ChoiceParameter {
        case timeAware = "time-aware", globalTime = "global-time", leaveLast = "leave-last", random
    }

    var ratings = ValueRef()
    var method: Method = .timeAware
    var validationRatio = 0.1
    var testRatio = 0.1
    var lastK = 1
    var seed: Int? = nil

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(ratings)
        let users = try frame.ints("userId")
        let rows: RowSplit
        switch method {
        case .timeAware:
            rows = try TimeAwareSplit(validationRatio: validationRatio, testRatio: testRatio)
                .split(userIds: users, timestamps: try frame.timestamps("timestamp"))
        case .globalTime:
            rows = Self.globalTimeSplit(timestamps: try frame.timestamps("timestamp"), validation: validationRatio, test: testRatio)
        case .leaveLast:
            rows = Self.leaveLastSplit(users: users, timestamps: try frame.timestamps("timestamp"), k: lastK)
        case .random:
            let state = UInt32(truncatingIfNeeded: seed ?? Int(truncatingIfNeeded: context.seed))
            rows = try TrainTestSplit(testFraction: testRatio, randomState: state)
                .trainValidationTestSplit(rowCount: frame.rowCount, validationFraction: validationRatio)
        }
        let split = RatingSplit(
            train: frame.gatheringRows(rows.train),
            validation: frame.gatheringRows(rows.validation),
            test: frame.gatheringRows(rows.test),
            userCount: try frame.uniqueCount("userId"),
            itemCount: try frame.uniqueCount("movieId"),
            method: method.rawValue
        )
        context.print(
            "Train: \(split.train.rowCount)  Val: \(split.validation.rowCount)  Test: \(split.test.rowCount)  "
                + "Users: \(split.userCount)  Items: \(split.itemCount)"
        )
        return split
    }

    /// The latest `test` share of all ratings (stable by time) are test, the `validation` share
    /// before them validation.
    static func globalTimeSplit(timestamps: [Int], validation: Double, test: Double) -> RowSplit {
        let order = timestamps.indices.sorted { (timestamps[$0], $0) < (timestamps[$1], $1) }
        let testCount = Int(Double(order.count) * test)
        let validationCount = Int(Double(order.count) * validation)
        let trainEnd = max(0, order.count - testCount - validationCount)
        return RowSplit(
            train: Array(order[..<trainEnd]),
            validation: Array(order[trainEnd..<(order.count - testCount)]),
            test: Array(order[(order.count - testCount)...])
        )
    }

    /// Per user, by time: the last `k` ratings are test, the `k` before them validation.
    /// Users with fewer than 2k + 1 ratings keep at least one training rating.
    static func leaveLastSplit(users: [Int], timestamps: [Int], k: Int) -> RowSplit {
        let order = users.indices.sorted { (users[$0], timestamps[$0], $0) < (users[$1], timestamps[$1], $1) }
        var split = RowSplit(train: [], validation: [], test: [])
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count, users[order[end]] == users[order[start]] { end += 1 }
            let count = end - start
            let testCount = min(k, max(0, count - 1))
            let validationCount = min(k, max(0, count - 1 - testCount))
            let trainEnd = end - testCount - validationCount
            split.train += order[start..<trainEnd]
            split.validation += order[trainEnd..<(end - testCount)]
            split.test += order[(end - testCount)..<end]
            start = end
        }
        return split
    }
}
