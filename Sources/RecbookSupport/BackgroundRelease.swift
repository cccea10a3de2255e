import Dispatch

/// Frees large values on another thread.
///
/// Handing hundreds of megabytes back to the system (unmapping a file, freeing the pages of a
/// column) takes tens of milliseconds on the thread that drops the last reference. A reader that
/// is done with such a buffer need not wait for that: it gives the buffer here, and a worker of
/// the shared pool drops it while the reader goes on.
public enum BackgroundRelease {
    /// Drops `value` on a worker thread. The caller must hold no other reference to the storage
    /// it means to free (pass a local with `consume`), or that reference frees it instead.
    public static func drop<Value>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.empty() }
    }

    /// `@unchecked Sendable`: after `drop` hands it over, only the worker touches it.
    private final class Box<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: consuming Value) { self.value = value }
        func empty() { value = nil }
    }
}
