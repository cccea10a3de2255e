import RecbookSupport

extension SeededGenerator {
    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method.
    ///
    /// Written out here rather than taken from the standard library so that a seeded shuffle
    /// cannot change with the toolchain.
    mutating func nextIndex(below bound: Int) -> Int {
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `values` in place (Fisher–Yates), reproducibly for a seed.
    mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, nextIndex(below: index + 1))
        }
    }
}
