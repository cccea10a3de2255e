import Foundation
import Testing
@testable import Frames

/// Reading any delimited file: names, declared types, a selection of columns, new names, extra
/// missing-value markers, and the first bytes that `recbook check` reads.
@Suite("CSV table options")
struct CSVTableOptionsTests {
    static let sales = #"""
        day,store,amount,open,note
        2015-03-01,7,12.5,true,"first, and ""best"""
        2015-03-02,07,-,false,
        2015-03-03 08:15:00,8,3,TRUE,n/a

        """#

    @Test("declared types win; the others are inferred")
    func declaredTypes() throws {
        let frame = try CSVReader(format: CSVFormat(missingValues: ["-", "n/a"])).read(
            Data(Self.sales.utf8), file: "sales.csv",
            options: CSVTableOptions(types: ["day": .timestamp, "store": .string])
        )
        #expect(frame.columnNames == ["day", "store", "amount", "open", "note"])
        #expect(frame.columns.map(\.type) == [.timestamp, .string, .double, .bool, .string])
        // pandas: pd.to_datetime(["2015-03-01", "2015-03-02", "2015-03-03 08:15:00"]).astype("int64") // 10**9
        #expect(try cells(frame, "day") == ["t1425168000", "t1425254400", "t1425370500"])
        // Declared as strings, "07" keeps its leading zero.
        #expect(try cells(frame, "store") == ["7", "07", "8"])
        // "-" is one of this file's missing markers, so the column is numbers with one missing.
        #expect(try cells(frame, "amount") == ["12.5", "∅", "3.0"])
        #expect(try cells(frame, "open") == ["true", "false", "true"])
        // The extra markers mean missing in string columns too.
        #expect(try cells(frame, "note") == ["first, and \"best\"", "∅", "∅"])
    }

    @Test("columns: only these, in this order; rename: new names")
    func selectAndRename() throws {
        let frame = try CSVReader().read(
            Data(Self.sales.utf8), file: "sales.csv",
            options: CSVTableOptions(columns: ["open", "store"], rename: ["store": "shop"])
        )
        #expect(frame.columnNames == ["open", "shop"])
        #expect(try frame.ints("shop") == [7, 7, 8])
    }

    @Test("names name the columns of a file without a header, or replace the header's")
    func names() throws {
        let headerless = CSVReader(format: CSVFormat(separator: "::", hasHeader: false, quoting: false))
        let ratings = try headerless.read(
            Data("1::1193::5::978300760\n1::661::3::978302109\n".utf8), file: "ratings.dat",
            options: CSVTableOptions(names: ["user", "movie", "stars", "when"], types: ["when": .timestamp])
        )
        #expect(ratings.columnNames == ["user", "movie", "stars", "when"])
        #expect(ratings.columns.map(\.type) == [.int, .int, .int, .timestamp])
        #expect(try headerless.columnNames(Data("1::2\n".utf8), file: "r.dat") == ["0", "1"])

        let replaced = try CSVReader().read(Data("a,b\n1,x\n".utf8), file: "t.csv", options: CSVTableOptions(names: ["id", "label"]))
        #expect(replaced.columnNames == ["id", "label"])
        #expect(try replaced.strings("label") == ["x"])
        #expect(try CSVReader().columnNames(Data("x,x,\n1,2,3\n".utf8), file: "t.csv") == ["x", "x.1", "Unnamed: 2"])
    }

    @Test("a file without a header must have as many fields in every row as names given")
    func namesAndFieldCounts() {
        let reader = CSVReader(format: CSVFormat(hasHeader: false))
        let message = dataErrorMessage {
            _ = try reader.read(Data("1,2,3\n".utf8), file: "t.csv", options: CSVTableOptions(names: ["a", "b"]))
        }
        #expect(message == "t.csv:1: expected 2 fields, found 3")
    }

    @Test("the sample is the file's first bytes cut after the last whole row")
    func sample() throws {
        let directory = try TemporaryDirectory()
        // Row 3's quoted field spans a line break at byte 40 or so; a cut inside it must not count.
        let text = "id,text\n1,short\n2,\"two\nlines\"\n3,end\n"
        let url = try directory.write("t.csv", text)
        let reader = CSVReader()
        for (maxBytes, expected) in [(18, "id,text\n1,short\n"), (22, "id,text\n1,short\n"), (31, "id,text\n1,short\n2,\"two\nlines\"\n"), (1000, text)] {
            let sample = try reader.sample(contentsOf: url, file: "t.csv", maxBytes: maxBytes)
            #expect(String(decoding: sample, as: UTF8.self) == expected, "\(maxBytes)")
        }
        // A row cut before its line break is left out, even when it would parse.
        let cut = try reader.sample(contentsOf: url, file: "t.csv", maxBytes: text.utf8.count - 2)
        #expect(String(decoding: cut, as: UTF8.self) == "id,text\n1,short\n2,\"two\nlines\"\n")
        #expect(try reader.read(cut, file: "t.csv", options: CSVTableOptions()).schema == TableSchema(["id": .int, "text": .string]))
    }
}
