import Foundation
import RecbookSupport

/// What the terminal shows of the steps running now: each one's number, name and elapsed time,
/// and how far it has got with an estimate of the time left.
///
/// On a terminal the caller redraws ``statusLines(at:width:)`` in place a few times a second;
/// elsewhere (a pipe, a log file) it prints the lines ``update(step:progress:at:)`` returns, at
/// most one per step per ``interval``. Times are seconds on any monotonic clock, passed in, so
/// that what is shown at a given moment can be tested.
public struct LiveStatus: Sendable {
    /// The least time between two progress lines of one step when not on a terminal.
    public var interval: Double

    private struct Running: Sendable {
        var name: String
        var started: Double
        var progress: StepProgress?
        /// When, and at what count, the current activity was first reported: the rate since
        /// then gives the time left.
        var baseline: (time: Double, completed: Int)?
        var lastPrinted: Double
    }

    private var running: [Int: Running] = [:]

    /// - Parameter interval: the least time between two progress lines of one step when not
    ///   on a terminal; the first comes once the step has run this long.
    public init(interval: Double = 10) {
        self.interval = max(0, interval)
    }

    /// Whether any step is running.
    public var isEmpty: Bool { running.isEmpty }

    public mutating func start(step number: Int, name: String, at time: Double) {
        running[number] = Running(name: name, started: time, lastPrinted: time)
    }

    public mutating func finish(step number: Int) {
        running[number] = nil
    }

    /// Records how far `step` has got.
    /// - Returns: the line to print when not on a terminal, if one is due: the step has run at
    ///   least ``interval`` since it started or since its last line.
    public mutating func update(step number: Int, progress: StepProgress, at time: Double) -> String? {
        guard var step = running[number] else { return nil }
        let previous = step.progress
        if previous == nil || previous?.activity != progress.activity || previous?.total != progress.total
            || progress.completed < (previous?.completed ?? 0) {
            step.baseline = (time, progress.completed)
        }
        step.progress = progress
        var line: String?
        if time - step.lastPrinted >= interval {
            step.lastPrinted = time
            line = Self.describe(number: number, step: step, at: time)
        }
        running[number] = step
        return line
    }

    /// One line per running step, in step order, each cut to `width` columns less one (so that
    /// the terminal never wraps it, which would break redrawing in place).
    public func statusLines(at time: Double, width: Int) -> [String] {
        running.keys.sorted().map { number in
            TerminalText.truncated(Self.describe(number: number, step: running[number]!, at: time), toWidth: max(10, width - 1))
        }
    }

    /// "In [12] train · 14.2 s · batches 3,400 of 25,200 (13%) · about 1 min 32 s left · epoch 3 of 20"
    private static func describe(number: Int, step: Running, at time: Double) -> String {
        var parts = ["In [\(number)] \(step.name)", Self.elapsed(time - step.started)]
        // The time left goes before the detail, which a narrow terminal cuts first.
        if let progress = step.progress {
            parts.append(progress.counts)
            if let left = secondsLeft(step, at: time) { parts.append("about " + Self.elapsed(left, whole: true) + " left") }
            if let detail = progress.detail, !detail.isEmpty { parts.append(detail) }
        }
        return parts.joined(separator: " · ")
    }

    private static func secondsLeft(_ step: Running, at time: Double) -> Double? {
        guard let progress = step.progress, let total = progress.total, let baseline = step.baseline else { return nil }
        let done = progress.completed - baseline.completed
        guard done > 0, time > baseline.time else { return nil }
        return (time - baseline.time) * Double(max(0, total - progress.completed)) / Double(done)
    }

    /// "0.4 s", "14.2 s", "1 min 03 s"; with `whole`, seconds are rounded: "14 s".
    static func elapsed(_ seconds: Double, whole: Bool = false) -> String {
        let seconds = max(0, seconds)
        if seconds < 60 {
            return whole ? "\(Int(seconds.rounded(.up))) s" : String(format: "%.1f s", seconds)
        }
        let rounded = Int(seconds.rounded())
        if rounded < 3600 { return String(format: "%d min %02d s", rounded / 60, rounded % 60) }
        return String(format: "%d h %02d min", rounded / 3600, rounded % 3600 / 60)
    }
}

/// The escape sequences that redraw a block of status lines in place.
public enum StatusRedraw {
    /// Moves to the start of a block of `lines` lines drawn last and erases it to the end of
    /// the screen (carriage return, cursor up, erase below).
    public static func erase(lines: Int) -> String {
        guard lines > 0 else { return "" }
        return "\r" + (lines > 1 ? "\u{1B}[\(lines - 1)A" : "") + "\u{1B}[J"
    }

    /// The block drawn without a final newline, so the cursor stays on its last line.
    public static func draw(_ lines: [String]) -> String {
        lines.joined(separator: "\n")
    }
}
