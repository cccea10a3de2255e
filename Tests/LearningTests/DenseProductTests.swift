import CKernels
import LinearAlgebra
import Testing
@testable import Learning

/// The network's matrix products (`recbook_multiply`, through ``DenseKernels/multiply``):
/// every element must be exactly the chain its definition names — fused multiply-adds in
/// ascending order of the inner index, from 0, plus C's old value when accumulating — whatever
/// the tile, the remainder path, the transposition or the block of a copied Bᵀ it falls in; the
/// same bits in the AVX2 and the baseline build; and the product OpenBLAS computes, to rounding.
@Suite struct DenseProductTests {
    typealias Support = NeuralTestSupport

    /// A product's shape and layout; leading dimensions are wider than the matrices, so that a
    /// kernel that walked rows by their width instead would read the wrong elements.
    struct Shape: CustomTestStringConvertible, Sendable {
        var rows: Int, columns: Int, inner: Int
        var transposingA = false, transposingB = false, accumulating = false

        var lda: Int { (transposingA ? rows : inner) + 3 }
        var ldb: Int { (transposingB ? inner : columns) + 2 }
        var ldc: Int { columns + 5 }
        var aCount: Int { (transposingA ? inner : rows) * lda }
        var bCount: Int { (transposingB ? columns : inner) * ldb }
        var testDescription: String {
            "\(rows)×\(inner)·\(inner)×\(columns)\(transposingA ? " Aᵀ" : "")\(transposingB ? " Bᵀ" : "")\(accumulating ? " +=" : "")"
        }
    }

    /// Every path: full 6 × 16 tiles and each remainder of rows (1–5), 16- and 8-column tiles
    /// and the last columns, both transpositions, accumulation, an empty inner dimension, Bᵀ
    /// copied in several blocks (inner 40: blocks of 200 columns) and Bᵀ too long to copy
    /// (inner 1100: read in place). The network's own shapes are among them at small batch.
    static let shapes: [Shape] = [
        Shape(rows: 13, columns: 32, inner: 24),
        Shape(rows: 37, columns: 16, inner: 32),
        Shape(rows: 11, columns: 1, inner: 16),
        Shape(rows: 9, columns: 27, inner: 7),
        Shape(rows: 24, columns: 32, inner: 41, transposingA: true),
        Shape(rows: 5, columns: 1, inner: 29, transposingA: true),
        Shape(rows: 19, columns: 12, inner: 32, transposingB: true),
        Shape(rows: 7, columns: 450, inner: 40, transposingB: true),
        Shape(rows: 3, columns: 9, inner: 1_100, transposingB: true),
        Shape(rows: 8, columns: 21, inner: 6, transposingA: true, transposingB: true),
        Shape(rows: 14, columns: 33, inner: 10, accumulating: true),
        Shape(rows: 6, columns: 17, inner: 0, accumulating: true),
        Shape(rows: 6, columns: 17, inner: 0),
    ]

    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    static func operands(_ shape: Shape, seed: UInt64) -> (a: [Float], b: [Float], c: [Float]) {
        (Support.uniform(shape.aCount, in: -1...1, seed: seed),
         Support.uniform(shape.bCount, in: -1...1, seed: seed + 1),
         Support.uniform(shape.rows * shape.ldc, in: -1...1, seed: seed + 2))
    }

    /// The definition, one element at a time.
    static func chains(_ shape: Shape, a: [Float], b: [Float], c: [Float]) -> [Float] {
        var result = c
        for i in 0..<shape.rows {
            for j in 0..<shape.columns {
                var sum: Float = 0
                for k in 0..<shape.inner {
                    let x = shape.transposingA ? a[k * shape.lda + i] : a[i * shape.lda + k]
                    let y = shape.transposingB ? b[j * shape.ldb + k] : b[k * shape.ldb + j]
                    sum = sum.addingProduct(x, y)
                }
                result[i * shape.ldc + j] = shape.accumulating ? c[i * shape.ldc + j] + sum : sum
            }
        }
        return result
    }

    static func run(_ shape: Shape, a: [Float], b: [Float], c: [Float], baseline: Bool = false) -> [Float] {
        var result = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    let kernel = baseline ? recbook_multiply_baseline : recbook_multiply
                    kernel(shape.transposingA ? 1 : 0, shape.transposingB ? 1 : 0, shape.rows, shape.columns, shape.inner,
                           a.baseAddress, shape.lda, b.baseAddress, shape.ldb, c.baseAddress, shape.ldc, shape.accumulating ? 1 : 0)
                }
            }
        }
        return result
    }

    @Test(arguments: shapes)
    func everyElementIsItsChain(_ shape: Shape) {
        let (a, b, c) = Self.operands(shape, seed: UInt64(shape.rows * 1_000 + shape.columns))
        let expected = Self.chains(shape, a: a, b: b, c: c)
        let product = Self.run(shape, a: a, b: b, c: c)
        #expect(Self.bits(product) == Self.bits(expected), "the padding between rows must be left alone, and every element be its chain")
        #expect(Self.bits(Self.run(shape, a: a, b: b, c: c, baseline: true)) == Self.bits(product), "the baseline build")
    }

    /// Against OpenBLAS: the same product, summed in another order, so equal to rounding.
    @Test(arguments: shapes.filter { $0.inner > 0 })
    func agreesWithBLAS(_ shape: Shape) {
        let (a, b, c) = Self.operands(shape, seed: 5)
        let product = Self.run(shape, a: a, b: b, c: c)
        var reference = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                reference.withUnsafeMutableBufferPointer { reference in
                    SinglePrecisionKernels.multiply(
                        a.baseAddress, transposingA: shape.transposingA, lda: shape.lda,
                        b.baseAddress, transposingB: shape.transposingB, ldb: shape.ldb,
                        into: reference.baseAddress, ldc: shape.ldc,
                        rows: shape.rows, columns: shape.columns, inner: shape.inner, accumulating: shape.accumulating)
                }
            }
        }
        let tolerance = Float(shape.inner) * 2 * Float.ulpOfOne
        let worst = zip(product, reference).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "largest difference \(worst)")
    }

    /// The dense layer's forward pass is the product plus the bias, through the Swift wrapper.
    @Test func denseForwardAddsTheBiasToTheProduct() {
        let (batch, inputs, units) = (10, 7, 16)
        let input = Support.uniform(batch * inputs, in: -1...1, seed: 11)
        let kernel = Support.uniform(inputs * units, in: -1...1, seed: 12)
        let bias = Support.uniform(units, in: -1...1, seed: 13)
        var output = [Float](repeating: .nan, count: batch * units)
        DenseKernels.forward(input: input, batch: batch, inputs: inputs, kernel: kernel, bias: bias, units: units, output: &output)
        let shape = Shape(rows: batch, columns: units, inner: inputs)
        for row in 0..<batch {
            for unit in 0..<units {
                var sum: Float = 0
                for index in 0..<inputs { sum = sum.addingProduct(input[row * inputs + index], kernel[index * units + unit]) }
                #expect(output[row * units + unit].bitPattern == (sum + bias[unit]).bitPattern, "\(shape.testDescription) row \(row) unit \(unit)")
            }
        }
    }
}
