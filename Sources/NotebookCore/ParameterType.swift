import Foundation
import RecbookSupport

/// A type a step parameter (or a notebook parameter) can have.
///
/// Each type parses itself from a ``ParameterNode``, names itself for `recbook steps` and error
/// messages, describes itself as JSON Schema for editors, and writes itself back canonically
/// (used for defaults in the documentation and for cache keys).
public protocol ParameterType: Sendable {
    /// How the type reads in documentation and errors: "integer", "number", "list of strings".
    static var typeName: String { get }
    /// The JSON Schema of the type, for `recbook steps --format json`.
    static var jsonSchema: JSONValue { get }
    init(parameter node: ParameterNode) throws(ParameterError)
    /// The value written back as it would be in a notebook.
    var canonicalText: String { get }
    /// The value as JSON, for defaults in the JSON Schema.
    var jsonValue: JSONValue { get }
}

extension ParameterType {
    public var jsonValue: JSONValue { .string(canonicalText) }
}

extension ParameterType {
    /// "an integer", "a string": the type name with its article.
    public static var typeNameWithArticle: String {
        let first = typeName.first.map { "aeiou".contains($0) } ?? false
        return (first ? "an " : "a ") + typeName
    }

    /// The standard "expects a TYPE, got …" error for `node`.
    public static func mismatch(_ node: ParameterNode) -> ParameterError {
        ParameterError("expects \(typeNameWithArticle), got \(node.shortDescription)", at: node.location)
    }
}

extension Int: ParameterType {
    public static var typeName: String { "integer" }
    public static var jsonSchema: JSONValue { ["type": "integer"] }
    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar, let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw Self.mismatch(node)
        }
        self = value
    }
    public var canonicalText: String { String(self) }
    public var jsonValue: JSONValue { .int(self) }
}

extension Double: ParameterType {
    public static var typeName: String { "number" }
    public static var jsonSchema: JSONValue { ["type": "number"] }
    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar, let value = Double(text), value.isFinite else {
            throw Self.mismatch(node)
        }
        self = value
    }
    public var canonicalText: String { Format.shortest(self) }
    public var jsonValue: JSONValue { .double(self) }
}

extension Bool: ParameterType {
    public static var typeName: String { "boolean" }
    public static var jsonSchema: JSONValue { ["type": "boolean"] }
    public init(parameter node: ParameterNode) throws(ParameterError) {
        switch node.scalar?.lowercased() {
        case "true", "yes", "on": self = true
        case "false", "no", "off": self = false
        default: throw Self.mismatch(node)
        }
    }
    public var canonicalText: String { self ? "true" : "false" }
    public var jsonValue: JSONValue { .bool(self) }
}

extension String: ParameterType {
    public static var typeName: String { "string" }
    public static var jsonSchema: JSONValue { ["type": "string"] }
    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar else { throw Self.mismatch(node) }
        self = text
    }
    public var canonicalText: String { self }
}

extension Optional: ParameterType where Wrapped: ParameterType {
    public static var typeName: String { Wrapped.typeName }
    public static var jsonSchema: JSONValue { ["anyOf": [Wrapped.jsonSchema, ["type": "null"]]] }
    public init(parameter node: ParameterNode) throws(ParameterError) {
        if case .null = node.content { self = nil; return }
        self = try Wrapped(parameter: node)
    }
    public var canonicalText: String { map(\.canonicalText) ?? "null" }
    public var jsonValue: JSONValue { map(\.jsonValue) ?? .null }
}

extension Array: ParameterType where Element: ParameterType {
    public static var typeName: String {
        let name = Element.typeName
        if name.hasPrefix("one of") { return "list, each " + name }
        return "list of " + (name.hasSuffix("s") ? name : name + "s")
    }
    public static var jsonSchema: JSONValue { ["type": "array", "items": Element.jsonSchema] }
    /// A list, or a single item standing for a one-element list.
    public init(parameter node: ParameterNode) throws(ParameterError) {
        switch node.content {
        case let .sequence(items):
            var result: [Element] = []
            for item in items { result.append(try Element(parameter: item)) }
            self = result
        case .null:
            self = []
        default:
            self = [try Element(parameter: node)]
        }
    }
    public var canonicalText: String { "[" + map(\.canonicalText).joined(separator: ", ") + "]" }
    public var jsonValue: JSONValue { .array(map(\.jsonValue)) }
}

/// A parameter whose value is one of a fixed set of names. Conform a `String` enum to it.
public protocol ChoiceParameter: ParameterType, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceParameter {
    public static var typeName: String {
        "one of " + allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
    public static var typeNameWithArticle: String { typeName }
    public static var jsonSchema: JSONValue { ["enum": .array(allCases.map { .string($0.rawValue) })] }
    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar else { throw Self.mismatch(node) }
        if let value = Self(rawValue: text) { self = value; return }
        var message = "expects \(Self.typeName), got '\(text)'"
        if let suggestion = Suggestions.bestMatch(for: text, in: Self.allCases.map(\.rawValue)) {
            message += "; did you mean '\(suggestion)'?"
        }
        throw ParameterError(message, at: node.location)
    }
    public var canonicalText: String { rawValue }
}

/// A file or directory path. Relative paths written in a notebook are resolved against the
/// notebook's directory; notebook parameters given on the command line are made absolute
/// against the working directory before they are substituted.
public struct FilePath: ParameterType, Hashable {
    public var path: String

    public init(_ path: String) { self.path = path }

    public static var typeName: String { "path" }
    public static var jsonSchema: JSONValue { ["type": "string", "format": "path"] }
    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar, !text.isEmpty else { throw Self.mismatch(node) }
        self.path = text
    }
    public var canonicalText: String { path }

    /// The path as a file URL, relative paths taken from `directory`.
    public func resolved(against directory: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return directory.appendingPathComponent(expanded).standardizedFileURL
    }
}

/// A reference to a value bound earlier with `as: NAME`, optionally followed by members:
/// `ratings`, `split.train`.
public struct ValueRef: ParameterType, Hashable, CustomStringConvertible {
    public var name: String
    public var members: [String]
    public var location: SourceLocation

    public init(name: String, members: [String] = [], location: SourceLocation) {
        self.name = name
        self.members = members
        self.location = location
    }

    /// A placeholder for a step's default instance; a required input is always given.
    public init() {
        self.init(name: "", location: SourceLocation(file: "", line: 0, column: 0))
    }

    public static var typeName: String { "value name" }
    public static var jsonSchema: JSONValue {
        ["type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*$"]
    }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar else {
            throw ParameterError("expects the name of a value bound with 'as:', got \(node.shortDescription)", at: node.location)
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(Self.isIdentifier) else {
            throw ParameterError("expects the name of a value bound with 'as:', got '\(text)'", at: node.location)
        }
        self.init(name: parts[0], members: Array(parts.dropFirst()), location: node.location)
    }

    public var canonicalText: String { ([name] + members).joined(separator: ".") }
    public var description: String { canonicalText }

    /// Names start with a letter or `_` and continue with letters, digits, `_` or `-`.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first,
              CharacterSet.letters.contains(first) || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-"
        }
    }

    // Locations are where the reference was written; they don't change what it refers to.
    public static func == (lhs: ValueRef, rhs: ValueRef) -> Bool {
        lhs.name == rhs.name && lhs.members == rhs.members
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(members)
    }
}

/// A name that becomes an input of its step only when an earlier step binds a value of `kind`
/// by that name, and is otherwise ignored.
///
/// A SQL query names tables, but also columns, aliases and common table expressions, and which
/// is which is SQLite's business: every identifier in the query is an optional reference, and
/// the ones that name tables bound earlier become the step's inputs, so that the checker orders
/// the step after their producers and its cache key covers them. An identifier that names a
/// value of another kind is ignored too (a column that shares a model's name).
public struct OptionalReference: Sendable, Hashable {
    public var reference: ValueRef
    public var kind: ValueKind

    public init(_ reference: ValueRef, kind: ValueKind) {
        self.reference = reference
        self.kind = kind
    }
}

/// Parameter types that hold references to other values, so the checker can find a step's inputs.
public protocol ValueReferencing {
    /// Names that must be bound by earlier steps.
    var references: [ValueRef] { get }
    /// Names that are inputs only when bound earlier; none by default.
    var optionalReferences: [OptionalReference] { get }
}

extension ValueReferencing {
    public var optionalReferences: [OptionalReference] { [] }
}

extension ValueRef: ValueReferencing {
    public var references: [ValueRef] { name.isEmpty ? [] : [self] }
}

extension Optional: ValueReferencing where Wrapped: ValueReferencing {
    public var references: [ValueRef] { self?.references ?? [] }
    public var optionalReferences: [OptionalReference] { self?.optionalReferences ?? [] }
}

extension Array: ValueReferencing where Element: ValueReferencing {
    public var references: [ValueRef] { flatMap(\.references) }
    public var optionalReferences: [OptionalReference] { flatMap(\.optionalReferences) }
}
