import Foundation
import NotebookCore
@testable import TableSteps
import RunModel

/// A scratch folder holding a notebook `nb.md` and its data files, checked and run through the
/// real loader, checker and executor with the table steps.
final class NotebookFixture {
    static let registry = StepRegistry(steps: TableSteps.steps, values: TableSteps.values)

    let directory: URL
    var outputDirectory: URL { directory.appendingPathComponent("output") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("table-steps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The notebook checked: its plan, and every diagnostic as `path:line:column: error: …`.
    func check(_ text: String) -> (plan: CheckedNotebook?, diagnostics: [String]) {
        let url = directory.appendingPathComponent("nb.md")
        let (notebook, loaded) = NotebookLoader(registry: Self.registry).load(text: text, path: "nb.md", url: url)
        guard let notebook else { return (nil, loaded.map(\.description)) }
        let (plan, checked) = Checker(registry: Self.registry).check(notebook)
        return (plan, (loaded + checked).sortedByLocation().map(\.description))
    }

    /// Checks and runs the notebook, reusing results from a cache beside it when `cache` is set.
    func run(_ text: String, cache: Bool = false) throws -> NotebookRun {
        let (plan, diagnostics) = check(text)
        guard let plan else { throw FixtureError(diagnostics) }
        let store = cache ? FileStepCache(directory: directory.appendingPathComponent(".recbook-cache")) : nil
        return Executor(registry: Self.registry, cache: store).run(plan, options: ExecutionOptions(outputDirectory: outputDirectory))
    }

    struct FixtureError: Error, CustomStringConvertible {
        var diagnostics: [String]
        init(_ diagnostics: [String]) { self.diagnostics = diagnostics }
        var description: String { diagnostics.joined(separator: "\n") }
    }
}

extension NotebookRun {
    /// Each step's failure message, or nil when it did not fail.
    var failures: [String?] {
        stepResults.map { result in
            if case let .failed(message) = result.status { return message }
            return nil
        }
    }
}
