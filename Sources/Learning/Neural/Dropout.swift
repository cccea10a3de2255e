import RecbookSupport

/// Inverted dropout, as Keras applies it in training: each unit is kept with probability
/// `1 − rate` and scaled by `1 / (1 − rate)`, so nothing changes at inference.
///
/// A mask holds the multiplier of each unit (0 or the scale); the forward and backward passes
/// both multiply by it.
enum Dropout {
    /// `values[i] ← values[i] · mask[i]`: the forward pass on activations and the backward pass
    /// on their gradients.
    static func apply(mask: UnsafePointer<Float>, to values: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count { values[index] *= mask[index] }
    }

    /// Multiplies `columns` values of each row by the mask, where the mask and the values have
    /// different row strides (the embedding columns of the input gradient).
    static func apply(
        mask: UnsafePointer<Float>, maskStride: Int,
        to values: UnsafeMutablePointer<Float>, valueStride: Int,
        rows: Int, columns: Int
    ) {
        for row in 0..<rows {
            apply(mask: mask + row * maskStride, to: values + row * valueStride, count: columns)
        }
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
struct DropoutMaskSampler {
    private typealias Lanes = SIMD8<UInt32>
    private var x: Lanes, y: Lanes, z: Lanes, w: Lanes
    private let threshold: Lanes
    /// The multiplier of a kept unit, `1 / (1 − rate)` rounded to `Float` as TensorFlow does.
    let scale: Float

    init(rate: Double, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        func lanes() -> Lanes {
            var lanes = Lanes()
            for index in lanes.indices { lanes[index] = UInt32(truncatingIfNeeded: generator.next() >> 32) }
            return lanes
        }
        x = lanes()
        y = lanes()
        z = lanes()
        // A stream whose state is all zero would stay zero.
        w = lanes() | Lanes(repeating: 1)
        threshold = Lanes(repeating: UInt32(min((rate * 65536).rounded(), 65536)))
        scale = Float(1 / (1 - rate))
    }

    /// Thirty-two random bits in each lane.
    @inline(__always)
    private mutating func next() -> Lanes {
        let t = x ^ (x &<< 11)
        x = y
        y = z
        z = w
        w = w ^ (w &>> 19) ^ t ^ (t &>> 8)
        return w
    }

    /// Fills `count` mask values with 0 or ``scale``.
    mutating func fill(_ mask: UnsafeMutablePointer<Float>, count: Int) {
        let lowHalf = Lanes(repeating: 0xFFFF)
        let kept = SIMD8<Float>(repeating: scale)
        var index = 0
        while index < count {
            let bits = next()
            let first = SIMD8<Float>().replacing(with: kept, where: bits & lowHalf .>= threshold)
            let second = SIMD8<Float>().replacing(with: kept, where: bits &>> 16 .>= threshold)
            if index + 16 <= count {
                UnsafeMutableRawPointer(mask + index).storeBytes(of: first, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(mask + index + 8).storeBytes(of: second, as: SIMD8<Float>.self)
            } else {
                for lane in 0..<min(8, count - index) { mask[index + lane] = first[lane] }
                for lane in 0..<max(0, min(8, count - index - 8)) { mask[index + 8 + lane] = second[lane] }
            }
            index += 16
        }
    }
}
