import LinearAlgebra

/// The fully connected layer `output = input · kernel + bias`, on BLAS.
///
/// Matrices are row-major: the input is `batch × inputs`, the kernel `inputs × units` (Keras's
/// layout), the output `batch × units`.
enum DenseKernels {
    /// Computes `output = input · kernel + bias`.
    ///
    /// - Complexity: One `sgemm` of `batch × inputs × units` multiply-adds.
    static func forward(
        input: UnsafePointer<Float>, batch: Int, inputs: Int,
        kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>, units: Int,
        output: UnsafeMutablePointer<Float>
    ) {
        guard batch > 0 else { return }
        SinglePrecisionKernels.multiply(
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
    /// - Complexity: Two `sgemm`s of at most `batch × inputs × units` multiply-adds.
    static func backward(
        input: UnsafePointer<Float>, batch: Int, inputs: Int,
        kernel: UnsafePointer<Float>, units: Int,
        outputGradient: UnsafePointer<Float>,
        kernelGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, inputGradientColumns: Int
    ) {
        if inputs > 0 {
            SinglePrecisionKernels.multiply(
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
            SinglePrecisionKernels.multiply(
                outputGradient, lda: units, kernel, transposingB: true, ldb: units, into: inputGradient, ldc: inputGradientColumns,
                rows: batch, columns: inputGradientColumns, inner: units
            )
        }
    }
}
