import CKernels
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
/// and clears their gradient for the next batch's scatter. The pass is split into fixed chunks
/// that run in parallel; each weight's arithmetic is independent of the others', so the result
/// is the same bit for bit as a sequential pass.
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
        let chunkCount = (count + Self.chunkSize - 1) / Self.chunkSize
        var chunkSums = [Double](repeating: 0, count: chunkCount)
        firstMoments.withUnsafeMutableBufferPointer { m in
            secondMoments.withUnsafeMutableBufferPointer { v in
                chunkSums.withUnsafeMutableBufferPointer { sums in
                    guard let m = m.baseAddress, let v = v.baseAddress, let sums = sums.baseAddress else { return }
                    let buffers = Buffers(weights: parameters, gradient: gradient, m: m, v: v, sums: sums)
                    let updateChunk: @Sendable (Int) -> Void = { chunk in
                        let start = chunk * Self.chunkSize
                        let end = min(start + Self.chunkSize, count)
                        let split = min(max(penalised, start), end)
                        buffers.sums[chunk] = Self.update(
                            range: start..<split, buffers, coefficients: coefficients, l2: l2
                        )
                        _ = Self.update(range: split..<end, buffers, coefficients: coefficients, l2: nil)
                    }
                    if chunkCount > 1 {
                        DispatchQueue.concurrentPerform(iterations: chunkCount, execute: updateChunk)
                    } else if chunkCount == 1 {
                        updateChunk(0)
                    }
                }
            }
        }
        // Chunk sums are added in chunk order, so the result does not depend on the threads.
        return chunkSums.reduce(0, +)
    }

    /// Takes one lazy step (``EmbeddingUpdates/lazy``): the embedding rows the batch looked up
    /// and every parameter after the embeddings; every other row keeps its weights and moments.
    ///
    /// The arithmetic per weight is the dense step's, with the same step count in the bias
    /// correction, so a step that looks up every row equals a dense step bit for bit.
    ///
    /// - Parameters:
    ///   - parameters: The weights, updated in place.
    ///   - gradient: ∂loss/∂w without the L2 term. The looked-up rows' gradient is reset to zero
    ///     on return; the embedding gradient of other rows must already be zero.
    ///   - learningRate: The learning rate for this step.
    ///   - rows: The distinct embedding rows the batch looked up; row `r` is the parameters
    ///     `r·rowWidth ..< (r + 1)·rowWidth`, inside the penalised prefix.
    ///   - rowWidth: The embedding dimension.
    ///   - regularizedCount: The length of the embedding prefix; later parameters are dense.
    ///   - l2: The penalty coefficient, as float32.
    /// - Returns: `Σw²` over the looked-up rows before and after the update, each summed as
    ///   ``rowSquares(_:row:width:)`` sums, so that a caller can keep the penalty of the whole
    ///   prefix up to date without a pass over it.
    /// - Complexity: O(rows × rowWidth + parameters after the embeddings).
    mutating func lazyStep(
        parameters: UnsafeMutablePointer<Float>,
        gradient: UnsafeMutablePointer<Float>,
        learningRate: Float,
        rows: UnsafeBufferPointer<Int>,
        rowWidth: Int,
        regularizedCount: Int,
        l2: Float
    ) -> (before: Double, after: Double) {
        iterations += 1
        let coefficients = Coefficients(configuration, learningRate: learningRate, step: iterations)
        let count = firstMoments.count
        let penalised = min(max(regularizedCount, 0), count)
        var before = 0.0, after = 0.0
        firstMoments.withUnsafeMutableBufferPointer { m in
            secondMoments.withUnsafeMutableBufferPointer { v in
                guard let m = m.baseAddress, let v = v.baseAddress else { return }
                var unused = 0.0
                withUnsafeMutablePointer(to: &unused) { sums in
                    let buffers = Buffers(weights: parameters, gradient: gradient, m: m, v: v, sums: sums)
                    for row in rows {
                        let start = row * rowWidth
                        guard start >= 0, start + rowWidth <= penalised else { continue }
                        before += Self.update(range: start..<(start + rowWidth), buffers, coefficients: coefficients, l2: l2)
                        after += Self.rowSquares(parameters, row: row, width: rowWidth)
                    }
                    _ = Self.update(range: penalised..<count, buffers, coefficients: coefficients, l2: nil)
                }
            }
        }
        return (before, after)
    }

    /// `Σw²` of one embedding row, summed exactly as ``update(range:_:coefficients:l2:)``
    /// sums the old weights of a range that short (rows are at most 1024 wide in the network),
    /// so that the row's "after" of one step equals its "before" of the next.
    static func rowSquares(_ weights: UnsafePointer<Float>, row: Int, width: Int) -> Double {
        // One block of LossKernels' sum for a row of at most 1024: the same partial sums.
        LossKernels.sumOfSquares(weights + row * width, count: width)
    }

    /// Weights per unit of parallel work. Fixed, so that every partial sum, and therefore the
    /// result, is the same however many threads run the chunks.
    static let chunkSize = 1 << 16

    /// The buffers one step reads and writes. Chunks touch disjoint ranges of each.
    private struct Buffers: @unchecked Sendable {
        let weights: UnsafeMutablePointer<Float>
        let gradient: UnsafeMutablePointer<Float>
        let m: UnsafeMutablePointer<Float>
        let v: UnsafeMutablePointer<Float>
        let sums: UnsafeMutablePointer<Double>
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

    /// Updates `range`; with `l2`, adds the penalty's gradient, clears the gradient and returns
    /// the sum of squares of the old weights (0 otherwise).
    ///
    /// The loop is `recbook_adam_update` in C (see `Sources/CKernels`), which runs eight lanes
    /// wide where the processor has AVX2: Swift compiles for baseline x86-64, and the square
    /// root and division of every weight on every step made this pass the largest cost of
    /// training after the matrix products. The operations and their order per weight are
    /// exactly the scalar formula's, so the width changes no result. Partial sums are formed
    /// per block of 1024 weights and added in order, so the sum depends on the data alone.
    private static func update(
        range: Range<Int>, _ buffers: Buffers, coefficients c: Coefficients, l2: Float?
    ) -> Double {
        guard !range.isEmpty else { return 0 }
        let start = range.lowerBound
        return recbook_adam_update(
            buffers.weights + start, buffers.gradient + start, buffers.m + start, buffers.v + start, range.count,
            l2 == nil ? 0 : 1, l2 ?? 0,
            recbook_adam_coefficients(firstDecay: c.firstDecay, secondDecay: c.secondDecay, epsilon: c.epsilon, stepSize: c.stepSize)
        )
    }
}
