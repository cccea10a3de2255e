/// A few conjugate-gradient steps on a symmetric positive-definite system A·x = b, started from
/// a guess: recbook's one CG routine, which the alternating-least-squares solvers run on every
/// row of every sweep (the approach of the `implicit` library).
///
/// A is given only through its product with a vector, so a caller never forms it: an ALS row's
/// A is a Gram matrix of the row's observations plus a ridge, and its product costs O(nnz·k)
/// against the O(nnz·k²) of forming it. Started from the previous sweep's solution, three steps
/// are usually enough.
///
/// The workspace is reused from row to row, so a sweep allocates nothing per row.
public struct ConjugateGradient: Sendable {
    /// n, the number of unknowns.
    public let dimension: Int
    private var residual: [Double]
    private var direction: [Double]
    private var product: [Double]

    /// Steps stop once the squared residual norm falls to this.
    public static let tolerance = 1e-20

    public init(dimension: Int) {
        self.dimension = dimension
        residual = [Double](repeating: 0, count: dimension)
        direction = residual
        product = residual
    }

    /// Refines `solution` by at most `steps` conjugate-gradient steps.
    ///
    /// Stops early when the residual is negligible, or when A·d is not positive along a search
    /// direction d (A is then not positive definite, and the current solution is kept).
    ///
    /// - Parameters:
    ///   - solution: x, n values, refined in place.
    ///   - steps: The most steps to take.
    ///   - residual: Writes the starting residual b − A·x into its second argument, given A·x
    ///     in its first. The caller forms b, in whatever order its sums need.
    ///   - multiply: Writes A·v into its second argument for the vector v in its first.
    /// - Complexity: `steps + 1` products with A, and O(steps · n) besides.
    public mutating func refine(
        _ solution: UnsafeMutableBufferPointer<Double>, steps: Int,
        residual startingResidual: (_ product: UnsafeBufferPointer<Double>, _ residual: UnsafeMutableBufferPointer<Double>) -> Void,
        multiply: (_ vector: UnsafeBufferPointer<Double>, _ product: UnsafeMutableBufferPointer<Double>) -> Void
    ) {
        let n = dimension
        residual.withUnsafeMutableBufferPointer { r in
            direction.withUnsafeMutableBufferPointer { d in
                product.withUnsafeMutableBufferPointer { p in
                    multiply(UnsafeBufferPointer(solution), p)
                    startingResidual(UnsafeBufferPointer(p), r)
                    var norm = 0.0
                    for index in 0..<n {
                        d[index] = r[index]
                        norm += r[index] * r[index]
                    }
                    for _ in 0..<steps {
                        guard norm > Self.tolerance else { return }
                        multiply(UnsafeBufferPointer(d), p)
                        var curvature = 0.0
                        for index in 0..<n { curvature += d[index] * p[index] }
                        guard curvature > 0 else { return }
                        let step = norm / curvature
                        var next = 0.0
                        for index in 0..<n {
                            solution[index] += step * d[index]
                            r[index] -= step * p[index]
                            next += r[index] * r[index]
                        }
                        let ratio = next / norm
                        for index in 0..<n { d[index] = r[index] + ratio * d[index] }
                        norm = next
                    }
                }
            }
        }
    }
}
