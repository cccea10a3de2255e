/// Thins a dense polyline without changing how it looks at pixel resolution.
///
/// M4 decimation (Jugel et al., 2014): consecutive points that fall in the same pixel column are
/// replaced by at most four of them, the first, the lowest, the highest and the last, in their
/// original order. A line through the kept points covers exactly the pixels the full line covers,
/// so a 10,000-point training curve costs a few hundred points of SVG instead of 10,000.
///
/// Steps use it to bound the data a figure carries (a line over a million rows keeps a few
/// thousand points, enough for any drawing up to that many columns wide); renderers use it again
/// at their own resolution.
public enum PolylineDecimation {
    /// - Parameters:
    ///   - points: the polyline's points in drawing order (x need not be monotone).
    ///   - columnWidth: the width of one pixel column, in the points' units; must be positive.
    /// - Returns: `points` itself when it has no more than four points per column on average,
    ///   else the thinned polyline.
    /// - Complexity: O(n).
    public static func m4(_ points: [(x: Double, y: Double)], columnWidth: Double = 1) -> [(x: Double, y: Double)] {
        let kept = keptIndices(points, columnWidth: columnWidth)
        return kept.count < points.count ? kept.map { points[$0] } : points
    }

    /// The indices of the points M4 keeps, ascending: all of them when it would keep as many.
    /// - Parameters:
    ///   - points: the polyline's points in drawing order, in the units columns are measured in
    ///     (for a log axis, pass log10 of the values).
    ///   - columnWidth: the width of one pixel column, in the points' units; must be positive.
    /// - Complexity: O(n).
    public static func keptIndices(_ points: [(x: Double, y: Double)], columnWidth: Double = 1) -> [Int] {
        guard columnWidth > 0, columnWidth.isFinite, points.count > 8 else { return Array(points.indices) }
        var result: [Int] = []
        var start = 0
        while start < points.count {
            let column = (points[start].x / columnWidth).rounded(.down)
            var end = start + 1
            while end < points.count, (points[end].x / columnWidth).rounded(.down) == column { end += 1 }
            var lowest = start
            var highest = start
            for index in start..<end {
                if points[index].y < points[lowest].y { lowest = index }
                if points[index].y > points[highest].y { highest = index }
            }
            // Sorted and deduplicated indices keep the original drawing order.
            result += Set([start, lowest, highest, end - 1]).sorted()
            start = end
        }
        return result.count < points.count ? result : Array(points.indices)
    }
}
