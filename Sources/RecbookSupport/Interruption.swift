import Dispatch
import Foundation

/// Ctrl-C as a request that long computations honour: iteration loops (epochs, ALS sweeps,
/// SVD power iterations) call ``check()`` once per pass, and the run stops at the next one,
/// records the step as interrupted and writes its report, instead of being killed mid-write.
///
/// A second Ctrl-C quits at once (exit status 130), for a step that does not check, such as one
/// long LAPACK call; temporaries it leaves are removed by the next run.
public enum Interruption {
    private static let flag = InterruptionFlag()

    /// Whether Ctrl-C was pressed (or ``request()`` called) since the last ``reset()``.
    public static var isRequested: Bool { flag.isSet }

    /// Asks every loop that checks to stop.
    public static func request() { flag.set(true) }

    /// Clears a request (between runs of `watch`, and in tests).
    public static func reset() { flag.set(false) }

    /// Throws when an interruption was requested.
    ///
    /// - Throws: ``InterruptedError``.
    public static func check() throws(InterruptedError) {
        if flag.isSet { throw InterruptedError() }
    }

    /// Makes SIGINT request an interruption instead of killing the process; a second SIGINT
    /// exits at once with status 130. Idempotent.
    public static func installSignalHandler(onFirst: @escaping @Sendable () -> Void = {}) {
        flag.installOnce {
            signal(SIGINT, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler {
                if flag.isSet { _exit(130) }
                request()
                onFirst()
            }
            source.resume()
            return source
        }
    }
}

/// What a step that stopped at Ctrl-C throws.
public struct InterruptedError: Error, Sendable, Equatable, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted (Ctrl-C)" }
}

/// The request flag, and the signal source that must live as long as the process.
private final class InterruptionFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    private var source: (any DispatchSourceSignal)?

    var isSet: Bool { lock.withLock { value } }
    func set(_ newValue: Bool) { lock.withLock { value = newValue } }

    func installOnce(_ make: () -> any DispatchSourceSignal) {
        lock.withLock { if source == nil { source = make() } }
    }
}
