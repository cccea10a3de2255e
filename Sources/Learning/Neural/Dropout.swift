import CKernels
import RecbookSupport

/// Inverted dropout, as Keras applies it in training: each unit is kept with probability
/// `1 − rate` and scaled by `1 / (1 − rate)`, so nothing changes at inference.
///
/// A mask holds a byte per unit (see ``DropoutMaskSampler``); the forward and backward passes
/// both multiply each unit by its multiplier, the scale or 0.
enum Dropout {
    /// `values[i] ← values[i] · (mask[i] ≠ 0 ? scale : 0)`: the forward pass on activations and
    /// the backward pass on their gradients, with the mask a ``DropoutMaskSampler`` draws.
    static func apply(mask: UnsafePointer<UInt8>, scale: Float, to values: UnsafeMutablePointer<Float>, count: Int) {
        recbook_dropout_apply(values, mask, scale, count)
    }
}

/// Draws dropout masks from a seeded generator, sixteen units at a time.
///
/// The bits come from eight interleaved xorshift128 streams (Marsaglia, 2003), each seeded from
/// a ``SeededGenerator``. Xorshift needs only shifts and exclusive-ors, which vectorise on every
/// 64-bit target; xoshiro's rotations do not on baseline x86-64, and the masks are the largest
/// stream of random numbers in training (one per input and hidden unit per example). Each 32-bit
/// output decides two units by its two halves: a unit is kept when its 16 bits are at least
/// `rate · 2¹⁶`, as TensorFlow keeps a unit when its uniform draw is at least `rate`. The keep
/// probability is thereby quantised to 1/65536 (a rate of 0.3 drops 0.300003 of the units).
///
/// A mask holds one byte per unit, 1 to keep it and 0 to drop it; a kept unit is multiplied by
/// ``scale``. Bytes rather than the multipliers themselves: the input's mask of a batch of 2048
/// is then half a megabyte, which stays in the core's cache between the forward pass and the
/// backward pass. The loop is `recbook_dropout_sample` in C (`Sources/CKernels`).
struct DropoutMaskSampler {
    private var state = recbook_xorshift_lanes()
    private let threshold: UInt32
    /// The multiplier of a kept unit, `1 / (1 − rate)` rounded to `Float` as TensorFlow does.
    let scale: Float

    init(rate: Double, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var words = [UInt32](repeating: 0, count: 32)
        for index in words.indices { words[index] = UInt32(truncatingIfNeeded: generator.next() >> 32) }
        // A stream whose state is all zero would stay zero.
        for lane in 24..<32 { words[lane] |= 1 }
        withUnsafeMutableBytes(of: &state) { state in
            words.withUnsafeBytes { state.copyMemory(from: $0) }
        }
        threshold = UInt32(min((rate * 65536).rounded(), 65536))
        scale = Float(1 / (1 - rate))
    }

    /// Fills `count` mask bytes with 1 (keep) or 0 (drop).
    mutating func fill(_ mask: UnsafeMutablePointer<UInt8>, count: Int) {
        recbook_dropout_sample(&state, threshold, mask, count)
    }
}
