import Foundation
import NotebookCore
import RunModel
import RecbookSupport
import Report
import Synchronization

/// The terminal while a notebook runs.
///
/// Each step gets one line on standard output when it finishes, with its time, followed (unless
/// quiet) by its outputs, fitted to the terminal's width. While steps run, standard error shows
/// them: on a terminal as status lines redrawn in place four times a second (number, name,
/// elapsed time, progress and time left); elsewhere as a progress line per step at most every
/// ``LiveStatus/interval`` seconds, so a log shows what a long step is doing.
///
/// Events come from the executor's thread and, for progress, from the threads steps run on;
/// the state is behind a mutex, and every write to either stream happens under it, so status
/// lines and step lines never interleave.
final class RunDisplay: Sendable {
    struct Options {
        var quiet = false
        var total = 0
        /// Whether standard error is a terminal that can redraw lines in place.
        var live = Terminal.isLive
        /// Seconds between progress lines when not live (`RECBOOK_PROGRESS_INTERVAL`, default 10).
        var interval = Terminal.progressInterval
    }

    private struct State {
        var status: LiveStatus
        var drawnLines = 0
        var stopped = false
    }

    private let options: Options
    private let state: Mutex<State>
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    init(_ options: Options) {
        self.options = options
        state = Mutex(State(status: LiveStatus(interval: options.interval)))
        origin = clock.now
        if options.live {
            let ticker = Thread { [self] in
                while tick() { Thread.sleep(forTimeInterval: 0.25) }
            }
            ticker.start()
        }
    }

    convenience init(quiet: Bool, total: Int) {
        self.init(Options(quiet: quiet, total: total))
    }

    private var now: Double {
        let elapsed = clock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    func handle(_ event: ExecutionEvent) {
        let time = now
        state.withLock { state in
            switch event {
            case let .started(step, name, _):
                state.status.start(step: step, name: name, at: time)
            case let .progress(step, progress):
                let line = state.status.update(step: step, progress: progress, at: time)
                if !options.live, let line { Terminal.error("  " + line) }
            case let .ended(step):
                state.status.finish(step: step)
            case let .note(step, line):
                write(&state) { Terminal.error(Terminal.stderrStyle.dim("  In [\(step)] \(line)")) }
            case let .finished(result):
                state.status.finish(step: result.number)
                write(&state) { printStep(result) }
            }
        }
    }

    /// Stops redrawing and erases the status lines. Call it once the run is over.
    func stop() {
        state.withLock { state in
            erase(&state)
            state.stopped = true
        }
    }

    func summary(_ run: NotebookRun, reports: [String]) {
        stop()
        Terminal.line(Self.summaryLine(run, style: Terminal.stdoutStyle) + "; report\(reports.count == 1 ? "" : "s"): \(reports.joined(separator: ", "))")
    }

    /// Redraws the status lines; false once stopped.
    private func tick() -> Bool {
        let time = now
        return state.withLock { state in
            guard !state.stopped else { return false }
            redraw(&state, at: time)
            return true
        }
    }

    /// Writes permanent lines with the status lines out of the way, then draws them again.
    private func write(_ state: inout State, _ body: () -> Void) {
        erase(&state)
        body()
        if options.live, !state.stopped { redraw(&state, at: now) }
    }

    private func erase(_ state: inout State) {
        guard options.live, state.drawnLines > 0 else { return }
        Terminal.errorRaw(StatusRedraw.erase(lines: state.drawnLines))
        state.drawnLines = 0
    }

    private func redraw(_ state: inout State, at time: Double) {
        guard options.live else { return }
        let lines = state.status.statusLines(at: time, width: Terminal.columns(descriptor: 2))
        guard state.drawnLines > 0 || !lines.isEmpty else { return }
        Terminal.errorRaw(StatusRedraw.erase(lines: state.drawnLines) + StatusRedraw.draw(lines.map { Terminal.stderrStyle.dim($0) }))
        state.drawnLines = lines.count
    }

    /// A finished step's line, then its outputs and its expectations.
    private func printStep(_ result: StepCellResult) {
        let style = Terminal.stdoutStyle
        let width = String(options.total).count
        let number = String(repeating: " ", count: max(0, width - String(result.number).count)) + String(result.number)
        let name = result.name.padding(toLength: max(12, result.name.count), withPad: " ", startingAt: 0)
        let time = result.duration.map { Format.duration($0) } ?? ""
        let prefix = "[\(number)/\(options.total)] \(name)"
        switch result.status {
        case .succeeded:
            Terminal.line("\(prefix) \(time)" + (result.cacheNote.map { style.dim("  (ran: \($0))") } ?? ""))
        case .reused:
            Terminal.line("\(prefix) " + style.dim("reused (unchanged)"))
        case let .failed(message):
            Terminal.line("\(prefix) " + style.error("FAILED") + " after \(time)")
            Terminal.error(Terminal.stderrStyle.error("error:") + " step \(result.number) (\(result.name)): \(message)")
        case let .notRun(reason):
            Terminal.line("\(prefix) not run: \(reason)")
        }
        let renderer = TerminalOutputRenderer(width: Terminal.columns(descriptor: 1), wrapsText: TerminalSize.isTerminal(1))
        if !options.quiet, !result.outputs.isEmpty, !Self.isReused(result) {
            Terminal.line(renderer.render(result.outputs))
        }
        for expectation in result.expectations {
            // Wrapped before it is coloured, so that escape codes do not count as columns.
            let verdict = expectation.passed ? "passed" : "FAILED"
            let line = renderer.wrapped("        expect \(expectation.source): \(verdict) (\(expectation.detail))")
            Terminal.line(line.replacingOccurrences(
                of: ": \(verdict)", with: ": " + (expectation.passed ? style.success(verdict) : style.error(verdict))))
        }
    }

    private static func isReused(_ result: StepCellResult) -> Bool {
        if case .reused = result.status { return true }
        return false
    }

    /// "12 steps in 3.21 s, peak memory 412 MB, 2 reused, 5 expectations held".
    static func summaryLine(_ run: NotebookRun, style: TerminalStyle = .plain) -> String {
        let steps = run.stepResults
        let failed = steps.filter { if case .failed = $0.status { true } else { false } }.count
        let notRun = steps.filter { if case .notRun = $0.status { true } else { false } }.count
        let reused = steps.filter { if case .reused = $0.status { true } else { false } }.count
        let expectations = steps.flatMap(\.expectations)
        let failedExpectations = expectations.filter { !$0.passed }.count
        var line = "\(steps.count) step\(steps.count == 1 ? "" : "s") in \(Format.duration(run.duration))"
        if let peak = run.peakResidentBytes { line += ", peak memory \(Format.bytes(peak))" }
        if reused > 0 { line += ", " + style.dim("\(reused) reused") }
        if failed > 0 { line += ", " + style.error("\(failed) failed") }
        if notRun > 0 { line += ", \(notRun) not run" }
        if !expectations.isEmpty {
            line += failedExpectations == 0
                ? ", " + style.success("\(expectations.count) expectations held")
                : ", " + style.error("\(failedExpectations) of \(expectations.count) expectations failed")
        }
        return line
    }

    /// A handler that prints nothing but failures, for `recbook test`.
    static var silent: (ExecutionEvent) -> Void {
        { event in
            if case let .finished(result) = event, case let .failed(message) = result.status {
                Terminal.error(Terminal.stderrStyle.error("error:") + " step \(result.number) (\(result.name)): \(message)")
            }
        }
    }
}
