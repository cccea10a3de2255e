import Testing
@testable import Frames

@Suite("Civil dates")
struct CivilDateTimeTests {
    // Expected strings from pandas 3.1: str(pd.to_datetime(seconds, unit='s')).
    @Test("seconds since the epoch as UTC dates and times", arguments: [
        (0, "1970-01-01 00:00:00"),
        (-1, "1969-12-31 23:59:59"),
        (964_982_703, "2000-07-30 18:45:03"),
        (847_434_962, "1996-11-08 06:36:02"),
        (1_493_850_091, "2017-05-03 22:21:31"),
        (951_782_400, "2000-02-29 00:00:00"),
        (951_868_799, "2000-02-29 23:59:59"),
        (1_109_635_200, "2005-03-01 00:00:00"),
        (4_107_542_400, "2100-03-01 00:00:00"),
        (-2_203_891_200, "1900-03-01 00:00:00"),
        (253_402_300_799, "9999-12-31 23:59:59"),
        (-62_135_596_800, "0001-01-01 00:00:00"),
    ])
    func formatting(seconds: Int, expected: String) {
        #expect(CivilDateTime(secondsSinceEpoch: seconds).description == expected)
    }

    @Test("extreme values do not trap")
    func extremes() {
        _ = CivilDateTime(secondsSinceEpoch: Int.max).description
        _ = CivilDateTime(secondsSinceEpoch: Int.min).description
    }

    @Test("midnight and date-only text")
    func dateOnly() {
        let date = CivilDateTime(secondsSinceEpoch: 951_782_400)
        #expect(date.isMidnight)
        #expect(date.dateString == "2000-02-29")
        #expect(!CivilDateTime(secondsSinceEpoch: 951_782_401).isMidnight)
    }
}
