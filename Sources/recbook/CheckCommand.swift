import ArgumentParser
import NotebookCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a notebook without running any step.",
        discussion: """
        Reports unknown steps and parameters (with suggestions), ill-typed values, missing \
        parameters, names used before they are bound, and values of the wrong kind, each as \
        path:line:column: error: message. A fenced block that reads like a step but names none \
        is a warning (shown as code); --strict makes warnings errors. Exits non-zero when there \
        is any error.
        """
    )

    @OptionGroup var options: NotebookOptions

    func run() throws {
        Terminal.configure(color: options.colorOption.color)
        let (plan, warnings) = try NotebookSession.checkCounting(
            path: options.notebook, parameters: options.parameters, helpParams: options.helpParams, strict: options.strict
        )
        guard let plan else { throw ExitCode.failure }
        let found = warnings == 0 ? "no problems found" : "no errors, \(warnings) warning\(warnings == 1 ? "" : "s")"
        Terminal.line("\(options.notebook): \(plan.steps.count) steps, \(found)")
    }
}
