import Foundation
import Frames
import NotebookCore
import RecbookSupport
import Testing
@testable import TableSteps

@Suite struct LoadStepTests {
    static let sales = """
        day,store,amount,open
        2015-03-01,7,12.5,true
        2015-03-02,8,3,false

        """

    // MARK: Check-time diagnostics, at the parameter

    @Test("parameters naming columns are checked against the file's header", arguments: [
        ("types:\n  amont: double\n", "nb.md:4:3: error: no column 'amont'; did you mean 'amount'?"),
        ("columns: [day, stor]\n", "nb.md:3:16: error: no column 'stor'; did you mean 'store'?"),
        ("columns: [day, day]\n", "nb.md:3:16: error: 'day' is listed twice in 'columns'"),
        ("columns: [day]\nrename: {store: shop}\n", "nb.md:4:10: error: no column 'store'; the columns are 'day'"),
        ("rename:\n  store: day\n", "nb.md:4:10: error: renaming 'store' to 'day' gives two columns named 'day'"),
        ("names: [a, b]\n", "nb.md:3:8: error: 'names' gives 2 names, but the header has 4 columns (day, store, amount, open)"),
        ("names: [a, b, a, c]\n", "nb.md:3:15: error: 'a' is given twice in 'names'"),
        ("names: [a, b, c, d]\ntypes: {day: timestamp}\n", "nb.md:4:9: error: no column 'day'; the columns are 'a', 'b', 'c', 'd'"),
        ("header: false\nnames: [a, b]\n", "nb.md:4:8: error: 'names' gives 2 names, but the first row has 4 fields"),
    ])
    func columnParameters(parameters: String, expected: String) throws {
        let fixture = try NotebookFixture()
        try fixture.write("sales.csv", Self.sales)
        let (_, diagnostics) = fixture.check("```load\npath: sales.csv\n" + parameters + "as: sales\n```\n")
        #expect(diagnostics == [expected])
    }

    @Test("parameters that go together, and ones that do not", arguments: [
        ("path: sales.csv\ndata: ml\ntable: ratings\n", "nb.md:3:1: error: give either 'path' or 'data', not both"),
        ("preview: none\n", "nb.md:1:1: error: 'load' needs 'path' (a delimited text file) or 'data' and 'table' (a MovieLens release)"),
        ("data: ml\n", "nb.md:1:1: error: 'data' needs 'table': which of movies, ratings or tags to read"),
        ("data: ml\ntable: movies\ndelimiter: ';'\n", "nb.md:4:1: error: 'delimiter' applies to a delimited file read with 'path', not to a MovieLens release"),
        ("data: ml\ntable: movies\nrating_scale: [1, 10]\n", "nb.md:4:1: error: 'rating_scale' applies only to 'table: ratings'"),
        ("path: sales.csv\nrating_scale: [1, 10]\n", "nb.md:3:1: error: 'rating_scale' applies to MovieLens ratings read with 'data'"),
        ("path: sales.csv\ntable: ratings\n", "nb.md:3:1: error: 'table' names a table of a MovieLens release given with 'data'; 'path' reads one file"),
        ("path: sales.csv\ndelimiter: '\"'\n", "nb.md:3:1: error: a delimiter must be non-empty and hold no quote or line break"),
        ("path: sales.csv\ndelimiter: '12345678901234567'\n", "nb.md:3:12: error: parameter 'delimiter' must be at most 16 bytes long, got 17"),
        ("data: ml\ntable: ratings\nrating_scale: [5, 1]\n", "nb.md:4:15: error: parameter 'rating_scale' expects [min, max] with min below max, got [5, 1]"),
        ("data: ml\ntable: ratings\nrating_scale: 5\n", "nb.md:4:15: error: parameter 'rating_scale' expects [min, max]: two numbers, the lower first, got '5'"),
        ("path: sales.csv\ntypes: {day: date}\n", "nb.md:3:14: error: parameter 'types' expects one of 'int', 'double', 'string', 'bool', 'timestamp', got 'date'"),
        ("path: sales.csv\ntypes: [day]\n", "nb.md:3:8: error: parameter 'types' expects a map of column names to values (`name: one of 'int', 'double', 'string', 'bool', 'timestamp'` on each line), got a list"),
        ("path: sales.csv\nencoding: latin1\n", "nb.md:3:11: error: parameter 'encoding' expects one of 'utf-8', 'latin-1', 'auto', got 'latin1'; did you mean 'latin-1'?"),
    ])
    func parameterCombinations(parameters: String, expected: String) throws {
        let fixture = try NotebookFixture()
        try fixture.write("sales.csv", Self.sales)
        let (_, diagnostics) = fixture.check("```load\n" + parameters + "as: t\n```\n")
        #expect(diagnostics == [expected])
    }

    @Test("check reports a malformed start of the file, or one it cannot read, at 'path'", .timeLimit(.minutes(1)))
    func fileProblemsAtCheck() throws {
        let fixture = try NotebookFixture()
        try fixture.write("short.csv", "a,b\n1,2\n3\n")
        #expect(fixture.check("```load\npath: short.csv\n```\n").diagnostics == ["nb.md:2:7: error: short.csv:3: expected 2 fields, found 1"])
        #expect(mkfifo(fixture.directory.appendingPathComponent("pipe.csv").path, 0o600) == 0)
        #expect(
            fixture.check("```load\npath: pipe.csv\n```\n").diagnostics
                == ["nb.md:2:7: error: cannot read 'pipe.csv': not a regular file (it is a named pipe)"]
        )
        // A file missing at check time is no error there (an earlier step may make it); the run says.
        let (plan, diagnostics) = fixture.check("```load\npath: missing.csv\n```\n")
        #expect(diagnostics == [])
        #expect(plan != nil)
        #expect(try fixture.run("```load\npath: missing.csv\n```\n").failures == ["cannot read 'missing.csv': no such file"])
    }

    // MARK: Shapes

    @Test("the table's columns are known before running: MovieLens tables, and a file's first 64 KB")
    func shapes() throws {
        let fixture = try NotebookFixture()
        try fixture.write("sales.csv", Self.sales)
        func shape(_ step: LoadStep) -> TableSchema? {
            let context = AnalysisContext(
                notebookDirectory: fixture.directory, blockLocation: SourceLocation(file: "nb.md", line: 1, column: 1),
                parameterLocations: [:], shape: { _ in nil }
            )
            return step.analyse(context) as? TableSchema
        }
        var ratings = LoadStep()
        ratings.data = FilePath("no-such-release")
        ratings.table = .ratings
        #expect(shape(ratings) == TableSchema(["userId": .int, "movieId": .int, "rating": .double, "timestamp": .int]))
        ratings.table = .tags
        #expect(shape(ratings) == TableSchema(["userId": .int, "movieId": .int, "tag": .string, "timestamp": .int]))
        ratings.table = .movies
        #expect(shape(ratings) == TableSchema(["movieId": .int, "title": .string, "genres": .string]))

        var sales = LoadStep()
        sales.path = FilePath("sales.csv")
        sales.types = ColumnMapping([.init(column: ColumnName("day"), value: .timestamp, valueLocation: SourceLocation(file: "", line: 0, column: 0))])
        sales.columns = [ColumnName("day"), ColumnName("amount"), ColumnName("open")]
        sales.rename = ColumnMapping([.init(column: ColumnName("open"), value: ColumnName("is_open"), valueLocation: SourceLocation(file: "", line: 0, column: 0))])
        #expect(shape(sales) == TableSchema(["day": .timestamp, "amount": .double, "is_open": .bool]))
        sales.path = FilePath("missing.csv")
        #expect(shape(sales) == nil)
    }

    // MARK: Running

    @Test("every option of a delimited file")
    func options() throws {
        let fixture = try NotebookFixture()
        try fixture.write("ratings.tsv", "1\t10\t4.5\t2015-03-01T12:30:00+01:00\n2\tNone\t?\t978300760\n")
        try fixture.write("movies.txt", "movieId::title\n1::\"Heat\" (1995)\n")
        try fixture.write("tabbed.txt", "a\tb,c\n1\tx,y\n")
        try Data([0x69, 0x64, 0x3B, 0x74, 0x0A, 0x31, 0x3B, 0x43, 0x61, 0x66, 0xE9, 0x0A]).write(to: fixture.directory.appendingPathComponent("latin.csv"))
        let run = try fixture.run("""
            ```load
            path: ratings.tsv
            header: false
            names: [user, movie, stars, when]
            types: {when: timestamp}
            na: ['?', None]
            columns: [when, user, stars]
            rename: {stars: rating}
            as: ratings
            ```
            ```load
            path: movies.txt
            delimiter: '::'
            quoting: false
            as: movies
            ```
            ```load
            path: latin.csv
            delimiter: ;
            encoding: latin-1
            as: latin
            ```
            ```load
            path: tabbed.txt
            delimiter: tab
            as: tabbed
            ```
            """)
        #expect(run.failures == [nil, nil, nil, nil])
        let tables = try run.stepResults.map { try #require($0.outputs.first) }
        guard case let .table(ratings) = tables[0], case let .table(movies) = tables[1], case let .table(latin) = tables[2],
              case let .table(tabbed) = tables[3]
        else {
            Issue.record("expected table previews, got \(tables)")
            return
        }
        #expect(ratings.columns.map(\.name) == ["when", "user", "rating"])
        // pandas: pd.Timestamp("2015-03-01T12:30:00+01:00") is 2015-03-01 11:30:00 UTC.
        #expect(ratings.rows.map(\.cells) == [["2015-03-01 11:30:00", "1", "4.5"], ["2000-12-31 22:12:40", "2", "NaN"]])
        #expect(movies.rows.map(\.cells) == [["1", "\"Heat\" (1995)"]])
        #expect(latin.rows.map(\.cells) == [["1", "Café"]])
        #expect(tabbed.columns.map(\.name) == ["a", "b,c"])
        #expect(tabbed.rows.map(\.cells) == [["1", "x,y"]])
    }

    @Test("a run checks the columns again: the file may have changed since the check")
    func runTimeCheck() throws {
        let fixture = try NotebookFixture()
        try fixture.write("sales.csv", Self.sales)
        let text = "```load\npath: sales.csv\ncolumns: [day, store]\n```\n"
        let (plan, _) = fixture.check(text)
        let checked = try #require(plan)
        try fixture.write("sales.csv", "day,stores\n2015-03-01,7\n")
        let run = Executor(registry: NotebookFixture.registry).run(checked, options: ExecutionOptions(outputDirectory: fixture.outputDirectory))
        #expect(run.failures == ["nb.md:3:16: error: no column 'store'; did you mean 'stores'?"])
    }

    @Test("a MovieLens ratings file off its scale, or empty, fails naming the file")
    func movieLensRefusals() throws {
        let fixture = try NotebookFixture()
        try FileManager.default.createDirectory(at: fixture.directory.appendingPathComponent("ml"), withIntermediateDirectories: true)
        try fixture.write("ml/movies.csv", "movieId,title,genres\n1,Heat (1995),Action\n")
        try fixture.write("ml/ratings.csv", "userId,movieId,rating,timestamp\n1,1,8,964982703\n")
        #expect(try fixture.run("```load\ndata: ml\ntable: ratings\n```\n").failures == [
            "ratings.csv:2: column 'rating': 8 is outside the release's rating scale (0.5 to 5 in half stars, as in ml-latest); "
                + "give load a rating_scale: [min, max] for another scale",
        ])
        #expect(try fixture.run("```load\ndata: ml\ntable: ratings\nrating_scale: [1, 10]\n```\n").failures == [nil])
        try fixture.write("ml/ratings.csv", "userId,movieId,rating,timestamp\n")
        #expect(try fixture.run("```load\ndata: ml\ntable: ratings\n```\n").failures == ["ratings.csv: has a header but no ratings"])
    }
}
