import Foundation

/// A date axis: bounds and ticks on whole calendar units in UTC — years, months, days, hours,
/// minutes or seconds — labelled with as much of the date as the step needs: `2015`,
/// `2015-03`, `2015-03-04`, `2015-03-04 12:00`, `12:05`, `12:05:30`.
///
/// Values are seconds since 1970-01-01 00:00:00 UTC. The calendar is the proleptic Gregorian
/// one in UTC, so labels never depend on the machine's time zone or locale.
enum DateTicks {
    private enum Unit { case second, minute, hour, day, month, year }

    private struct Step {
        var unit: Unit
        var count: Int

        /// About how long the step is, for choosing one; months and years vary.
        var approximateSeconds: Double {
            let unitSeconds: Double = switch unit {
            case .second: 1
            case .minute: 60
            case .hour: 3600
            case .day: 86_400
            case .month: 2_629_746
            case .year: 31_556_952
            }
            return unitSeconds * Double(count)
        }
    }

    private static let steps: [Step] =
        [1, 2, 5, 10, 15, 30].map { Step(unit: .second, count: $0) }
        + [1, 2, 5, 10, 15, 30].map { Step(unit: .minute, count: $0) }
        + [1, 2, 3, 6, 12].map { Step(unit: .hour, count: $0) }
        + [1, 2, 7, 14].map { Step(unit: .day, count: $0) }
        + [1, 2, 3, 6].map { Step(unit: .month, count: $0) }

    /// Values further than this from 1970 (about 300,000 years) get a plain numeric axis.
    private static let limit = 1e13

    /// A scale from the step boundary at or below `lowest` to the one at or above `highest`,
    /// with a tick on every boundary between; nil for values too far from 1970 to be dates.
    /// - Parameter targetTickCount: the most intervals between ticks wanted.
    static func scale(from lowest: Double, to highest: Double, targetTickCount: Int) -> AxisScale? {
        guard abs(lowest) < limit, abs(highest) < limit, lowest <= highest else { return nil }
        var low = lowest.rounded(.down)
        var high = highest.rounded(.up)
        if low == high {
            // A single instant: the day around it.
            low -= 43_200
            high += 43_200
        }
        let span = high - low
        let target = Double(max(1, targetTickCount))
        let step = steps.first { span / $0.approximateSeconds <= target }
            ?? Step(unit: .year, count: max(1, Int(AxisScale.niceStep(span: span / 31_556_952, targetCount: Int(target)))))
        guard let first = boundary(atOrBelow: low, step: step) else { return nil }
        var ticks: [Tick] = []
        var tick = first
        // At most a few more ticks than the target; the cap only guards against a calendar
        // that refuses to advance.
        while ticks.count < Int(target) + 4 {
            ticks.append(Tick(value: tick, label: label(tick, unit: step.unit)))
            guard tick < high, let next = advance(tick, by: step), next > tick else { break }
            tick = next
        }
        guard let lower = ticks.first?.value, let upper = ticks.last?.value, upper > lower else { return nil }
        return AxisScale(scale: .linear, lower: lower, upper: upper, ticks: ticks)
    }

    /// `seconds` as a date, with the time of day unless it is midnight: `2015-03-04`,
    /// `2015-03-04 12:05:30`.
    static func text(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < limit else { return ChartNumberFormat.value(seconds) }
        let time = CivilTime(seconds.rounded(.down))
        return time.isMidnight ? time.date : time.date + " " + time.clock(seconds: true)
    }

    private static func label(_ seconds: Double, unit: Unit) -> String {
        let time = CivilTime(seconds)
        switch unit {
        case .year: return String(time.year)
        case .month: return time.date.dropLast(3).description
        case .day: return time.date
        case .hour: return time.date + " " + time.clock(seconds: false)
        case .minute: return time.clock(seconds: false)
        case .second: return time.clock(seconds: true)
        }
    }

    /// The last boundary of `step` at or before `seconds`.
    private static func boundary(atOrBelow seconds: Double, step: Step) -> Double? {
        switch step.unit {
        case .second, .minute, .hour, .day:
            let length = step.approximateSeconds
            return (seconds / length).rounded(.down) * length
        case .month:
            let time = CivilTime(seconds)
            let months = (time.year * 12 + time.month - 1).floorMultiple(of: step.count)
            return CivilTime.seconds(year: months.floorDivided(by: 12), month: months.floorModulo(12) + 1)
        case .year:
            return CivilTime.seconds(year: CivilTime(seconds).year.floorMultiple(of: step.count), month: 1)
        }
    }

    private static func advance(_ seconds: Double, by step: Step) -> Double? {
        switch step.unit {
        case .second, .minute, .hour, .day:
            return seconds + step.approximateSeconds
        case .month:
            let time = CivilTime(seconds)
            let months = time.year * 12 + time.month - 1 + step.count
            return CivilTime.seconds(year: months.floorDivided(by: 12), month: months.floorModulo(12) + 1)
        case .year:
            return CivilTime.seconds(year: CivilTime(seconds).year + step.count, month: 1)
        }
    }
}

/// A UTC date and time of day, through Foundation's Gregorian calendar.
private struct CivilTime {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    init(_ seconds: Double) {
        let parts = Self.calendar.dateComponents(
            [.era, .year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds)
        )
        // Foundation counts years before 1 AD as era 0, year 1, 2, …; astronomical numbering
        // (year 0 = 1 BC) keeps the arithmetic on years continuous.
        let year = parts.year ?? 1970
        self.year = parts.era == 0 ? 1 - year : year
        month = parts.month ?? 1
        day = parts.day ?? 1
        hour = parts.hour ?? 0
        minute = parts.minute ?? 0
        second = parts.second ?? 0
    }

    var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 }

    /// `YYYY-MM-DD`.
    var date: String {
        let yearText = year < 0 ? "-" + Self.padded(-year, 4) : Self.padded(year, 4)
        return "\(yearText)-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// `HH:MM`, or `HH:MM:SS`.
    func clock(seconds: Bool) -> String {
        Self.padded(hour, 2) + ":" + Self.padded(minute, 2) + (seconds ? ":" + Self.padded(second, 2) : "")
    }

    /// The first instant of `month` in `year` (astronomical numbering), or nil if the calendar
    /// cannot name it.
    static func seconds(year: Int, month: Int) -> Double? {
        var parts = DateComponents()
        parts.era = year <= 0 ? 0 : 1
        parts.year = year <= 0 ? 1 - year : year
        parts.month = month
        parts.day = 1
        return calendar.date(from: parts)?.timeIntervalSince1970
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

private extension Int {
    /// The quotient rounded towards negative infinity.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }

    /// The remainder of ``floorDivided(by:)``, in `0..<divisor`.
    func floorModulo(_ divisor: Int) -> Int {
        self - floorDivided(by: divisor) * divisor
    }

    /// The largest multiple of `step` not above this value.
    func floorMultiple(of step: Int) -> Int {
        floorDivided(by: step) * step
    }
}
