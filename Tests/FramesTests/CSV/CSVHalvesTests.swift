import Foundation
import Testing
@testable import Frames

/// Reading the rows in two halves at once gives the table, and the error, that one pass gives,
/// wherever the middle of the file falls: in a plain row, in a quoted field that spans lines,
/// among empty lines, in a row with an error.
@Suite("CSV reader, rows read in halves")
struct CSVHalvesTests {
    /// The result of reading `text` in one pass and in two halves: the table or the error's message.
    static func readBothWays(
        _ bytes: [UInt8], format: CSVFormat = .csv, columns: [CSVColumn]? = nil
    ) -> (onePass: Result<DataFrame, DataError>, halves: Result<DataFrame, DataError>) {
        var onePass = CSVReader(format: format)
        onePass.minimumBytesForHalves = nil
        var halves = onePass
        halves.minimumBytesForHalves = 0
        func read(_ reader: CSVReader) -> Result<DataFrame, DataError> {
            Result { () throws(DataError) in
                do { return try reader.read(Data(bytes), file: "t.csv", columns: columns) } catch let error as DataError {
                    throw error
                } catch {
                    throw DataError.invalidArgument("unexpected \(error)")
                }
            }
        }
        return (read(onePass), read(halves))
    }

    static let ratingColumns = [
        CSVColumn("userId", .int), CSVColumn("movieId", .int), CSVColumn("rating", .double), CSVColumn("timestamp", .int),
    ]

    /// `count` rating rows (some with missing ratings) after a header.
    static func ratingRows(_ count: Int, from first: Int = 0) -> [String] {
        (first..<(first + count)).map { row in "\(row / 7),\(row % 13),\(row % 5 == 0 ? "" : String(Double(row % 10) / 2)),\(1_000_000 + row)" }
    }

    @Test("plain rows, with missing values on both sides of the middle", arguments: [1, 2, 3, 10, 101])
    func plainRows(count: Int) throws {
        let text = (["userId,movieId,rating,timestamp"] + Self.ratingRows(count)).joined(separator: "\n") + "\n"
        let (onePass, halves) = Self.readBothWays(Array(text.utf8), columns: Self.ratingColumns)
        let table = try onePass.get()
        #expect(table.rowCount == count)
        #expect(try halves.get() == table)
        #expect(try table.column("rating").missingCount == (0..<count).filter { $0 % 5 == 0 }.count)
    }

    /// Quoted fields with line breaks; in the second, the lines inside the quotes read as rows
    /// of their own when read from the middle, so only the check at the boundary tells.
    static let quotedFields = [
        "\"one{EOL}two,{EOL}{EOL}\"\"three\"\"\"",
        "\"inner{EOL}1,a{EOL}2,b{EOL}3,c{EOL}4,d\"",
    ]

    @Test("a quoted field with line breaks, wherever the middle falls", arguments: ["\n", "\r\n", "\r"], quotedFields)
    func quotedFieldAcrossTheMiddle(lineEnd: String, field: String) throws {
        // Moving the quoted field row by row moves the middle through it, its line breaks and
        // the empty lines after it.
        for before in 0..<12 {
            let rows = (0..<before).map { "\($0),\"plain \($0)\"" }
                + ["99," + field.replacingOccurrences(of: "{EOL}", with: lineEnd), "", ""]
                + (0..<(12 - before)).map { "\(100 + $0),t\($0)" }
            let text = (["id,title"] + rows).joined(separator: lineEnd) + lineEnd
            let (onePass, halves) = Self.readBothWays(Array(text.utf8), columns: [CSVColumn("id", .int), CSVColumn("title", .string)])
            let table = try onePass.get()
            #expect(table.rowCount == 13)
            #expect(try halves.get() == table, "quoted field after \(before) rows")
        }
    }

    @Test("an error is reported at its line whichever half it is in", arguments: [0, 1, 5, 20, 38, 39])
    func errorLines(badRow: Int) {
        // Quoted fields that span two lines each make line numbers differ from row numbers.
        var rows = (0..<40).map { "\($0),\"a\nb\",\($0 % 5)" }
        rows[badRow] = "\(badRow),\"a\nb\",x"
        let text = (["id,text,n"] + rows).joined(separator: "\n") + "\n"
        let columns = [CSVColumn("id", .int), CSVColumn("text", .string), CSVColumn("n", .int)]
        let (onePass, halves) = Self.readBothWays(Array(text.utf8), columns: columns)
        let expected = "t.csv:\(2 + 2 * badRow): column 'n': expected an integer, got 'x'"
        #expect(Self.message(onePass) == expected)
        #expect(Self.message(halves) == expected)
    }

    @Test("a file without a header: a row of another length in the second half is an error at its line")
    func fieldCountWithoutHeader() {
        let rows = (0..<30).map { "\($0),\($0 % 3)" } + ["30,1,extra"] + (31..<40).map { "\($0),\($0 % 3)" }
        let text = rows.joined(separator: "\n") + "\n"
        let format = CSVFormat(hasHeader: false)
        let (onePass, halves) = Self.readBothWays(Array(text.utf8), format: format, columns: [CSVColumn("a", .int)])
        #expect(Self.message(onePass) == "t.csv:31: expected 2 fields, found 3")
        #expect(Self.message(halves) == Self.message(onePass))
    }

    @Test("a second half that is not UTF-8 makes the whole file read as Latin-1")
    func latin1InTheSecondHalf() throws {
        var bytes = Array((["id,title"] + (0..<20).map { "\($0),t\($0)" }).joined(separator: "\n").utf8)
        bytes += Array("\n20,Mis".utf8) + [0xE9] + Array("rables\n".utf8)
        let (onePass, halves) = Self.readBothWays(bytes, columns: [CSVColumn("id", .int), CSVColumn("title", .string)])
        let table = try onePass.get()
        #expect(try table.strings("title").last == "Misérables")
        #expect(try halves.get() == table)
    }

    @Test("a large generated file reads the same in halves, with progress to the end")
    func largeFile() throws {
        let text = (["userId,movieId,rating,timestamp"] + Self.ratingRows(200_000)).joined(separator: "\n")
        let bytes = Array(text.utf8)
        let (onePass, halves) = Self.readBothWays(bytes, columns: Self.ratingColumns)
        #expect(try halves.get() == onePass.get())
        var reader = CSVReader()
        reader.minimumBytesForHalves = 0
        var reports: [(rows: Int, read: Int, total: Int)] = []
        let table = try reader.read(Data(bytes), file: "t.csv", options: CSVTableOptions()) { reports.append(($0, $1, $2)) }
        #expect(table.rowCount == 200_000)
        #expect(reports.count >= 2)
        #expect(reports.last.map { $0.rows == 200_000 && $0.read == $0.total } == true)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.rows <= $1.rows && $0.read <= $1.read })
    }

    static func message(_ result: Result<DataFrame, DataError>) -> String? {
        if case let .failure(error) = result { return error.description }
        return nil
    }
}
