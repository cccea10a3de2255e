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

    @Test("error messages", arguments: cases)
    func message(_ testCase: Case) {
        let message = dataErrorMessage {
            _ = try CSVReader(format: testCase.format).read(Data(testCase.text.utf8), file: testCase.file, columns: testCase.columns)
        }
        #expect(message == testCase.message)
    }

    @Test("text that is not UTF-8 is an error when the format insists on UTF-8")
    func undecodableText() {
        let bytes = latin1("movieId,title\n1,Toy Story (1995)\n2,\"Misérables, Les (1995)\"\n")
        let message = dataErrorMessage {
            _ = try CSVReader(format: CSVFormat(encoding: .utf8)).read(
                Data(bytes), file: "movies.csv", columns: [CSVColumn("movieId", .int), CSVColumn("title", .string)]
            )
        }
        #expect(message == "movies.csv:3: column 'title': the text is not valid UTF-8")
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
