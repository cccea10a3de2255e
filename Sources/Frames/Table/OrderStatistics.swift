/// Quantiles by selection instead of sorting: the median of 25 million ratings costs two linear
/// passes, not a sort.
enum OrderStatistics {
    /// The `q`-quantile of `values` with linear interpolation between the two nearest order
    /// statistics, as pandas' and NumPy's default (`interpolation="linear"`): position
    /// `q × (m − 1)` of the sorted values. NaN for no values. `values` is reordered.
    ///
    /// - Precondition: `values` holds no NaN and `q` is in [0, 1].
    /// - Complexity: O(*m*) expected.
    static func quantile(_ values: inout [Double], _ q: Double) -> Double {
        values.withUnsafeMutableBufferPointer { quantile($0, q) }
    }

    /// ``quantile(_:_:)-(inout [Double],_)`` over a buffer, reordered in place.
    static func quantile(_ values: UnsafeMutableBufferPointer<Double>, _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let position = q * Double(values.count - 1)
        let lowerIndex = Int(position.rounded(.down))
        let fraction = position - Double(lowerIndex)
        let lower = select(values, lowerIndex)
        guard fraction > 0, lowerIndex + 1 < values.count else { return lower }
        // After selection the elements above `lowerIndex` are all ≥ it: the next order statistic is their minimum.
        var upper = Double.infinity
        for index in (lowerIndex + 1)..<values.count { upper = min(upper, values[index]) }
        return lower + (upper - lower) * fraction
    }

    /// Reorders `values` so that position `k` holds the value a sort would put there, smaller or
    /// equal values before it and greater or equal ones after (Hoare's quickselect with a
    /// median-of-three pivot).
    @discardableResult
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var low = 0, high = values.count - 1
        while high - low > 16 {
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return values[k]
            }
        }
        // A short range: insertion sort.
        if low < high {
            for index in (low + 1)...high {
                let value = values[index]
                var position = index
                while position > low, values[position - 1] > value {
                    values[position] = values[position - 1]
                    position -= 1
                }
                values[position] = value
            }
        }
        return values[k]
    }
}
