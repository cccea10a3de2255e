import RecbookSupport

/// A problem found in a notebook, with where it is and, when it can, how to fix it.
///
/// Diagnostics print like a compiler's: `notebooks/x.md:12:4: error: message`. Problems that
/// come from the command line rather than a file print as `recbook: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// A stable identifier for tools, for example `unknown-parameter`.
    public var id: String

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String, id: String) {
        self.severity = severity
        self.location = location
        self.message = message
        self.id = id
    }

    public static func error(at location: SourceLocation?, _ message: String, id: String) -> Diagnostic {
        Diagnostic(.error, at: location, message, id: id)
    }

    public static func warning(at location: SourceLocation?, _ message: String, id: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message, id: id)
    }

    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "recbook: \(severity.rawValue): \(message)"
    }

    /// The diagnostic followed by the offending source line and a caret under the column,
    /// when the source is at hand.
    public func rendered(source: String?) -> String {
        guard let location, let source else { return description }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return description }
        let text = String(lines[location.line - 1]).replacingOccurrences(of: "\r", with: "")
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        let caretOffset = max(0, min(location.column - 1, text.count))
        return """
        \(description)
         \(gutter) | \(text)
         \(pad) | \(String(repeating: " ", count: caretOffset))^
        """
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file position, command-line problems first, keeping discovery order for ties.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (la?, lb?): return la == lb ? a.offset < b.offset : la < lb
            }
        }.map(\.element)
    }
}
