import ArgumentParser
import Foundation
import NotebookCore
import RecbookSupport
import RecommenderSteps
import Report
import RunModel
import Synchronization

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

    @Flag(help: "List the notebook's parameters with their types, defaults and documentation, and exit.")
    var helpParams = false

    @Flag(help: "Treat warnings (a block that looks like a step but names none, say) as errors.")
    var strict = false

    @OptionGroup var colorOption: ColorOption

    /// Overrides from the environment (`RECBOOK_PARAM_NAME=value`) then the command line.
    func overrides(for notebook: Notebook) throws -> [ParameterOverride] {
        try Self.overrides(for: notebook, arguments: parameters)
    }

    static func overrides(for notebook: Notebook, arguments: [String]) throws -> [ParameterOverride] {
        var overrides = ParameterOverride.environment(for: notebook, ProcessInfo.processInfo.environment)
        for argument in arguments {
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
    /// - Throws: `CleanExit` after printing the parameters when `--help-params` was given.
    static func check(_ options: NotebookOptions) throws -> CheckedNotebook? {
        try check(path: options.notebook, parameters: options.parameters, helpParams: options.helpParams, strict: options.strict)
    }

    static func check(
        path: String, parameters: [String], helpParams: Bool = false, strict: Bool = false,
        diagnosticsSink: ((String) -> Void)? = nil
    ) throws -> CheckedNotebook? {
        try checkCounting(path: path, parameters: parameters, helpParams: helpParams, strict: strict, diagnosticsSink: diagnosticsSink).plan
    }

    /// Checks a notebook, printing every problem; also says how many warnings were printed.
    /// With `strict`, warnings count as errors.
    static func checkCounting(
        path: String, parameters: [String], helpParams: Bool = false, strict: Bool = false,
        diagnosticsSink: ((String) -> Void)? = nil
    ) throws -> (plan: CheckedNotebook?, warnings: Int) {
        let report = { (diagnostics: [Diagnostic], source: String?) in
            for diagnostic in diagnostics {
                let text = diagnostic.rendered(source: source)
                Terminal.diagnostic(text)
                diagnosticsSink?(text)
            }
        }
        let loader = NotebookLoader(registry: registry)
        let (notebook, loadDiagnostics) = loader.load(path: path)
        guard let notebook else {
            report(loadDiagnostics, nil)
            return (nil, 0)
        }
        if helpParams {
            Terminal.line(parameterHelp(notebook))
            throw CleanExit.message("")
        }
        let overrides = try NotebookOptions.overrides(for: notebook, arguments: parameters)
        let (plan, checkDiagnostics) = Checker(registry: registry).check(notebook, overrides: overrides)
        var diagnostics = (loadDiagnostics + checkDiagnostics).sortedByLocation()
        if strict {
            diagnostics = diagnostics.map { diagnostic in
                var promoted = diagnostic
                if promoted.severity == .warning { promoted.severity = .error }
                return promoted
            }
        }
        report(diagnostics, notebook.source)
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if diagnostics.hasErrors {
            let count = diagnostics.filter { $0.severity == .error }.count
            Terminal.error("\(count) error\(count == 1 ? "" : "s") in \(path); nothing was run")
            return (nil, warnings)
        }
        return (plan, warnings)
    }

    /// The notebook's parameters, for `--help-params`.
    static func parameterHelp(_ notebook: Notebook) -> String {
        var parameters = notebook.parameters
        if notebook.parameter(named: "seed") == nil {
            parameters.append(NotebookParameter.implicitSeed)
        }
        var lines = ["Parameters of \(notebook.path) (set with --param NAME=VALUE or RECBOOK_PARAM_NAME):", ""]
        let width = (parameters.map(\.name.count).max() ?? 0) + 2
        for parameter in parameters {
            lines.append("  " + parameter.name.padding(toLength: width, withPad: " ", startingAt: 0)
                         + "\(parameter.kind), default: \(parameter.defaultValue)")
            if !parameter.doc.isEmpty {
                lines.append("  " + String(repeating: " ", count: width) + parameter.doc)
            }
        }
        return lines.joined(separator: "\n")
    }

}

/// Writing to the terminal: standard output for results, standard error for diagnostics and
/// progress, each coloured only where ``TerminalStyle`` allows.
enum Terminal {
    /// `--color`, set once by the command before it writes anything.
    static let colorMode = Mutex(TerminalStyle.Mode.auto)

    static func configure(color: TerminalStyle.Mode) {
        colorMode.withLock { $0 = color }
    }

    static var stdoutStyle: TerminalStyle { style(descriptor: 1) }
    static var stderrStyle: TerminalStyle { style(descriptor: 2) }

    private static func style(descriptor: Int32) -> TerminalStyle {
        TerminalStyle(mode: colorMode.withLock { $0 }, isTerminal: TerminalSize.isTerminal(descriptor), environment: ProcessInfo.processInfo.environment)
    }

    /// Whether standard error can show status lines redrawn in place.
    static var isLive: Bool {
        TerminalSize.isTerminal(2) && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Seconds between progress lines when standard error is not a terminal:
    /// `RECBOOK_PROGRESS_INTERVAL`, default 10.
    static var progressInterval: Double {
        ProcessInfo.processInfo.environment["RECBOOK_PROGRESS_INTERVAL"].flatMap(Double.init).flatMap { $0 >= 0 ? $0 : nil } ?? 10
    }

    /// The width lines written to `descriptor` may take (``TerminalSize/columns(environment:descriptor:)``).
    static func columns(descriptor: Int32) -> Int {
        TerminalSize.columns(environment: ProcessInfo.processInfo.environment, descriptor: descriptor)
    }

    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        errorRaw(text + "\n")
    }

    /// Writes `text` to standard error as it is.
    static func errorRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A diagnostic as `check` prints it, its "error:" or "warning:" coloured on a terminal.
    static func diagnostic(_ text: String) {
        let style = stderrStyle
        var coloured = text
        if let range = text.range(of: " error: ") {
            coloured.replaceSubrange(range, with: " " + style.error("error:") + " ")
        } else if let range = text.range(of: " warning: ") {
            coloured.replaceSubrange(range, with: " " + style.warning("warning:") + " ")
        }
        error(coloured)
    }
}

extension TerminalStyle.Mode: ExpressibleByArgument {}

/// `--color auto|always|never`.
struct ColorOption: ParsableArguments {
    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: TerminalStyle.Mode = .auto
}
