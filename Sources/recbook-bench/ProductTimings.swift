import CKernels
import Foundation
import LinearAlgebra
import RecbookSupport

/// `recbook-bench products`: the neural network's matrix products (the walk-through's shapes: a
/// batch of 2048, content 120 + embeddings 2 × 64 = 248 inputs, hidden layers of 32 and 16
/// units), each timed with OpenBLAS (`cblas_sgemm` on one thread) and with `recbook_multiply`
/// (the build the dynamic loader chose for this processor), alternating, best of `repeat`.
/// Prints GFLOPS for each and the largest difference between their results.
enum ProductTimings {
    struct Shape {
        let name: String
        let rows: Int, columns: Int, inner: Int
        var transposingA = false, transposingB = false
    }

    static let shapes = [
        Shape(name: "dense 1 forward", rows: 2048, columns: 32, inner: 248),
        Shape(name: "dense 1 kernel gradient", rows: 248, columns: 32, inner: 2048, transposingA: true),
        Shape(name: "dense 1 input gradient", rows: 2048, columns: 128, inner: 32, transposingB: true),
        Shape(name: "dense 2 forward", rows: 2048, columns: 16, inner: 32),
        Shape(name: "dense 2 kernel gradient", rows: 32, columns: 16, inner: 2048, transposingA: true),
        Shape(name: "dense 2 input gradient", rows: 2048, columns: 32, inner: 16, transposingB: true),
        Shape(name: "output forward", rows: 2048, columns: 1, inner: 16),
    ]

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func run(_ options: [String: String]) {
        let repetitions = max(options["repeat"].flatMap(Int.init) ?? 300, 1)
        print("best of \(repetitions), one thread; GFLOPS = 2·rows·columns·inner / time")
        print("shape                        rows × inner · inner × columns   OpenBLAS  recbook   largest difference")
        var generator = SeededGenerator(seed: 3)
        for shape in shapes {
            let lda = shape.transposingA ? shape.rows : shape.inner
            let ldb = shape.transposingB ? shape.inner : shape.columns
            let a = (0..<(shape.rows * shape.inner)).map { _ in generator.nextFloat() - 0.5 }
            let b = (0..<(shape.inner * shape.columns)).map { _ in generator.nextFloat() - 0.5 }
            var blas = [Float](repeating: 0, count: shape.rows * shape.columns)
            var own = blas
            var best = (blas: Double.infinity, own: Double.infinity)
            let clock = ContinuousClock()
            SingleThreadedBLAS.run {
                for _ in 0..<repetitions {
                    var start = clock.now
                    blas.withUnsafeMutableBufferPointer { c in
                        SinglePrecisionKernels.multiply(
                            a, transposingA: shape.transposingA, lda: lda, b, transposingB: shape.transposingB, ldb: ldb,
                            into: c.baseAddress, ldc: shape.columns, rows: shape.rows, columns: shape.columns, inner: shape.inner)
                    }
                    best.blas = min(best.blas, seconds(clock.now - start))
                    start = clock.now
                    recbook_multiply(
                        shape.transposingA ? 1 : 0, shape.transposingB ? 1 : 0, shape.rows, shape.columns, shape.inner,
                        a, lda, b, ldb, &own, shape.columns, 0)
                    best.own = min(best.own, seconds(clock.now - start))
                }
            }
            let flops = 2 * Double(shape.rows * shape.columns * shape.inner)
            let difference = zip(blas, own).map { abs($0 - $1) }.max() ?? 0
            let dimensions = "\(shape.rows) × \(shape.inner) · \(shape.inner) × \(shape.columns)"
            print(shape.name.padding(toLength: 29, withPad: " ", startingAt: 0)
                + dimensions.padding(toLength: 33, withPad: " ", startingAt: 0)
                + String(format: "%8.0f  %7.0f   %.2g", flops / best.blas / 1e9, flops / best.own / 1e9, Double(difference)))
        }
    }
}
