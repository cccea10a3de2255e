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

/// Draws dropout masks from a seeded generator.
///
/// Each 64-bit draw decides two units (one per 32-bit half): a unit is kept when its half is at
/// least `rate · 2³²`, as TensorFlow keeps a unit when its uniform draw is at least `rate`.
struct DropoutMaskSampler {
    private var generator: SeededGenerator
    private let threshold: UInt32
    /// The multiplier of a kept unit, `1 / (1 − rate)` rounded to `Float` as TensorFlow does.
    let scale: Float

    init(rate: Double, seed: UInt64) {
        generator = SeededGenerator(seed: seed)
        threshold = UInt32(min((rate * 4_294_967_296).rounded(), 4_294_967_295))
        scale = Float(1 / (1 - rate))
    }

    /// Fills `count` mask values.
    mutating func fill(_ mask: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index < count {
            let draw = generator.next()
            mask[index] = UInt32(truncatingIfNeeded: draw) >= threshold ? scale : 0
            if index + 1 < count {
                mask[index + 1] = UInt32(truncatingIfNeeded: draw >> 32) >= threshold ? scale : 0
            }
            index += 2
        }
    }
}
