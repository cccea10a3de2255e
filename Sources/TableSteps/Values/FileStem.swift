import Foundation
import NotebookCore
import RecbookSupport

/// The name of a file a step writes into the output directory, without its extension: a plain
/// name, never a path, so that a notebook cannot write outside that directory or over a hidden
/// file.
///
/// Allowed: letters, digits, `-`, `_` and `.`, at most 100 bytes in UTF-8; not starting with
/// `.`, and without `..`.
public struct FileStem: ParameterType, Hashable {
    public static let maxBytes = 100

    public var name: String

    public init(_ name: String = "") { self.name = name }

    public static var typeName: String { "file name" }
    public static var jsonSchema: JSONValue { ["type": "string", "pattern": "^[^./][^/]*$", "maxLength": .int(maxBytes)] }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar else { throw Self.mismatch(node) }
        if let problem = Self.problem(with: text) { throw ParameterError(problem, at: node.location) }
        name = text
    }

    public var canonicalText: String { name }

    /// Why `text` is not a plain file name, or nil when it is one.
    static func problem(with text: String) -> String? {
        if text.isEmpty { return "expects a file name, got an empty one" }
        if text.contains("/") || text.contains("\\") {
            return "expects a file name without a folder, got '\(text)'; files are written into the output directory"
        }
        if text.hasPrefix(".") { return "expects a file name that does not start with '.', got '\(text)'" }
        if text.contains("..") { return "expects a file name without '..', got '\(text)'" }
        if text.utf8.count > maxBytes {
            return "expects a file name of at most \(maxBytes) bytes, got one of \(text.utf8.count)"
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        if let bad = text.unicodeScalars.first(where: { !allowed.contains($0) }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            let shown = bad == " " ? "a space"
                : bad.properties.generalCategory == .control ? "the control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)"
                : "'\(bad)'"
            // debugDescription escapes control characters, so the message shows them.
            let written = text.debugDescription.dropFirst().dropLast()
            return "expects a file name of letters, digits, '-', '_' and '.', got '\(written)', which holds \(shown)"
        }
        return nil
    }
}
