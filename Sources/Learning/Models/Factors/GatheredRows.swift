import LinearAlgebra

/// One row's observations for an alternating-least-squares solve, gathered into a contiguous
/// block: the fixed side's factor rows fⱼ the row's ratings point at (with a trailing 1 when a
/// bias is solved for), and a weight per observation.
///
/// The conjugate-gradient products Σⱼ wⱼ fⱼ (fⱼᵀv) then become two `dgemv` calls, F·v and
/// Fᵀ·(w ∘ F·v), over memory that stays in cache for the whole solve, instead of one dot
/// product and one update per observation read from wherever the fixed factors lie: the dot
/// products were a chain of dependent additions that the compiler may not reorder, and they
/// were most of a sweep's time. The workspace is reused from row to row (a class, so that the
/// conjugate-gradient closures can use it while the solver's other state is being changed).
final class GatheredRows {
    /// The width of each gathered row: k, or k + 1 with the bias column.
    let width: Int
    /// How many rows the current solve has.
    private(set) var count = 0
    /// count × width, row-major.
    private var features: [Double] = []
    /// One weight per row.
    private(set) var weights: [Double] = []
    /// One value per row, free for the caller (targets, confidences).
    private(set) var values: [Double] = []
    private var scratch: [Double] = []

    init(width: Int) {
        self.width = width
    }

    /// Gathers the rows `fixed[neighbours[p]]` for p in `range` (each `factorCount` wide, plus a
    /// trailing 1 when `width` is one more), with a weight and a value for each.
    func gather(
        _ range: Range<Int>, neighbours: [Int], fixed: UnsafePointer<Double>, factorCount k: Int,
        weight: (Int) -> Double, value: (Int) -> Double
    ) {
        count = range.count
        if features.count < count * width {
            let capacity = max(count, 2 * features.count / max(width, 1))
            features = [Double](repeating: 0, count: capacity * width)
            weights = [Double](repeating: 0, count: capacity)
            values = weights
            scratch = weights
        }
        let width = self.width, hasBias = width == k + 1
        features.withUnsafeMutableBufferPointer { output in
            var row = 0
            for position in range {
                let destination = output.baseAddress! + row * width
                destination.update(from: fixed + neighbours[position] * k, count: k)
                if hasBias { destination[k] = 1 }
                weights[row] = weight(position)
                values[row] = value(position)
                row += 1
            }
        }
    }

    /// out = Σⱼ sⱼ fⱼ + β·out, with sⱼ = `scale(wⱼ, valueⱼ)`.
    func combine(into out: UnsafeMutablePointer<Double>, beta: Double = 0, scale: (_ weight: Double, _ value: Double) -> Double) {
        guard count > 0 else {
            for d in 0..<width { out[d] = beta == 0 ? 0 : beta * out[d] }
            return
        }
        for row in 0..<count { scratch[row] = scale(weights[row], values[row]) }
        let rows = count, width = self.width
        features.withUnsafeBufferPointer { f in
            scratch.withUnsafeBufferPointer { s in
                DoublePrecisionKernels.multiply(f.baseAddress!, rows: rows, columns: width, lda: width, transposing: true,
                                                s.baseAddress!, into: out, beta: beta)
            }
        }
    }

    /// How many rows one pass of ``addWeightedGramProduct(_:to:)`` takes at a time: a block of
    /// this many rows (about 256 KB at k = 128) is still in cache for its second product.
    static let blockRows = 256

    /// out += Σⱼ wⱼ fⱼ (fⱼᵀv): the weighted Gram matrix of the rows times v, a block of rows
    /// at a time, so that a popular item's thousands of rows are read from memory once per
    /// product rather than twice.
    func addWeightedGramProduct(_ v: UnsafePointer<Double>, to out: UnsafeMutablePointer<Double>) {
        guard count > 0 else { return }
        let width = self.width
        features.withUnsafeBufferPointer { f in
            scratch.withUnsafeMutableBufferPointer { s in
                for first in stride(from: 0, to: count, by: Self.blockRows) {
                    let rows = min(Self.blockRows, count - first)
                    let block = f.baseAddress! + first * width, products = s.baseAddress! + first
                    DoublePrecisionKernels.multiply(block, rows: rows, columns: width, lda: width, v, into: products)
                    for row in 0..<rows { products[row] *= weights[first + row] }
                    DoublePrecisionKernels.multiply(block, rows: rows, columns: width, lda: width, transposing: true,
                                                    products, into: out, beta: 1)
                }
            }
        }
    }

    /// Calls `body` with each gathered row, its value and its weight, in order.
    func forEachRow(_ body: (_ features: UnsafePointer<Double>, _ value: Double, _ weight: Double) -> Void) {
        let width = self.width
        features.withUnsafeBufferPointer { f in
            for row in 0..<count { body(f.baseAddress! + row * width, values[row], weights[row]) }
        }
    }
}
