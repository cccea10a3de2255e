import Foundation

/// Writes a CSV file a row at a time through a buffer, with RFC 4180 quoting, into a temporary
/// file that is renamed into place only when complete.
struct CSVFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var atLineStart = true
    private(set) var rows = 0
    private(set) var bytes = 0
    private var failure: (any Error)?

    private static let capacity = 1 << 20

    private init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.capacity + 4096)
    }

    /// Writes `name` in `directory`: the header line, then whatever `body` writes.
    /// - Throws: any file-system error; the destination is untouched when it throws.
    static func write(
        _ name: String, in directory: URL, header: String, body: (inout CSVFileWriter) -> Void
    ) throws -> SyntheticMovieLens.WrittenFile {
        let destination = directory.appendingPathComponent(name)
        let temporary = directory.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            var writer = CSVFileWriter(handle: handle)
            writer.buffer.append(contentsOf: header.utf8)
            writer.buffer.append(UInt8(ascii: "\n"))
            body(&writer)
            try writer.flush()
            if rename(temporary.path, destination.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: destination.path,
                    NSLocalizedDescriptionKey: "could not rename \(temporary.path): \(String(cString: strerror(errno)))",
                ])
            }
            return SyntheticMovieLens.WrittenFile(name: name, rows: writer.rows, bytes: writer.bytes)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes out the buffer; a write error is kept and thrown when the file is finished, so
    /// that the row-writing code stays free of `try`.
    private mutating func flush() throws {
        if let failure { throw failure }
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if !atLineStart { buffer.append(UInt8(ascii: ",")) }
        atLineStart = false
    }

    /// Ends the row.
    mutating func endRow() {
        buffer.append(UInt8(ascii: "\n"))
        atLineStart = true
        rows += 1
        if buffer.count >= Self.capacity, failure == nil {
            do { try flush() } catch { failure = error }
        }
    }

    /// A text field, quoted when it holds a comma, a quote or a line break.
    mutating func text(_ value: String) {
        separate()
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            buffer.append(contentsOf: value.utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// An integer field, zero-padded to `width` digits.
    mutating func integer(_ value: Int, width: Int = 0) {
        separate()
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            // Least significant digit first, from the end of the scratch space.
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            for _ in (digits.count - start)..<max(width, digits.count - start) { buffer.append(UInt8(ascii: "0")) }
            buffer.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A half-star rating written as `4.5` or `4.0`, from its number of half stars (1…10).
    mutating func halfStars(_ halves: Int) {
        separate()
        buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: halves / 2))
        buffer.append(UInt8(ascii: "."))
        buffer.append(halves % 2 == 1 ? UInt8(ascii: "5") : UInt8(ascii: "0"))
    }

    /// An empty field: a missing value.
    mutating func missing() { separate() }
}
