import Crypto
import Foundation

/// SHA-256 digests as lowercase hex, for cache keys and the report's provenance footer.
public enum Digest {
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func sha256(_ string: String) -> String {
        sha256(Data(string.utf8))
    }

    /// The SHA-256 of `string`'s UTF-8 bytes in base64, as a Content-Security-Policy hash
    /// source (`'sha256-…'`) spells it.
    public static func sha256Base64(_ string: String) -> String {
        Data(SHA256.hash(data: Data(string.utf8))).base64EncodedString()
    }

    /// Hashes a file in 1 MiB chunks so that large datasets need not fit in memory.
    public static func sha256(fileAt url: URL) throws -> String {
        var hasher = SHA256()
        try forEachChunk(ofFileAt: url) { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    /// MD5, only for checking downloads against the checksum files publishers serve.
    public static func md5(fileAt url: URL) throws -> String {
        var hasher = Insecure.MD5()
        try forEachChunk(ofFileAt: url) { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    /// Calls `body` with the file's bytes, 1 MiB at a time, read into one buffer. (FileHandle's
    /// `read(upToCount:)` reads a page per system call: 165,000 calls for a 700 MB file.)
    private static func forEachChunk(ofFileAt url: URL, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(handle.fileDescriptor, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if count == 0 { return }
            body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// Builds a digest from a sequence of labelled parts, so that ("ab", "c") and ("a", "bc")
/// never collide.
public struct KeyHasher {
    private var hasher = SHA256()

    public init() {}

    public mutating func combine(_ label: String, _ value: String) {
        for part in [label, value] {
            var length = UInt64(part.utf8.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: Data(part.utf8))
        }
    }

    public func finalize() -> String {
        hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
