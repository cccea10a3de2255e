import CLapack

/// Single-precision BLAS on raw row-major buffers, for the code whose matrices live in `Float`
/// arrays of its own (the neural network's layers, EASE's item-item weights).
///
/// These are thin, allocation-free wrappers: the caller keeps its own layout and leading
/// dimensions, and the modules above never import the C library.
public enum SinglePrecisionKernels {
    /// C = op(A)·op(B), or C += op(A)·op(B) when `accumulating`, by `cblas_sgemm`.
    ///
    /// - Parameters:
    ///   - a: op(A) is `rows × inner`; A is stored with `lda` elements per row.
    ///   - transposingA: Whether op(A) is Aᵀ.
    ///   - b: op(B) is `inner × columns`; B is stored with `ldb` elements per row.
    ///   - transposingB: Whether op(B) is Bᵀ.
    ///   - c: `rows × columns`, stored with `ldc` elements per row.
    /// - Complexity: rows · columns · inner multiply-adds.
    public static func multiply(
        _ a: UnsafePointer<Float>?, transposingA: Bool = false, lda: Int,
        _ b: UnsafePointer<Float>?, transposingB: Bool = false, ldb: Int,
        into c: UnsafeMutablePointer<Float>?, ldc: Int,
        rows: Int, columns: Int, inner: Int, accumulating: Bool = false
    ) {
        guard rows > 0, columns > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, transposingA ? CblasTrans : CblasNoTrans, transposingB ? CblasTrans : CblasNoTrans,
            Int32(rows), Int32(columns), Int32(inner),
            1, a, Int32(lda), b, Int32(ldb),
            accumulating ? 1 : 0, c, Int32(ldc)
        )
    }

    /// y += α·x over `count` elements, by `cblas_saxpy`.
    public static func add(_ x: UnsafePointer<Float>?, scaledBy alpha: Float, to y: UnsafeMutablePointer<Float>?, count: Int) {
        guard count > 0 else { return }
        cblas_saxpy(Int32(count), alpha, x, 1, y, 1)
    }
}

/// Double-precision BLAS on raw row-major buffers, for inner loops that keep their own
/// workspaces (the alternating-least-squares row solves).
public enum DoublePrecisionKernels {
    /// y = α·op(A)·x + β·y by `cblas_dgemv`, where A is `rows × columns` stored with `lda`
    /// elements per row and op(A) is A or Aᵀ.
    ///
    /// - Complexity: rows · columns multiply-adds.
    @inline(__always)
    public static func multiply(
        _ a: UnsafePointer<Double>, rows: Int, columns: Int, lda: Int, transposing: Bool = false,
        _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, alpha: Double = 1, beta: Double = 0
    ) {
        guard rows > 0, columns > 0 else {
            // An empty product leaves β·y.
            let count = transposing ? columns : rows
            for index in 0..<count { y[index] = beta == 0 ? 0 : beta * y[index] }
            return
        }
        cblas_dgemv(CblasRowMajor, transposing ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns),
                    alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
}
