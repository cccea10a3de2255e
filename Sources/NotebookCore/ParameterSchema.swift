import RecbookSupport

/// A check on a parameter's value beyond its type, for example "≥ 1".
public struct Constraint<Value>: Sendable {
    /// How the constraint reads in documentation: "≥ 1", "in [0, 1)".
    public let description: String
    /// Whether the constraint caps the value from above (or caps a list's length and each of
    /// its items). Every size-like parameter must be bounded so that `check` refuses a value
    /// that would make a run allocate without limit; a test walks the registry for this.
    public let isBounded: Bool
    /// Returns why `value` is not allowed, or nil when it is.
    public let violation: @Sendable (Value) -> String?

    public init(_ description: String, bounded: Bool = false, violation: @escaping @Sendable (Value) -> String?) {
        self.description = description
        self.isBounded = bounded
        self.violation = violation
    }

    /// This constraint applied to an optional parameter when it is given; nil always passes.
    public func ifGiven() -> Constraint<Value?> {
        let violation = self.violation
        return Constraint<Value?>(description, bounded: isBounded) { value in value.flatMap(violation) }
    }
}

extension Constraint where Value: Comparable & ParameterType & Sendable {
    public static func atLeast(_ minimum: Value) -> Constraint {
        Constraint("≥ \(minimum.canonicalText)") { value in
            value < minimum ? "must be at least \(minimum.canonicalText), got \(value.canonicalText)" : nil
        }
    }

    public static func greaterThan(_ minimum: Value) -> Constraint {
        Constraint("> \(minimum.canonicalText)") { value in
            value <= minimum ? "must be greater than \(minimum.canonicalText), got \(value.canonicalText)" : nil
        }
    }

    /// A half-open range `[lower, upper)`.
    public static func inRange(_ range: Range<Value>) -> Constraint {
        Constraint("in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText))", bounded: true) { value in
            range.contains(value) ? nil
                : "must be in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText)), got \(value.canonicalText)"
        }
    }

    public static func inRange(_ range: ClosedRange<Value>) -> Constraint {
        Constraint("in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText)]", bounded: true) { value in
            range.contains(value) ? nil
                : "must be in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText)], got \(value.canonicalText)"
        }
    }
}

/// A type whose stored properties are documented parameters: every ``Step``, and the groups
/// of parameters that a step selects by a choice (see ``GroupSelector``), such as the
/// hyper-parameters of one model of `train`.
///
/// A group declares its fields once, in its `schema`; their defaults are those of `init()`.
public protocol ParameterGroup: Sendable {
    static var schema: ParameterSchema<Self> { get }

    /// The group with every parameter at its default.
    init()

    /// Checks that span parameters, run after each parameter parsed on its own. Each problem
    /// names the parameter it is about, so the checker can point at it.
    func validate() -> [ParameterProblem]

    /// Checks that depend on which parameters were written, not only on their values (a
    /// parameter that applies only with another's value, say); by default ``validate()``.
    ///
    /// - Parameter written: The names of the parameters written in the block.
    func validate(written: Set<String>) -> [ParameterProblem]
}

extension ParameterGroup {
    public func validate() -> [ParameterProblem] { [] }
    public func validate(written: Set<String>) -> [ParameterProblem] { validate() }
}

/// A choice whose every case selects a group of parameters that apply only with that case:
/// `train`'s `model`, whose cases each have hyper-parameters of their own.
///
/// The checker reads the choice first, then the selected group's parameters; a parameter of
/// another case's group is reported as not applying, whatever its value.
public protocol GroupSelector: ChoiceParameter {
    /// The parameters that apply when this case is chosen.
    var parameters: any ParameterGroup.Type { get }
}

/// One documented parameter of a step (or of a parameter group), bound to a property of its
/// type.
///
/// Declared in a step's `schema`, a field is all recbook needs to parse the parameter from a
/// notebook, check it, document it in `recbook steps`, describe it in the JSON Schema, and
/// find the values the step consumes.
public struct ParameterField<Root: ParameterGroup>: Sendable {
    public let name: String
    public let doc: String
    public let typeName: String
    public let constraintDescription: String?
    /// Whether the constraint caps the value from above (see ``Constraint/isBounded``).
    public let isBounded: Bool
    public let isRequired: Bool
    /// For inputs: the kind of value the parameter must name.
    public let kind: ValueKind?
    public let jsonSchema: JSONValue
    /// For a selector: the groups its cases select, and where the selected one is kept.
    let selection: Selection?
    let assign: @Sendable (inout Root, ParameterNode) throws(ParameterError) -> Void
    let read: @Sendable (Root) -> FieldReading

    /// What a ``GroupSelector`` field knows beyond its own value.
    struct Selection: Sendable {
        /// Each case's value and the group it selects, in the choice's order.
        let cases: [(value: String, group: any ParameterGroup.Type)]
        /// The group selected in a configured root.
        let group: @Sendable (Root) -> any ParameterGroup
        let setGroup: @Sendable (inout Root, any ParameterGroup) -> Void
    }

    init(
        name: String, doc: String, typeName: String, constraintDescription: String?, isRequired: Bool, kind: ValueKind?,
        jsonSchema: JSONValue, selection: Selection? = nil, isBounded: Bool = false,
        assign: @escaping @Sendable (inout Root, ParameterNode) throws(ParameterError) -> Void,
        read: @escaping @Sendable (Root) -> FieldReading
    ) {
        self.name = name
        self.doc = doc
        self.typeName = typeName
        self.constraintDescription = constraintDescription
        self.isBounded = isBounded
        self.isRequired = isRequired
        self.kind = kind
        self.jsonSchema = jsonSchema
        self.selection = selection
        self.assign = assign
        self.read = read
    }

    /// A typed parameter with its default taken from the step's `init()`.
    public static func parameter<Value: ParameterType>(
        _ keyPath: WritableKeyPath<Root, Value> & Sendable,
        _ name: String,
        doc: String,
        required: Bool = false,
        _ constraint: Constraint<Value>? = nil
    ) -> ParameterField {
        ParameterField(
            name: name, doc: doc, typeName: Value.typeName,
            constraintDescription: constraint?.description, isRequired: required, kind: nil,
            jsonSchema: Self.schema(Value.jsonSchema, doc: doc, defaultValue: required ? nil : Root()[keyPath: keyPath].jsonValue),
            isBounded: constraint?.isBounded ?? false,
            assign: { (root: inout Root, node: ParameterNode) throws(ParameterError) in
                let value = try Value(parameter: node)
                if let violation = constraint?.violation(value) {
                    throw ParameterError(violation, at: node.location)
                }
                root[keyPath: keyPath] = value
            },
            read: { root in
                let value = root[keyPath: keyPath]
                let referencing = value as? ValueReferencing
                return FieldReading(
                    text: value.canonicalText, references: referencing?.references ?? [],
                    optionalReferences: referencing?.optionalReferences ?? []
                )
            }
        )
    }

    /// A choice that selects a group of parameters: setting it also resets the group kept at
    /// `group` to the chosen case's defaults, and the checker then reads that group's
    /// parameters from the same block.
    public static func selector<Choice: GroupSelector>(
        _ keyPath: WritableKeyPath<Root, Choice> & Sendable,
        _ name: String,
        doc: String,
        group groupPath: WritableKeyPath<Root, any ParameterGroup> & Sendable
    ) -> ParameterField {
        ParameterField(
            name: name, doc: doc, typeName: Choice.typeName, constraintDescription: nil, isRequired: true, kind: nil,
            jsonSchema: Self.schema(Choice.jsonSchema, doc: doc, defaultValue: nil),
            selection: Selection(
                cases: Choice.allCases.map { ($0.rawValue, $0.parameters) },
                group: { root in root[keyPath: groupPath] },
                setGroup: { root, group in root[keyPath: groupPath] = group }
            ),
            assign: { (root: inout Root, node: ParameterNode) throws(ParameterError) in
                let choice = try Choice(parameter: node)
                root[keyPath: keyPath] = choice
                root[keyPath: groupPath] = choice.parameters.init()
            },
            read: { root in FieldReading(text: root[keyPath: keyPath].canonicalText, references: []) }
        )
    }

    /// A required input: the name of a value of `kind` bound by an earlier step.
    public static func input(
        _ keyPath: WritableKeyPath<Root, ValueRef> & Sendable,
        _ name: String,
        kind: ValueKind,
        doc: String
    ) -> ParameterField {
        ParameterField(
            name: name, doc: doc, typeName: kind.name, constraintDescription: nil, isRequired: true,
            kind: kind, jsonSchema: Self.schema(ValueRef.jsonSchema, doc: doc, defaultValue: nil),
            assign: { (root: inout Root, node: ParameterNode) throws(ParameterError) in
                root[keyPath: keyPath] = try ValueRef(parameter: node)
            },
            read: { root in FieldReading(text: root[keyPath: keyPath].canonicalText, references: root[keyPath: keyPath].references) }
        )
    }

    /// An optional input: the name of a value of `kind`, or nothing.
    public static func input(
        _ keyPath: WritableKeyPath<Root, ValueRef?> & Sendable,
        _ name: String,
        kind: ValueKind,
        doc: String
    ) -> ParameterField {
        ParameterField(
            name: name, doc: doc, typeName: kind.name, constraintDescription: nil, isRequired: false,
            kind: kind, jsonSchema: Self.schema(ValueRef.jsonSchema, doc: doc, defaultValue: nil),
            assign: { (root: inout Root, node: ParameterNode) throws(ParameterError) in
                root[keyPath: keyPath] = try ValueRef?(parameter: node)
            },
            read: { root in FieldReading(text: root[keyPath: keyPath]?.canonicalText ?? "", references: root[keyPath: keyPath].references) }
        )
    }

    /// A list of inputs, each naming a value of `kind` bound by an earlier step.
    public static func inputs(
        _ keyPath: WritableKeyPath<Root, [ValueRef]> & Sendable,
        _ name: String,
        kind: ValueKind,
        doc: String,
        required: Bool = true
    ) -> ParameterField {
        ParameterField(
            name: name, doc: doc, typeName: "list of \(kind.name) names", constraintDescription: nil, isRequired: required,
            kind: kind, jsonSchema: Self.schema(["type": "array", "items": ValueRef.jsonSchema], doc: doc, defaultValue: nil),
            assign: { (root: inout Root, node: ParameterNode) throws(ParameterError) in
                root[keyPath: keyPath] = try [ValueRef](parameter: node)
            },
            read: { root in FieldReading(text: root[keyPath: keyPath].canonicalText, references: root[keyPath: keyPath].references) }
        )
    }

    private static func schema(_ base: JSONValue, doc: String, defaultValue: JSONValue?) -> JSONValue {
        guard case var .object(entries) = base else { return base }
        entries.append((key: "description", value: .string(doc)))
        if let defaultValue, defaultValue != .null { entries.append((key: "default", value: defaultValue)) }
        return .object(entries)
    }

    /// The default as written in documentation, or nil for required parameters.
    public var defaultText: String? {
        isRequired ? nil : read(Root()).text
    }
}

/// A parameter's value as the cache key, the docs and the checker read it: its canonical text
/// and the values it names.
struct FieldReading {
    var text: String
    var references: [ValueRef]
    var optionalReferences: [OptionalReference] = []
}

/// A step's (or a group's) parameters, in the order its documentation lists them.
///
/// Parameters are assigned in this order, whatever order a block writes them in, so a field
/// that sets several others (a preset) is declared before them.
public struct ParameterSchema<Root: ParameterGroup>: Sendable, ExpressibleByArrayLiteral {
    public let fields: [ParameterField<Root>]

    public init(arrayLiteral fields: ParameterField<Root>...) { self.fields = fields }
    public init(_ fields: [ParameterField<Root>]) { self.fields = fields }

    public func field(named name: String) -> ParameterField<Root>? {
        fields.first { $0.name == name }
    }

    /// The field whose choice selects a group of further parameters, if there is one.
    var selector: ParameterField<Root>? { fields.first { $0.selection != nil } }
}

extension ParameterGroup {
    /// The names of this group's parameters, in schema order.
    static var parameterNames: [String] { schema.fields.map(\.name) }

    /// Assigns the parameter `name` from `node`.
    ///
    /// - Returns: false when the group has no parameter of that name.
    /// - Throws: the parameter's ``ParameterError`` for a value it does not accept.
    mutating func assign(_ name: String, from node: ParameterNode) throws(ParameterError) -> Bool {
        guard let field = Self.schema.field(named: name) else { return false }
        try field.assign(&self, node)
        return true
    }

    /// Every parameter's canonical text, in schema order.
    var canonicalParameters: [(name: String, value: String)] {
        Self.schema.fields.map { ($0.name, $0.read(self).text) }
    }

    /// The values this group's inputs name, with the parameter and the kind required.
    var inputs: [(parameter: String, kind: ValueKind?, reference: ValueRef)] {
        Self.schema.fields.flatMap { field in field.read(self).references.map { (field.name, field.kind, $0) } }
    }
}

extension Constraint {
    /// The constraint on an optional parameter: a given value must satisfy it; nil always does.
    public static func atLeast<Wrapped: Comparable & ParameterType & Sendable>(_ minimum: Wrapped) -> Constraint
    where Value == Wrapped? {
        Constraint<Wrapped>.atLeast(minimum).ifGiven()
    }

    public static func greaterThan<Wrapped: Comparable & ParameterType & Sendable>(_ minimum: Wrapped) -> Constraint
    where Value == Wrapped? {
        Constraint<Wrapped>.greaterThan(minimum).ifGiven()
    }

    public static func inRange<Wrapped: Comparable & ParameterType & Sendable>(_ range: Range<Wrapped>) -> Constraint
    where Value == Wrapped? {
        Constraint<Wrapped>.inRange(range).ifGiven()
    }

    public static func inRange<Wrapped: Comparable & ParameterType & Sendable>(_ range: ClosedRange<Wrapped>) -> Constraint
    where Value == Wrapped? {
        Constraint<Wrapped>.inRange(range).ifGiven()
    }
}

extension Constraint where Value == [Int] {
    /// A list of at most `count` integers, each in `range`: a list of sizes, such as hidden layers.
    public static func each(in range: ClosedRange<Int>, count: Int) -> Constraint {
        Constraint("of at most \(count), each in [\(range.lowerBound), \(range.upperBound)]", bounded: true) { value in
            if value.count > count { return "may list at most \(count) items, got \(value.count)" }
            guard let outside = value.first(where: { !range.contains($0) }) else { return nil }
            return "items must be in [\(range.lowerBound), \(range.upperBound)], got \(outside)"
        }
    }
}
