import CKernels

/// The fully connected layer `output = input · kernel + bias`.
///
/// Matrices are row-major: the input is `batch × inputs`, the kernel `inputs × units` (Keras's
/// layout), the output `batch × units`. The products are ``multiply(_:transposingA:lda:_:transposingB:ldb:into:ldc:rows:columns:inner:accumulating:)``,
/// not BLAS: see there.
enum DenseKernels {
    /// C = op(A)·op(B), or C += op(A)·op(B) when `accumulating`: `recbook_multiply` in C.
    ///
    /// Each element is one chain of fused multiply-adds in ascending order of the inner index,
    /// so a product's bits are fixed by its operands alone: the same on every processor, where
    /// OpenBLAS picks a kernel per processor and each kernel sums in its own order (a fit
    /// seeded alike gave other figures on another machine). For the network's shapes (a batch
    /// of 2048 against layers of 32 and 16 units) it is also faster than OpenBLAS, which packs
    /// both operands before every product and has no AVX-512 kernel for the newest processors:
    /// 1.1–1.4× with AVX2 and 2.0–2.3× with AVX-512 on an AMD Zen 5 (`DenseProductTests` check
    /// the bits; see `benchmarks/original/README.md` for the timings).
    ///
    /// - Parameters:
    ///   - a: op(A) is `rows × inner`; A is stored with `lda` elements per row.
    ///   - transposingA: Whether op(A) is Aᵀ.
    ///   - b: op(B) is `inner × columns`; B is stored with `ldb` elements per row.
    ///   - transposingB: Whether op(B) is Bᵀ.
    ///   - c: `rows × columns`, stored with `ldc` elements per row.
    /// - Complexity: rows · columns · inner multiply-adds; no allocation.
    @inline(__always)
    static func multiply(
        _ a: UnsafePointer<Float>, transposingA: Bool = false, lda: Int,
        _ b: UnsafePointer<Float>, transposingB: Bool = false, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int,
        rows: Int, columns: Int, inner: Int, accumulating: Bool = false
    ) {
        recbook_multiply(
            transposingA ? 1 : 0, transposingB ? 1 : 0, rows, columns, inner,
            a, lda, b, ldb, c, ldc, accumulating ? 1 : 0
        )
    }

    /// Computes `output = input · kernel + bias`.
    ///
    /// - Complexity: One product of `batch × inputs × units` multiply-adds.
    static func forward(
        input: UnsafePointer<Float>, batch: Int, inputs: Int,
        kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>, units: Int,
        output: UnsafeMutablePointer<Float>
    ) {
        guard batch > 0 else { return }
        multiply(
            input, lda: max(inputs, 1), kernel, ldb: units, into: output, ldc: units,
            rows: batch, columns: units, inner: inputs
        )
        for row in 0..<batch {
            let values = output + row * units
            for unit in 0..<units { values[unit] += bias[unit] }
        }
    }

    /// Back-propagates `outputGradient` (∂loss/∂output, `batch × units`).
    ///
    /// Writes (overwrites) `kernelGradient = inputᵀ · outputGradient` and
    /// `biasGradient = Σ_rows outputGradient`; when `inputGradient` is given, also writes the
    /// first `inputGradientColumns` columns of `outputGradient · kernelᵀ` into it (row stride
    /// `inputGradientColumns`). Computing only the columns that are needed skips the gradient of
    /// the content features, which no parameter depends on.
    ///
    /// - Complexity: Two products of at most `batch × inputs × units` multiply-adds.
    static func backward(
        input: UnsafePointer<Float>, batch: Int, inputs: Int,
        kernel: UnsafePointer<Float>, units: Int,
        outputGradient: UnsafePointer<Float>,
        kernelGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, inputGradientColumns: Int
    ) {
        if inputs > 0 {
            multiply(
                input, transposingA: true, lda: inputs, outputGradient, ldb: units, into: kernelGradient, ldc: units,
                rows: inputs, columns: units, inner: batch
            )
        }
        biasGradient.update(repeating: 0, count: units)
        for row in 0..<batch {
            let values = outputGradient + row * units
            for unit in 0..<units { biasGradient[unit] += values[unit] }
        }
        if let inputGradient, inputGradientColumns > 0 {
            // The first `inputGradientColumns` rows of the kernel are contiguous.
            multiply(
                outputGradient, lda: units, kernel, transposingB: true, ldb: units, into: inputGradient, ldc: inputGradientColumns,
                rows: batch, columns: inputGradientColumns, inner: units
            )
        }
    }
}
