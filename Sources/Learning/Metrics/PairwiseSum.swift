/// The sum of an array exactly as NumPy computes `np.sum` (and so `np.mean`) of a contiguous
/// float64 array: pairwise summation over blocks of at most 128 elements, each summed with
/// eight interleaved accumulators.
///
/// Matching NumPy's order of additions makes means, and the metrics built on them, agree with
/// Python's to the last bit rather than to a few ulps.
func numpyPairwiseSum(_ values: UnsafeBufferPointer<Double>) -> Double {
    let count = values.count
    if count < 8 {
        var sum = 0.0
        for value in values { sum += value }
        return sum
    }
    if count <= 128 {
        var partial = Array(values[0..<8])
        var index = 8
        while index < count - count % 8 {
            for lane in 0..<8 { partial[lane] += values[index + lane] }
            index += 8
        }
        var sum = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
            + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
        while index < count {
            sum += values[index]
            index += 1
        }
        return sum
    }
    var half = count / 2
    half -= half % 8
    return numpyPairwiseSum(UnsafeBufferPointer(rebasing: values[0..<half]))
        + numpyPairwiseSum(UnsafeBufferPointer(rebasing: values[half...]))
}

/// The mean of an array as `np.mean` computes it.
func numpyMean(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer(numpyPairwiseSum) / Double(values.count)
}
