import Foundation
import Testing

/// The shape of `Sources/` itself: no function past 80 lines, and module imports that say
/// what each module really needs.
@Suite struct SourceShapeTests {
    /// Runs `scripts/long-functions` with `arguments`.
    static func longFunctions(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = RecbookBinary.packageRoot.appendingPathComponent("scripts/long-functions")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func noFunctionInSourcesIsLongerThan80Lines() throws {
        let result = try Self.longFunctions(["Sources"])
        #expect(result.stdout == "")
        #expect(result.status == 0)
    }

    @Test func theCounterSkipsBracesInStringsAndComments() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("long-functions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // `short` has braces in strings, an interpolation and comments that would unbalance a
        // naive count; `long` is 9 lines from its declaration to its closing brace.
        let source = """
        struct S {
            func short() -> String {
                let a = "{ \\("}" + "{") }" // }
                /* { /* } */ { */
                return #"}"# + a + \"""
                    {{
                    \"""
            }
            func long(x: Int) -> Int {
                var y = x
                y += 1
                y += 2
                y += 3
                y += 4
                y += 5
                return y
            }
        }
        """
        try source.write(to: directory.appendingPathComponent("S.swift"), atomically: true, encoding: .utf8)
        let result = try Self.longFunctions(["--limit", "8", directory.path])
        #expect(result.stdout == "\(directory.path)/S.swift:9: long: 9 lines\n")
        #expect(result.status == 1)
    }

    @Test(arguments: [("Report", "NotebookCore"), ("Frames", "Outputs"), ("Learning", "CLapack")])
    func moduleDoesNotImport(module: String, forbidden: String) throws {
        let folder = RecbookBinary.packageRoot.appendingPathComponent("Sources/\(module)")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.split(separator: "\n").contains("import \(forbidden)"), "\(file.lastPathComponent) imports \(forbidden)")
        }
    }
}
