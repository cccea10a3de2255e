import Foundation
import Testing
@testable import Frames

/// Rows of plain numbers take a quick path (`TableParse+PlainRows.swift`); every other row goes
/// to the general path. Whatever the rows hold, the table — or the error, with its line — must be
/// the one the general path alone gives, read in one pass and in two halves.
@Suite("CSV reader, rows of plain numbers")
struct CSVPlainRowTests {
    /// A read's table, or its error's message.
    enum Outcome: Equatable {
        case table(DataFrame)
        case error(String)

        func get() throws -> DataFrame {
            guard case let .table(table) = self else { throw DataError.invalidArgument("no table") }
            return table
        }
    }

    /// The result of reading `text` four ways: quick path on or off, in one pass or in halves.
    static func readFourWays(_ text: String, columns: [CSVColumn]?, format: CSVFormat = CSVFormat()) -> [Outcome] {
        var results: [Outcome] = []
        for quick in [true, false] {
            for halves in [false, true] {
                var reader = CSVReader(format: format)
                reader.readsPlainRowsQuickly = quick
                reader.minimumBytesForHalves = halves ? 0 : nil
                do {
                    results.append(.table(try reader.read(Data(text.utf8), file: "t.csv", columns: columns)))
                } catch {
                    results.append(.error("\(error)"))
                }
            }
        }
        return results
    }

    static let ratings = [
        CSVColumn("userId", .int), CSVColumn("movieId", .int),
        CSVColumn("rating", .double, allowedValues: NumericDomain(0.5, 5, step: 0.5, description: "half stars")),
        CSVColumn("timestamp", .timestamp),
    ]

    static let plainRows = (0..<300).map { "\($0 / 7),\($0 % 13),\(Double($0 % 10 + 1) / 2),\(1_000_000 + $0)" }

    /// Each row is put in the middle of plain rows, so that the rows before and after it take
    /// the quick path; the reading must not notice.
    static let oddRows = [
        "1,2,3.5,100",                        // plain, for reference
        "1, 2,3.5,100",                       // a space
        "1,2,\"3.5\",100",                    // a quoted number
        "1,2,,100",                           // a missing rating
        "1,2,NaN,100",                        // a missing-value marker
        "1,2,nan,100",
        "1,2,inf,100",                        // not finite: an error
        "1,2,7.5,100",                        // outside the domain: an error
        "1,2,3.25,100",                       // off the half-star steps: an error
        "+1,-2,3.5,100",                      // signs
        "1,2,3.5e0,100",                      // an exponent
        "1,2,3.5,2015-03-01",                 // a timestamp written as a date
        "1,2,3.5,100,9",                      // a field too many: an error
        "1,2,3.5",                            // a field too few: an error
        "12345678901234567890,2,3.5,100",     // an integer too large: an error
        "1,2,x,100",                          // not a number: an error
        "1,2,3.5,100\r",                      // a carriage return before the line feed
        "",                                   // an empty line
        "1,2,0003.500,100",                   // leading and trailing zeros
        "1,2,3.,100",                         // a trailing point
        "1,2,.5e0,100",
        "1,2,3.5000000000000001,100",         // 17 significant digits: strtod's rounding
        "1,2,-0.0,100",                       // below the domain: an error
        "-0,2,3.5,100",                       // negative zero as an integer
        "1,2,3.5.5,100",                      // two points: not a number
        "123456789012345678,2,3.5,100",       // 18 digits
        "1234567890123456789,2,3.5,100",      // 19 digits: the checked path
    ]

    @Test("an odd row among plain ones reads, or fails, as the general path reads it", arguments: oddRows)
    func oddRowAmongPlainOnes(row: String) {
        let text = (["userId,movieId,rating,timestamp"] + Self.plainRows.prefix(150) + [row] + Self.plainRows.suffix(150))
            .joined(separator: "\n") + "\n"
        let results = Self.readFourWays(text, columns: Self.ratings)
        #expect(results.allSatisfy { $0 == results[3] }, "\(row): \(results.map { "\($0)".prefix(160) })")
    }

    @Test("the last row without a line feed, and a file of plain rows only")
    func lastRowAndPlainFile() throws {
        let plain = (["userId,movieId,rating,timestamp"] + Self.plainRows).joined(separator: "\n")
        for text in [plain, plain + "\n", plain + "\n\n\n"] {
            let results = Self.readFourWays(text, columns: Self.ratings)
            #expect(results.allSatisfy { $0 == results[3] })
            let table = try results[0].get()
            #expect(table.rowCount == 300)
            #expect(try table.doubles("rating").last == 5)
            #expect(try table.timestamps("timestamp").first == 1_000_000)
        }
    }

    @Test("columns not read may hold anything but the separator, quotes and line breaks")
    func unreadColumns() {
        let rows = (0..<200).map { "\($0),título \($0 % 3),\($0 * 2)" } + ["7,\"a, quoted\",14", "8,,16"]
        let text = (["id,title,double"] + rows).joined(separator: "\n") + "\n"
        let columns = [CSVColumn("id", .int), CSVColumn("double", .int)]
        let results = Self.readFourWays(text, columns: columns)
        #expect(results.allSatisfy { $0 == results[3] })
        #expect((try? results[0].get().ints("double").last) == 16)
    }

    @Test("a line number in an error after many quick rows is the general path's")
    func errorLineAfterQuickRows() {
        let text = (["userId,movieId,rating,timestamp"] + Self.plainRows + ["\n", "1,2,9,100"]).joined(separator: "\n") + "\n"
        let results = Self.readFourWays(text, columns: Self.ratings)
        #expect(results.allSatisfy { $0 == results[3] })
        guard case let .error(message) = results[0] else {
            Issue.record("a rating of 9 was accepted")
            return
        }
        #expect(message.contains("304"), "\(message)")
    }

    /// The C reader takes rows a chunk at a time (``PlainRowReader/chunkRows``) and stops for
    /// progress every 65,536 rows; an odd row on either side of those edges, or the file's end,
    /// must not change what is read.
    @Test("odd rows at the edges of the reader's chunks", arguments: [4095, 4096, 4097, 8191, 65535, 65536, 65537])
    func oddRowsAtChunkEdges(position: Int) throws {
        var rows = (0..<70_000).map { "\($0 % 611),\($0 % 97),\(Double($0 % 10 + 1) / 2),\(900_000_000 + $0)" }
        rows[position] = "1,2,\"3.5\",100"
        rows[position - 2] = "1,2,,100"
        let text = (["userId,movieId,rating,timestamp"] + rows).joined(separator: "\n") + "\n"
        let results = Self.readFourWays(text, columns: Self.ratings)
        #expect(results.allSatisfy { $0 == results[3] })
        let table = try results[0].get()
        #expect(table.rowCount == 70_000)
        #expect(try table.ints("userId")[69_999] == 69_999 % 611)
        #expect(try table.timestamps("timestamp")[position + 1] == 900_000_000 + position + 1)
        #expect(try table.doubles("rating")[position] == 3.5)
    }

    /// `na: ["-1"]` makes -1 a missing value, as pandas' `na_values` does; rows of plain numbers
    /// must not read it as a number.
    @Test("a format's missing-value marker that is a number reads as missing")
    func numericMissingMarker() throws {
        let rows = (0..<300).map { "\($0),\($0 % 7 == 0 ? "-1" : "\($0 % 5)"),\($0 % 11 == 0 ? "-1" : "2.5")" }
        let text = (["a,b,c"] + rows).joined(separator: "\n") + "\n"
        let columns = [CSVColumn("a", .int), CSVColumn("b", .int), CSVColumn("c", .double)]
        let results = Self.readFourWays(text, columns: columns, format: CSVFormat(missingValues: ["-1"]))
        #expect(results.allSatisfy { $0 == results[3] })
        let table = try results[0].get()
        let b = try table.column("b"), c = try table.column("c")
        #expect((0..<300).filter { b.isMissing($0) } == (0..<300).filter { $0 % 7 == 0 })
        #expect((0..<300).filter { c.isMissing($0) } == (0..<300).filter { $0 % 11 == 0 })
    }

    /// A separator that can be part of a number (`.` here) would let a number run into the next
    /// field; such files take the general path.
    @Test("a separator that can be part of a number")
    func separatorInsideNumbers() throws {
        let rows = (0..<300).map { "\($0).\($0 % 4).\($0 % 9)" }
        let text = (["a.b.c"] + rows).joined(separator: "\n") + "\n"
        let columns = [CSVColumn("a", .int), CSVColumn("b", .double), CSVColumn("c", .int)]
        let results = Self.readFourWays(text, columns: columns, format: CSVFormat(separator: "."))
        #expect(results.allSatisfy { $0 == results[3] })
        #expect(try results[0].get().doubles("b")[7] == 3)
        #expect(try results[0].get().ints("c")[20] == 2)
    }

    /// A domain's check multiplies by the reciprocal of a power-of-two step and skips the rounding
    /// for whole numbers of steps; it must decide as the plain formula does.
    @Test("NumericDomain decides as the division and rounding do", arguments: [0.5, 0.25, 1, 0.1, 3])
    func domainAgreesWithTheFormula(step: Double) {
        let domain = NumericDomain(0.5, 5, step: step, description: "test")
        func formula(_ value: Double) -> Bool {
            guard value >= 0.5, value <= 5 else { return false }
            let steps = (value - 0.5) / step
            return abs(steps - steps.rounded()) <= 1e-9 * max(1, abs(steps))
        }
        var values: [Double] = [0.5, 5, 0.4999999999, 5.0000001, 2.75, 3, 1e-300, -0.0, .nan, .infinity, 4.5 + 1e-12]
        for tenth in 0...60 { values.append(Double(tenth) / 10) }
        for quarter in 0...24 { values.append(Double(quarter) / 4 + 0.5.nextUp) }
        for value in values {
            #expect(domain.contains(value) == formula(value), "step \(step), value \(value)")
        }
    }
}
