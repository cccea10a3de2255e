import Foundation
import Testing
@testable import Frames

/// Every error the reader raises, with its exact wording and the line of the offending row.
@Suite("CSV reader errors")
struct CSVErrorTests {
    static let ratingColumns = [
        CSVColumn("userId", .int, allowsMissing: false), CSVColumn("movieId", .int, allowsMissing: false),
        CSVColumn("rating", .double, allowsMissing: false), CSVColumn("timestamp", .int, allowsMissing: false),
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var message: String
        var file = "ratings.csv"
        var format = CSVFormat.csv
        var columns: [CSVColumn]? = CSVErrorTests.ratingColumns
        var options: CSVTableOptions?
        var limits = CSVLimits.standard
        var testDescription: String { message }
    }

    static let header = "userId,movieId,rating,timestamp\n"

    static let cases: [Case] = [
        Case(
            text: header + "1,1,4.0,964982703\n1,3,abc,964981247\n",
            message: "ratings.csv:3: column 'rating': expected a number, got 'abc'"
        ),
        Case(
            text: header + "1.5,1,4.0,964982703\n",
            message: "ratings.csv:2: column 'userId': expected an integer, got '1.5'"
        ),
        Case(
            text: header + "1,1,,964982703\n",
            message: "ratings.csv:2: column 'rating': expected a number, got an empty field"
        ),
        Case(
            text: header + "1,1,4.0,99999999999999999999\n",
            message: "ratings.csv:2: column 'timestamp': expected an integer, got '99999999999999999999'"
        ),
        Case(
            text: header + "1,1,4.0,1\n1,1,4.0,2\n1,1,4.0,3\n1,1,4.0\n",
            message: "ratings.csv:5: expected 4 fields, found 3"
        ),
        Case(
            text: header + "1,1,4.0,1,extra\n",
            message: "ratings.csv:2: expected 4 fields, found 5"
        ),
        Case(
            text: "userId,rating\n1,\"4.0\n2,3.5\n",
            message: "ratings.csv:2: unterminated quoted field; the file ends before its closing quote",
            columns: nil
        ),
        Case(
            text: "movieId,title\n1,\"Toy\" Story\n",
            message: "movies.csv:2: field 2: unexpected text after the closing quote",
            file: "movies.csv", columns: nil
        ),
        Case(
            text: "userId,movieId,timestamp\n1,1,964982703\n",
            message: "ratings.csv: missing column 'rating' (the header has userId, movieId, timestamp)"
        ),
        Case(text: "", message: "ratings.csv: the file is empty; expected a header line"),
        Case(text: "\u{FEFF}", message: "ratings.csv: the file is empty; expected a header line"),
        Case(text: "\n\r\n\n", message: "ratings.csv: the file is empty; expected a header line"),
        Case(
            text: "id,text\n1,\"a\nb\"\n2,\"c\"\nx,d\n",
            message: "t.csv:5: column 'id': expected an integer, got 'x'",
            file: "t.csv", columns: [CSVColumn("id", .int)]
        ),
        Case(
            text: "id\n1\n\n\nx\n",
            message: "t.csv:5: column 'id': expected an integer, got 'x'",
            file: "t.csv", columns: [CSVColumn("id", .int)]
        ),
        Case(
            text: "id\r\n1\r\nx\r\n",
            message: "t.csv:3: column 'id': expected an integer, got 'x'",
            file: "t.csv", columns: [CSVColumn("id", .int)]
        ),
        Case(
            text: "id\n\"1\"\"\"\n",
            message: "t.csv:2: column 'id': expected an integer, got '1\"'",
            file: "t.csv", columns: [CSVColumn("id", .int)]
        ),
        Case(
            text: "id\n" + String(repeating: "x", count: 61) + "\n",
            message: "t.csv:2: column 'id': expected an integer, got '" + String(repeating: "x", count: 60) + "…'",
            file: "t.csv", columns: [CSVColumn("id", .int)]
        ),
        Case(
            text: "1\t2\n3\n",
            message: "u.data:2: expected 2 fields, found 1",
            file: "u.data", format: CSVFormat(separator: "\t", hasHeader: false), columns: nil
        ),
        Case(
            text: "1\t2\n",
            message: "u.data:1: expected 4 fields, found 2",
            file: "u.data", format: CSVFormat(separator: "\t", hasHeader: false)
        ),
        Case(
            text: "\nuserId,movieId\n1,2\n",
            message: "ratings.csv:2: expected 4 fields, found 2",
            columns: [CSVColumn("userId", .int), CSVColumn("when", .timestamp, field: 3)]
        ),
        Case(
            text: "a,b\n1,2\n",
            message: "invalid separator '': a separator must be non-empty and hold no quote or line break",
            format: CSVFormat(separator: ""), columns: nil
        ),
        Case(
            text: "a,b\n1,2\n",
            message: "invalid separator '\"': a separator must be non-empty and hold no quote or line break",
            format: CSVFormat(separator: "\""), columns: nil
        ),
    ]

    /// Data that must be refused, each with the message that says where and why.
    static let hostileCases: [Case] = [
        // strtod stops at a NUL; the field as a whole is no number.
        Case(
            text: header + "1,1,4.0\u{0}junk,964982703\n",
            message: "ratings.csv:2: column 'rating': expected a number, got '4.0\\0junk'"
        ),
        Case(
            text: header + "1,1,4.0,964982703\n1,2,inf,964982703\n",
            message: "ratings.csv:3: column 'rating': expected a finite number, got 'inf'"
        ),
        Case(
            text: header + "1,1,1e400,964982703\n",
            message: "ratings.csv:2: column 'rating': expected a finite number, got '1e400'"
        ),
        Case(
            text: header + "1,1,-Infinity,964982703\n",
            message: "ratings.csv:2: column 'rating': expected a finite number, got '-Infinity'"
        ),
        // NaN is pandas' missing value: an error only where a value is required.
        Case(
            text: header + "1,1,NaN,964982703\n",
            message: "ratings.csv:2: column 'rating': expected a number, got 'NaN'"
        ),
        // An inferred column of numbers refuses infinities too.
        Case(text: "x\n1.5\n-inf\n", message: "t.csv:3: column 'x': expected a finite number, got '-inf'", file: "t.csv", columns: nil),
        Case(
            text: "a\n1\n12345678901\n",
            message: "t.csv:3: the row that starts here is longer than 10 bytes, the most a row may hold; is this a delimited text file?",
            file: "t.csv", columns: nil, limits: CSVLimits(maxRecordBytes: 10)
        ),
        Case(
            text: "a,b,c,d\n1,2,3,4\n",
            message: "t.csv:1: the row has more than 3 fields, the most a row may hold; is the delimiter right?",
            file: "t.csv", columns: nil, limits: CSVLimits(maxFields: 3)
        ),
        Case(
            text: "a,b,c\n1,2,3\n",
            message: "t.csv: 2 column names given for 3 columns (the header has a, b, c)",
            file: "t.csv", options: CSVTableOptions(names: ["x", "y"])
        ),
        Case(
            text: "a,b\n1,2\n",
            message: "t.csv: missing column 'z' (the header has a, b)",
            file: "t.csv", options: CSVTableOptions(columns: ["b", "z"])
        ),
        Case(
            text: "a,b\n1,2\n",
            message: "t.csv: missing column 'c' (the header has a, b)",
            file: "t.csv", options: CSVTableOptions(types: ["c": .int])
        ),
        Case(
            text: "when\n2015-03-01\n2015-02-30\n",
            message: "t.csv:3: column 'when': expected a timestamp (Unix seconds, or an ISO-8601 date or date-time such as "
                + "2015-03-01 12:30:00), got '2015-02-30'",
            file: "t.csv", options: CSVTableOptions(types: ["when": .timestamp])
        ),
        Case(
            text: "flag\ntrue\nyes\n",
            message: "t.csv:3: column 'flag': expected true or false, got 'yes'",
            file: "t.csv", options: CSVTableOptions(types: ["flag": .bool])
        ),
    ]

    @Test("error messages", arguments: cases + hostileCases)
    func message(_ testCase: Case) {
        let reader = CSVReader(format: testCase.format, limits: testCase.limits)
        let message = dataErrorMessage {
            let data = Data(testCase.text.utf8)
            if let options = testCase.options {
                _ = try reader.read(data, file: testCase.file, options: options)
            } else {
                _ = try reader.read(data, file: testCase.file, columns: testCase.columns)
            }
        }
        #expect(message == testCase.message)
    }

    @Test("error messages are the same when the rows are read in two halves", arguments: cases + hostileCases)
    func messageReadInHalves(_ testCase: Case) {
        var reader = CSVReader(format: testCase.format, limits: testCase.limits)
        reader.minimumBytesForHalves = 0
        let message = dataErrorMessage {
            let data = Data(testCase.text.utf8)
            if let options = testCase.options {
                _ = try reader.read(data, file: testCase.file, options: options)
            } else {
                _ = try reader.read(data, file: testCase.file, columns: testCase.columns)
            }
        }
        #expect(message == testCase.message)
    }

    static let encodingHint = "give the file's encoding (for example latin-1) if it is not UTF-8"
    static let undecodableCases: [(bytes: [UInt8], message: String)] = [
        (latin1("movieId,title\n1,Toy Story (1995)\n2,\"Misérables, Les (1995)\"\n"),
         "movies.csv:3:7: column 'title': the text is not valid UTF-8 (byte 0xE9); " + encodingHint),
        // Inside a quoted field that spans lines: the line of the byte, not of the row.
        (Array("movieId,title\n1,\"ab\ncd".utf8) + [0xE9] + Array("\"\n".utf8),
         "movies.csv:3:3: column 'title': the text is not valid UTF-8 (byte 0xE9); " + encodingHint),
        // Characters before it count once each, however many bytes they take.
        (Array("movieId,title\n1,é".utf8) + [0xFF] + Array("\n".utf8),
         "movies.csv:2:4: column 'title': the text is not valid UTF-8 (byte 0xFF); " + encodingHint),
        (Array("movieId,ti".utf8) + [0xC3, 0x28] + Array("le\n1,x\n".utf8),
         "movies.csv:1:11: the header is not valid UTF-8 (byte 0xC3); " + encodingHint),
    ]

    @Test("text that is not UTF-8 is reported at the line and column of its first bad byte", arguments: undecodableCases)
    func undecodableText(bytes: [UInt8], expected: String) {
        let message = dataErrorMessage {
            _ = try CSVReader(format: CSVFormat(encoding: .utf8)).read(
                Data(bytes), file: "movies.csv", columns: [CSVColumn("movieId", .int), CSVColumn("title", .string)]
            )
        }
        #expect(message == expected)
    }

    @Test("a named pipe or a device is refused without reading from it", .timeLimit(.minutes(1)))
    func notRegularFiles() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.url.appendingPathComponent("ratings.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // Opening a FIFO for reading would block until a writer comes; none ever does here.
        #expect(
            dataErrorMessage { _ = try CSVReader().read(contentsOf: fifo, file: "ratings.csv") }
                == "cannot read 'ratings.csv': not a regular file (it is a named pipe)"
        )
        #expect(
            dataErrorMessage { _ = try CSVReader().sample(contentsOf: fifo, file: "ratings.csv") }
                == "cannot read 'ratings.csv': not a regular file (it is a named pipe)"
        )
        let zero = URL(fileURLWithPath: "/dev/zero")
        #expect(
            dataErrorMessage { _ = try CSVReader().read(contentsOf: zero) }
                == "cannot read '/dev/zero': not a regular file (it is a character device)"
        )
    }

    @Test("a file larger than the limit is refused before it is read")
    func fileTooLarge() throws {
        let directory = try TemporaryDirectory()
        let url = try directory.write("big.csv", "a,b\n1,2\n3,4\n")
        let reader = CSVReader(limits: CSVLimits(maxFileBytes: 8))
        #expect(
            dataErrorMessage { _ = try reader.read(contentsOf: url, file: "big.csv") }
                == "cannot read 'big.csv': the file is 12 bytes, more than the 8 bytes a data file may hold"
        )
        #expect(DataError.bytes(8 << 30) == "8 GiB")
        #expect(DataError.bytes(16 << 20) == "16 MiB")
    }

    @Test("a file that does not exist, and a directory")
    func unreadableFiles() throws {
        let directory = try TemporaryDirectory()
        let absent = directory.url.appendingPathComponent("absent.csv")
        #expect(dataErrorMessage { _ = try CSVReader().read(contentsOf: absent) } == "cannot read '\(absent.path)': no such file")
        #expect(
            dataErrorMessage { _ = try CSVReader().read(contentsOf: directory.url) }
                == "cannot read '\(directory.url.path)': it is a directory"
        )
    }
}
