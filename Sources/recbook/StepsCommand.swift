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

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Option(help: "text (for reading), markdown (the README's reference) or json (JSON Schema for editors); one of them.")
    var format: [OutputFormat] = []

    func validate() throws {
        let distinct = format.reduce(into: [OutputFormat]()) { if !$0.contains($1) { $0.append($1) } }
        if distinct.count > 1 {
            throw ValidationError("--format was given \(distinct.count) different formats (\(distinct.map(\.rawValue).joined(separator: ", "))); `recbook steps` prints one at a time")
        }
    }

    func run() throws {
        let registry = NotebookSession.registry
        switch format.first ?? .text {
        case .json:
            Terminal.line(StepReference.jsonSchema(registry).serialized(pretty: true))
            return
        case .markdown:
            Terminal.line(StepReference.markdown(registry))
            return
        case .text:
            break
        }
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
