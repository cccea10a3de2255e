import CLapack
import Foundation

/// Runs a block of BLAS work on one OpenBLAS thread (the alternating-least-squares row solves,
/// which run in parallel themselves; the neural network's products have their own kernel in
/// `CKernels` since).
///
/// Measured on the 2-core target machine for the network's products when they were OpenBLAS's
/// (2048 × 248 × 32 and its transposes), best of 200 runs: with the Haswell or SkylakeX kernels a second thread
/// makes each product 15–25 % slower (the work is too small to pay for the hand-off); with the
/// Prescott kernel that OpenBLAS 0.3.21 falls back to on CPUs it does not recognise, a second
/// thread helps only while the other core is idle. More importantly, OpenBLAS rounds differently
/// with one thread and with two, so pinning the count makes a seeded fit reproduce bit for bit
/// whatever `OPENBLAS_NUM_THREADS` says or however many cores the machine has.
///
/// The thread count is process-wide state: the first caller sets it to one and the last to
/// leave restores the previous value, so overlapping fits keep it at one throughout.
public enum SingleThreadedBLAS {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var holders = 0
        var previousThreadCount: Int32 = 1
    }

    private static let state = State()

    /// Runs `body` with OpenBLAS limited to one thread.
    public static func run<Result>(_ body: () throws -> Result) rethrows -> Result {
        state.lock.withLock {
            if state.holders == 0 {
                state.previousThreadCount = openblas_get_num_threads()
                if state.previousThreadCount != 1 { openblas_set_num_threads(1) }
            }
            state.holders += 1
        }
        defer {
            state.lock.withLock {
                state.holders -= 1
                if state.holders == 0, state.previousThreadCount != 1 {
                    openblas_set_num_threads(state.previousThreadCount)
                }
            }
        }
        return try body()
    }
}
