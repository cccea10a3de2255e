/// scikit-learn's `train_test_split(..., test_size=testFraction, random_state=randomState)`,
/// reproduced exactly, including the order of the rows in each part.
///
/// scikit-learn computes `n_test = ceil(testFraction · n)` and `n_train = n − n_test`, draws
/// `RandomState(randomState).permutation(n)`, and returns `test = perm[:n_test]` and
/// `train = perm[n_test:]`. Shuffling is always on and there is no stratification.
public struct TrainTestSplit: Sendable, Equatable {
    /// The fraction of rows to hold out, in (0, 1); scikit-learn's float `test_size`.
    public var testFraction: Double
    /// The seed of NumPy's legacy `RandomState`; scikit-learn's integer `random_state`.
    public var randomState: UInt32

    public init(testFraction: Double = 0.25, randomState: UInt32) {
        self.testFraction = testFraction
        self.randomState = randomState
    }

    /// Splits `0..<rowCount` into shuffled train and test row indices.
    ///
    /// - Throws: ``SplitError/invalidFraction(_:)`` for a fraction outside (0, 1), and
    ///   ``SplitError/emptyPart(_:)`` when the training part would be empty, as scikit-learn does.
    /// - Complexity: O(rowCount).
    public func split(rowCount: Int) throws -> (train: [Int], test: [Int]) {
        guard testFraction > 0, testFraction < 1 else {
            throw SplitError.invalidFraction("test fraction \(testFraction) is outside (0, 1)")
        }
        let testCount = Int((testFraction * Double(rowCount)).rounded(.up))
        guard rowCount - testCount > 0 else {
            throw SplitError.emptyPart(
                "with \(rowCount) rows and a test fraction of \(testFraction), the training part is empty")
        }
        var generator = NumPyRandomState(seed: randomState)
        let permutation = generator.permutation(rowCount)
        return (Array(permutation[testCount...]), Array(permutation[..<testCount]))
    }

    /// Splits the elements of an array (for example, row indices from an earlier split) the
    /// way `train_test_split` splits an array passed to it.
    ///
    /// - Throws: As ``split(rowCount:)``.
    public func split<Element>(_ elements: [Element]) throws -> (train: [Element], test: [Element]) {
        let (train, test) = try split(rowCount: elements.count)
        return (train.map { elements[$0] }, test.map { elements[$0] })
    }

    /// The original notebook's three-way split: `train_test_split` for test, then
    /// `train_test_split` again on the remaining training rows for validation, each with this
    /// split's random state.
    ///
    /// - Parameters:
    ///   - rowCount: The number of rows.
    ///   - validationFraction: The fraction of the first training part that becomes validation;
    ///     `nil` (the original's choice) means ``testFraction`` again.
    /// - Returns: Row indices into `0..<rowCount`, each part in scikit-learn's order.
    /// - Throws: As ``split(rowCount:)``, for either step.
    public func trainValidationTestSplit(rowCount: Int, validationFraction: Double? = nil) throws -> RowSplit {
        let (remaining, test) = try split(rowCount: rowCount)
        var second = self
        second.testFraction = validationFraction ?? testFraction
        let (train, validation) = try second.split(remaining)
        return RowSplit(train: train, validation: validation, test: test)
    }
}
