import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written, in one line: "out is a file, not a directory".
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// A failed system call on `path`, explained by `errno`.
    init(path: String, errorNumber: Int32) {
        switch errorNumber {
        case ENOTDIR: self.init(path: path, reason: "a part of the path is a file, not a directory")
        case ELOOP: self.init(path: path, reason: "it is a symbolic link, which recbook does not write through (remove the link)")
        default: self.init(path: path, reason: String(cString: strerror(errorNumber)))
        }
    }

    public var description: String { "\(path): \(reason)" }
}

/// A directory that files are written into, held open so that every file lands in this very
/// directory even if its path is changed meanwhile, and so that no symbolic link inside it is
/// ever followed.
///
/// Files are written atomically: to a temporary file `.NAME.PID.RANDOM.tmp` beside the
/// destination, then renamed into place, so readers see the old file or the new, never half of
/// one. A process killed in between leaves its temporary behind; ``removeStaleTemporaries()``
/// removes those of processes that are no longer running.
public final class OutputDirectory {
    /// The directory's path, for messages.
    public let path: String
    private let descriptor: Int32

    /// Opens the directory at `path`, creating it and its missing parents. Links in `path`
    /// itself are followed: the user named it.
    /// - Throws: ``FileWriteError`` when `path` or one of its parents is a file, or cannot be
    ///   created or opened.
    public init(path: String) throws {
        try Self.makeDirectories(path)
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError(path: path, errorNumber: errno) }
        self.path = path
        self.descriptor = descriptor
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Opens the directory at `path` if it exists; nil otherwise.
    public static func existing(_ path: String) -> OutputDirectory? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return descriptor >= 0 ? OutputDirectory(path: path, descriptor: descriptor) : nil
    }

    deinit { close(descriptor) }

    /// Opens the subdirectory `name`, creating it if it is missing. A symbolic link named `name`
    /// is never followed.
    /// - Throws: ``FileWriteError`` when `name` is a link, a file, or cannot be created.
    public func subdirectory(_ name: String) throws -> OutputDirectory {
        let childPath = childPath(name)
        if mkdirat(descriptor, name, 0o755) != 0, errno != EEXIST {
            throw FileWriteError(path: childPath, errorNumber: errno)
        }
        let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else {
            let error = errno
            if error == ENOTDIR, isSymbolicLink(name) { throw FileWriteError(path: childPath, errorNumber: ELOOP) }
            if error == ENOTDIR { throw FileWriteError(path: childPath, reason: "it is a file, not a directory") }
            throw FileWriteError(path: childPath, errorNumber: error)
        }
        return OutputDirectory(path: childPath, descriptor: child)
    }

    private func isSymbolicLink(_ name: String) -> Bool {
        var status = stat()
        return fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Writes `data` to the file `name` in this directory, atomically. A link named `name` is
    /// replaced, never followed.
    /// - Throws: ``FileWriteError``; the file `name` is then untouched and no temporary is left.
    public func write(_ data: Data, to name: String) throws {
        let temporary = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw FileWriteError(path: childPath(name), errorNumber: errno) }
        var failure = Self.writeAll(data, to: file)
        if close(file) != 0, failure == 0 { failure = errno }
        if failure == 0, renameat(descriptor, temporary, descriptor, name) != 0 { failure = errno }
        if failure != 0 {
            unlinkat(descriptor, temporary, 0)
            throw FileWriteError(path: childPath(name), errorNumber: failure)
        }
    }

    /// Writes the bytes `produce` hands to `append` to the file `name` in this directory, as they
    /// come, atomically. A link named `name` is replaced, never followed.
    /// - Throws: what `produce` throws, or ``FileWriteError``; the file `name` is then untouched
    ///   and no temporary is left.
    public func write(to name: String, streaming produce: (_ append: (Data) throws -> Void) throws -> Void) throws {
        let temporary = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw FileWriteError(path: childPath(name), errorNumber: errno) }
        var failure: Int32 = 0
        do {
            try produce { data in
                let result = Self.writeAll(data, to: file)
                if result != 0 { failure = result; throw FileWriteError(path: childPath(name), errorNumber: result) }
            }
        } catch {
            close(file)
            unlinkat(descriptor, temporary, 0)
            throw error
        }
        if close(file) != 0 { failure = errno }
        if failure == 0, renameat(descriptor, temporary, descriptor, name) != 0 { failure = errno }
        if failure != 0 {
            unlinkat(descriptor, temporary, 0)
            throw FileWriteError(path: childPath(name), errorNumber: failure)
        }
    }

    /// Writes all of `data` to `file`; returns 0 or the `errno` of the failure.
    private static func writeAll(_ data: Data, to file: Int32) -> Int32 {
        data.withUnsafeBytes { buffer -> Int32 in
            guard var pointer = buffer.baseAddress else { return 0 }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(file, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                pointer += written
                remaining -= written
            }
            return 0
        }
    }

    /// The names of the entries in this directory, `.` and `..` left out.
    public func entryNames() -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else { return [] }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes the file (or link) `name`; a directory is left alone.
    /// - Returns: whether it was removed.
    @discardableResult
    public func removeFile(_ name: String) -> Bool {
        unlinkat(descriptor, name, 0) == 0
    }

    /// Waits until no other process holds this directory's lock, then holds it until the
    /// directory is closed, so that two processes writing the same files take turns.
    public func lock() {
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
    }

    /// Removes the temporary files that processes no longer running left here when they were
    /// killed between writing a temporary and renaming it. A temporary of a running process is
    /// left alone, unless it is more than a day old (its process id has been reused).
    /// - Returns: the names removed.
    @discardableResult
    public func removeStaleTemporaries(now: Date = Date()) -> [String] {
        var removed: [String] = []
        for name in entryNames() {
            guard let writer = Self.writerOfTemporary(name), writer != getpid() else { continue }
            var status = stat()
            guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let age = now.timeIntervalSince1970 - Double(modificationSeconds(status))
            if Self.isRunning(writer), age < 86_400 { continue }
            if unlinkat(descriptor, name, 0) == 0 { removed.append(name) }
        }
        return removed
    }

    /// The process id in a temporary's name `.NAME.PID.RANDOM.tmp`, or nil for any other name.
    static func writerOfTemporary(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(".tmp".count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[parts.count - 1].allSatisfy(\.isASCII), UInt32(parts[parts.count - 1]) != nil,
              let writer = pid_t(parts[parts.count - 2]), writer > 0 else { return nil }
        return writer
    }

    static func isRunning(_ process: pid_t) -> Bool {
        kill(process, 0) == 0 || errno == EPERM
    }

    private func childPath(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// `mkdir -p`, with a one-line error naming the part of the path that is not a directory.
    private static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw FileWriteError(path: path, reason: "it is a file, not a directory") }
            return
        }
        if let parent = parentPath(of: path) { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw FileWriteError(path: path, errorNumber: errno) }
    }

    /// The directory that holds `path` ("a/b" → "a", "/a" → "/"), or nil for a single relative
    /// component or the root, which need not be made.
    static func parentPath(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        if slash == trimmed.startIndex { return trimmed == "/" ? nil : "/" }
        return String(trimmed[..<slash])
    }
}

/// `write(2)`, under a name that the methods called `write` do not hide.
private func systemWrite(_ file: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(file, buffer, count)
}

private func modificationSeconds(_ status: stat) -> Int {
    #if canImport(Darwin)
    Int(status.st_mtimespec.tv_sec)
    #else
    Int(status.st_mtim.tv_sec)
    #endif
}

/// Writes files so that readers see either the old content or the new, never a half-written one.
public enum AtomicFile {
    /// Writes `data` to a temporary file in the destination's directory, then renames it into
    /// place. The directory and its parents are created when missing.
    /// - Throws: ``FileWriteError``; the destination is untouched when it throws.
    public static func write(_ data: Data, to url: URL) throws {
        try OutputDirectory(path: url.deletingLastPathComponent().path).write(data, to: url.lastPathComponent)
    }

    /// Writes the bytes `produce` passes to its `append` function, in order, to a temporary file
    /// in the destination's directory, then renames it into place: a large file is written as
    /// it is made, never held whole in memory.
    /// - Throws: any error `produce` throws, or ``FileWriteError``; the destination is untouched
    ///   and the temporary file removed when it throws.
    public static func write(to url: URL, streaming produce: (_ append: (Data) throws -> Void) throws -> Void) throws {
        try OutputDirectory(path: url.deletingLastPathComponent().path).write(to: url.lastPathComponent, streaming: produce)
    }

    public static func write(_ string: String, to url: URL) throws {
        try write(Data(string.utf8), to: url)
    }

    /// Removes the temporaries that killed processes left in the directory at `url`, if it exists.
    public static func removeStaleTemporaries(in url: URL) {
        OutputDirectory.existing(url.path)?.removeStaleTemporaries()
    }
}
