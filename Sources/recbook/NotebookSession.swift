import ArgumentParser
import Foundation
import NotebookCore
import RecommenderSteps

enum RecbookVersionString {
    static let value = RecbookVersion.current
}

/// Options shared by the commands that read a notebook.
struct NotebookOptions: ParsableArguments {
    @Argument(help: "The notebook to read (a Markdown file).", completion: .file(extensions: ["md"]))
    var notebook: String

    @Option(
        name: [.customLong("param"), .customShort("p")],
        help: ArgumentHelp("Set a notebook parameter; the value may contain '=' and spaces.", valueName: "NAME=VALUE")
    )
    var parameters: [String] = []

    /// Overrides from the environment (`RECBOOK_PARAM_NAME=value`) then the command line.
    func overrides(for notebook: Notebook) throws -> [ParameterOverride] {
        var overrides = ParameterOverride.environment(for: notebook, ProcessInfo.processInfo.environment)
        for argument in parameters {
            guard let override = ParameterOverride(argument: argument) else {
                throw ValidationError("--param expects NAME=VALUE, got '\(argument)'")
            }
            overrides.append(override)
        }
        return overrides
    }
}

/// Loads and checks a notebook, printing diagnostics to standard error.
enum NotebookSession {
    static let registry = RecommenderRegistry.registry

    /// - Returns: the checked notebook, or nil after printing why it cannot run.
    static func check(_ options: NotebookOptions) throws -> CheckedNotebook? {
        let loader = NotebookLoader(registry: registry)
        let (notebook, loadDiagnostics) = loader.load(path: options.notebook)
        guard let notebook else {
            report(loadDiagnostics, source: nil)
            return nil
        }
        let (plan, checkDiagnostics) = Checker(registry: registry).check(notebook, overrides: try options.overrides(for: notebook))
        let diagnostics = (loadDiagnostics + checkDiagnostics).sortedByLocation()
        report(diagnostics, source: notebook.source)
        if diagnostics.hasErrors {
            let count = diagnostics.filter { $0.severity == .error }.count
            Terminal.error("\(count) error\(count == 1 ? "" : "s") in \(options.notebook); nothing was run")
            return nil
        }
        return plan
    }

    static func report(_ diagnostics: [Diagnostic], source: String?) {
        for diagnostic in diagnostics {
            Terminal.error(diagnostic.rendered(source: source))
        }
    }
}

/// Writing to the terminal.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
