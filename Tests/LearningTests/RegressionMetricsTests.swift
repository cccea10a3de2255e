import Learning
import Testing

@Suite struct RegressionMetricsTests {
    @Test func computesByHand() throws {
        let truth = [1, 2, 3, 4.5], predictions = [1.5, 2, 2, 5]
        // Squared errors 0.25, 0, 1, 0.25 → mean 0.375; absolute errors 0.5, 0, 1, 0.5 → mean 0.5.
        #expect(try rootMeanSquaredError(predictions: predictions, truth: truth) == 0.375.squareRoot())
        #expect(try meanAbsoluteError(predictions: predictions, truth: truth) == 0.5)
    }

    @Test func matchesNumPyToTheBitOnALongArray() throws {
        let count = 1000
        let truth = (0..<count).map { Double($0 % 10) / 2 + 0.5 }
        let predictions = (0..<count).map { Double(($0 * 7919) % 1000) / 200 }
        // Python: t = np.arange(1000) % 10 / 2 + 0.5; p = (np.arange(1000) * 7919) % 1000 / 200
        // repr(np.sqrt(mean_squared_error(t, p))), repr(mean_absolute_error(t, p))
        #expect(try rootMeanSquaredError(predictions: predictions, truth: truth) == 2.056292172819806)
        #expect(try meanAbsoluteError(predictions: predictions, truth: truth) == 1.679)
    }

    @Test func doesNotClip() throws {
        #expect(try meanAbsoluteError(predictions: [7], truth: [5]) == 2)
    }

    @Test func rejectsBadInput() {
        #expect(throws: MetricError.empty) { try rootMeanSquaredError(predictions: [], truth: []) }
        #expect(throws: MetricError.self) { try meanAbsoluteError(predictions: [1], truth: [1, 2]) }
    }
}
