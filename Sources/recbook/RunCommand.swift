import ArgumentParser
import Foundation
import NotebookCore
import Outputs
import RecbookSupport
import Report

/// Options shared by the commands that run notebooks.
struct ExecutionFlags: ParsableArguments {
    @Flag(help: "After a step fails, run the steps that do not depend on it.")
    var keepGoing = false

    @Flag(help: "Run every step instead of reusing unchanged results from the cache.")
    var noCache = false

    @Flag(help: "Leave timings and cache status out of the report, so identical inputs give identical bytes.")
    var noTimings = false

    @Flag(name: .shortAndLong, help: "Print only the step lines, not the steps' outputs.")
    var quiet = false

    @Option(name: .shortAndLong, help: "Run up to this many independent steps at once (default: one per core). Results do not depend on it.")
    var jobs: Int?

    @Flag(name: .customLong("allow-raw-html"), help: "Trust the notebook: put its raw HTML into the report as written instead of reducing it to harmless HTML (as front matter 'allow-raw-html: true' does).")
    var allowRawHTML = false

    /// The flags as plain values (property wrappers can only be read after parsing).
    var settings: NotebookRunner.Settings {
        NotebookRunner.Settings(
            keepGoing: keepGoing, useCache: !noCache, includesTimings: !noTimings,
            jobs: max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount), allowsRawHTML: allowRawHTML
        )
    }
}

/// Runs checked notebooks with the cache and the terminal display.
enum NotebookRunner {
    struct Settings {
        var keepGoing = false
        var useCache = true
        var includesTimings = true
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// `--allow-raw-html`: trust the notebook's raw HTML whatever its front matter says.
        var allowsRawHTML = false
    }

    /// Runs `plan`; steps that write files (`save`) write them into `output`, beside the report.
    static func run(
        _ plan: CheckedNotebook, settings: Settings, output: String, onEvent: @escaping (ExecutionEvent) -> Void
    ) -> NotebookRun {
        let cache = settings.useCache ? FileStepCache(directory: FileStepCache.directory(for: plan.notebook)) : nil
        let executor = Executor(registry: NotebookSession.registry, cache: cache, onEvent: onEvent)
        var run = executor.run(plan, options: ExecutionOptions(
            keepGoing: settings.keepGoing, includesTimings: settings.includesTimings, jobs: settings.jobs,
            outputDirectory: URL(fileURLWithPath: output)
        ))
        run.allowsRawHTML = run.allowsRawHTML || settings.allowsRawHTML
        return run
    }

    /// Writes the report and the files it refers to as one set (``ReportFileWriter``).
    static func write(_ run: NotebookRun, to directory: String, name: String, format: ReportFormat = .html, source: String? = nil) throws -> URL {
        let document = format.render(run.includesTimings ? run : run.withoutRunDetails(), name: name, source: source)
        let destination: URL
        do {
            destination = try ReportFileWriter.write(document, to: directory)
        } catch {
            Terminal.error("recbook: error: could not write the report: \(error)")
            throw ExitCode.failure
        }
        for reference in document.unresolvedReferences {
            let name = reference.hasPrefix("@") ? reference : "@" + reference
            Terminal.error("warning: \(run.path): '\(name)' names no labelled figure or table")
        }
        return destination
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook and write its report.",
        discussion: """
        Checks the notebook first, then runs its steps in order, printing each step's number, \
        name and time. Steps whose parameters, inputs and data files are unchanged since the \
        last run are reused from the cache beside the notebook (.recbook-cache/). Writes \
        OUTPUT/<notebook name>.html through a temporary file, so a failed run never leaves a \
        half-written report. Exits non-zero if any step failed; the report still shows what \
        happened.
        """
    )

    @OptionGroup var options: NotebookOptions
    @OptionGroup var flags: ExecutionFlags

    @Option(name: .shortAndLong, help: "The directory the report, and the files 'save' steps write, are written to.")
    var output: String = "output"

    @Option(name: .shortAndLong, help: "html (one self-contained page), md (GitHub Markdown, figures as SVG files beside it), ipynb (Jupyter notebook) or json (documented schema; see `recbook schema`).")
    var format: ReportFormat = .html

    func run() throws {
        try NotebookRunner.checkOutputDirectory(output)
        guard let plan = try NotebookSession.check(options) else { throw ExitCode.failure }
        Interruption.installSignalHandler {
            Terminal.error("recbook: interrupted; stopping at the next checkpoint and writing the report (Ctrl-C again to quit at once)")
        }
        let printer = ProgressPrinter(quiet: flags.quiet, total: plan.steps.count)
        let result = NotebookRunner.run(plan, settings: flags.settings, output: output, onEvent: printer.handle)
        let destination = try NotebookRunner.write(result, to: output, name: plan.notebook.name, format: format, source: plan.notebook.source)
        printer.summary(result, report: destination.path)
        // 128 + SIGINT, as a shell reports a command that Ctrl-C stopped.
        if Interruption.isRequested { throw ExitCode(130) }
        if result.stepResults.contains(where: { if case .failed = $0.status { true } else { false } }) {
            throw ExitCode.failure
        }
    }
}

/// Prints each step as it finishes, with its time, and (unless quiet) its outputs.
final class ProgressPrinter {
    let quiet: Bool
    let total: Int

    init(quiet: Bool, total: Int) {
        self.quiet = quiet
        self.total = total
    }

    func handle(_ event: ExecutionEvent) {
        switch event {
        case .started:
            break
        case let .progress(_, line):
            Terminal.line("        " + line)
        case let .finished(result):
            let width = String(total).count
            let number = String(repeating: " ", count: max(0, width - String(result.number).count)) + String(result.number)
            let name = result.name.padding(toLength: max(12, result.name.count), withPad: " ", startingAt: 0)
            let time = result.duration.map { Format.duration($0) } ?? ""
            let prefix = "[\(number)/\(total)] \(name)"
            switch result.status {
            case .succeeded:
                Terminal.line("\(prefix) \(time)" + (result.cacheNote.map { "  (ran: \($0))" } ?? ""))
            case .reused:
                Terminal.line("\(prefix) reused (unchanged)")
            case let .failed(message):
                Terminal.line("\(prefix) FAILED after \(time)")
                Terminal.error("error: step \(result.number) (\(result.name)): \(message)")
            case let .notRun(reason):
                Terminal.line("\(prefix) not run: \(reason)")
            }
            if !quiet, !result.outputs.isEmpty, !isReused(result) {
                Terminal.line(TerminalOutputRenderer().render(result.outputs))
            }
            for expectation in result.expectations {
                Terminal.line("        expect \(expectation.source): \(expectation.passed ? "passed" : "FAILED") (\(expectation.detail))")
            }
        }
    }

    private func isReused(_ result: StepCellResult) -> Bool {
        if case .reused = result.status { return true }
        return false
    }

    func summary(_ run: NotebookRun, report: String) {
        Terminal.line(Self.summaryLine(run) + "; report: \(report)")
    }

    static func summaryLine(_ run: NotebookRun) -> String {
        let steps = run.stepResults
        let failed = steps.filter { if case .failed = $0.status { true } else { false } }.count
        let notRun = steps.filter { if case .notRun = $0.status { true } else { false } }.count
        let reused = steps.filter { if case .reused = $0.status { true } else { false } }.count
        let expectations = steps.flatMap(\.expectations)
        let failedExpectations = expectations.filter { !$0.passed }.count
        var line = "\(steps.count) steps in \(Format.duration(run.duration))"
        if reused > 0 { line += ", \(reused) reused" }
        if failed > 0 { line += ", \(failed) failed" }
        if notRun > 0 { line += ", \(notRun) not run" }
        if !expectations.isEmpty {
            line += failedExpectations == 0
                ? ", \(expectations.count) expectations held"
                : ", \(failedExpectations) of \(expectations.count) expectations failed"
        }
        return line
    }
}

extension ReportFormat: ExpressibleByArgument {}

extension NotebookRunner {
    /// Fails at once, in one line, when `--output` names something that is not a directory, so
    /// that a long run is not wasted on a report that cannot be written.
    static func checkOutputDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return }
        Terminal.error("recbook: error: --output '\(path)' is a file, not a directory")
        throw ExitCode.failure
    }
}
