import Dispatch
import Foundation

/// Work started on a thread of its own, for its starter to wait for later.
///
/// For work that a thread will block on, not the shared pool's: a pool whose workers are all
/// busy or blocked (one processor, or other steps waiting on their own helpers) starts another
/// worker only after about a second, and the waiting thread would wait that long. A loaded CSV
/// file's second half and its digest run this way beside the reading thread.
public struct DedicatedThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread.
    public init(_ body: @escaping @Sendable () -> Void) {
        let finished = self.finished
        Thread {
            body()
            finished.signal()
        }.start()
    }

    /// Blocks until the body has returned. Call it once.
    public func wait() { finished.wait() }
}
