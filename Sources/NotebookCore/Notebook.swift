import Foundation
import NotebookMarkdown
import RecbookSupport

/// A parsed notebook: its front matter and its cells in order. Nothing has been checked
/// against the registry's parameter types or run yet.
public struct Notebook: Sendable {
    /// The path as given (used in diagnostics).
    public var path: String
    /// The notebook file's absolute URL.
    public var url: URL
    /// The file's text, for diagnostics with source excerpts.
    public var source: String
    public var title: String
    public var parameters: [NotebookParameter]
    public var cells: [NotebookCell]
    /// Front matter `allow-raw-html: true`: the author vouches for the notebook, and its raw
    /// HTML goes into reports as written instead of being reduced to harmless HTML.
    public var allowsRawHTML = false

    /// Step-body keys recbook handles itself rather than passing to the step.
    public static let reservedKeys = ["as", "expect", "expect-if", "label", "caption", "original-cell"]

    public var directory: URL { url.deletingLastPathComponent() }

    /// The notebook's file name without extension: `movie-recommender`.
    public var name: String { url.deletingPathExtension().lastPathComponent }

    public var steps: [StepBlock] {
        cells.compactMap { if case let .step(step) = $0 { step } else { nil } }
    }

    public func parameter(named name: String) -> NotebookParameter? {
        parameters.first { $0.name == name }
    }
}

public enum NotebookCell: Sendable {
    case prose(MarkdownBlock)
    /// A fenced block in another language: shown, not run.
    case code(FencedCode)
    case step(StepBlock)
}

/// A fenced block that names a registered step.
public struct StepBlock: Sendable {
    public struct Binding: Sendable, Hashable {
        public var name: String
        public var location: SourceLocation
    }

    /// 1-based position among the notebook's steps.
    public var number: Int
    public var name: String
    public var code: FencedCode
    /// Where the opening fence is.
    public var location: SourceLocation
    /// The step's own parameters, with recbook's reserved keys taken out.
    public var entries: [ParameterNode.MappingEntry]
    /// `as: NAME`
    public var binding: Binding?
    /// `expect:` lines.
    public var expectations: [Expectation]
    /// `expect-if: NAME`: the expectations apply only when the boolean notebook parameter
    /// NAME is true (for example figures that hold for one data set only).
    public var expectationGuard: Binding? = nil
    /// `label:` names for the step's figures and tables, in order, for `@fig-NAME` references.
    public var labels: [String]
    /// `caption:` for the step's first figure or table.
    public var caption: String?
    /// `original-cell:` the numbers of the cells of an original notebook (Jupyter's In [n])
    /// that this step mirrors, so that a reader holding the two side by side can match them.
    public var originalCells: [Int] = []
    /// True when the body could not be read as YAML (already reported); the checker then
    /// reports nothing more about this step's parameters.
    public var bodyIsInvalid = false

    /// Where the value of each of the step's own parameters is written, by name.
    public var parameterLocations: [String: SourceLocation] {
        Dictionary(entries.map { ($0.key, $0.value.location) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A parameter declared in the front matter's `params:` map.
public struct NotebookParameter: Sendable, Hashable {
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        case int, double, bool, string, path
        case choice([String])

        public var description: String {
            switch self {
            case .int: return "int"
            case .double: return "double"
            case .bool: return "bool"
            case .string: return "string"
            case .path: return "path"
            case let .choice(names): return "one of " + names.map { "'\($0)'" }.joined(separator: ", ")
            }
        }

        /// Parses the text of a front-matter type name.
        init?(typeName: String) {
            switch typeName {
            case "int", "integer": self = .int
            case "double", "float", "number": self = .double
            case "bool", "boolean": self = .bool
            case "string", "str": self = .string
            case "path", "file", "directory": self = .path
            default: return nil
            }
        }

        static let typeNames = ["int", "double", "bool", "string", "path", "choice"]
        /// Every spelling the front matter accepts, for suggestions.
        static let acceptedTypeNames = typeNames + ["integer", "float", "number", "boolean", "str", "file", "directory"]

        /// Checks a value written for this kind and returns it in canonical form.
        func validate(_ node: ParameterNode) throws(ParameterError) -> String {
            switch self {
            case .int: return try Int(parameter: node).canonicalText
            case .double: return try Double(parameter: node).canonicalText
            case .bool: return try Bool(parameter: node).canonicalText
            case .string: return try String(parameter: node)
            case .path: return try FilePath(parameter: node).path
            case let .choice(names):
                let text = try String(parameter: node)
                guard names.contains(text) else {
                    var message = "expects \(description), got '\(text)'"
                    if let suggestion = Suggestions.bestMatch(for: text, in: names) {
                        message += "; did you mean '\(suggestion)'?"
                    }
                    throw ParameterError(message, at: node.location)
                }
                return text
            }
        }
    }

    /// The `seed` parameter every notebook has unless it declares its own.
    public static let implicitSeed = NotebookParameter(
        name: "seed", kind: .int, defaultValue: "0",
        doc: "Seeds every stochastic step; each step's seed is derived from it and the step's name.",
        location: SourceLocation(file: "", line: 1, column: 1)
    )

    public var name: String
    public var kind: Kind
    /// The default, in canonical text (paths as written, relative to the notebook).
    public var defaultValue: String
    public var doc: String
    public var location: SourceLocation
}
