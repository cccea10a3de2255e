import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens data files safely: only regular files, and only up to a size limit.
///
/// A FIFO named as a data file would block a plain `open` forever, and `/dev/zero` never ends;
/// both are refused from `fstat` on a descriptor opened without blocking, before a byte is read.
/// Errors name the file as `path` gives it.
enum DataFile {
    /// The whole file, memory-mapped (pages are read as the parser reaches them).
    ///
    /// - Throws: ``DataError/unreadableFile(path:reason:)`` for a missing file, a directory, a
    ///   device, a pipe or socket, a file over `maxBytes`, or one the system will not open.
    static func contents(of url: URL, path: String, maxBytes: Int) throws -> Data {
        let descriptor = try openWithoutBlocking(url, path: path)
        defer { close(descriptor) }
        let size = try regularFileSize(descriptor, path: path)
        guard size <= maxBytes else {
            throw DataError.unreadableFile(
                path: path, reason: "the file is \(Self.size(size)), more than the \(DataError.bytes(maxBytes)) a data file may hold"
            )
        }
        guard size > 0 else { return Data() }
        // mmap reports failure as the address -1 (MAP_FAILED, which Swift does not import).
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              mapped != UnsafeMutableRawPointer(bitPattern: -1)
        else {
            throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        return Data(bytesNoCopy: mapped, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
    }

    /// The file's first `maxBytes` bytes (all of it when shorter), and whether that is all of it.
    ///
    /// - Throws: as ``contents(of:path:maxBytes:)``, except that a file of any size has a prefix.
    static func prefix(of url: URL, path: String, maxBytes: Int) throws -> (data: Data, isWhole: Bool) {
        let descriptor = try openWithoutBlocking(url, path: path)
        defer { close(descriptor) }
        let size = try regularFileSize(descriptor, path: path)
        let count = min(size, maxBytes)
        var data = Data(count: count)
        var filled = 0
        while filled < count {
            let read = data.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(descriptor, base + filled, count - filled, off_t(filled))
            }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno))) }
            if read == 0 { break }  // the file shrank while being read
            filled += read
        }
        data.count = filled
        return (data, filled == size)
    }

    private static func openWithoutBlocking(_ url: URL, path: String) throws -> Int32 {
        // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw DataError.unreadableFile(path: path, reason: reason)
        }
        return descriptor
    }

    private static func regularFileSize(_ descriptor: Int32, path: String) throws -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw DataError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return Int(status.st_size)
        case S_IFDIR: throw DataError.unreadableFile(path: path, reason: "it is a directory")
        case S_IFIFO: throw DataError.unreadableFile(path: path, reason: "not a regular file (it is a named pipe)")
        case S_IFCHR: throw DataError.unreadableFile(path: path, reason: "not a regular file (it is a character device)")
        case S_IFBLK: throw DataError.unreadableFile(path: path, reason: "not a regular file (it is a block device)")
        case S_IFSOCK: throw DataError.unreadableFile(path: path, reason: "not a regular file (it is a socket)")
        default: throw DataError.unreadableFile(path: path, reason: "not a regular file")
        }
    }

    /// "9.1 GB", "12.5 MB", "20 bytes": a file's size for a message.
    private static func size(_ count: Int) -> String {
        if count >= 1_000_000_000 { return String(format: "%.1f GB", Double(count) / 1e9) }
        if count >= 1_000_000 { return String(format: "%.1f MB", Double(count) / 1e6) }
        return "\(count) bytes"
    }
}
