import ArgumentParser
import Report

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the `--format json` report."
    )

    func run() throws {
        Terminal.line(JSONReportRenderer.schema)
    }
}
