import ArgumentParser
import Foundation
import NotebookCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the step graph and what a run would do, without running anything.",
        discussion: """
        Like `make -n`: lists each step, what it consumes and produces, and whether a run now \
        would run it or reuse its cached result, with the reason.
        """
    )

    @OptionGroup var options: NotebookOptions

    @Flag(help: "Plan as if the cache were empty.")
    var noCache = false

    func run() throws {
        Terminal.configure(color: options.colorOption.color)
        guard let plan = try NotebookSession.check(options) else { throw ExitCode.failure }
        let cache = noCache ? nil : FileStepCache(directory: FileStepCache.directory(for: plan.notebook))
        let entries = Executor(registry: NotebookSession.registry, cache: cache).plan(plan)
        let width = String(entries.count).count
        for entry in entries {
            let number = String(repeating: " ", count: width - String(entry.number).count) + String(entry.number)
            var line = "[\(number)] \(entry.name)"
            if !entry.consumes.isEmpty {
                line += "(" + entry.consumes.map { "\($0.parameter): \($0.reference) ←\($0.producer)" }.joined(separator: ", ") + ")"
            }
            if let produces = entry.produces {
                line += " → " + (produces.name.map { "\($0): " } ?? "") + produces.kind
            }
            Terminal.line(line)
            Terminal.line(String(repeating: " ", count: width + 3) + (entry.willRun ? "runs: " : "reused: ") + entry.reason)
        }
        let running = entries.filter(\.willRun).count
        Terminal.line("\(running) of \(entries.count) steps would run; \(entries.count - running) would be reused")
    }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Delete a notebook's cached step results."
    )

    @Argument(help: "The notebook whose cache to delete.", completion: .file(extensions: ["md"]))
    var notebook: String

    func run() throws {
        let url = URL(fileURLWithPath: notebook).standardizedFileURL
        let directory = url.deletingLastPathComponent().appendingPathComponent(".recbook-cache")
            .appendingPathComponent(url.deletingPathExtension().lastPathComponent)
        try FileStepCache.clean(directory)
        Terminal.line("removed \(directory.path)")
    }
}
