import Testing
@testable import Report

@Suite struct ChartNumberFormatTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (12.0, "12"), (12.5, "12.5"), (12.375, "12.38"), (-3.004, "-3"),
        (0.05, "0.05"), (-0.004, "0"), (719.999, "720"), (1e12, "1000000000"), (.nan, "0"),
    ])
    func coordinate(value: Double, expected: String) {
        #expect(ChartNumberFormat.coordinate(value) == expected)
    }

    @Test(arguments: [
        (0.9628, "0.9628"), (0.96283, "0.9628"), (12.5, "12.5"), (4.71, "4.71"), (100836.0, "100836"),
        (3.14159, "3.142"), (-2.5, "-2.5"), (0.0, "0"), (1.5e-5, "1.5e-5"), (2e16, "2e16"),
        (.nan, "nan"), (.infinity, "inf"),
    ])
    func value(value: Double, expected: String) {
        #expect(ChartNumberFormat.value(value) == expected)
    }

    @Test(arguments: [
        (1, -3, "0.001"), (5, -1, "0.5"), (2, 0, "2"), (1, 3, "1000"), (2, 4, "20k"), (5, 5, "500k"),
        (1, 6, "1M"), (1, 9, "1e9"), (5, -6, "5e-6"),
    ])
    func logTickLabel(mantissa: Int, exponent: Int, expected: String) {
        #expect(ChartNumberFormat.logTickLabel(mantissa: mantissa, exponent: exponent) == expected)
    }

    @Test func linearTickLabelsShareDecimals() {
        #expect(ChartNumberFormat.linearTickLabels([0, 0.5, 1.0, 1.5], step: 0.5) == ["0.0", "0.5", "1.0", "1.5"])
        #expect(ChartNumberFormat.linearTickLabels([0, 2_000_000, 4_000_000], step: 2_000_000) == ["0", "2M", "4M"])
        #expect(ChartNumberFormat.linearTickLabels([-10, 0, 10], step: 10) == ["-10", "0", "10"])
    }
}
