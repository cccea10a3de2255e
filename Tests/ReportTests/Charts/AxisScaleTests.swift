import Outputs
import Testing
@testable import Report

@Suite struct AxisScaleTests {
    // Expected steps: span / target, rounded to the nearest of 1, 2, 5 × 10^k by the thresholds
    // 1.5, 3 and 7 (e.g. 4.3 / 5 = 0.86 -> 1 × 10^-1 × 8.6 -> normalised 8.6 ≥ 7 -> 1.0).
    @Test(arguments: [
        (10.0, 5, 2.0), (4.3, 5, 1.0), (1.0, 5, 0.2), (100836.0, 5, 20000.0), (0.003, 3, 0.001),
        (7.0, 5, 1.0), (13.0, 5, 2.0), (2.5, 5, 0.5),
    ])
    func niceStep(span: Double, target: Int, expected: Double) {
        #expect(AxisScale.niceStep(span: span, targetCount: target).isApproximatelyEqual(to: expected))
    }

    @Test func linearScaleWidensToNiceBoundsAndLabelsWithEqualDecimals() throws {
        let scale = try #require(AxisScale.covering([0.5, 4.3], scale: .linear, includesZero: false, targetTickCount: 5))
        // span 3.8 / 5 = 0.76 -> step 1; bounds 0 and 5.
        #expect(scale.lower == 0)
        #expect(scale.upper == 5)
        #expect(scale.ticks.map(\.label) == ["0", "1", "2", "3", "4", "5"])

        let fine = try #require(AxisScale.covering([0.5, 1.0], scale: .linear, includesZero: true, targetTickCount: 5))
        #expect(fine.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func largeValuesGetThousandsSuffix() throws {
        let scale = try #require(AxisScale.covering([0, 100836], scale: .linear, includesZero: true, targetTickCount: 5))
        #expect(scale.ticks.map(\.label) == ["0", "20k", "40k", "60k", "80k", "100k", "120k"])
    }

    @Test func allEqualValuesAndSinglePointsGetARangeAroundThem() throws {
        let equal = try #require(AxisScale.covering([5, 5, 5], scale: .linear, includesZero: false, targetTickCount: 5))
        #expect(equal.lower < 5 && equal.upper > 5)
        #expect(equal.fraction(of: 5)?.isFinite == true)

        let zero = try #require(AxisScale.covering([0], scale: .linear, includesZero: false, targetTickCount: 5))
        #expect(zero.lower < 0 && zero.upper > 0)

        // One value on a log axis: the 1-2-5 steps either side of it.
        let logSingle = try #require(AxisScale.covering([100], scale: .log, includesZero: false, targetTickCount: 5))
        #expect(logSingle.lower == 50 && logSingle.upper == 200)
        #expect(logSingle.ticks.map(\.label) == ["50", "100", "200"])
    }

    @Test func ignoresValuesThatCannotBeDrawn() throws {
        #expect(AxisScale.covering([.nan, .infinity, -.infinity], scale: .linear, includesZero: false,
                                   targetTickCount: 5) == nil)
        #expect(AxisScale.covering([0, -3], scale: .log, includesZero: false, targetTickCount: 5) == nil)
        let scale = try #require(AxisScale.covering([.nan, 2, 8, .infinity], scale: .linear, includesZero: false,
                                                    targetTickCount: 3))
        #expect(scale.lower == 2 && scale.upper == 8)
        #expect(scale.fraction(of: .nan) == nil)
    }

    @Test func logScaleCoversWholeDecades() throws {
        let scale = try #require(AxisScale.covering([3, 4000, -1, 0], scale: .log, includesZero: false,
                                                    targetTickCount: 5))
        #expect(scale.lower == 1)
        #expect(scale.upper == 10_000)
        #expect(scale.ticks.map(\.label) == ["1", "10", "100", "1000", "10k"])
        #expect(scale.fraction(of: 100)?.isApproximatelyEqual(to: 0.5) == true)
        #expect(scale.fraction(of: 0) == nil)
    }

    @Test func narrowLogScaleUsesOneTwoFiveSteps() throws {
        let scale = try #require(AxisScale.covering([0.02, 0.08], scale: .log, includesZero: false, targetTickCount: 5))
        #expect(scale.lower.isApproximatelyEqual(to: 0.02) && scale.upper.isApproximatelyEqual(to: 0.1))
        #expect(scale.ticks.map(\.label) == ["0.02", "0.05", "0.1"])

        // Training losses between 0.68 and 1.2 span 0.5…2, not the decades 0.1…10.
        let losses = try #require(AxisScale.covering([0.68, 1.2], scale: .log, includesZero: false, targetTickCount: 5))
        #expect(losses.ticks.map(\.label) == ["0.5", "1", "2"])
        #expect(losses.fraction(of: 1)?.isApproximatelyEqual(to: 0.5) == true)
    }

    @Test func logScaleThinsManyDecades() throws {
        let scale = try #require(AxisScale.covering([1e-6, 1e6], scale: .log, includesZero: false, targetTickCount: 5))
        // 12 decades, at most 6 ticks -> every 3rd decade: 1e-6, 1e-3, 1, 1000, and the top 1M.
        #expect(scale.ticks.map(\.label) == ["1e-6", "0.001", "1", "1000", "1M"])
    }

    @Test func extremeMagnitudesDoNotTrap() throws {
        let scale = try #require(AxisScale.covering([-1.7e308, 1.7e308], scale: .linear, includesZero: false,
                                                    targetTickCount: 5))
        #expect(scale.ticks.count >= 2)
        #expect(scale.fraction(of: 0)?.isApproximatelyEqual(to: 0.5) == true)
        let tiny = try #require(AxisScale.covering([Double.leastNonzeroMagnitude, 1e-300], scale: .log, includesZero: false,
                                                   targetTickCount: 5))
        #expect(tiny.lower > 0)
    }
}

extension Double {
    func isApproximatelyEqual(to other: Double, relativeTolerance: Double = 1e-9) -> Bool {
        abs(self - other) <= relativeTolerance * max(abs(self), abs(other), 1e-300)
    }
}
