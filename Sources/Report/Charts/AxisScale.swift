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
    ///   - format: `.date` gives a linear axis ticks on calendar boundaries, labelled as dates
    ///     (see ``DateTicks``); a log axis ignores it.
    ///   - targetTickCount: about how many intervals between ticks to aim for.
    /// - Returns: nil when no value can be drawn.
    static func covering(
        _ values: some Sequence<Double>, scale: Axis.Scale, includesZero: Bool, format: Axis.Format = .number,
        targetTickCount: Int
    ) -> AxisScale? {
        var lowest = Double.infinity
        var highest = -Double.infinity
        for value in values where value.isFinite && (scale == .linear || value > 0) {
            lowest = min(lowest, value)
            highest = max(highest, value)
        }
        guard lowest <= highest else { return nil }
        switch scale {
        case .linear where format == .date && !includesZero:
            if let dates = DateTicks.scale(from: lowest, to: highest, targetTickCount: max(1, targetTickCount)) {
                return dates
            }
            return linear(from: lowest, to: highest, targetTickCount: max(1, targetTickCount))
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
        var lower = LogStep.atOrBelow(lowest)
        var upper = LogStep.atOrAbove(highest)
        if lower == upper {
            lower = lower.previous
            upper = upper.next
        }
        var ticks: [Tick] = []
        if upper.exponent - lower.exponent <= 2, upper.value / lower.value <= 100.000001 {
            // Up to two decades: bounds and ticks on the 1-2-5 sequence, so that data within a
            // narrow band still fills the plot.
            var step = lower
            while step.value <= upper.value * (1 + 1e-9) {
                ticks.append(step.tick)
                step = step.next
            }
            return AxisScale(scale: .log, lower: lower.value, upper: upper.value, ticks: ticks)
        }
        // Wider: whole decades, thinned to at most `maxTickCount` ticks.
        let lowExponent = lower.exponent
        let highExponent = upper.mantissa == 1 ? upper.exponent : upper.exponent + 1
        let decades = highExponent - lowExponent
        let stride = max(1, Int((Double(decades) / Double(maxTickCount - 1)).rounded(.up)))
        for exponent in Swift.stride(from: lowExponent, to: highExponent, by: stride) {
            ticks.append(LogStep(mantissa: 1, exponent: exponent).tick)
        }
        ticks.append(LogStep(mantissa: 1, exponent: highExponent).tick)
        return AxisScale(
            scale: .log, lower: ChartNumberFormat.pow10(lowExponent), upper: ChartNumberFormat.pow10(highExponent),
            ticks: ticks
        )
    }
}

/// A value on the 1-2-5 sequence of a log axis: `mantissa × 10^exponent`, mantissa 1, 2 or 5.
private struct LogStep: Equatable {
    var mantissa: Int
    var exponent: Int

    /// Exponents stay where 10^exponent is a normal, finite Double.
    init(mantissa: Int, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = min(307, max(-307, exponent))
    }

    var value: Double { Double(mantissa) * ChartNumberFormat.pow10(exponent) }

    var tick: Tick {
        Tick(value: value, label: ChartNumberFormat.logTickLabel(mantissa: mantissa, exponent: exponent))
    }

    var next: LogStep {
        switch mantissa {
        case 1: LogStep(mantissa: 2, exponent: exponent)
        case 2: LogStep(mantissa: 5, exponent: exponent)
        default: LogStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    var previous: LogStep {
        switch mantissa {
        case 5: LogStep(mantissa: 2, exponent: exponent)
        case 2: LogStep(mantissa: 1, exponent: exponent)
        default: LogStep(mantissa: 5, exponent: exponent - 1)
        }
    }

    /// The largest step not above `value` (a positive, finite number). A relative tolerance of
    /// 10⁻⁹ absorbs rounding, so that 0.02 is itself a step and not 0.01.
    static func atOrBelow(_ value: Double) -> LogStep {
        let exponent = Int(log10(value).rounded(.down))
        let scaled = value / ChartNumberFormat.pow10(exponent) * (1 + 1e-9)
        if scaled >= 10 { return LogStep(mantissa: 1, exponent: exponent + 1) }
        return LogStep(mantissa: scaled >= 5 ? 5 : scaled >= 2 ? 2 : 1, exponent: exponent)
    }

    /// The smallest step not below `value` (a positive, finite number).
    static func atOrAbove(_ value: Double) -> LogStep {
        let exponent = Int(log10(value).rounded(.down))
        let scaled = value / ChartNumberFormat.pow10(exponent) * (1 - 1e-9)
        switch scaled {
        case ...1: return LogStep(mantissa: 1, exponent: exponent)
        case ...2: return LogStep(mantissa: 2, exponent: exponent)
        case ...5: return LogStep(mantissa: 5, exponent: exponent)
        default: return LogStep(mantissa: 1, exponent: exponent + 1)
        }
    }
}
