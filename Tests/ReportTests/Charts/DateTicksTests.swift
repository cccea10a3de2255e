import Outputs
import Testing
@testable import Report

@Suite struct DateTicksTests {
    // Seconds since 1970 of some UTC instants.
    private let y1995 = 788_918_400.0        // 1995-01-01
    private let y2020 = 1_577_836_800.0      // 2020-01-01
    private let march4 = 1_425_427_200.0     // 2015-03-04

    private func labels(_ low: Double, _ high: Double, target: Int = 6) throws -> [String] {
        try #require(DateTicks.scale(from: low, to: high, targetTickCount: target)).ticks.map(\.label)
    }

    @Test func decadesOfDataGetYearTicks() throws {
        let scale = try #require(DateTicks.scale(from: y1995 + 86_400 * 40, to: y2020 - 86_400, targetTickCount: 6))
        #expect(scale.ticks.map(\.label) == ["1995", "2000", "2005", "2010", "2015", "2020"])
        #expect(scale.lower == y1995 && scale.upper == y2020)
    }

    @Test func monthsDaysAndHoursAsTheSpanShrinks() throws {
        // 2015-01-15 to 2015-06-10.
        #expect(try labels(1_421_280_000, 1_433_894_400) == ["2015-01", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06", "2015-07"])
        #expect(try labels(march4, march4 + 4 * 86_400, target: 5)
                == ["2015-03-04", "2015-03-05", "2015-03-06", "2015-03-07", "2015-03-08"])
        #expect(try labels(march4, march4 + 6 * 3600) == (0...6).map { "2015-03-04 0\($0):00" })
        #expect(try labels(march4 + 30, march4 + 600, target: 5) == ["00:00", "00:02", "00:04", "00:06", "00:08", "00:10"])
        #expect(try labels(march4 + 30, march4 + 150, target: 5) == ["00:00:30", "00:01:00", "00:01:30", "00:02:00", "00:02:30"])
    }

    @Test func oneInstantGetsTheDayAroundIt() throws {
        let scale = try #require(DateTicks.scale(from: march4 + 43_200, to: march4 + 43_200, targetTickCount: 6))
        #expect(scale.lower <= march4 && scale.upper >= march4 + 86_400)
    }

    @Test func valuesBeyondAnyCalendarFallBackToNumbers() {
        #expect(DateTicks.scale(from: 0, to: 1e300, targetTickCount: 5) == nil)
        let scale = AxisScale.covering([0, 1e300], scale: .linear, includesZero: false, format: .date, targetTickCount: 5)
        #expect(scale?.ticks.isEmpty == false)
    }

    @Test func datesAsText() {
        #expect(DateTicks.text(march4) == "2015-03-04")
        #expect(DateTicks.text(march4 + 43_200 + 5) == "2015-03-04 12:00:05")
        #expect(DateTicks.text(-2_208_988_800) == "1900-01-01")
    }

    @Test func aDateAxisIsDrawnWithDateLabelsInBothRenderers() throws {
        let figure = Figure(title: "", xAxis: Axis("watched", format: .date), marks: [
            .line(Series(name: "n", x: [y1995, y2020], y: [1, 2])),
        ])
        let svgTexts = try XMLTree(SVGChartRenderer().render(figure)).elements("text").map { $0.stringValue ?? "" }
        #expect(svgTexts.contains("2000") && svgTexts.contains("2020"))
        #expect(ASCIIChartRenderer().render(figure).contains("2005"))
    }
}
