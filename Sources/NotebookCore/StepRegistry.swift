import RecbookSupport

/// Everything recbook knows about one step type, without its generic parameter.
public struct StepDescriptor: Sendable {
    public struct Field: Sendable {
        public let name: String
        public let doc: String
        public let typeName: String
        public let constraintDescription: String?
        public let isRequired: Bool
        public let kind: ValueKind?
        public let defaultText: String?
        public let jsonSchema: JSONValue
    }

    public let name: String
    public let summary: String
    public let discussion: String
    public let example: String
    public let category: String
    public let produces: ValueKind?
    public let fields: [Field]
    /// Builds a configured step from a block's parameters, collecting every problem.
    let decode: @Sendable (_ entries: [ParameterNode.MappingEntry], _ blockLocation: SourceLocation)
        -> (step: any Step, diagnostics: [Diagnostic])

    public init<S: Step>(_ type: S.Type) {
        name = S.name
        summary = S.summary
        discussion = S.discussion
        example = S.example
        category = S.category
        produces = S.produces
        fields = S.schema.fields.map { field in
            Field(
                name: field.name, doc: field.doc, typeName: field.typeName,
                constraintDescription: field.constraintDescription, isRequired: field.isRequired,
                kind: field.kind, defaultText: field.defaultText, jsonSchema: field.jsonSchema
            )
        }
        decode = { entries, location in S.decode(entries, blockLocation: location) }
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
}

extension Step {
    static func decode(
        _ entries: [ParameterNode.MappingEntry], blockLocation: SourceLocation
    ) -> (step: any Step, diagnostics: [Diagnostic]) {
        var step = Self()
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        var suggested: Set<String> = []
        let schema = Self.schema
        for entry in entries {
            guard let field = schema.field(named: entry.key) else {
                var message = "unknown parameter '\(entry.key)' for step '\(name)'"
                let candidates = schema.fields.map(\.name) + Notebook.reservedKeys
                if let suggestion = Suggestions.bestMatch(for: entry.key, in: candidates) {
                    message += "; did you mean '\(suggestion)'?"
                    suggested.insert(suggestion)
                }
                diagnostics.append(.error(at: entry.keyLocation, message, id: "unknown-parameter"))
                continue
            }
            if !seen.insert(entry.key).inserted {
                diagnostics.append(.error(at: entry.keyLocation, "parameter '\(entry.key)' is given twice", id: "duplicate-parameter"))
                continue
            }
            do {
                try field.assign(&step, entry.value)
            } catch {
                diagnostics.append(.error(at: error.location, "parameter '\(entry.key)' \(error.message)", id: "invalid-parameter"))
            }
        }
        // A misspelt required parameter was already reported with its suggestion.
        for field in schema.fields where field.isRequired && !seen.contains(field.name) && !suggested.contains(field.name) {
            diagnostics.append(.error(
                at: blockLocation,
                "step '\(name)' is missing required parameter '\(field.name)' (\(field.kind?.withArticle ?? Self.withArticle(field.typeName)))",
                id: "missing-parameter"
            ))
        }
        if !diagnostics.contains(where: { $0.severity == .error }) {
            for problem in step.validate() {
                let location = entries.first { $0.key == problem.parameter }?.keyLocation ?? blockLocation
                diagnostics.append(.error(at: location, problem.message, id: "invalid-parameter"))
            }
        }
        return (step, diagnostics)
    }

    static func withArticle(_ typeName: String) -> String {
        if typeName.hasPrefix("one of") { return typeName }
        return ("aeiou".contains(typeName.first ?? "x") ? "an " : "a ") + typeName
    }

    /// The step's inputs: each reference with the parameter that holds it and the kind required.
    public var inputs: [(parameter: String, kind: ValueKind?, reference: ValueRef)] {
        Self.schema.fields.flatMap { field in
            field.read(self).references.map { (field.name, field.kind, $0) }
        }
    }

    /// The names that are the step's inputs when an earlier step binds a value of their kind
    /// under them (see ``OptionalReference``), each with the parameter that holds it.
    public var optionalInputs: [(parameter: String, reference: OptionalReference)] {
        Self.schema.fields.flatMap { field in
            field.read(self).optionalReferences.map { (field.name, $0) }
        }
    }

    /// Every parameter's canonical text, in schema order: the step's part of its cache key.
    public var canonicalParameters: [(name: String, value: String)] {
        Self.schema.fields.map { ($0.name, $0.read(self).text) }
    }
}

/// The list of steps a notebook may use. `recbook steps`, the checker, the JSON Schema and the
/// executor all read it; adding a step to the registry is all it takes to make it available.
public struct StepRegistry: Sendable {
    public let steps: [StepDescriptor]
    /// Value types the cache can read back, by kind name.
    let valueTypes: [String: any NotebookValue.Type]

    public init(steps: [any Step.Type], values: [any NotebookValue.Type]) {
        self.steps = steps.map { StepDescriptor($0) }
        var valueTypes: [String: any NotebookValue.Type] = [:]
        for type in values { valueTypes[type.kind.name] = type }
        self.valueTypes = valueTypes
    }

    public func step(named name: String) -> StepDescriptor? {
        steps.first { $0.name == name }
    }

    public var names: [String] { steps.map(\.name) }

    /// Reads back a cached value of the given kind.
    func decodeValue(kind: String, from reader: inout BinaryReader) throws -> any NotebookValue {
        guard let type = valueTypes[kind] else {
            throw BinaryDecodingError.invalid("no value type registered for kind '\(kind)'")
        }
        return try type.init(from: &reader)
    }
}
