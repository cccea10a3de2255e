// libyaml, as vendored by Yams (its `CYaml` target). This is the only file that uses it directly:
// Yams offers no way to see parser events before it composes a document, and composing is what
// an alias bomb makes explode.
import CYaml

/// Finds YAML aliases (`*name`) before a document is composed.
///
/// Composing resolves every alias to a copy of its anchored node, so a few lines that alias
/// aliases (`a1: &a1 [*a0, *a0, …]`, nine levels deep) describe billions of nodes and exhaust
/// memory; Yams even hashes such nodes when they are mapping keys. Step bodies and front matter
/// need no aliases, so the loader rejects them, and this scan finds the first one from libyaml's
/// event stream, which costs time and memory in proportion to the text, whatever it describes.
enum YAMLAliasScan {
    /// Where an alias is: 1-based line and column (in characters, as Yams reports marks).
    struct Alias: Equatable {
        var line: Int
        var column: Int
        var name: String
    }

    /// The first alias in `text`, or nil when there is none. Text that does not parse as YAML is
    /// scanned up to the error, which composing then reports.
    /// - Complexity: O(n) in the length of `text`.
    static func firstAlias(in text: String) -> Alias? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Alias? in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_ALIAS_EVENT {
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    return Alias(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1, name: name)
                }
                if event.type == YAML_STREAM_END_EVENT { break }
            }
            return nil
        }
    }
}
