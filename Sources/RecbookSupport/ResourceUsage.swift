import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process has used of the machine.
public enum ResourceUsage {
    #if canImport(Glibc)
    private static let selfWho = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let selfWho = RUSAGE_SELF
    #endif

    /// The most memory the process has held resident at once, in bytes (`getrusage`'s
    /// `ru_maxrss`); nil when the system does not say.
    public static func peakResidentBytes() -> Int? {
        var usage = rusage()
        guard getrusage(Self.selfWho, &usage) == 0, usage.ru_maxrss > 0 else { return nil }
        #if canImport(Darwin)
        return Int(usage.ru_maxrss) // bytes on Darwin
        #else
        return Int(usage.ru_maxrss) * 1024 // kibibytes on Linux
        #endif
    }

    /// Hands the free pages inside the allocator's heaps back to the system (glibc's
    /// `malloc_trim`). Memory freed in the middle of a heap otherwise stays resident: after a
    /// step that built and dropped many mid-sized arrays on its own thread's heap, the process
    /// can hold gigabytes it no longer uses. A no-op where the C library has no such call.
    ///
    /// Skipped while the process has never held more than ``trimFloor``: there is little to hand
    /// back, and the pages handed back are faulted in again by the next allocations.
    public static func releaseFreedMemory() {
        if (peakResidentBytes() ?? .max) >= trimFloor { _ = trim?(0) }
    }

    /// The peak resident size below which ``releaseFreedMemory()`` does nothing.
    public static let trimFloor = 256 << 20

    /// `malloc_trim`, looked up once: glibc's headers do not reach Swift's `Glibc` module.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}

extension Format {
    /// A size in bytes for people: `812 KB`, `48.3 MB`, `1.21 GB` (powers of 1,024, as `top` counts),
    /// with three significant digits, or `decimals` digits after the point when given.
    public static func bytes(_ count: Int, decimals: Int? = nil) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(count) bytes" }
        let digits = decimals ?? (value < 10 ? 2 : value < 100 ? 1 : 0)
        return String(format: "%.\(digits)f", value) + " " + units[unit]
    }
}
