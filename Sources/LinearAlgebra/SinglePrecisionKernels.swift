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
