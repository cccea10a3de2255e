import Foundation
import Testing
@testable import Frames

@Suite("ISO-8601 timestamps")
struct TimestampParsingTests {
    // Expected values from pandas, UTC when no zone is given:
    //   t = pd.Timestamp(s); t = t.tz_localize("UTC") if t.tzinfo is None else t; t.value // 10**9
    // and for years pandas cannot hold, numpy: np.datetime64(s, "s").astype("int64").
    @Test("dates and date-times, with and without zones", arguments: [
        ("2015-03-01", 1_425_168_000),
        ("2015-03-01 12:30", 1_425_213_000),
        ("2015-03-01 12:30:00", 1_425_213_000),
        ("2015-03-01T12:30:00Z", 1_425_213_000),
        ("2015-03-01T12:30:00+01:00", 1_425_209_400),
        ("2015-03-01T12:30:00-0530", 1_425_232_800),
        ("2015-03-01T12:30:00.750+01", 1_425_209_400),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-02-29", 951_782_400),
        ("1900-03-01", -2_203_891_200),
        ("-0001-03-01", -62_193_657_600),
        ("10000-01-01", 253_402_300_800),
        ("978300760", 978_300_760),
    ])
    func parses(text: String, seconds: Int) throws {
        let frame = try readCSV("t\n\(text)\n", columns: [CSVColumn("t", .timestamp)])
        #expect(try frame.timestamps("t") == [seconds])
    }

    @Test("not timestamps", arguments: [
        "2015-02-29", "2015-13-01", "2015-3-1", "2015-03-01T24:00:00", "2015-03-01 12:60", "2015-03-01T12:30:00+25:00",
        "2015-03-01T12:30:00 Z", "2015-03-01T", "15-03-01", "2015-03-01T12:30:00.", "1234567890123-01-01", "March 1 2015",
    ])
    func refuses(text: String) {
        let message = dataErrorMessage { _ = try readCSV("t\n\(text)\n", file: "t.csv", columns: [CSVColumn("t", .timestamp)]) }
        #expect(message?.hasPrefix("t.csv:2: column 't': expected a timestamp") == true, "\(text): \(message ?? "read")")
    }

    @Test("days since the epoch invert CivilDateTime")
    func inverse() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDateTime(secondsSinceEpoch: days * 86_400)
            #expect(TimestampParsing.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
        }
    }
}
