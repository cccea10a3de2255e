import ArgumentParser
import NotebookCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a notebook without running any step.",
        discussion: """
        Reports unknown steps and parameters (with suggestions), ill-typed values, missing \
        parameters, names used before they are bound, and values of the wrong kind, each as \
        path:line:column: error: message. Exits non-zero when there is any error.
        """
    )

    @OptionGroup var options: NotebookOptions

    func run() throws {
        guard let plan = try NotebookSession.check(options) else { throw ExitCode.failure }
        Terminal.line("\(options.notebook): \(plan.steps.count) steps, no problems found")
    }
}
