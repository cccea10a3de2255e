import Foundation

/// Writes files so that readers see either the old content or the new, never a half-written one.
public enum AtomicFile {
    /// Writes `data` to a temporary file in the destination's directory, then renames it into place.
    /// - Throws: any file-system error; the destination is untouched when it throws.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { append in try append(data) }
    }

    /// Writes the bytes `produce` passes to its `append` function, in order, to a temporary file
    /// in the destination's directory, then renames it into place: a large file is written as
    /// it is made, never held whole in memory.
    /// - Throws: any error `produce` throws, or any file-system error; the destination is
    ///   untouched and the temporary file removed when it throws.
    public static func write(to url: URL, streaming produce: (_ append: (Data) throws -> Void) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
        )
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: temporary.path,
                    NSLocalizedDescriptionKey: "could not create \(temporary.path)",
                ])
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try produce { try handle.write(contentsOf: $0) }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "could not rename \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))",
                ])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    public static func write(_ string: String, to url: URL) throws {
        try write(Data(string.utf8), to: url)
    }
}
