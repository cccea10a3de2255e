import Foundation
import Testing
@testable import Outputs

@Suite struct PolylineDecimationTests {
    @Test func keepsFirstLowestHighestAndLastOfEachColumn() {
        // Ten points in column 0 and ten in column 1; y peaks at index 3 and dips at index 6.
        var points = (0..<20).map { (x: Double($0) / 10, y: 0.0) }
        points[3].y = 5
        points[6].y = -5
        points[15].y = 2
        let thinned = PolylineDecimation.m4(points)
        // Column 0 keeps indices 0, 3 (highest), 6 (lowest), 9; column 1 keeps 10, 15 (highest),
        // 19 (last; all others tie at 0, so the first index is both lowest and first).
        let expected = [0, 3, 6, 9, 10, 15, 19].map { points[$0] }
        #expect(thinned.map(\.x) == expected.map(\.x))
        #expect(thinned.map(\.y) == expected.map(\.y))
    }

    @Test func denseCurveShrinksToAtMostFourPointsPerColumn() {
        let points = (0..<10_000).map { (x: Double($0) * 0.066, y: sin(Double($0) / 50)) }
        let thinned = PolylineDecimation.m4(points)
        let columns = Int((points.last?.x ?? 0).rounded(.down)) + 1
        #expect(thinned.count <= 4 * columns)
        #expect(thinned.first?.x == points.first?.x && thinned.last?.x == points.last?.x)
        #expect(thinned.map(\.y).max() == points.map(\.y).max())
        #expect(thinned.map(\.y).min() == points.map(\.y).min())
    }

    @Test func sparseLinesAreLeftAlone() {
        let points = [(x: 0.0, y: 1.0), (x: 0.1, y: 2.0), (x: 0.2, y: 0.0)]
        #expect(PolylineDecimation.m4(points).count == 3)
    }
}
