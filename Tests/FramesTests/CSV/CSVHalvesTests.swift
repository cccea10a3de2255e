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

    // Tables of numbers only are written in place by both halves (`PlacedColumns`): the second
    // half from the line ends before the middle, moved down when the first half has fewer rows.

    @Test("numbers written in place, with empty lines, line breaks in a column not read, any line end",
          arguments: ["\n", "\r\n", "\r"])
    func placedRowsWhereverTheMiddleFalls(lineEnd: String) throws {
        // A quoted field with line breaks, then empty lines, moved through the middle row by row:
        // the first half then holds fewer rows than it has line ends, or (the middle inside the
        // quotes) one more than the speculation allows for.
        for before in 0..<14 {
            let rows = (0..<before).map { "\($0),plain,\($0 % 4 == 0 ? "" : String($0 * 3))" }
                + ["99,\"one\(lineEnd)two\(lineEnd)\(lineEnd)three\",7", "", ""]
                + (0..<(14 - before)).map { "\(100 + $0),t,\($0 % 3 == 0 ? "" : String($0))" }
            let text = (["id,title,n"] + rows).joined(separator: lineEnd)
            for ending in ["", lineEnd] {
                let columns = [CSVColumn("id", .int), CSVColumn("n", .int)]
                let (onePass, halves) = Self.readBothWays(Array((text + ending).utf8), columns: columns)
                let table = try onePass.get()
                #expect(table.rowCount == 15)
                #expect(try table.ints("id") == Array(0..<before) + [99] + Array(100..<(114 - before)))
                #expect(try halves.get() == table, "quoted field after \(before) rows, line end \(lineEnd.debugDescription)")
            }
        }
    }

    @Test("numbers written in place: missing values and an error in either half", arguments: [0, 3, 20, 38, 39])
    func placedRowsWithMissingValuesAndAnError(badRow: Int) throws {
        var rows = (0..<40).map { "\($0),\($0 % 6 == 0 ? "" : String(Double($0) / 4)),\(1_000 + $0)" }
        let text = (["id,score,time"] + rows).joined(separator: "\n") + "\n"
        let columns = [CSVColumn("id", .int), CSVColumn("score", .double), CSVColumn("time", .timestamp)]
        let (onePass, halves) = Self.readBothWays(Array(text.utf8), columns: columns)
        let table = try onePass.get()
        #expect(try table.column("score").missingCount == 7)
        #expect(try halves.get() == table)

        rows[badRow] = "\(badRow),x,\(1_000 + badRow)"
        let bad = (["id,score,time"] + rows).joined(separator: "\n") + "\n"
        let (badOnePass, badHalves) = Self.readBothWays(Array(bad.utf8), columns: columns)
        #expect(Self.message(badOnePass) == "t.csv:\(badRow + 2): column 'score': expected a number, got 'x'")
        #expect(Self.message(badHalves) == Self.message(badOnePass))
    }

    @Test("placed rows: moved to their place, copied out when the room runs out, and the next half's moved down")
    func placementBookkeeping() throws {
        var ints = [Int](repeating: -1, count: 8), doubles = [Double](repeating: -1, count: 8)
        try ints.withUnsafeMutableBytes { intMemory in
            try doubles.withUnsafeMutableBytes { doubleMemory in
                let columns = [intMemory.baseAddress!, doubleMemory.baseAddress!]
                let builders = [ColumnBuilder(CSVColumn("a", .int)), ColumnBuilder(CSVColumn("b", .double))]
                var first = RowBatch(builders: builders, placement: RowPlacement(columns: columns, firstRow: 0, capacity: 3))
                var second = RowBatch(builders: builders, placement: RowPlacement(columns: columns, firstRow: 5, capacity: 3))
                for (batch, value) in [(0, 1), (0, 2), (1, 10), (1, 11), (1, 12)] {
                    if batch == 0 {
                        first.builders[0].ints.append(value)
                        first.builders[1].doubles.append(Double(value) / 2)
                        first.placeLastRow()
                        first.rows += 1
                    } else {
                        second.builders[0].appendMissing(row: second.rows)
                        second.builders[1].doubles.append(Double(value) / 2)
                        second.placeLastRow()
                        second.rows += 1
                    }
                }
                #expect(first.builders[0].ints.isEmpty && first.builders[1].doubles.isEmpty)
                #expect(Array(intMemory.bindMemory(to: Int.self)) == [1, 2, -1, -1, -1, 0, 0, 0])
                // The second half's rows (two rows later) move down to follow the first's.
                first.appendPlaced(second, placement: first.placement!, next: second.placement!)
                #expect(first.rows == 5)
                #expect(Array(intMemory.bindMemory(to: Int.self)[0..<5]) == [1, 2, 0, 0, 0])
                #expect(Array(doubleMemory.bindMemory(to: Double.self)[0..<5]) == [0.5, 1, 5, 5.5, 6])
                #expect(first.builders[0].missingRows == [2, 3, 4])
                // Out of room, the rows are copied into the builders, which take the next ones.
                first.stopPlacing()
                #expect(first.placement == nil)
                #expect(first.builders[0].ints == [1, 2, 0, 0, 0])
                #expect(first.builders[1].doubles == [0.5, 1, 5, 5.5, 6])
            }
        }
    }

    static func message(_ result: Result<DataFrame, DataError>) -> String? {
        if case let .failure(error) = result { return error.description }
        return nil
    }
}
