import ArgumentParser
import Foundation
import NotebookCore
import RecbookSupport

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run notebooks as tests: fail on any error or failed expectation.",
        discussion: """
        Runs each notebook (reusing unchanged steps from the cache unless --no-cache) and prints \
        one summary line per notebook. Exits non-zero if any step failed or any 'expect:' line \
        did not hold. Files that 'save' steps write go into --output (default: output).
        """
    )

    @Argument(help: "The notebooks to run.", completion: .file(extensions: ["md"]))
    var notebooks: [String]

    @Option(name: [.customLong("param"), .customShort("p")], help: ArgumentHelp("Set a parameter of every notebook.", valueName: "NAME=VALUE"))
    var parameters: [String] = []

    @OptionGroup var flags: ExecutionFlags

    @Flag(help: "Treat warnings (a block that looks like a step but names none, say) as errors.")
    var strict = false

    @Option(name: .shortAndLong, help: "Also write each notebook's report into this directory.")
    var output: String?

    @OptionGroup var colorOption: ColorOption

    func run() throws {
        Terminal.configure(color: colorOption.color)
        let style = Terminal.stdoutStyle
        if let output { try NotebookRunner.checkOutputDirectory(output) }
        var allPassed = true
        for path in notebooks {
            guard let plan = try NotebookSession.check(path: path, parameters: parameters, strict: strict) else {
                Terminal.line(style.error("FAIL") + " \(path): the notebook has errors; nothing was run")
                allPassed = false
                continue
            }
            let result = NotebookRunner.run(plan, settings: flags.settings, output: output ?? "output", onEvent: RunDisplay.silent)
            if let output { _ = try NotebookRunner.write(result, to: output, name: plan.notebook.name, source: plan.notebook.source) }
            let passed = result.succeeded
            allPassed = allPassed && passed
            Terminal.line((passed ? style.success("PASS") : style.error("FAIL")) + " \(path): \(RunDisplay.summaryLine(result, style: style))")
            for step in result.stepResults {
                if case let .failed(message) = step.status {
                    Terminal.line("  step \(step.number) (\(step.name)) failed: \(message)")
                }
                for expectation in step.expectations where !expectation.passed {
                    Terminal.line("  step \(step.number) (\(step.name)): expected \(expectation.source), but \(expectation.detail)")
                }
                for (text, result) in step.inlineValues.sorted(by: { $0.key < $1.key }) {
                    if case let .problem(reason) = result {
                        Terminal.line("  step \(step.number) (\(step.name)): the prose's `=\(text)` cannot be shown: \(reason)")
                    }
                }
            }
        }
        if !allPassed { throw ExitCode.failure }
    }
}
