/// The root of the mean squared difference between predictions and true values, as
/// `np.sqrt(sklearn.metrics.mean_squared_error(truth, predictions))` computes it (to the bit).
///
/// Predictions are not clipped to the rating scale.
///
/// - Throws: ``MetricError/lengthMismatch(_:)`` for arrays of different lengths,
///   ``MetricError/empty`` for empty ones.
public func rootMeanSquaredError(predictions: [Double], truth: [Double]) throws -> Double {
    try checkPairs(predictions, truth)
    return numpyMean(zip(truth, predictions).map { ($0 - $1) * ($0 - $1) }).squareRoot()
}

/// The mean absolute difference between predictions and true values, as
/// `sklearn.metrics.mean_absolute_error(truth, predictions)` computes it (to the bit).
///
/// - Throws: ``MetricError/lengthMismatch(_:)`` for arrays of different lengths,
///   ``MetricError/empty`` for empty ones.
public func meanAbsoluteError(predictions: [Double], truth: [Double]) throws -> Double {
    try checkPairs(predictions, truth)
    return numpyMean(zip(truth, predictions).map { abs($1 - $0) })
}

private func checkPairs(_ predictions: [Double], _ truth: [Double]) throws {
    guard predictions.count == truth.count else {
        throw MetricError.lengthMismatch("\(predictions.count) predictions, \(truth.count) true values")
    }
    guard !predictions.isEmpty else { throw MetricError.empty }
}
