import Foundation
import RecbookSupport
import Testing
@testable import Report

/// A report and its figures change as one set, whatever moment a run is killed at.
@Suite struct ReportFileWriterTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// A Markdown report whose figures say which run drew them.
    private func document(_ run: String, figures: Int) -> RenderedDocument {
        let attachments = (1...figures).map { number in
            let svg = "<svg><!-- \(run) \(number) --></svg>"
            return RenderedFile(relativePath: "r_files/" + RenderedDocument.attachmentName(number: number, sha256: Digest.sha256(svg)), text: svg)
        }
        let links = attachments.map { "![](\($0.relativePath))" }.joined(separator: "\n")
        return RenderedDocument(main: RenderedFile(relativePath: "r.md", text: "# \(run)\n\(links)\n"),
                                attachments: attachments, attachmentFolder: "r_files")
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file the report on disk links to, with its content.
    private func linkedFiles() throws -> [String] {
        try read("r.md").split(separator: "\n").filter { $0.hasPrefix("![](") }.map { line in
            try read(String(line.dropFirst(4).dropLast()))
        }
    }

    private func figureNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("r_files").path).sorted()
    }

    @Test func aRunKilledBeforeItsReportIsRenamedLeavesTheOldSetWhole() throws {
        let old = document("old", figures: 2)
        _ = try ReportFileWriter.write(old, to: root.path)
        #expect(try linkedFiles() == ["<svg><!-- old 1 --></svg>", "<svg><!-- old 2 --></svg>"])

        // The new run writes its figures and is killed before renaming its report into place.
        let new = document("new", figures: 3)
        let folder = try OutputDirectory(path: root.path).subdirectory("r_files")
        try ReportFileWriter.writeAttachments(of: new, into: folder)
        #expect(try read("r.md").hasPrefix("# old\n"))
        #expect(try linkedFiles() == ["<svg><!-- old 1 --></svg>", "<svg><!-- old 2 --></svg>"])

        // The next run completes: its report, and only its figures.
        _ = try ReportFileWriter.write(new, to: root.path)
        #expect(try read("r.md").hasPrefix("# new\n"))
        #expect(try linkedFiles() == ["<svg><!-- new 1 --></svg>", "<svg><!-- new 2 --></svg>", "<svg><!-- new 3 --></svg>"])
        #expect(try figureNames() == new.attachments.map { String($0.relativePath.dropFirst("r_files/".count)) }.sorted())
    }

    @Test func figuresOfAnOlderRecbookAndAFigurelessRunAreCleanedUp() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("r_files"), withIntermediateDirectories: true)
        for name in ["figure-1.svg", "notes.txt"] { try Data("x".utf8).write(to: root.appendingPathComponent("r_files/" + name)) }
        _ = try ReportFileWriter.write(
            RenderedDocument(main: RenderedFile(relativePath: "r.md", text: "# none\n"), attachmentFolder: "r_files"), to: root.path)
        // Only what recbook names figures is removed.
        #expect(try figureNames() == ["notes.txt"])
    }

    @Test func anAttachmentFolderThatIsALinkIsNotWrittenThrough() throws {
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("r_files").path, withDestinationPath: elsewhere.path)
        #expect(throws: FileWriteError(path: root.appendingPathComponent("r_files").path,
                                       reason: "it is a symbolic link, which recbook does not write through (remove the link)")) {
            _ = try ReportFileWriter.write(document("new", figures: 1), to: root.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("r.md").path))
    }

    @Test func anOutputThatIsAFileIsOneLine() throws {
        let file = root.appendingPathComponent("out")
        try Data().write(to: file)
        #expect(throws: FileWriteError(path: file.path, reason: "it is a file, not a directory")) {
            _ = try ReportFileWriter.write(document("new", figures: 1), to: file.path)
        }
    }

    @Test(arguments: [
        ("figure-3-1f0c2a9b7d4e.svg", true), ("figure-12.svg", true), ("figure-3-1f0c2a9b7d4.svg", false),
        ("figure-x.svg", false), ("figure-3-1f0c2a9b7d4e.png", false), ("notes.svg", false), ("figure--1f0c2a9b7d4e.svg", false),
    ])
    func attachmentNames(name: String, isAttachment: Bool) {
        #expect(RenderedDocument.isAttachmentName(name) == isAttachment)
    }
}
