/// Four floats, the width every 64-bit target handles natively (SSE2, NEON).
///
/// The hot loops that the compiler will not vectorise by itself, because they reduce in
/// floating point, are written with this type (those that need wider lanes or square roots are
/// C, in `Sources/CKernels`).
typealias FloatVector = SIMD4<Float>

extension UnsafeMutablePointer<Float> {
    /// Four consecutive floats starting here; no alignment is required.
    @inline(__always)
    func loadVector() -> FloatVector {
        UnsafeRawPointer(self).loadUnaligned(as: FloatVector.self)
    }

    /// Writes four consecutive floats starting here; no alignment is required.
    @inline(__always)
    func storeVector(_ vector: FloatVector) {
        UnsafeMutableRawPointer(self).storeBytes(of: vector, as: FloatVector.self)
    }
}

extension UnsafePointer<Float> {
    /// Four consecutive floats starting here; no alignment is required.
    @inline(__always)
    func loadVector() -> FloatVector {
        UnsafeRawPointer(self).loadUnaligned(as: FloatVector.self)
    }
}
