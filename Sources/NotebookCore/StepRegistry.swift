import RecbookSupport

/// Everything recbook knows about one step type, without its generic parameter.
public struct StepDescriptor: Sendable {
    public struct Field: Sendable {
        public let name: String
        public let doc: String
        public let typeName: String
        public let constraintDescription: String?
        /// Whether the parameter has an upper bound that `check` enforces.
        public let isBounded: Bool
        public let isRequired: Bool
        public let kind: ValueKind?
        public let defaultText: String?
        public let jsonSchema: JSONValue
        /// For a choice that selects a group of parameters: each case's value and the fields
        /// of its group; empty for other parameters.
        public let groups: [(value: String, fields: [Field])]
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
        fields = S.descriptorFields
        decode = { entries, location in S.decode(entries, blockLocation: location) }
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }
}

extension ParameterGroup {
    /// The group's fields as documentation and the JSON Schema describe them.
    static var descriptorFields: [StepDescriptor.Field] {
        schema.fields.map { field in
            StepDescriptor.Field(
                name: field.name, doc: field.doc, typeName: field.typeName,
                constraintDescription: field.constraintDescription, isBounded: field.isBounded, isRequired: field.isRequired,
                kind: field.kind, defaultText: field.defaultText, jsonSchema: field.jsonSchema,
                groups: field.selection?.cases.map { ($0.value, $0.group.descriptorFields) } ?? []
            )
        }
    }
}

extension Step {
    static func decode(
        _ entries: [ParameterNode.MappingEntry], blockLocation: SourceLocation
    ) -> (step: any Step, diagnostics: [Diagnostic]) {
        var decoder = BlockDecoder<Self>(entries: entries, blockLocation: blockLocation)
        let step = decoder.decode()
        return (step, decoder.diagnostics)
    }

    static func withArticle(_ typeName: String) -> String {
        if typeName.hasPrefix("one of") { return typeName }
        return ("aeiou".contains(typeName.first ?? "x") ? "an " : "a ") + typeName
    }

    /// The step's inputs, its selected group's included: each reference with the parameter that
    /// holds it and the kind required.
    public var inputs: [(parameter: String, kind: ValueKind?, reference: ValueRef)] {
        Self.schema.fields.flatMap { field in
            field.read(self).references.map { (field.name, field.kind, $0) } + (field.selection?.group(self).inputs ?? [])
        }
    }

    /// The names that are the step's inputs when an earlier step binds a value of their kind
    /// under them (see ``OptionalReference``), each with the parameter that holds it.
    public var optionalInputs: [(parameter: String, reference: OptionalReference)] {
        Self.schema.fields.flatMap { field in
            field.read(self).optionalReferences.map { (field.name, $0) }
        }
    }

    /// Every parameter's canonical text, in schema order, each selected group's after its
    /// selector: the step's part of its cache key.
    public var canonicalParameters: [(name: String, value: String)] {
        Self.schema.fields.flatMap { field in
            [(field.name, field.read(self).text)] + (field.selection?.group(self).canonicalParameters ?? [])
        }
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
