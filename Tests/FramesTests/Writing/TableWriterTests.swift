import Foundation
import Testing
@testable import Frames

@Suite("Table writers")
struct TableWriterTests {
    /// Every column type, missing values in each, and text that needs quoting.
    static func sample() throws -> DataFrame {
        try DataFrame([
            "id": .ints([1, 2, nil, 4]),
            "title": .strings(["plain", "a, \"b\"\nnext", "Ünïcödé ✓ <b>&amp;", nil]),
            "score": .doubles([4.0, 1e-06, nil, -0.5]),
            "when": .timestamps([1_425_213_000, -1, nil, 0]),
            "flag": .bools([true, false, nil, true]),
        ])
    }

    static func written(_ frame: DataFrame, _ writer: some TableWriter) throws -> String {
        var bytes = Data()
        try writer.write(frame, to: { bytes.append($0) })
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("CSV: RFC 4180, missing values empty, shortest doubles, ISO timestamps")
    func csv() throws {
        // pandas writes the same rows with df.to_csv(index=False, lineterminator="\n",
        // date_format="%Y-%m-%dT%H:%M:%SZ") after df["id"] = df["id"].astype("Int64"), except
        // that it spells booleans True/False.
        #expect(try Self.written(Self.sample(), CSVWriter()) == """
            id,title,score,when,flag
            1,plain,4.0,2015-03-01T12:30:00Z,true
            2,"a, ""b""
            next",1e-06,1969-12-31T23:59:59Z,false
            ,Ünïcödé ✓ <b>&amp;,,,
            4,,-0.5,1970-01-01T00:00:00Z,true

            """)
    }

    @Test("CSV reads back as the table written")
    func csvRoundTrip() throws {
        let frame = try Self.sample()
        let text = try Self.written(frame, CSVWriter())
        let readBack = try CSVReader(format: CSVFormat(encoding: .utf8)).read(
            Data(text.utf8), file: "t.csv", options: CSVTableOptions(types: ["when": .timestamp])
        )
        #expect(readBack == frame)
    }

    @Test("integers at the limits of Int, and doubles that must keep their sign or digits")
    func numberSpellings() throws {
        let frame = try DataFrame([
            "i": .ints([Int.min, Int.max, 0, -7]),
            "d": .doubles([-0.0, 0.1 + 0.2, 1e16, 123_456_789.0]),
        ])
        // Python's repr gives the same doubles: -0.0, 0.30000000000000004, 1e+16, 123456789.0.
        #expect(try Self.written(frame, CSVWriter()) == """
            i,d
            -9223372036854775808,-0.0
            9223372036854775807,0.30000000000000004
            0,1e+16
            -7,123456789.0

            """)
        #expect(try CSVReader().read(Data(Self.written(frame, CSVWriter()).utf8), file: "t.csv") == frame)
    }

    @Test("header names are quoted like fields")
    func quotedHeader() throws {
        let frame = try DataFrame(["a,b": .ints([1]), "say \"hi\"": .strings(["x"])])
        let text = try Self.written(frame, CSVWriter())
        #expect(text == "\"a,b\",\"say \"\"hi\"\"\"\n1,x\n")
        #expect(try CSVReader().read(Data(text.utf8), file: "t.csv").columnNames == ["a,b", "say \"hi\""])
    }

    @Test("JSON lines: one object per row, null for missing values")
    func jsonLines() throws {
        // pandas: df.to_json(orient="records", lines=True, date_format="iso") gives the same
        // objects with the same values, spelling timestamps with milliseconds and no zone,
        // 1e-06 as 0.000001, and non-ASCII characters as \u escapes.
        #expect(try Self.written(Self.sample(), JSONLinesWriter()) == """
            {"id":1,"title":"plain","score":4.0,"when":"2015-03-01T12:30:00Z","flag":true}
            {"id":2,"title":"a, \\"b\\"\\nnext","score":1e-06,"when":"1969-12-31T23:59:59Z","flag":false}
            {"id":null,"title":"Ünïcödé ✓ <b>&amp;","score":null,"when":null,"flag":null}
            {"id":4,"title":null,"score":-0.5,"when":"1970-01-01T00:00:00Z","flag":true}

            """)
    }

    @Test("an infinite number is refused, naming its column and row", arguments: [CSVWriter() as any TableWriter, JSONLinesWriter()])
    func infinity(writer: any TableWriter) throws {
        let frame = try DataFrame(["ratio": .doubles([1, .infinity])])
        let message = dataErrorMessage { _ = try Self.written(frame, writer) }
        #expect(message == "column 'ratio' holds an infinite number in row 2, which CSV and JSON cannot hold so that it reads back; filter it out or replace it first")
    }

    @Test("a large table reaches the sink in chunks")
    func chunks() throws {
        let frame = try DataFrame(["n": .ints(Array(0..<300_000))])
        var chunks: [Int] = []
        try CSVWriter().write(frame, to: { chunks.append($0.count) })
        #expect(chunks.count == 2)
        // "n\n" and 0…299999 each with a line break.
        let expectedBytes = 2 + (0..<300_000).reduce(0) { $0 + String($1).count + 1 }
        #expect(chunks.reduce(0, +) == expectedBytes)
    }
}
