import Foundation
import RecbookSupport

/// A JSON Schema validator for the keywords the schemas in these tests use: the nbformat 4.5
/// schema (draft-04) and recbook's own run schema (draft-07).
///
/// Supported: `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`,
/// `patternProperties`, `items` (one schema or a tuple), `minItems`, `maxItems`, `uniqueItems`,
/// `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`, `allOf`, `anyOf`, `oneOf`, `not`,
/// `if`/`then`/`else`, and `$ref` to `#` or a JSON pointer into the same document. Annotations
/// (`description`, `title`, `default`, …) are ignored. Any other keyword in a schema that an
/// instance is checked against is an error, so a schema that relies on something this validator
/// does not check cannot pass by accident. (Keywords are checked as schemas are applied, not up
/// front, because nbformat's schema keeps some definitions in a plain container object.)
struct JSONSchemaValidator {
    /// A place where the instance breaks the schema.
    struct Failure: CustomStringConvertible, Equatable {
        /// A JSON pointer to the offending value, for example `/cells/3/outputs/0`.
        var path: String
        var message: String
        var description: String { (path.isEmpty ? "/" : path) + ": " + message }
    }

    /// A problem with the schema itself.
    struct SchemaError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static let annotations: Set<String> = [
        "$schema", "$id", "id", "$comment", "title", "description", "default", "examples", "definitions", "$defs",
    ]
    static let supported: Set<String> = [
        "type", "enum", "const", "properties", "required", "additionalProperties", "patternProperties", "items",
        "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "minLength", "maxLength", "pattern",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref",
    ]

    let root: JSONValue
    /// Keywords to skip without complaint, for schemas with known mistakes (nbformat's schema
    /// spells `items` as `item` in one place; JSON Schema says to ignore unknown keywords).
    let ignoredKeywords: Set<String>

    /// - Parameters:
    ///   - schema: the schema document.
    ///   - ignoredKeywords: keywords to skip, for schemas with known mistakes.
    init(schema: JSONValue, ignoring ignoredKeywords: Set<String> = []) {
        self.root = schema
        self.ignoredKeywords = ignoredKeywords
    }

    /// Every way `instance` breaks the schema; empty when it is valid.
    /// - Throws: ``SchemaError`` when a schema it is checked against uses a keyword this validator
    ///   does not support, or a reference that does not resolve.
    func validate(_ instance: JSONValue) throws -> [Failure] {
        try validate(instance, against: root, path: "")
    }

    // MARK: - Keywords

    // MARK: - Validation

    private func validate(_ instance: JSONValue, against schema: JSONValue, path: String) throws -> [Failure] {
        if case .bool(let accepts) = schema {
            return accepts ? [] : [Failure(path: path, message: "no value is allowed here")]
        }
        guard case .object(let keywords) = schema else { return [] }
        var failures: [Failure] = []
        func fail(_ message: String) { failures.append(Failure(path: path, message: message)) }

        for (keyword, value) in keywords {
            switch keyword {
            case "$ref":
                guard case .string(let reference) = value else { throw SchemaError(message: "$ref must be a string") }
                failures += try validate(instance, against: resolve(reference), path: path)
            case "type":
                let types: [String]
                switch value {
                case .string(let type): types = [type]
                case .array(let items): types = items.compactMap { if case .string(let type) = $0 { type } else { nil } }
                default: throw SchemaError(message: "type must be a string or an array")
                }
                if !types.contains(where: { Self.matches(instance, type: $0) }) {
                    fail("expected \(types.joined(separator: " or ")), found \(Self.typeName(instance))")
                }
            case "enum":
                guard case .array(let allowed) = value else { throw SchemaError(message: "enum must be an array") }
                if !allowed.contains(where: { Self.equal($0, instance) }) {
                    fail("\(instance.serialized()) is not one of \(value.serialized())")
                }
            case "const":
                if !Self.equal(value, instance) { fail("expected \(value.serialized()), found \(instance.serialized())") }
            case "properties", "patternProperties", "additionalProperties":
                break  // Checked together below.
            case "required":
                guard case .object(let members) = instance, case .array(let names) = value else { continue }
                for case .string(let name) in names where !members.contains(where: { $0.key == name }) {
                    fail("missing required member '\(name)'")
                }
            case "items":
                guard case .array(let elements) = instance else { continue }
                if case .array(let tuple) = value {
                    for (index, element) in elements.enumerated() where index < tuple.count {
                        failures += try validate(element, against: tuple[index], path: path + "/\(index)")
                    }
                } else {
                    for (index, element) in elements.enumerated() {
                        failures += try validate(element, against: value, path: path + "/\(index)")
                    }
                }
            case "minItems", "maxItems":
                guard case .array(let elements) = instance, let limit = Self.number(value) else { continue }
                if keyword == "minItems" ? Double(elements.count) < limit : Double(elements.count) > limit {
                    fail("\(elements.count) items breaks \(keyword) \(value.serialized())")
                }
            case "uniqueItems":
                guard case .array(let elements) = instance, case .bool(true) = value else { continue }
                for (index, element) in elements.enumerated() where elements[..<index].contains(where: { Self.equal($0, element) }) {
                    fail("item \(index) repeats an earlier item")
                }
            case "minimum", "maximum":
                guard let number = Self.number(instance), let limit = Self.number(value) else { continue }
                if keyword == "minimum" ? number < limit : number > limit {
                    fail("\(instance.serialized()) breaks \(keyword) \(value.serialized())")
                }
            case "minLength", "maxLength":
                guard case .string(let string) = instance, let limit = Self.number(value) else { continue }
                let length = Double(string.unicodeScalars.count)
                if keyword == "minLength" ? length < limit : length > limit {
                    fail("a string of length \(string.unicodeScalars.count) breaks \(keyword) \(value.serialized())")
                }
            case "pattern":
                guard case .string(let string) = instance, case .string(let pattern) = value else { continue }
                if try !Self.search(pattern, in: string) { fail("\(instance.serialized()) does not match \(pattern)") }
            case "allOf":
                guard case .array(let schemas) = value else { continue }
                for schema in schemas { failures += try validate(instance, against: schema, path: path) }
            case "anyOf":
                guard case .array(let schemas) = value else { continue }
                if try !schemas.contains(where: { try validate(instance, against: $0, path: path).isEmpty }) {
                    fail("matches none of the anyOf schemas")
                }
            case "oneOf":
                guard case .array(let schemas) = value else { continue }
                let matching = try schemas.filter { try validate(instance, against: $0, path: path).isEmpty }.count
                if matching != 1 { fail("matches \(matching) of the oneOf schemas instead of exactly one") }
            case "not":
                if try validate(instance, against: value, path: path).isEmpty { fail("matches a schema it must not match") }
            case "if":
                let branch = try validate(instance, against: value, path: path).isEmpty ? "then" : "else"
                if let next = schema[branch] { failures += try validate(instance, against: next, path: path) }
            case "then", "else":
                break  // Applied by "if".
            case _ where Self.annotations.contains(keyword) || ignoredKeywords.contains(keyword):
                break
            default:
                throw SchemaError(message: "\(path.isEmpty ? "/" : path): unsupported keyword '\(keyword)'")
            }
        }
        if case .object(let members) = instance {
            failures += try validateMembers(members, schema: schema, path: path)
        }
        return failures
    }

    /// `properties`, `patternProperties` and `additionalProperties`, which decide together which
    /// members count as "additional".
    private func validateMembers(_ members: [(key: String, value: JSONValue)], schema: JSONValue, path: String) throws -> [Failure] {
        var failures: [Failure] = []
        let properties: [(key: String, value: JSONValue)]
        if case .object(let declared)? = schema["properties"] { properties = declared } else { properties = [] }
        let patterns: [(key: String, value: JSONValue)]
        if case .object(let declared)? = schema["patternProperties"] { patterns = declared } else { patterns = [] }
        for (name, value) in members {
            let memberPath = path + "/" + name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            var covered = false
            if let property = properties.first(where: { $0.key == name }) {
                covered = true
                failures += try validate(value, against: property.value, path: memberPath)
            }
            for (pattern, propertySchema) in patterns where try Self.search(pattern, in: name) {
                covered = true
                failures += try validate(value, against: propertySchema, path: memberPath)
            }
            if !covered, let additional = schema["additionalProperties"] {
                if case .bool(false) = additional {
                    failures.append(Failure(path: memberPath, message: "member '\(name)' is not allowed"))
                } else {
                    failures += try validate(value, against: additional, path: memberPath)
                }
            }
        }
        return failures
    }

    /// The schema a `$ref` such as `#/definitions/cell` points to.
    private func resolve(_ reference: String) throws -> JSONValue {
        guard reference.hasPrefix("#") else { throw SchemaError(message: "only local references are supported: \(reference)") }
        var target = root
        for token in reference.dropFirst().split(separator: "/") {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = target[name] else { throw SchemaError(message: "unresolvable reference \(reference)") }
            target = next
        }
        return target
    }

    // MARK: - Values

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("integer", .int), ("number", .int), ("number", .double):
            return true
        case ("integer", .double(let number)):
            return number.isFinite && number == number.rounded()
        default:
            return false
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    /// JSON equality: numbers compare by value (`1 == 1.0`), objects regardless of member order.
    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = number(lhs), let right = number(rhs) { return left == right }
        switch (lhs, rhs) {
        case let (.array(left), .array(right)):
            return left.count == right.count && zip(left, right).allSatisfy(equal)
        case let (.object(left), .object(right)):
            return left.count == right.count && left.allSatisfy { member in
                right.contains { $0.key == member.key && equal($0.value, member.value) }
            }
        default:
            return lhs == rhs
        }
    }

    /// Whether `pattern` matches anywhere in `string` (JSON Schema patterns are not anchored).
    private static func search(_ pattern: String, in string: String) throws -> Bool {
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw SchemaError(message: "invalid pattern \(pattern): \(error)")
        }
        return expression.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }
}
