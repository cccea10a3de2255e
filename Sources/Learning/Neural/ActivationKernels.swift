import Foundation

/// The element-wise activations of the dense layers, in place.
enum ActivationKernels {
    /// `x ← max(x, 0)`.
    static func relu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { values[index] = max(values[index], 0) }
    }

    /// `gradient ← gradient · [output > 0]`, given the layer's output.
    ///
    /// The output may already have had dropout applied: a dropped unit's gradient is zeroed by
    /// its mask anyway, and a kept unit is positive exactly when its ReLU input was.
    static func reluBackward(output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count where !(output[index] > 0) { gradient[index] = 0 }
    }

    /// `x ← 1 / (1 + e^(−x))`. Saturates to exactly 0 or 1 without producing NaN.
    static func sigmoid(_ values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { values[index] = 1 / (1 + expf(-values[index])) }
    }

    /// `gradient ← gradient · y(1 − y)`, given the sigmoid's output `y`.
    static func sigmoidBackward(output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count {
            let y = output[index]
            gradient[index] *= y * (1 - y)
        }
    }
}
