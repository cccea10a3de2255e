import ArgumentParser
import NotebookCore
import RecbookSupport

struct StepsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steps",
        abstract: "List the steps a notebook can use, with their parameters.",
        discussion: "Generated from the step registry itself, so it is always in step with the code."
    )

    @Argument(help: "Show one step in full, with an example block.")
    var name: String?

    func run() throws {
        let registry = NotebookSession.registry
        if let name {
            guard let step = registry.step(named: name) else {
                var message = "unknown step '\(name)'"
                if let suggestion = Suggestions.bestMatch(for: name, in: registry.names) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw ValidationError(message)
            }
            Terminal.line(StepReference.text(for: step, detailed: true))
            return
        }
        Terminal.line(StepReference.overview(registry))
    }
}
