import RecbookSupport
import RunModel

/// The step documentation, generated from the registry: `recbook steps`, the README's step
/// reference, and the JSON Schema editors use.
public enum StepReference {
    /// Categories in the order their first step appears in the registry.
    static func grouped(_ registry: StepRegistry) -> [(category: String, steps: [StepDescriptor])] {
        var groups: [(category: String, steps: [StepDescriptor])] = []
        for step in registry.steps {
            if let index = groups.firstIndex(where: { $0.category == step.category }) {
                groups[index].steps.append(step)
            } else {
                groups.append((step.category, [step]))
            }
        }
        return groups
    }

    /// Every step, grouped by category, with its parameters.
    public static func overview(_ registry: StepRegistry) -> String {
        grouped(registry).map { group in
            "\(group.category)\n\(String(repeating: "=", count: group.category.count))\n\n"
                + group.steps.map { text(for: $0, detailed: false) }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// One step as plain text. The detailed form adds the discussion and an example block.
    public static func text(for step: StepDescriptor, detailed: Bool) -> String {
        var lines: [String] = []
        var heading = step.name
        if let produces = step.produces { heading += " → \(produces.name)" }
        lines.append("\(heading)\n    \(step.summary)")
        if detailed, !step.discussion.isEmpty {
            lines.append("")
            lines.append(step.discussion.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
        }
        if !step.fields.isEmpty {
            lines.append("")
            lines += fieldLines(step.fields, indent: "    ")
        }
        for field in step.fields {
            for (value, fields) in field.groups {
                lines.append("")
                lines.append("    with \(field.name): \(value)" + (fields.isEmpty ? " (no further parameters)" : ""))
                lines += fieldLines(fields, indent: "      ")
            }
        }
        if detailed {
            lines.append("")
            lines.append("    Reserved keys: as (bind the value to a name), expect (checks), label, caption, original-cell (the original notebook's In [n]).")
            lines.append("")
            lines.append("Example:")
            lines.append("")
            lines.append("    ```\(step.name)")
            let example = step.example.isEmpty ? defaultExample(step) : step.example
            for line in example.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                lines.append("    " + line)
            }
            lines.append("    ```")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Two lines per field: name, type and default; then the documentation.
    static func fieldLines(_ fields: [StepDescriptor.Field], indent: String) -> [String] {
        let width = min(24, (fields.map(\.name.count).max() ?? 0) + 2)
        return fields.flatMap { field -> [String] in
            var type = field.kind.map { "\($0.name) (name of a bound value)" } ?? field.typeName
            if let constraint = field.constraintDescription { type += " \(constraint)" }
            let requirement = field.isRequired ? "required" : "default: \(displayDefault(field))"
            let padding = max(width, field.name.count + 1)
            return [indent + field.name.padding(toLength: padding, withPad: " ", startingAt: 0) + "\(type); \(requirement)",
                    indent + String(repeating: " ", count: padding) + field.doc]
        }
    }

    /// The default as documentation shows it: "none" for an absent optional.
    static func displayDefault(_ field: StepDescriptor.Field) -> String {
        guard let text = field.defaultText, !text.isEmpty, text != "null" else { return "none" }
        return text
    }

    static func defaultExample(_ step: StepDescriptor) -> String {
        var lines = step.fields.filter(\.isRequired).map { "\($0.name): \($0.kind == nil ? "…" : $0.name)" }
        if step.produces != nil { lines.append("as: result") }
        return lines.joined(separator: "\n")
    }

    /// The step reference as Markdown, for the README.
    public static func markdown(_ registry: StepRegistry) -> String {
        var output = ""
        for group in grouped(registry) {
            output += "### \(group.category)\n\n"
            for step in group.steps {
                output += "#### `\(step.name)`"
                if let produces = step.produces { output += " → \(produces.name)" }
                output += "\n\n\(step.summary)\n\n"
                if !step.discussion.isEmpty { output += step.discussion + "\n\n" }
                if !step.fields.isEmpty { output += markdownTable(step.fields) }
                for field in step.fields {
                    for (value, fields) in field.groups {
                        if fields.isEmpty {
                            output += "With `\(field.name): \(value)`: no further parameters.\n\n"
                        } else {
                            output += "With `\(field.name): \(value)`:\n\n" + markdownTable(fields)
                        }
                    }
                }
            }
        }
        return output
    }
}

extension StepReference {
    /// Fields as a Markdown table, followed by a blank line.
    static func markdownTable(_ fields: [StepDescriptor.Field]) -> String {
        var output = "| parameter | type | default | meaning |\n|---|---|---|---|\n"
        for field in fields {
            var type = field.kind.map { "\($0.name) (bound name)" } ?? field.typeName
            if let constraint = field.constraintDescription { type += " \(constraint)" }
            let defaultText = field.isRequired ? "required" : displayDefault(field) == "none" ? "none" : "`\(displayDefault(field))`"
            output += "| `\(field.name)` | \(type.replacingOccurrences(of: "|", with: "\\|")) | \(defaultText.replacingOccurrences(of: "|", with: "\\|")) | \(field.doc.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return output + "\n"
    }
}

extension StepReference {
    /// The registry as JSON Schema (draft 2020-12): one definition per step describing its block
    /// body, for editors' completion and validation. `x-recbook-produces` names the kind of value
    /// a step binds with `as:`.
    public static func jsonSchema(_ registry: StepRegistry) -> JSONValue {
        var definitions: [(key: String, value: JSONValue)] = []
        for step in registry.steps {
            var definition: [(key: String, value: JSONValue)] = [
                (key: "title", value: .string(step.name)),
                (key: "description", value: .string(step.summary)),
            ]
            let reserved = reservedProperties(producesValue: step.produces != nil)
            if let selector = step.fields.first(where: { !$0.groups.isEmpty }) {
                // One closed object per case: the step's parameters, the case's value, its group's.
                let branches = selector.groups.map { value, fields -> JSONValue in
                    let choice: JSONValue = ["const": .string(value), "description": .string(selector.doc)]
                    let own = step.fields.map { $0.name == selector.name ? (key: $0.name, value: choice) : property($0) }
                    return .object(objectSchema(properties: own + fields.map(property) + reserved, required: step.fields + fields))
                }
                definition.append((key: "oneOf", value: .array(branches)))
            } else {
                definition += objectSchema(properties: step.fields.map(property) + reserved, required: step.fields)
            }
            if let produces = step.produces { definition.append((key: "x-recbook-produces", value: .string(produces.name))) }
            definitions.append((key: step.name, value: .object(definition)))
        }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string("https://recbook.dev/schemas/steps-\(RecbookVersion.current).json"),
            "title": "recbook step blocks",
            "description": "The body of a fenced block whose info string names a step is a YAML map validated by the definition of that step.",
            "$defs": .object(definitions),
        ]
    }

    /// A field's JSON Schema, with the kind of value an input names.
    private static func property(_ field: StepDescriptor.Field) -> (key: String, value: JSONValue) {
        var schema = field.jsonSchema
        if let kind = field.kind, case var .object(entries) = schema {
            entries.append((key: "x-recbook-kind", value: .string(kind.name)))
            schema = .object(entries)
        }
        return (key: field.name, value: schema)
    }

    /// A closed object with these properties, of which the required fields must be given.
    private static func objectSchema(
        properties: [(key: String, value: JSONValue)], required fields: [StepDescriptor.Field]
    ) -> [(key: String, value: JSONValue)] {
        var schema: [(key: String, value: JSONValue)] = [
            (key: "type", value: "object"),
            (key: "properties", value: .object(properties)),
            (key: "additionalProperties", value: false),
        ]
        let required = fields.filter(\.isRequired).map { JSONValue.string($0.name) }
        if !required.isEmpty { schema.append((key: "required", value: .array(required))) }
        return schema
    }

    private static func reservedProperties(producesValue: Bool) -> [(key: String, value: JSONValue)] {
        var properties: [(key: String, value: JSONValue)] = []
        if producesValue {
            properties.append((key: "as", value: ["type": "string", "description": "Bind the step's value to this name."]))
            properties.append((key: "expect", value: [
                "description": "Comparisons checked after the step runs, such as 'rows == 100' or 'round(rmse, 4) == 0.9628'.",
                "anyOf": [["type": "string"], ["type": "array", "items": ["type": "string"]]],
            ]))
            properties.append((key: "expect-if", value: ["type": "string", "description": "A boolean notebook parameter; the expectations apply only when it is true."]))
        }
        properties.append((key: "label", value: [
            "description": "Names for the step's figures and tables, for @fig-NAME / @tbl-NAME references.",
            "anyOf": [["type": "string"], ["type": "array", "items": ["type": "string"]]],
        ]))
        properties.append((key: "caption", value: ["type": "string", "description": "A caption for the step's first figure or table."]))
        properties.append((key: "original-cell", value: [
            "description": "The cell number (In [n]) of the original notebook's cell this step mirrors, or a list of them.",
            "anyOf": [["type": "integer", "minimum": 1], ["type": "array", "items": ["type": "integer", "minimum": 1]]],
        ]))
        return properties
    }
}
