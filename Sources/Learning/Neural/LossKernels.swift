/// The training objective: mean squared error plus the L2 penalty on the embeddings.
enum LossKernels {
    /// The sums of squared and absolute errors, accumulated in double precision.
    static func errorSums(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int
    ) -> (squared: Double, absolute: Double) {
        var squared = 0.0
        var absolute = 0.0
        for index in 0..<count {
            let error = Double(predictions[index]) - Double(targets[index])
            squared += error * error
            absolute += abs(error)
        }
        return (squared, absolute)
    }

    /// Writes ∂MSE/∂prediction = `2 (prediction − target) / count` for a batch of `count`.
    static func meanSquaredErrorGradient(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
        into gradient: UnsafeMutablePointer<Float>
    ) {
        let scale = 2 / Float(count)
        for index in 0..<count {
            gradient[index] = scale * (predictions[index] - targets[index])
        }
    }

    /// `Σ w²` in double precision.
    ///
    /// Four-wide float partial sums over blocks of 1024 values, added in double in block order:
    /// vectorised, accurate to float rounding within a block, and independent of anything but
    /// the data.
    static func sumOfSquares(_ values: UnsafePointer<Float>, count: Int) -> Double {
        let width = FloatVector.scalarCount
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(start + 1024, count)
            var squares = FloatVector()
            var index = start
            while index + width <= end {
                let vector = (values + index).loadVector()
                squares += vector * vector
                index += width
            }
            var partial = squares.sum()
            while index < end {
                partial += values[index] * values[index]
                index += 1
            }
            total += Double(partial)
            start = end
        }
        return total
    }

    /// Adds ∂(l2 · Σw²)/∂w = `l2 · 2w` into `gradient`.
    static func addL2Gradient(
        weights: UnsafePointer<Float>, count: Int, l2: Float, into gradient: UnsafeMutablePointer<Float>
    ) {
        for index in 0..<count { gradient[index] += l2 * (2 * weights[index]) }
    }
}
