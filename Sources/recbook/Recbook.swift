import ArgumentParser

struct Recbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recbook",
        abstract: "Run Markdown notebooks of typed recommender steps and render them as reports.",
        discussion: """
        A notebook is a Markdown file. Fenced blocks whose info string names a step (```svd) run \
        in order; their bodies hold the step's parameters as YAML. Other blocks and prose are \
        rendered as written.
        """,
        version: RecbookVersionString.value,
        subcommands: [RunCommand.self, CheckCommand.self, PlanCommand.self, TestCommand.self, WatchCommand.self, StepsCommand.self, CleanCommand.self, FetchCommand.self, SchemaCommand.self],
        defaultSubcommand: nil
    )
}
