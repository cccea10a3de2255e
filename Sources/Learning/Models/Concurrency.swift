import Dispatch
import Foundation

/// Runs `body` over `0..<count` in contiguous chunks, one batch of chunks per core.
///
/// The chunks are disjoint, so a body that writes only to its own indices of a shared buffer
/// needs no locking. Small workloads run inline to spare the thread hand-off.
func forEachChunk(of count: Int, minimumChunk: Int = 64, _ body: @Sendable (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let chunkCount = min(cores * 4, max(1, count / max(1, minimumChunk)))
    guard chunkCount > 1 else {
        body(0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let start = count * chunk / chunkCount, end = count * (chunk + 1) / chunkCount
        body(start..<end)
    }
}

/// ``forEachChunk(of:minimumChunk:_:)`` for a body that can fail: every chunk runs, and the
/// first error thrown (in chunk order) is rethrown once all have finished.
func forEachChunk(of count: Int, minimumChunk: Int = 64, throwing body: @Sendable (Range<Int>) throws -> Void) throws {
    let errors = ChunkErrors()
    forEachChunk(of: count, minimumChunk: minimumChunk) { chunk in
        do { try body(chunk) } catch { errors.record(error, at: chunk.lowerBound) }
    }
    if let error = errors.first { throw error }
}

/// The errors of concurrently run chunks, kept with where each chunk starts.
private final class ChunkErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [(start: Int, error: any Error)] = []

    func record(_ error: any Error, at start: Int) {
        lock.withLock { errors.append((start, error)) }
    }

    var first: (any Error)? {
        lock.withLock { errors.min { $0.start < $1.start }?.error }
    }
}

/// A buffer that several threads write to at disjoint indices.
///
/// Swift cannot prove the writes disjoint, hence `@unchecked Sendable`; every use writes only
/// the indices of its own chunk from ``forEachChunk(of:minimumChunk:_:)``.
struct SharedBuffer<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }

    /// The address of one element, for pointer arithmetic over a row.
    ///
    /// - Precondition: `index < count`, so the buffer is not empty and has a base address.
    func address(of index: Int) -> UnsafeMutablePointer<Element> {
        precondition(index >= 0 && index < buffer.count, "index \(index) out of range 0..<\(buffer.count)")
        return buffer.baseAddress! + index
    }
}
