import ArgumentParser
import Foundation
import NotebookCore
import Outputs
import RecbookSupport
import Report

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook and write its report.",
        discussion: """
        Checks the notebook first, then runs its steps in order, printing each step's number, \
        name and time. Writes OUTPUT/<notebook name>.html through a temporary file, so a failed \
        run never leaves a half-written report. Exits non-zero if any step failed; the report \
        still shows what happened.
        """
    )

    @OptionGroup var options: NotebookOptions

    @Option(name: .shortAndLong, help: "The directory the report is written to.")
    var output: String = "output"

    @Flag(help: "After a step fails, run the steps that do not depend on it.")
    var keepGoing = false

    @Flag(help: "Leave timings out of the report, so identical inputs give identical bytes.")
    var noTimings = false

    @Flag(name: .shortAndLong, help: "Print only the step lines, not the steps' outputs.")
    var quiet = false

    func run() throws {
        guard let plan = try NotebookSession.check(options) else { throw ExitCode.failure }
        let printer = ProgressPrinter(quiet: quiet, total: plan.steps.count)
        let executor = Executor(registry: NotebookSession.registry, onEvent: printer.handle)
        let result = executor.run(plan, options: ExecutionOptions(keepGoing: keepGoing, includesTimings: !noTimings))

        let destination = URL(fileURLWithPath: output).appendingPathComponent(plan.notebook.name + ".html")
        do {
            try AtomicFile.write(HTMLReportRenderer().render(result), to: destination)
        } catch {
            Terminal.error("recbook: error: could not write the report to \(destination.path): \(error)")
            throw ExitCode.failure
        }
        printer.summary(result, report: destination.path)
        let failures = result.stepResults.filter { if case .failed = $0.status { true } else { false } }
        if !failures.isEmpty { throw ExitCode.failure }
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
            switch result.status {
            case .succeeded:
                Terminal.line("[\(number)/\(total)] \(name) \(time)")
            case let .reused(reason):
                Terminal.line("[\(number)/\(total)] \(name) reused (\(reason))")
            case let .failed(message):
                Terminal.line("[\(number)/\(total)] \(name) FAILED after \(time)")
                Terminal.error("error: step \(result.number) (\(result.name)): \(message)")
            case let .notRun(reason):
                Terminal.line("[\(number)/\(total)] \(name) not run: \(reason)")
            }
            if !quiet, !result.outputs.isEmpty {
                Terminal.line(TerminalOutputRenderer().render(result.outputs))
            }
            for expectation in result.expectations {
                Terminal.line("        expect \(expectation.source): \(expectation.passed ? "passed" : "FAILED") (\(expectation.detail))")
            }
        }
    }

    func summary(_ run: NotebookRun, report: String) {
        let steps = run.stepResults
        let failed = steps.filter { if case .failed = $0.status { true } else { false } }.count
        let notRun = steps.filter { if case .notRun = $0.status { true } else { false } }.count
        var line = "\(steps.count) steps in \(Format.duration(run.duration))"
        if failed > 0 { line += ", \(failed) failed" }
        if notRun > 0 { line += ", \(notRun) not run" }
        Terminal.line(line + "; report: \(report)")
    }
}
