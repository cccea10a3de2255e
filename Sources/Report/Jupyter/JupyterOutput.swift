import RecbookSupport

/// Builders for the parts of an nbformat 4 notebook, as ``JSONValue``s.
///
/// Text is stored the way Jupyter stores it: as an array of lines, each keeping its `\n`, so a
/// notebook written here diffs line by line and round-trips through Jupyter unchanged.
enum JupyterOutput {
    /// `text` as nbformat's "multiline string": its lines, each ending in `\n` except the last.
    static func lines(_ text: String) -> JSONValue {
        var lines: [JSONValue] = []
        var current = ""
        for character in text {
            // "\r\n" is one Character in Swift; Jupyter keeps line endings as they are.
            current.append(character)
            if character.isNewline {
                lines.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(.string(current)) }
        return .array(lines)
    }

    /// A cell's source: like ``lines(_:)``, without the final line break, as Jupyter saves it.
    static func source(_ text: String) -> JSONValue {
        lines(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    /// Text printed to standard output.
    static func stream(_ text: String) -> JSONValue {
        ["output_type": "stream", "name": "stdout", "text": lines(text)]
    }

    /// A rich output. `bundle` maps MIME types to text, in order of preference.
    static func displayData(_ bundle: [(mimeType: String, text: String)]) -> JSONValue {
        ["output_type": "display_data", "data": mimeBundle(bundle), "metadata": [:]]
    }

    /// The step's value, shown as `Out[n]`.
    static func executeResult(_ text: String, executionCount: Int) -> JSONValue {
        [
            "output_type": "execute_result", "execution_count": .int(executionCount),
            "data": mimeBundle([("text/plain", text)]), "metadata": [:],
        ]
    }

    /// An error, as a failed step shows it.
    static func error(name: String, value: String, traceback: [String]) -> JSONValue {
        ["output_type": "error", "ename": .string(name), "evalue": .string(value), "traceback": .array(traceback.map(JSONValue.string))]
    }

    /// Short Markdown shown as an output, with a plain-text fallback.
    static func markdown(_ markdown: String, plain: String) -> JSONValue {
        displayData([("text/markdown", markdown), ("text/plain", plain)])
    }

    private static func mimeBundle(_ bundle: [(mimeType: String, text: String)]) -> JSONValue {
        .object(bundle.map { (key: $0.mimeType, value: lines($0.text)) })
    }
}

extension JSONValue {
    /// The value with every object's members sorted by key, recursively, as Jupyter writes
    /// notebooks (`json.dumps(…, sort_keys=True)`); arrays keep their order.
    func sortingKeys() -> JSONValue {
        switch self {
        case .array(let items):
            return .array(items.map { $0.sortingKeys() })
        case .object(let members):
            return .object(members.map { (key: $0.key, value: $0.value.sortingKeys()) }
                .sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) })
        default:
            return self
        }
    }
}
