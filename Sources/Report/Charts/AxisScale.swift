import Foundation
import Outputs

/// A labelled position on an axis.
struct Tick: Hashable, Sendable {
    var value: Double
    var label: String
}

/// Maps data values on a numeric axis to a fraction of the plot's extent (0 at the lower end,
/// 1 at the upper end) and says which ticks to draw.
///
/// A linear axis is widened to "nice" bounds that are multiples of a 1-2-5 step; a log axis to
/// whole decades. Degenerate input (a single value, all values equal) is widened around the value,
/// so that no caller ever divides by zero.
struct AxisScale: Sendable {
    let scale: Axis.Scale
    /// The data value at fraction 0.
    let lower: Double
    /// The data value at fraction 1.
    let upper: Double
    let ticks: [Tick]

    /// Where `value` falls between `lower` (0) and `upper` (1); values outside the bounds give
    /// fractions outside 0…1.
    /// - Returns: nil for values that cannot be drawn: NaN, infinities, values ≤ 0 on a log axis,
    ///   and (defensively) any value whose fraction is not a finite number.
    func fraction(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let fraction: Double
        switch scale {
        case .linear:
            // Halving first keeps differences finite even for bounds near ±Double.greatestFiniteMagnitude.
            fraction = (value * 0.5 - lower * 0.5) / (upper * 0.5 - lower * 0.5)
        case .log:
            guard value > 0 else { return nil }
            fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return fraction.isFinite ? fraction : nil
    }

    /// The value a bar grows from: zero when the axis shows it, else the lower bound.
    var baseline: Double {
        scale == .linear && lower <= 0 && upper >= 0 ? 0 : lower
    }

    /// Builds a scale covering `values`.
    /// - Parameters:
    ///   - values: data values; NaN, infinities and (on a log axis) values ≤ 0 are ignored.
    ///   - scale: linear or log.
    ///   - includesZero: widen a linear axis to include 0 (bar charts and histograms).
    ///   - targetTickCount: about how many intervals between ticks to aim for.
    /// - Returns: nil when no value can be drawn.
    static func covering(
        _ values: some Sequence<Double>, scale: Axis.Scale, includesZero: Bool, targetTickCount: Int
    ) -> AxisScale? {
        var lowest = Double.infinity
        var highest = -Double.infinity
        for value in values where value.isFinite && (scale == .linear || value > 0) {
            lowest = min(lowest, value)
            highest = max(highest, value)
        }
        guard lowest <= highest else { return nil }
        switch scale {
        case .linear:
            if includesZero {
                lowest = min(lowest, 0)
                highest = max(highest, 0)
            }
            return linear(from: lowest, to: highest, targetTickCount: max(1, targetTickCount))
        case .log:
            return logarithmic(from: lowest, to: highest, maxTickCount: max(2, targetTickCount + 1))
        }
    }

    /// The 1-2-5 step (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) nearest to `span / targetCount`.
    static func niceStep(span: Double, targetCount: Int) -> Double {
        let raw = span / Double(max(1, targetCount))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalised = raw / magnitude
        let factor: Double = normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10
        return factor * magnitude
    }

    private static func linear(from lowest: Double, to highest: Double, targetTickCount: Int) -> AxisScale {
        var low = lowest
        var high = highest
        if low == high {
            let padding = low == 0 ? 1 : abs(low) / 2
            low -= padding
            high += padding
        }
        let step = niceStep(span: high - low, targetCount: targetTickCount)
        let firstIndex = (low / step).rounded(.down)
        let lastIndex = (high / step).rounded(.up)
        // Spans so wide or so far from zero that the arithmetic loses meaning: plain end ticks.
        guard step.isFinite, step > 0, abs(firstIndex) < 1e15, abs(lastIndex) < 1e15,
              (firstIndex * step).isFinite, (lastIndex * step).isFinite, lastIndex > firstIndex
        else {
            let labels = [ChartNumberFormat.value(low), ChartNumberFormat.value(high)]
            return AxisScale(scale: .linear, lower: low, upper: high,
                             ticks: [Tick(value: low, label: labels[0]), Tick(value: high, label: labels[1])])
        }
        let values = (Int(firstIndex)...Int(lastIndex)).map { Double($0) * step }
        let labels = ChartNumberFormat.linearTickLabels(values, step: step)
        return AxisScale(
            scale: .linear, lower: firstIndex * step, upper: lastIndex * step,
            ticks: zip(values, labels).map { Tick(value: $0, label: $1) }
        )
    }

    private static func logarithmic(from lowest: Double, to highest: Double, maxTickCount: Int) -> AxisScale {
        // Exponents of positive finite doubles lie within -324…309, so Int conversion is safe;
        // the clamps keep both bounds normal, finite numbers.
        let lowExponent = min(307, max(-307, Int(log10(lowest).rounded(.down))))
        var highExponent = min(308, max(-307, Int(log10(highest).rounded(.up))))
        if highExponent <= lowExponent { highExponent = lowExponent + 1 }
        let decades = highExponent - lowExponent
        var ticks: [Tick] = []
        if decades == 1 {
            // One decade: 1, 2, 5 and 10 times its start.
            for mantissa in [1, 2, 5] {
                ticks.append(logTick(mantissa: mantissa, exponent: lowExponent))
            }
        } else {
            let stride = Int((Double(decades) / Double(maxTickCount - 1)).rounded(.up))
            for exponent in Swift.stride(from: lowExponent, to: highExponent, by: max(1, stride)) {
                ticks.append(logTick(mantissa: 1, exponent: exponent))
            }
        }
        ticks.append(logTick(mantissa: 1, exponent: highExponent))
        return AxisScale(
            scale: .log, lower: ChartNumberFormat.pow10(lowExponent), upper: ChartNumberFormat.pow10(highExponent),
            ticks: ticks
        )
    }

    private static func logTick(mantissa: Int, exponent: Int) -> Tick {
        Tick(
            value: Double(mantissa) * ChartNumberFormat.pow10(exponent),
            label: ChartNumberFormat.logTickLabel(mantissa: mantissa, exponent: exponent)
        )
    }
}
