import Foundation
import RecbookSupport

/// Draws indices in proportion to fixed weights in O(1) each (Vose's alias method).
struct AliasTable: Sendable {
    private var threshold: [Double]
    private var alias: [Int32]

    /// - Precondition: `weights` is non-empty, every weight positive and finite, and there are
    ///   fewer than 2³¹ of them. The generator builds its own weights.
    init(weights: [Double]) {
        let count = weights.count
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(count) / total }
        threshold = Array(repeating: 1, count: count)
        alias = Array(repeating: 0, count: count)
        var small: [Int] = [], large: [Int] = []
        for (index, value) in scaled.enumerated() {
            if value < 1 { small.append(index) } else { large.append(index) }
        }
        while let less = small.popLast(), let more = large.last {
            threshold[less] = scaled[less]
            alias[less] = Int32(more)
            scaled[more] -= 1 - scaled[less]
            if scaled[more] < 1 {
                large.removeLast()
                small.append(more)
            }
        }
        // What is left holds (up to rounding) exactly its share.
        for index in small + large { threshold[index] = 1 }
    }

    var count: Int { threshold.count }

    /// An index, drawn with one 53-bit uniform: its whole part picks a column, its fraction the
    /// column's own index or its alias.
    func draw(_ generator: inout SeededGenerator) -> Int {
        let position = generator.nextDouble() * Double(threshold.count)
        let column = min(Int(position), threshold.count - 1)
        return position - Double(column) < threshold[column] ? column : Int(alias[column])
    }
}

extension SeededGenerator {
    /// A standard normal deviate (Box–Muller).
    mutating func nextNormal() -> Double {
        let radius = (-2 * Foundation.log(1 - nextDouble())).squareRoot()
        return radius * Foundation.cos(2 * Double.pi * nextDouble())
    }

    /// A uniform integer in `0..<bound`, bound > 0.
    mutating func nextIndex(below bound: Int) -> Int {
        min(Int(nextDouble() * Double(bound)), bound - 1)
    }
}

/// Splits `total` into whole parts in proportion to `weights`, none above `cap`: each part is
/// its exact share rounded down, the parts with the largest remainders get one more, and what a
/// capped part cannot take is shared among the others in the same way.
///
/// - Precondition: `total` ≤ `cap` × `weights.count`, every weight positive.
/// - Complexity: O(*n* log *n*) per round; one round unless parts reach the cap.
func allocate(_ total: Int, weights: [Double], cap: Int) -> [Int] {
    var parts = Array(repeating: 0, count: weights.count)
    var open = Array(weights.indices)
    var remaining = total
    while remaining > 0, !open.isEmpty {
        let weightSum = open.reduce(0.0) { $0 + weights[$1] }
        var remainders: [(fraction: Double, index: Int)] = []
        remainders.reserveCapacity(open.count)
        var given = 0
        for index in open {
            let exact = Double(remaining) * weights[index] / weightSum
            let whole = min(Int(exact), cap - parts[index])
            parts[index] += whole
            given += whole
            remainders.append((exact - exact.rounded(.down), index))
        }
        remaining -= given
        if remaining > 0 {
            remainders.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.index < $1.index }
            for (_, index) in remainders where remaining > 0 && parts[index] < cap {
                parts[index] += 1
                remaining -= 1
            }
        }
        open.removeAll { parts[$0] >= cap }
    }
    return parts
}
