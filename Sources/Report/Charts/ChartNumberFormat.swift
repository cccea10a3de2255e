import Foundation
import RecbookSupport

/// The fixed number formats charts use, so that identical figures give identical bytes.
enum ChartNumberFormat {
    /// An SVG coordinate: at most two decimals, no trailing zeros, never `-0`.
    ///
    /// Values are clamped to ±10⁹, far outside any view box, so the conversion cannot trap.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (min(max(value, -1e9), 1e9) * 100).rounded()
        if hundredths == 0 { return "0" }
        let magnitude = Int(abs(hundredths))
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = hundredths < 0 ? "-\(whole)" : "\(whole)"
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text
    }

    /// A data value shown as text (a bar's value, a tooltip): about four significant digits,
    /// trailing zeros removed: `0.9628`, `12.5`, `100836`.
    static func value(_ value: Double) -> String {
        guard value.isFinite else { return Format.shortest(value) }
        let magnitude = abs(value)
        if value == value.rounded(), magnitude < 1e15 { return Format.fixed(value == 0 ? 0 : value, 0) }
        if magnitude >= 1e15 || magnitude < 1e-4 { return exponential(value, significantDigits: 4) }
        let exponent = Int(log10(magnitude).rounded(.down))
        return strippingTrailingZeros(Format.fixed(value, min(max(3 - exponent, 0), 8)))
    }

    /// Labels for evenly spaced linear ticks `step` apart, with the same number of decimals on
    /// every label ("0.0 0.5 1.0"), and a `k` or `M` suffix for large values ("20k").
    static func linearTickLabels(_ values: [Double], step: Double) -> [String] {
        let largest = values.map(abs).max() ?? 0
        if largest >= 1e15 || step < 1e-6 {
            return values.map { $0 == 0 ? "0" : exponential($0, significantDigits: 3) }
        }
        if largest >= 1e4 {
            let (unit, suffix) = largest >= 1e6 ? (1e6, "M") : (1e3, "k")
            let digits = decimals(forStep: step / unit)
            return values.map { value in
                value == 0 ? "0" : strippingTrailingZeros(Format.fixed(value / unit, digits)) + suffix
            }
        }
        let digits = decimals(forStep: step)
        return values.map { Format.fixed($0 == 0 ? 0 : $0, digits) }
    }

    /// The label of a log-axis tick `mantissa × 10^exponent` (mantissa 1, 2 or 5):
    /// `0.01`, `500`, `20k`, `1M`, `1e9`, `5e-6`.
    static func logTickLabel(mantissa: Int, exponent: Int) -> String {
        switch exponent {
        case -3 ... 3:
            let value = Double(mantissa) * pow10(exponent)
            return Format.fixed(value, max(0, -exponent))
        case 4 ... 5:
            return "\(mantissa * intPow10(exponent - 3))k"
        case 6 ... 8:
            return "\(mantissa * intPow10(exponent - 6))M"
        default:
            return "\(mantissa)e\(exponent)"
        }
    }

    /// Decimals needed to tell ticks `step` apart: 0 for 1, 2, 5, 10…; 1 for 0.1, 0.2, 0.5; …
    static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        return min(10, max(0, -Int((log10(step) + 1e-9).rounded(.down))))
    }

    /// `10^exponent` as a Double (exact for the exponents up to 22 that axes use).
    static func pow10(_ exponent: Int) -> Double {
        pow(10, Double(exponent))
    }

    private static func intPow10(_ exponent: Int) -> Int {
        (0..<max(0, exponent)).reduce(1) { value, _ in value * 10 }
    }

    private static func exponential(_ value: Double, significantDigits: Int) -> String {
        let text = String(format: "%.\(significantDigits - 1)e", value)
        // "1.500e+07" -> "1.5e7", "-2.000e-05" -> "-2e-5".
        let parts = text.split(separator: "e", maxSplits: 1)
        guard parts.count == 2, let exponent = Int(parts[1]) else { return text }
        return strippingTrailingZeros(String(parts[0])) + "e\(exponent)"
    }

    private static func strippingTrailingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text == "-0" ? "0" : text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }
}
