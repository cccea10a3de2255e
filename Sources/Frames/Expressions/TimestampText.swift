/// Reads dates and date-times written in ISO-8601 form as seconds since the Unix epoch (UTC).
///
/// Accepted: `2015-01-31`, `2015-01-31 12:30`, `2015-01-31T12:30:05`, each optionally followed
/// by `Z` or an offset such as `+02:00` (the time is then converted to UTC). Fractions of a
/// second (`12:30:05.250`) are dropped, since timestamps hold whole seconds.
enum TimestampText {
    struct Invalid: Error {
        var reason: String
    }

    /// The seconds since 1970-01-01 00:00:00 UTC that `text` names.
    /// - Throws: ``Invalid`` saying what is wrong.
    static func seconds(_ text: String) throws(Invalid) -> Int {
        var reader = Reader(Array(text.utf8))
        let year = try reader.number(digits: 4, "a four-digit year")
        try reader.expect("-")
        let month = try reader.number(digits: 2, "a two-digit month")
        try reader.expect("-")
        let day = try reader.number(digits: 2, "a two-digit day")
        guard (1...12).contains(month) else { throw Invalid(reason: "month \(month) is not in 1…12") }
        let length = daysInMonth(month, year: year)
        guard (1...length).contains(day) else { throw Invalid(reason: "day \(day) is not in 1…\(length) for \(year)-\(twoDigits(month))") }
        var seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400
        guard !reader.atEnd else { return seconds }
        guard reader.take("T") || reader.take(" ") else { throw reader.unexpected("'T' or a space before the time") }
        let hour = try reader.number(digits: 2, "a two-digit hour")
        try reader.expect(":")
        let minute = try reader.number(digits: 2, "two-digit minutes")
        var second = 0
        if reader.take(":") {
            second = try reader.number(digits: 2, "two-digit seconds")
            if reader.take(".") { reader.skipDigits() }
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw Invalid(reason: "\(twoDigits(hour)):\(twoDigits(minute)):\(twoDigits(second)) is not a time of day")
        }
        seconds += hour * 3600 + minute * 60 + second
        seconds -= try reader.utcOffset()
        guard reader.atEnd else { throw reader.unexpected("the end of the date") }
        return seconds
    }

    /// ``seconds(_:)`` as a result.
    static func parse(_ text: String) -> Result<Int, Invalid> {
        do throws(Invalid) {
            return .success(try seconds(text))
        } catch {
            return .failure(error)
        }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (Howard
    /// Hinnant's `days_from_civil`, the inverse of ``CivilDateTime``).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        func unexpected(_ expected: String) -> Invalid {
            guard position < bytes.count else { return Invalid(reason: "expected \(expected), found the end") }
            let rest = String(decoding: bytes[position...].prefix(12), as: UTF8.self)
            return Invalid(reason: "expected \(expected), found '\(rest)'")
        }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        mutating func expect(_ character: Unicode.Scalar) throws(Invalid) {
            guard take(character) else { throw unexpected("'\(character)'") }
        }

        mutating func number(digits: Int, _ what: String) throws(Invalid) -> Int {
            var value = 0
            for _ in 0..<digits {
                guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
                    throw unexpected(what)
                }
                value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
            }
            return value
        }

        mutating func skipDigits() {
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        }

        /// `Z`, `+HH:MM`, `-HHMM` or nothing, as seconds east of UTC.
        mutating func utcOffset() throws(Invalid) -> Int {
            if atEnd || take("Z") { return 0 }
            let sign: Int
            if take("+") { sign = 1 } else if take("-") { sign = -1 } else { throw unexpected("'Z', an offset such as +02:00, or the end") }
            let hours = try number(digits: 2, "the hours of the offset")
            _ = take(":")
            let minutes = try number(digits: 2, "the minutes of the offset")
            guard hours < 24, minutes < 60 else { throw Invalid(reason: "the offset is out of range") }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}
