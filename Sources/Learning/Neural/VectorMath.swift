#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Four floats, the width every 64-bit target handles natively (SSE2, NEON).
///
/// The hot loops that the compiler will not vectorise by itself, because they reduce in
/// floating point or take square roots (which Swift lowers with `errno` handling on Linux), are
/// written with this type.
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

/// The correctly rounded square root of each lane, in one instruction.
@inline(__always)
func squareRoot(_ vector: FloatVector) -> FloatVector {
    #if arch(x86_64)
    // The generic `squareRoot()` becomes four scalar calls on Linux; SSE's `sqrtps` is exact too.
    return _mm_sqrt_ps(vector)
    #else
    return vector.squareRoot()
    #endif
}
