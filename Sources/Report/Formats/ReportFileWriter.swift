import Foundation
import RecbookSupport

/// Writes a rendered report into a directory so that the report and the files it refers to
/// change as one: a reader, or a run killed at any moment, never finds a report beside figures
/// of another run, nor one that refers to a file that is not there.
///
/// Each file is written atomically (``OutputDirectory``). Attachments are named by their
/// content (the Markdown report's `figure-3-1f0c….svg`), so a new figure never overwrites one the
/// old report shows: the attachments are written first, then the report is renamed into place,
/// and only then are the old report's attachments removed. Writers of the same report take turns
/// (a lock on the attachment folder), and temporaries left by killed runs are removed first.
/// Nothing is written through a symbolic link: an attachment folder that is a link is an error.
public enum ReportFileWriter {
    /// Writes `document` into `directory`, creating it when missing.
    /// - Returns: the report's main file.
    /// - Throws: ``FileWriteError`` in one line ("out: it is a file, not a directory").
    public static func write(_ document: RenderedDocument, to directory: String) throws -> URL {
        let folder = try OutputDirectory(path: directory)
        folder.removeStaleTemporaries()
        let attachments = try document.attachmentFolder.map { name in
            let attachments = try folder.subdirectory(name)
            attachments.lock()
            attachments.removeStaleTemporaries()
            try writeAttachments(of: document, into: attachments)
            return attachments
        }
        try folder.write(document.main.contents, to: document.main.relativePath)
        if let attachments { removeUnreferencedAttachments(of: document, in: attachments) }
        return URL(fileURLWithPath: directory).appendingPathComponent(document.main.relativePath)
    }

    /// Writes every attachment into the attachment folder; the first step of ``write(_:to:)``.
    static func writeAttachments(of document: RenderedDocument, into folder: OutputDirectory) throws {
        for file in document.attachments {
            try folder.write(file.contents, to: try attachmentName(file, in: document))
        }
    }

    /// Removes the attachments no longer referred to (an earlier report's figures); the last step
    /// of ``write(_:to:)``. Only files named as recbook names attachments are touched.
    static func removeUnreferencedAttachments(of document: RenderedDocument, in folder: OutputDirectory) {
        let current = Set(document.attachments.compactMap { try? attachmentName($0, in: document) })
        for name in folder.entryNames() where RenderedDocument.isAttachmentName(name) && !current.contains(name) {
            folder.removeFile(name)
        }
    }

    /// The file name of an attachment inside the attachment folder.
    private static func attachmentName(_ file: RenderedFile, in document: RenderedDocument) throws -> String {
        guard let folder = document.attachmentFolder, file.relativePath.hasPrefix(folder + "/") else {
            throw FileWriteError(path: file.relativePath, reason: "an attachment outside the report's attachment folder")
        }
        let name = String(file.relativePath.dropFirst(folder.count + 1))
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw FileWriteError(path: file.relativePath, reason: "an attachment outside the report's attachment folder")
        }
        return name
    }
}
