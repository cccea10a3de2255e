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

/// A buffer that several threads write to at disjoint indices.
///
/// Swift cannot prove the writes disjoint, hence `@unchecked Sendable`; every use writes only
/// the indices of its own chunk from ``forEachChunk(of:minimumChunk:_:)``.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        // An empty array may hand out a nil base address; point at a dummy then, never read.
        base = buffer.baseAddress ?? UnsafeMutablePointer<Element>.allocate(capacity: 1)
        count = buffer.count
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
