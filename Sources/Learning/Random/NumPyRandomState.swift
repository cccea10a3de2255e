import CKernels
/// A Mersenne Twister stream identical to NumPy's legacy `numpy.random.RandomState(seed)`.
///
/// recbook's own randomness comes from `SeededGenerator`; this type exists only to reproduce
/// results of Python code that used the legacy NumPy generator, such as scikit-learn's
/// `train_test_split(random_state=42)`. Every method consumes the stream exactly as the
/// corresponding NumPy call does, so interleaved calls stay in step with Python.
public struct NumPyRandomState: Sendable {
    private static let stateSize = 624
    private static let shift = 397

    private var state: [UInt32]
    private var position: Int

    /// Seeds the generator like `RandomState(seed)` with an integer seed (MT19937's `init_genrand`).
    public init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: Self.stateSize)
        state[0] = seed
        for index in 1..<Self.stateSize {
            let previous = state[index - 1]
            state[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(index)
        }
        self.state = state
        self.position = Self.stateSize
    }

    /// The next 32 random bits (MT19937's `genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if position >= Self.stateSize { regenerate() }
        var value = state[position]
        position += 1
        value ^= value >> 11
        value ^= (value << 7) & 0x9D2C_5680
        value ^= (value << 15) & 0xEFC6_0000
        value ^= value >> 18
        return value
    }

    /// The next 64 random bits: two 32-bit draws, the first one high, as NumPy's
    /// `mt19937_next64` does.
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// A uniform integer in `0...max`, by NumPy's legacy `random_interval`: draw bits under the
    /// smallest all-ones mask covering `max` and reject values above it.
    ///
    /// This is also what `RandomState.randint(0, max + 1)` returns.
    public mutating func randomInterval(_ max: UInt64) -> UInt64 {
        guard max > 0 else { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        if max <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = nextUInt64() & mask
            if value <= max { return value }
        }
    }

    /// A uniform double in [0, 1) with 53 random bits, like `RandomState.random_sample()`
    /// (MT19937's `genrand_res53`).
    public mutating func randomSample() -> Double {
        let high = Double(nextUInt32() >> 5)
        let low = Double(nextUInt32() >> 6)
        return (high * 67_108_864 + low) / 9_007_199_254_740_992
    }

    /// Shuffles an array in place like `RandomState.shuffle` on a one-dimensional array:
    /// Fisher–Yates from the end, `for i in reversed(range(1, n)): j = random_interval(i)`.
    ///
    /// Arrays of `Int` (row orders, permutations) take their positions 512 at a time and swap in
    /// C, asking for the memory of the swaps ahead early (`recbook_swap_descending`): the same
    /// swaps in the same order, but at 25 M elements each swap no longer waits for a cache miss
    /// alone.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        if Element.self == Int.self, MemoryLayout<Int>.size == 8 {
            elements.withUnsafeMutableBytes { memory in
                shuffleInts(memory.bindMemory(to: Int64.self))
            }
            return
        }
        for index in stride(from: elements.count - 1, through: 1, by: -1) {
            let other = Int(randomInterval(UInt64(index)))
            elements.swapAt(index, other)
        }
    }

    private mutating func shuffleInts(_ elements: UnsafeMutableBufferPointer<Int64>) {
        let blockSize = 512
        var others = [Int64](repeating: 0, count: blockSize)
        var index = elements.count - 1
        others.withUnsafeMutableBufferPointer { others in
            while index >= 1 {
                let steps = min(blockSize, index)
                for step in 0..<steps { others[step] = Int64(randomInterval(UInt64(index - step))) }
                recbook_swap_descending(elements.baseAddress, index, others.baseAddress, steps)
                index -= steps
            }
        }
    }

    /// A random permutation of `0..<count`, like `RandomState.permutation(count)`.
    public mutating func permutation(_ count: Int) -> [Int] {
        var elements = Array(0..<max(count, 0))
        shuffle(&elements)
        return elements
    }

    /// Refills the state block (MT19937's twist).
    private mutating func regenerate() {
        let upperMask: UInt32 = 0x8000_0000, lowerMask: UInt32 = 0x7FFF_FFFF
        for index in 0..<Self.stateSize {
            let mixed = (state[index] & upperMask) | (state[(index + 1) % Self.stateSize] & lowerMask)
            var next = state[(index + Self.shift) % Self.stateSize] ^ (mixed >> 1)
            if mixed & 1 != 0 { next ^= 0x9908_B0DF }
            state[index] = next
        }
        position = 0
    }
}
