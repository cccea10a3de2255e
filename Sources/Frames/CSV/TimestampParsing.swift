/// Reads ISO-8601 dates and date-times from a field's bytes, as seconds since the Unix epoch.
///
/// Accepted: `2015-03-01` (midnight UTC), `2015-03-01 12:30`, `2015-03-01 12:30:00`,
/// `2015-03-01T12:30:00.250` (the fraction is dropped: a timestamp holds whole seconds), each
/// optionally followed by a zone, `Z` or an offset `+01:00`, `-0530`, `+01`; without one the time
/// is UTC. Years have four or more digits and may be signed, as ISO 8601's extended years are.
/// Anything else, including an impossible date such as `2015-02-30`, is not a timestamp.
enum TimestampParsing {
    /// Seconds since 1970-01-01 00:00:00 UTC, or nil unless the whole range is one timestamp.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var cursor = Cursor(bytes: bytes, index: start, end: end)
        guard let days = cursor.date() else { return nil }
        var seconds = days * 86_400
        if cursor.atEnd { return seconds }
        guard cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: "t")) || cursor.take(UInt8(ascii: " ")),
              let time = cursor.timeOfDay()
        else { return nil }
        seconds += time
        if cursor.atEnd { return seconds }
        guard let offset = cursor.zoneOffset(), cursor.atEnd else { return nil }
        return seconds - offset
    }

    /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's
    /// `days_from_civil`), the inverse of ``CivilDateTime/init(secondsSinceEpoch:)``.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        let end: Int

        var atEnd: Bool { index == end }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < end, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Exactly `count` digits, or between `count` and `maximum` when a maximum is given.
        mutating func digits(_ count: Int, upTo maximum: Int? = nil) -> Int? {
            var value = 0
            var taken = 0
            while index < end, taken < (maximum ?? count), bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                taken += 1
            }
            return taken >= count ? value : nil
        }

        /// Skips a run of digits of any length; returns how many there were.
        mutating func skipDigits() -> Int {
            let first = index
            while index < end, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - first
        }

        /// `[+-]YYYY-MM-DD` as days since the epoch. Years are capped at nine digits, so that
        /// the seconds cannot overflow.
        mutating func date() -> Int? {
            let negative = take(UInt8(ascii: "-"))
            if !negative { _ = take(UInt8(ascii: "+")) }
            guard let magnitude = digits(4, upTo: 9), take(UInt8(ascii: "-")),
                  let month = digits(2), take(UInt8(ascii: "-")), let day = digits(2)
            else { return nil }
            let year = negative ? -magnitude : magnitude
            guard (1...12).contains(month), day >= 1, day <= TimestampParsing.daysInMonth(month, year: year) else { return nil }
            return TimestampParsing.daysSinceEpoch(year: year, month: month, day: day)
        }

        /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff…` as seconds into the day, the fraction dropped.
        mutating func timeOfDay() -> Int? {
            guard let hour = digits(2), take(UInt8(ascii: ":")), let minute = digits(2),
                  hour <= 23, minute <= 59
            else { return nil }
            var second = 0
            if take(UInt8(ascii: ":")) {
                guard let value = digits(2), value <= 59 else { return nil }
                second = value
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    guard skipDigits() > 0 else { return nil }
                }
            }
            return hour * 3600 + minute * 60 + second
        }

        /// `Z`, `+HH:MM`, `+HHMM` or `+HH` (or with `-`) as seconds east of UTC.
        mutating func zoneOffset() -> Int? {
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return 0 }
            let sign: Int
            if take(UInt8(ascii: "+")) { sign = 1 } else if take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
            guard let hours = digits(2), hours <= 23 else { return nil }
            var minutes = 0
            if !atEnd {
                _ = take(UInt8(ascii: ":"))
                guard let value = digits(2), value <= 59 else { return nil }
                minutes = value
            }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}
