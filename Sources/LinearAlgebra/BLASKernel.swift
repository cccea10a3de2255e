import CLapack
import Foundation

/// Which OpenBLAS kernel does the work, and a way to pick a better one.
///
/// OpenBLAS chooses its kernel from the CPU model when the library loads. On virtual machines
/// that report a generic model ("Intel(R) Xeon(R) Processor"), OpenBLAS 0.3.21 falls back to
/// its oldest x86-64 kernel, Prescott, even when the CPU has AVX2 and FMA: matrix products then
/// run at about half the speed the CPU allows. The kernel can only be chosen before the library
/// loads, through `OPENBLAS_CORETYPE`, so the command-line tool re-executes itself with it set.
public enum BLASKernel {
    /// The kernel OpenBLAS is using, for example "Haswell".
    public static var current: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The kernel to ask for instead of the current one, or nil when the current one is fine or
    /// the user chose one with `OPENBLAS_CORETYPE`.
    public static func preferredReplacement(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        cpuFlags: Set<String>? = nil
    ) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, current == "Prescott" else { return nil }
        let flags = cpuFlags ?? Self.cpuFlags()
        return flags.isSuperset(of: ["avx2", "fma"]) ? "Haswell" : nil
    }

    /// Makes every BLAS call use one thread. OpenBLAS rounds differently with one thread and
    /// with several, so a fixed count is what keeps results bit-identical from run to run and
    /// machine to machine; recbook gets its parallelism from running independent steps at once.
    ///
    /// It also stops the worker threads OpenBLAS started when it loaded: each waits for work by
    /// spinning on `sched_yield` for about 2^28 cycles before it sleeps, which on a two-core
    /// machine took one core for the first tenth of a second of every run (`perf stat` of a
    /// program that only loads OpenBLAS and sleeps: 105 ms of CPU time; with the workers
    /// stopped, none). With one thread OpenBLAS never wakes them again.
    public static func useOneThread() {
        openblas_set_num_threads(1)
        _ = blas_thread_shutdown_()
    }

    /// Whether OpenBLAS's worker threads exist (they do from the moment the library loads on a
    /// machine with more than one core, until `useOneThread` stops them).
    public static var workerThreadsRunning: Bool {
        recbook_blas_workers_running() != 0
    }

    /// The CPU's feature flags from /proc/cpuinfo (empty where there is none).
    static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
