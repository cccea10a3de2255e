import Foundation
import Frames
import NotebookCore
import RecbookSupport
import Testing
@testable import TableSteps

@Suite struct SaveStepTests {
    @Test("the name is a plain file name", arguments: [
        ("../x", "nb.md:7:7: error: parameter 'name' expects a file name without a folder, got '../x'; files are written into the output directory"),
        ("/etc/passwd", "nb.md:7:7: error: parameter 'name' expects a file name without a folder, got '/etc/passwd'; files are written into the output directory"),
        (".hidden", "nb.md:7:7: error: parameter 'name' expects a file name that does not start with '.', got '.hidden'"),
        ("a..b", "nb.md:7:7: error: parameter 'name' expects a file name without '..', got 'a..b'"),
        ("my file", "nb.md:7:7: error: parameter 'name' expects a file name of letters, digits, '-', '_' and '.', got 'my file', which holds a space"),
        ("\"a\\tb\"", "nb.md:7:7: error: parameter 'name' expects a file name of letters, digits, '-', '_' and '.', got 'a\\tb', which holds the control character U+0009"),
        ("''", "nb.md:7:7: error: parameter 'name' expects a file name, got an empty one"),
        (String(repeating: "x", count: 101), "nb.md:7:7: error: parameter 'name' expects a file name of at most 100 bytes, got one of 101"),
        ("top.csv", "nb.md:7:1: error: 'name' should not end in '.csv': 'format' adds the extension; did you mean 'top'?"),
    ])
    func names(name: String, expected: String) throws {
        let fixture = try NotebookFixture()
        try fixture.write("t.csv", "a\n1\n")
        let (_, diagnostics) = fixture.check("```load\npath: t.csv\nas: t\n```\n```save\ntable: t\nname: \(name)\n```\n")
        #expect(diagnostics == [expected])
    }

    @Test("a name may hold letters of any script, digits, '-', '_' and '.'")
    func goodNames() {
        for name in ["top-10_movies.v2", "résumé", "x"] { #expect(FileStem.problem(with: name) == nil, "\(name)") }
        #expect(FileStem.problem(with: String(repeating: "é", count: 50)) == nil)
        #expect(FileStem.problem(with: String(repeating: "é", count: 51)) == "expects a file name of at most 100 bytes, got one of 102")
    }

    static func save(_ frame: DataFrame, as name: String, into directory: URL, format: SaveStep.FileFormat = .csv) throws -> StepContext {
        var step = SaveStep()
        step.table = ValueRef(name: "t", location: SourceLocation(file: "nb.md", line: 2, column: 8))
        step.name = FileStem(name)
        step.format = format
        let context = StepContext.standalone(values: ["t": frame], outputDirectory: directory)
        _ = try step.run(in: context)
        return context
    }

    @Test("an existing file is replaced whole, or not at all, and no temporary file is left")
    func atomicity() throws {
        let fixture = try NotebookFixture()
        let directory = fixture.outputDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let destination = directory.appendingPathComponent("t.csv")
        try Data("old\n".utf8).write(to: destination)

        // Large enough that the first megabytes reach the temporary file before the infinity does.
        let count = 400_000
        let failing = try DataFrame(["x": .doubles((0..<count).map { $0 == count - 1 ? .infinity : Double($0) })])
        #expect(throws: DataError.nonFiniteValue(column: "x", row: count)) { _ = try Self.save(failing, as: "t", into: directory) }
        #expect(try String(contentsOf: destination, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["t.csv"])

        let context = try Self.save(try DataFrame(["x": .ints([1, 2])]), as: "t", into: directory)
        #expect(try String(contentsOf: destination, encoding: .utf8) == "x\n1\n2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["t.csv"])
        #expect(context.outputs == [.text("Wrote t.csv beside the report: 2 rows × 1 column.\n")])
    }

    @Test("a directory that cannot be made is reported with its path")
    func unwritable() throws {
        let fixture = try NotebookFixture()
        let blocker = try fixture.write("output", "a file where the directory should be")
        let error = #expect(throws: StepError.self) { _ = try Self.save(try DataFrame(["x": .ints([1])]), as: "t", into: blocker) }
        #expect(error?.message.hasPrefix("could not write '\(blocker.path)/t.csv': ") == true, "\(String(describing: error))")
    }

    @Test("load → save through the executor; a cached save still writes its file")
    func endToEnd() throws {
        let fixture = try NotebookFixture()
        try fixture.write("sales.csv", "day,store,note\n2015-03-01,7,\"a, \"\"quoted\"\" note\"\n2015-03-02,8,\n")
        let notebook = """
            ```load
            path: sales.csv
            types: {day: timestamp}
            as: sales
            ```
            ```save
            table: sales
            name: sales-copy
            ```
            ```save
            table: sales
            name: sales-copy
            format: jsonl
            ```
            """
        let first = try fixture.run(notebook, cache: true)
        #expect(first.failures == [nil, nil, nil])
        let csv = fixture.outputDirectory.appendingPathComponent("sales-copy.csv")
        let jsonl = fixture.outputDirectory.appendingPathComponent("sales-copy.jsonl")
        let expectedCSV = "day,store,note\n2015-03-01T00:00:00Z,7,\"a, \"\"quoted\"\" note\"\n2015-03-02T00:00:00Z,8,\n"
        let expectedJSON = """
            {"day":"2015-03-01T00:00:00Z","store":7,"note":"a, \\"quoted\\" note"}
            {"day":"2015-03-02T00:00:00Z","store":8,"note":null}

            """
        #expect(try String(contentsOf: csv, encoding: .utf8) == expectedCSV)
        #expect(try String(contentsOf: jsonl, encoding: .utf8) == expectedJSON)
        #expect(first.stepResults[1].outputs == [.text("Wrote sales-copy.csv beside the report: 2 rows × 3 columns.\n")])

        try FileManager.default.removeItem(at: csv)
        try FileManager.default.removeItem(at: jsonl)
        let second = try fixture.run(notebook, cache: true)
        guard case .reused = second.stepResults[0].status else {
            Issue.record("load should be reused, got \(second.stepResults[0].status)")
            return
        }
        #expect(second.stepResults[1...].map(\.status) == [.succeeded, .succeeded])
        #expect(try String(contentsOf: csv, encoding: .utf8) == expectedCSV)
        #expect(try String(contentsOf: jsonl, encoding: .utf8) == expectedJSON)
    }
}
