import Foundation
import Testing
@testable import Frames

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("quoted fields hold separators, line breaks and doubled quotes")
    func quotedFields() throws {
        let text = """
            movieId,title,genres
            11,"American President, The (1995)",Comedy|Drama|Romance
            2,"Two
            lines",Drama
            3,\"\"\"Great Performances\"\" Cats (1998)\",Musical
            4,plain,""

            """
        let frame = try readCSV(text)
        #expect(frame.columnNames == ["movieId", "title", "genres"])
        #expect(try frame.ints("movieId") == [11, 2, 3, 4])
        #expect(try cells(frame, "title") == [
            "American President, The (1995)", "Two\nlines", "\"Great Performances\" Cats (1998)", "plain",
        ])
        // A quoted empty field is an empty field: missing, as pandas reads it.
        #expect(try cells(frame, "genres") == ["Comedy|Drama|Romance", "Drama", "Musical", "∅"])
    }

    @Test("line ends", arguments: [
        ("a,b\n1,x\n2,y\n", "LF with a final newline"),
        ("a,b\n1,x\n2,y", "LF without a final newline"),
        ("a,b\r\n1,x\r\n2,y\r\n", "CRLF"),
        ("a,b\r\n1,x\r\n2,y", "CRLF without a final newline"),
        ("a,b\r1,x\r2,y\r", "CR"),
        ("a,b\n\n1,x\n\n\n2,y\n\n", "blank lines skipped"),
        ("\u{FEFF}a,b\n1,x\n2,y\n", "byte order mark"),
    ])
    func lineEnds(text: String, label: String) throws {
        let frame = try readCSV(text)
        #expect(frame.columnNames == ["a", "b"], "\(label)")
        #expect(try frame.ints("a") == [1, 2], "\(label)")
        #expect(try frame.strings("b") == ["x", "y"], "\(label)")
    }

    @Test("CRLF inside a quoted field is kept")
    func crlfInsideQuotes() throws {
        let frame = try readCSV("a,b\r\n1,\"x\r\ny\"\r\n")
        #expect(try frame.strings("b") == ["x\r\ny"])
    }

    @Test("empty fields are missing values in every column type")
    func emptyFields() throws {
        let frame = try readCSV("i,d,s,last\n1,,x,\n,2.5,,\n")
        #expect(frame.columnNames == ["i", "d", "s", "last"])
        #expect(try frame.column("i").type == .int)
        #expect(try cells(frame, "i") == ["1", "∅"])
        #expect(try frame.column("d").type == .double)
        #expect(try cells(frame, "d") == ["∅", "2.5"])
        #expect(try cells(frame, "s") == ["x", "∅"])
        // A column with no values at all is read as doubles, as pandas reads it as float64 NaN.
        #expect(try frame.column("last").type == .double)
        #expect(frame.nullCounts().map(\.count) == [1, 1, 1, 2])
    }

    @Test("pandas' missing markers in numeric columns")
    func missingMarkers() throws {
        let frame = try readCSV("x,y\nNaN,NA\n1.5,7\nnull,N/A\n", columns: [CSVColumn("x", .double), CSVColumn("y", .int)])
        #expect(try cells(frame, "x") == ["∅", "1.5", "∅"])
        #expect(try cells(frame, "y") == ["∅", "7", "∅"])
    }

    @Test("type inference: integers, then numbers, then booleans, then strings")
    func typeInference() throws {
        let frame = try readCSV("a,b,c,d\n1,1,x,-3\n2,2.5,4,9223372036854775807\n")
        #expect(frame.columns.map(\.type) == [.int, .double, .string, .int])
        #expect(try frame.doubles("b") == [1, 2.5])
        #expect(try frame.strings("c") == ["x", "4"])
        #expect(try frame.ints("d") == [-3, Int.max])

        // pandas: pd.read_csv(io.StringIO(text)).dtypes gives b: bool, c: object (strings),
        // a and d: float64 (pandas has no integer column with missing values; recbook keeps
        // integers and marks the row missing). A timestamp is never inferred.
        let mixed = try readCSV("a,b,c,d,e\n1,TRUE,x,1.5,2015-03-01\n2,false,true,2,2015-03-02\n,True,3,nan,\n")
        #expect(mixed.columns.map(\.type) == [.int, .bool, .string, .double, .string])
        #expect(try cells(mixed, "a") == ["1", "2", "∅"])
        #expect(try cells(mixed, "b") == ["true", "false", "true"])
        #expect(try cells(mixed, "c") == ["x", "true", "3"])
        #expect(try cells(mixed, "d") == ["1.5", "2.0", "∅"])
    }

    @Test("header names are made unique and non-empty as pandas does")
    func headerNames() throws {
        let frame = try readCSV("x,x,,x\n1,2,3,4\n")
        #expect(frame.columnNames == ["x", "x.1", "Unnamed: 2", "x.2"])
    }

    @Test("a file without a header gets numbered columns")
    func noHeader() throws {
        let frame = try readCSV("1,a\n2,b\n", format: CSVFormat(hasHeader: false))
        #expect(frame.columnNames == ["0", "1"])
        #expect(try frame.ints("0") == [1, 2])
    }

    @Test("columns are found by header name, in the order asked for")
    func columnsByName() throws {
        let frame = try readCSV(
            "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n",
            columns: [CSVColumn("rating", .double), CSVColumn("userId", .int), CSVColumn("when", .timestamp, field: 3)]
        )
        #expect(frame.columnNames == ["rating", "userId", "when"])
        #expect(try frame.doubles("rating") == [2.5])
        #expect(try frame.timestamps("when") == [1_260_759_144])
    }

    @Test("separators", arguments: [
        ("1\tStar Wars: Episode IV (1977)\tSci-Fi\n", "\t"),
        ("1|Star Wars: Episode IV (1977)|Sci-Fi\n", "|"),
        ("1::Star Wars: Episode IV (1977)::Sci-Fi\n", "::"),
        ("1;;;Star Wars: Episode IV (1977);;;Sci-Fi", ";;;"),
    ])
    func separators(text: String, separator: String) throws {
        let format = CSVFormat(separator: separator, hasHeader: false, quoting: false)
        let frame = try readCSV(text, format: format)
        #expect(try frame.ints("0") == [1])
        #expect(try frame.strings("1") == ["Star Wars: Episode IV (1977)"])
        #expect(try frame.strings("2") == ["Sci-Fi"])
    }

    @Test("a separator at the end of a row leaves an empty last field")
    func trailingSeparator() throws {
        let frame = try readCSV("a::b::c\n1::2::\n3::4::", format: CSVFormat(separator: "::"))
        #expect(try cells(frame, "c") == ["∅", "∅"])
        #expect(try frame.ints("b") == [2, 4])
    }

    @Test("without quoting, quotes are ordinary characters")
    func quotingOff() throws {
        let format = CSVFormat(separator: "::", hasHeader: false, quoting: false)
        let frame = try readCSV("1::\"Great Performances\" Cats (1998)::Musical\n", format: format)
        #expect(try frame.strings("1") == ["\"Great Performances\" Cats (1998)"])
    }

    @Test("a quote inside an unquoted field is kept, as pandas keeps it")
    func quoteInsideUnquotedField() throws {
        let frame = try readCSV("a,b\n1,5'10\" tall\n")
        #expect(try frame.strings("b") == ["5'10\" tall"])
    }

    @Test("UTF-8 text, and Latin-1 when the file is not valid UTF-8")
    func encodings() throws {
        let utf8 = try readCSV("id,title\n1,Misérables, Les (1995)\n".replacingOccurrences(of: "s, Les", with: "s Les"))
        #expect(try utf8.strings("title") == ["Misérables Les (1995)"])

        let bytes = latin1("id,title\n1,\"Misérables, Les (1995)\"\n2,Café\n")
        let fallback = try CSVReader().read(Data(bytes), file: "movies.csv")
        #expect(try fallback.strings("title") == ["Misérables, Les (1995)", "Café"])

        let forced = try CSVReader(format: CSVFormat(encoding: .latin1)).read(Data("id,t\n1,é\n".utf8), file: "x.csv")
        // Read as Latin-1, the two UTF-8 bytes of "é" are two characters.
        #expect(try forced.strings("t") == ["Ã©"])
    }

    @Test("numbers parse exactly as the standard library parses them", arguments: [
        "4.0", "0.5", "3.14159", "4.428785123", "-0.0", "0.1", "1e-3", "2.5E+10", "123456789012345678",
        "0.000000000000000000000001", "1.7976931348623157e308", "9007199254740993", ".5", "5.", "+2.25",
        "  7.5 ",
    ])
    func doubleParsing(text: String) throws {
        let frame = try readCSV("x\n\(text)\n", columns: [CSVColumn("x", .double)])
        let expected = try #require(Double(text.trimmingCharacters(in: .whitespaces)))
        let parsed = try frame.doubles("x")[0]
        #expect(parsed.bitPattern == expected.bitPattern, "\(text)")
    }

    @Test("integers at the limits of Int")
    func intLimits() throws {
        let frame = try readCSV("x\n-9223372036854775808\n9223372036854775807\n+12\n", columns: [CSVColumn("x", .int)])
        #expect(try frame.ints("x") == [Int.min, Int.max, 12])
    }

    @Test("reading from a file names it by its path as given")
    func readFile() throws {
        let directory = try TemporaryDirectory()
        let url = try directory.write("r.csv", "a\n1\nx\n")
        let message = dataErrorMessage { _ = try CSVReader().read(contentsOf: url, columns: [CSVColumn("a", .int)]) }
        #expect(message == "\(url.path):3: column 'a': expected an integer, got 'x'")
        let named = dataErrorMessage {
            _ = try CSVReader().read(contentsOf: url, file: "r.csv", columns: [CSVColumn("a", .int)])
        }
        #expect(named == "r.csv:3: column 'a': expected an integer, got 'x'")
    }
}
