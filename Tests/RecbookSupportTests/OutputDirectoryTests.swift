import Foundation
import Testing
@testable import RecbookSupport

/// Writing files: atomically, never through a link, with one-line errors, and cleaning up after
/// processes that were killed mid-write.
@Suite struct OutputDirectoryTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    private func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    private func entries(_ name: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(name)).sorted()
    }

    @Test func writesAFileAtomicallyLeavingNoTemporary() throws {
        let folder = try OutputDirectory(path: path("a/b"))
        try folder.write(Data("one".utf8), to: "r.html")
        try folder.write(Data("two".utf8), to: "r.html")
        #expect(try String(contentsOfFile: path("a/b/r.html"), encoding: .utf8) == "two")
        #expect(try entries("a/b") == ["r.html"])
    }

    @Test func aLinkInThePlaceOfAFileIsReplacedNotFollowed() throws {
        try Data("keep".utf8).write(to: root.appendingPathComponent("target.txt"))
        try FileManager.default.createSymbolicLink(atPath: path("r.html"), withDestinationPath: path("target.txt"))
        try OutputDirectory(path: root.path).write(Data("report".utf8), to: "r.html")
        #expect(try String(contentsOfFile: path("target.txt"), encoding: .utf8) == "keep")
        #expect(try String(contentsOfFile: path("r.html"), encoding: .utf8) == "report")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path("r.html"))) == nil)
    }

    @Test func aSubdirectoryThatIsALinkIsRefused() throws {
        try FileManager.default.createDirectory(atPath: path("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path("r_files"), withDestinationPath: path("elsewhere"))
        #expect(throws: FileWriteError(path: path("r_files"), reason: "it is a symbolic link, which recbook does not write through (remove the link)")) {
            _ = try OutputDirectory(path: root.path).subdirectory("r_files")
        }
        #expect(try entries("elsewhere").isEmpty)
    }

    @Test func aFileWhereADirectoryShouldBeIsOneLine() throws {
        try Data().write(to: root.appendingPathComponent("out"))
        #expect(throws: FileWriteError(path: path("out"), reason: "it is a file, not a directory")) {
            _ = try OutputDirectory(path: path("out"))
        }
        #expect(throws: FileWriteError(path: path("out"), reason: "it is a file, not a directory")) {
            _ = try OutputDirectory(path: path("out/deeper"))
        }
        #expect(throws: FileWriteError(path: path("out"), reason: "it is a file, not a directory")) {
            _ = try OutputDirectory(path: root.path).subdirectory("out")
        }
        #expect(FileWriteError(path: "out", reason: "it is a file, not a directory").description == "out: it is a file, not a directory")
    }

    @Test func temporariesOfProcessesThatAreGoneAreRemoved() throws {
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let mine = ProcessInfo.processInfo.processIdentifier
        let names = [
            ".r.html.\(dead).42.tmp",  // a killed writer's: removed
            ".r.html.\(mine).42.tmp",  // this process's, perhaps being written: kept
            ".r.html.1.42.tmp",        // a running process's (init), and recent: kept
            ".r.html.tmp", "r.html.\(dead).42.tmp", ".r.html.\(dead).x.tmp",  // not temporaries: kept
        ]
        for name in names { try Data("x".utf8).write(to: root.appendingPathComponent(name)) }
        let removed = try #require(OutputDirectory.existing(root.path)).removeStaleTemporaries()
        #expect(removed == [names[0]])
        #expect(try entries() == names.dropFirst().sorted())
        // Once a day old, a temporary is stale whoever holds its process id now.
        let tomorrow = Date().addingTimeInterval(2 * 86_400)
        #expect(try #require(OutputDirectory.existing(root.path)).removeStaleTemporaries(now: tomorrow) == [names[2]])
    }

    @Test(arguments: [
        ("a", nil), ("a/b", "a"), ("a/b/", "a"), ("/a", "/"), ("/", nil), ("./out", "."), ("/x/y//", "/x"),
    ] as [(String, String?)])
    func parentPaths(path: String, parent: String?) {
        // (Foundation's deletingLastPathComponent traps on a one-letter relative path such as "a".)
        #expect(OutputDirectory.parentPath(of: path) == parent)
    }

    @Test(arguments: [
        (".ratings.md.123.456.tmp", 123), (".a.b.c.99.0.tmp", 99), (".x.1.2.tmp", 1),
        ("ratings.md.123.456.tmp", nil), (".x.123.tmp", nil), (".x.abc.456.tmp", nil), (".x.0.1.tmp", nil), (".x.1.2.temp", nil),
    ] as [(String, Int32?)])
    func temporaryNames(name: String, writer: Int32?) {
        #expect(OutputDirectory.writerOfTemporary(name) == writer)
    }
}
