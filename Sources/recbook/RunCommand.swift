import ArgumentParser
import Foundation
import NotebookCore
import Outputs
import RecbookSupport
import Report
import RunModel

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

    @Flag(name: .customLong("show-cache"), help: "Say in the report which steps were reused from the cache and why the others ran (the terminal always says it).")
    var showCache = false

    /// The flags as plain values (property wrappers can only be read after parsing).
    var settings: NotebookRunner.Settings {
        NotebookRunner.Settings(
            keepGoing: keepGoing, useCache: !noCache, includesTimings: !noTimings,
            jobs: max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount), allowsRawHTML: allowRawHTML,
            showsCacheDetails: showCache
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
        /// `--show-cache`: the report says what was reused from the cache.
        var showsCacheDetails = false
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
        run.peakResidentBytes = ResourceUsage.peakResidentBytes()
        run.showsCacheDetails = settings.showsCacheDetails
        return run
    }

    /// Writes the report and the files it refers to as one set (``ReportFileWriter``).
    static func write(_ run: NotebookRun, to directory: String, name: String, format: ReportFormat = .html, source: String? = nil) throws -> URL {
        let document = format.render(run.includesTimings ? run : run.withoutRunDetails(), name: name, source: source)
        let destination: URL
        do {
            destination = try ReportFileWriter.write(document, to: directory)
        } catch {
            Terminal.error(Terminal.stderrStyle.error("recbook: error:") + " could not write the report: \(error)")
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

    @Option(name: .shortAndLong, help: "html (one self-contained page), md (GitHub Markdown, figures as SVG files beside it), ipynb (Jupyter notebook) or json (documented schema; see `recbook schema`). Repeat it for several: --format html --format md.")
    var format: [ReportFormat] = []

    /// The formats asked for, each once, in the order given; html when none was.
    var formats: [ReportFormat] {
        var seen = Set<ReportFormat>()
        let formats = format.filter { seen.insert($0).inserted }
        return formats.isEmpty ? [.html] : formats
    }

    func run() throws {
        Terminal.configure(color: options.colorOption.color)
        try NotebookRunner.checkOutputDirectory(output)
        guard let plan = try NotebookSession.check(options) else { throw ExitCode.failure }
        Interruption.installSignalHandler {
            Terminal.error("recbook: interrupted; stopping at the next checkpoint and writing the report (Ctrl-C again to quit at once)")
        }
        let display = RunDisplay(quiet: flags.quiet, total: plan.steps.count)
        defer { display.stop() }
        let result = NotebookRunner.run(plan, settings: flags.settings, output: output, onEvent: display.handle)
        display.stop()
        var destinations: [String] = []
        for format in formats {
            destinations.append(try NotebookRunner.write(result, to: output, name: plan.notebook.name, format: format, source: plan.notebook.source).path)
        }
        display.summary(result, reports: destinations)
        // 128 + SIGINT, as a shell reports a command that Ctrl-C stopped.
        if Interruption.isRequested { throw ExitCode(130) }
        if result.stepResults.contains(where: { if case .failed = $0.status { true } else { false } }) {
            throw ExitCode.failure
        }
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
