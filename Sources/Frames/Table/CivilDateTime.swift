/// A UTC calendar date and time of day, from seconds since the Unix epoch.
///
/// Written out by hand (Howard Hinnant's `civil_from_days`) rather than through `DateFormatter`,
/// so that formatting is exact, locale-free and fast enough for millions of cells.
public struct CivilDateTime: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1 to 12.
    public var month: Int
    /// 1 to 31.
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// The UTC date and time `seconds` after 1970-01-01 00:00:00 (before it, for negative values),
    /// in the proleptic Gregorian calendar.
    public init(secondsSinceEpoch seconds: Int) {
        let secondsPerDay = 86_400
        var days = seconds / secondsPerDay
        var secondOfDay = seconds % secondsPerDay
        if secondOfDay < 0 {
            secondOfDay += secondsPerDay
            days -= 1
        }
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60

        // Shift the epoch to 0000-03-01 so that leap days fall at the end of each year, and split
        // the days into 400-year eras of 146,097 days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Whether the time of day is midnight.
    public var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 }

    /// `YYYY-MM-DD`.
    public var dateString: String {
        let yearText = year < 0 ? "-" + Self.padded(-year, 4) : Self.padded(year, 4)
        return "\(yearText)-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    }

    /// `YYYY-MM-DD HH:MM:SS`, as pandas prints a `datetime64` value.
    public var description: String {
        "\(dateString) \(Self.padded(hour, 2)):\(Self.padded(minute, 2)):\(Self.padded(second, 2))"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
