import RecbookSupport

/// A check on a parameter's value beyond its type, for example "≥ 1".
public struct Constraint<Value>: Sendable {
    /// How the constraint reads in documentation: "≥ 1", "in [0, 1)".
    public let description: String
    /// Returns why `value` is not allowed, or nil when it is.
    public let violation: @Sendable (Value) -> String?

    public init(_ description: String, violation: @escaping @Sendable (Value) -> String?) {
        self.description = description
        self.violation = violation
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
        Constraint("in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText))") { value in
            range.contains(value) ? nil
                : "must be in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText)), got \(value.canonicalText)"
        }
    }

    public static func inRange(_ range: ClosedRange<Value>) -> Constraint {
        Constraint("in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText)]") { value in
            range.contains(value) ? nil
                : "must be in [\(range.lowerBound.canonicalText), \(range.upperBound.canonicalText)], got \(value.canonicalText)"
        }
    }
}

/// One documented parameter of a step, bound to a property of the step's type.
///
/// Declared in a step's `schema`, a field is all recbook needs to parse the parameter from a
/// notebook, check it, document it in `recbook steps`, describe it in the JSON Schema, and
/// find the values the step consumes.
public struct ParameterField<Root: Step>: Sendable {
    public let name: String
    public let doc: String
    public let typeName: String
    public let constraintDescription: String?
    public let isRequired: Bool
    /// For inputs: the kind of value the parameter must name.
    public let kind: ValueKind?
    public let jsonSchema: JSONValue
    let assign: @Sendable (inout Root, ParameterNode) throws(ParameterError) -> Void
    let read: @Sendable (Root) -> FieldReading

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

/// A step's parameters, in the order its documentation lists them.
public struct ParameterSchema<Root: Step>: Sendable, ExpressibleByArrayLiteral {
    public let fields: [ParameterField<Root>]

    public init(arrayLiteral fields: ParameterField<Root>...) { self.fields = fields }
    public init(_ fields: [ParameterField<Root>]) { self.fields = fields }

    public func field(named name: String) -> ParameterField<Root>? {
        fields.first { $0.name == name }
    }
}

extension Constraint {
    /// The constraint on an optional parameter: a given value must satisfy it; nil always does.
    public static func atLeast<Wrapped: Comparable & ParameterType & Sendable>(_ minimum: Wrapped) -> Constraint
    where Value == Wrapped? {
        let inner = Constraint<Wrapped>.atLeast(minimum)
        return Constraint(inner.description) { value in value.flatMap(inner.violation) }
    }
}

extension Constraint {
    public static func greaterThan<Wrapped: Comparable & ParameterType & Sendable>(_ minimum: Wrapped) -> Constraint
    where Value == Wrapped? {
        let inner = Constraint<Wrapped>.greaterThan(minimum)
        return Constraint(inner.description) { value in value.flatMap(inner.violation) }
    }

    public static func inRange<Wrapped: Comparable & ParameterType & Sendable>(_ range: Range<Wrapped>) -> Constraint
    where Value == Wrapped? {
        let inner = Constraint<Wrapped>.inRange(range)
        return Constraint(inner.description) { value in value.flatMap(inner.violation) }
    }

    public static func inRange<Wrapped: Comparable & ParameterType & Sendable>(_ range: ClosedRange<Wrapped>) -> Constraint
    where Value == Wrapped? {
        let inner = Constraint<Wrapped>.inRange(range)
        return Constraint(inner.description) { value in value.flatMap(inner.violation) }
    }
}
