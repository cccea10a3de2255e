import Foundation

/// Adam, step for step as Keras 3 computes it in float32.
///
/// For step `t` (counting from 1), with `g` the gradient:
///
///     m ← m + (g − m)(1 − β₁)
///     v ← v + (g² − v)(1 − β₂)
///     α = lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
///     w ← w − m·α / (√v + ε)
///
/// The L2 penalty on the embeddings makes their gradient dense, so Keras updates every embedding
/// row on every step, not only the rows of the batch; this does the same. To keep that pass
/// cheap the penalty's gradient `l2 · 2w` is added inside the update loop, which also returns
/// `Σw²` of the penalised weights before the update (the penalty's share of the batch loss)
/// and clears their gradient for the next batch's scatter.
struct AdamOptimizer {
    let configuration: AdamConfiguration
    /// The number of steps taken so far (Keras's `iterations`).
    private(set) var iterations = 0
    private var firstMoments: [Float]
    private var secondMoments: [Float]

    init(configuration: AdamConfiguration, parameterCount: Int) {
        self.configuration = configuration
        firstMoments = Array(repeating: 0, count: parameterCount)
        secondMoments = Array(repeating: 0, count: parameterCount)
    }

    /// Takes one step on every parameter.
    ///
    /// - Parameters:
    ///   - parameters: The weights, updated in place; `count` equals the optimiser's size.
    ///   - gradient: ∂loss/∂w without the L2 term. The first `regularizedCount` values are
    ///     reset to zero on return; the rest are left as they were.
    ///   - learningRate: The learning rate for this step.
    ///   - regularizedCount: The length of the prefix of parameters under the L2 penalty.
    ///   - l2: The penalty coefficient, as float32.
    /// - Returns: `Σw²` over the penalised prefix, before the update.
    /// - Complexity: O(parameter count), one pass.
    mutating func step(
        parameters: UnsafeMutablePointer<Float>,
        gradient: UnsafeMutablePointer<Float>,
        learningRate: Float,
        regularizedCount: Int,
        l2: Float
    ) -> Double {
        iterations += 1
        let coefficients = Coefficients(configuration, learningRate: learningRate, step: iterations)
        let count = firstMoments.count
        let penalised = min(max(regularizedCount, 0), count)
        return firstMoments.withUnsafeMutableBufferPointer { m in
            secondMoments.withUnsafeMutableBufferPointer { v in
                guard let m = m.baseAddress, let v = v.baseAddress else { return 0 }
                let sumOfSquares = Self.update(
                    range: 0..<penalised, weights: parameters, gradient: gradient,
                    m: m, v: v, coefficients: coefficients, l2: l2
                )
                _ = Self.update(
                    range: penalised..<count, weights: parameters, gradient: gradient,
                    m: m, v: v, coefficients: coefficients, l2: nil
                )
                return sumOfSquares
            }
        }
    }

    /// The per-step constants, rounded to float32 where Keras rounds them.
    struct Coefficients {
        /// `1 − β₁`, computed in double (a Python float) and then cast.
        let firstDecay: Float
        let secondDecay: Float
        let epsilon: Float
        /// The bias-corrected step size α.
        let stepSize: Float

        init(_ configuration: AdamConfiguration, learningRate: Float, step: Int) {
            firstDecay = Float(1 - configuration.beta1)
            secondDecay = Float(1 - configuration.beta2)
            epsilon = Float(configuration.epsilon)
            let t = Float(step)
            let beta1Power = powf(Float(configuration.beta1), t)
            let beta2Power = powf(Float(configuration.beta2), t)
            stepSize = learningRate * (1 - beta2Power).squareRoot() / (1 - beta1Power)
        }
    }

    private typealias Vector = SIMD8<Float>

    /// Updates `range`; with `l2`, adds the penalty's gradient, clears the gradient and returns
    /// the sum of squares of the old weights (0 otherwise).
    ///
    /// The arithmetic is explicit 8-wide SIMD so that the sum of squares, which the compiler may
    /// not reorder on its own, vectorises along with the update. Partial sums are formed per
    /// block of 1024 weights and added in order, so the result does not depend on anything but
    /// the data.
    private static func update(
        range: Range<Int>,
        weights: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>,
        m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
        coefficients c: Coefficients, l2: Float?
    ) -> Double {
        let width = Vector.scalarCount
        let blockSize = 1024
        var total = 0.0
        var blockStart = range.lowerBound
        while blockStart < range.upperBound {
            let blockEnd = min(blockStart + blockSize, range.upperBound)
            var squares = Vector()
            var index = blockStart
            while index + width <= blockEnd {
                let w = load(weights + index)
                var g = load(gradient + index)
                if let l2 {
                    squares += w * w
                    g += l2 * (2 * w)
                    store(Vector(), to: gradient + index)
                }
                let newM = load(m + index) + (g - load(m + index)) * c.firstDecay
                let newV = load(v + index) + (g * g - load(v + index)) * c.secondDecay
                store(newM, to: m + index)
                store(newV, to: v + index)
                store(w - (newM * c.stepSize) / (newV.squareRoot() + c.epsilon), to: weights + index)
                index += width
            }
            var partial = squares.sum()
            while index < blockEnd {
                let w = weights[index]
                var g = gradient[index]
                if let l2 {
                    partial += w * w
                    g += l2 * (2 * w)
                    gradient[index] = 0
                }
                let newM = m[index] + (g - m[index]) * c.firstDecay
                let newV = v[index] + (g * g - v[index]) * c.secondDecay
                m[index] = newM
                v[index] = newV
                weights[index] = w - (newM * c.stepSize) / (newV.squareRoot() + c.epsilon)
                index += 1
            }
            total += Double(partial)
            blockStart = blockEnd
        }
        return total
    }

    @inline(__always)
    private static func load(_ pointer: UnsafeMutablePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    private static func store(_ vector: Vector, to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
    }
}
