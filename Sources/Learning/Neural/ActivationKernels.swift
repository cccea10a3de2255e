import Foundation

/// The element-wise activations of the dense layers, in place.
enum ActivationKernels {
    /// `x ← max(x, 0)`.
    static func relu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        // Explicit lanes: the scalar form compiles to a branch per value, mispredicted half the time.
        var index = 0
        while index + FloatVector.scalarCount <= count {
            let vector = (values + index).loadVector()
            (values + index).storeVector(vector.replacing(with: 0, where: .!(vector .> 0)))
            index += FloatVector.scalarCount
        }
        while index < count {
            values[index] = values[index] > 0 ? values[index] : 0
            index += 1
        }
    }

    /// `gradient ← gradient · [output > 0]`, given the layer's output.
    ///
    /// The output may already have had dropout applied: a dropped unit's gradient is zeroed by
    /// its mask anyway, and a kept unit is positive exactly when its ReLU input was.
    static func reluBackward(output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + FloatVector.scalarCount <= count {
            let active = (output + index).loadVector() .> 0
            (gradient + index).storeVector((gradient + index).loadVector().replacing(with: 0, where: .!active))
            index += FloatVector.scalarCount
        }
        while index < count {
            gradient[index] = output[index] > 0 ? gradient[index] : 0
            index += 1
        }
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
