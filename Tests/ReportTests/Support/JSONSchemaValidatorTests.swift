import RecbookSupport
import Testing

/// The validator the format tests rely on, checked on its own: each keyword accepts what the
/// JSON Schema specification accepts and rejects what it rejects.
@Suite struct JSONSchemaValidatorTests {
    private func failures(_ schema: String, _ instance: String) throws -> [JSONSchemaValidator.Failure] {
        try JSONSchemaValidator(schema: JSONValue.parse(schema)).validate(JSONValue.parse(instance))
    }

    @Test(arguments: [
        // (schema, instance, valid)
        (#"{"type": "integer"}"#, "3", true),
        (#"{"type": "integer"}"#, "3.0", true),
        (#"{"type": "integer"}"#, "3.5", false),
        (#"{"type": "integer"}"#, #""3""#, false),
        (#"{"type": "number"}"#, "3", true),
        (#"{"type": ["integer", "null"]}"#, "null", true),
        (#"{"type": ["integer", "null"]}"#, "true", false),
        (#"{"type": "object"}"#, "[]", false),
        (#"{"enum": ["a", 1]}"#, "1.0", true),
        (#"{"enum": ["a", 1]}"#, #""b""#, false),
        (#"{"const": {"x": [1, 2]}}"#, #"{"x": [1, 2]}"#, true),
        (#"{"const": {"x": [1, 2]}}"#, #"{"x": [2, 1]}"#, false),
        (#"{"minimum": 0, "maximum": 2}"#, "2", true),
        (#"{"minimum": 0, "maximum": 2}"#, "-1", false),
        (#"{"minimum": 0}"#, #""not a number""#, true),
        (#"{"minLength": 1, "maxLength": 3}"#, #""abc""#, true),
        (#"{"minLength": 1, "maxLength": 3}"#, #""""#, false),
        (#"{"maxLength": 1}"#, #""é""#, true),
        (#"{"pattern": "^[a-z0-9-_]+$"}"#, #""step-3_a""#, true),
        (#"{"pattern": "^[a-z0-9-_]+$"}"#, #""step 3""#, false),
        (#"{"pattern": "b"}"#, #""abc""#, true),
        (#"{"items": {"type": "string"}, "minItems": 1}"#, #"["a"]"#, true),
        (#"{"items": {"type": "string"}, "minItems": 1}"#, "[]", false),
        (#"{"items": {"type": "string"}}"#, #"["a", 2]"#, false),
        (#"{"uniqueItems": true}"#, "[1, 2, 1.0]", false),
        (#"{"uniqueItems": true}"#, "[1, 2]", true),
        (#"{"required": ["a"]}"#, #"{"b": 1}"#, false),
        (#"{"required": ["a"]}"#, "[]", true),
        (#"{"properties": {"a": {"type": "string"}}, "additionalProperties": false}"#, #"{"a": "x"}"#, true),
        (#"{"properties": {"a": {"type": "string"}}, "additionalProperties": false}"#, #"{"a": "x", "b": 1}"#, false),
        (#"{"properties": {"a": {"type": "string"}}}"#, #"{"a": 1}"#, false),
        (#"{"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": false}"#, #"{"x-a": 1}"#, true),
        (#"{"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": false}"#, #"{"x-a": "1"}"#, false),
        (#"{"additionalProperties": {"type": "integer"}}"#, #"{"n": 1.5}"#, false),
        (#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "-1", true),
        (#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "1", false),
        (#"{"anyOf": [{"type": "integer"}, {"minimum": 0}]}"#, "1", true),
        (#"{"anyOf": [{"type": "integer"}, {"type": "null"}]}"#, #""x""#, false),
        (#"{"allOf": [{"type": "integer"}, {"minimum": 0}]}"#, "-1", false),
        (#"{"not": {"type": "string"}}"#, "1", true),
        (#"{"not": {"type": "string"}}"#, #""x""#, false),
        (#"{"if": {"properties": {"s": {"const": "failed"}}}, "then": {"required": ["m"]}}"#, #"{"s": "failed"}"#, false),
        (#"{"if": {"properties": {"s": {"const": "failed"}}}, "then": {"required": ["m"]}}"#, #"{"s": "ok"}"#, true),
        (#"{"if": {"type": "string"}, "else": {"type": "null"}}"#, "1", false),
        (##"{"definitions": {"n": {"type": "integer"}}, "items": {"$ref": "#/definitions/n"}}"##, "[1, 2]", true),
        (##"{"definitions": {"n": {"type": "integer"}}, "items": {"$ref": "#/definitions/n"}}"##, #"[1, "2"]"#, false),
        (##"{"properties": {"next": {"$ref": "#"}}, "required": ["v"]}"##, #"{"v": 1, "next": {"v": 2}}"#, true),
        (##"{"properties": {"next": {"$ref": "#"}}, "required": ["v"]}"##, #"{"v": 1, "next": {}}"#, false),
        (#"{"items": [{"type": "string"}, {"type": "integer"}]}"#, #"["a", 1, null]"#, true),
        (#"{"items": [{"type": "string"}, {"type": "integer"}]}"#, #"[1]"#, false),
    ])
    func keyword(schema: String, instance: String, valid: Bool) throws {
        let failures = try failures(schema, instance)
        #expect(failures.isEmpty == valid, "\(schema) on \(instance): \(failures)")
    }

    @Test func failuresPointAtTheOffendingValue() throws {
        let schema = #"{"properties": {"cells": {"items": {"properties": {"id": {"type": "string"}}}}}}"#
        let failures = try failures(schema, #"{"cells": [{"id": "a"}, {"id": 2}]}"#)
        #expect(failures == [JSONSchemaValidator.Failure(path: "/cells/1/id", message: "expected string, found integer")])
    }

    @Test func rejectsSchemasUsingKeywordsItCannotCheck() throws {
        let schema = try JSONValue.parse(#"{"properties": {"a": {"multipleOf": 2}}}"#)
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try JSONSchemaValidator(schema: schema).validate(JSONValue.parse(#"{"a": 4}"#))
        }
        // …unless told to ignore them, as the nbformat schema's misplaced members are.
        #expect(try JSONSchemaValidator(schema: schema, ignoring: ["multipleOf"]).validate(JSONValue.parse(#"{"a": 3}"#)).isEmpty)
    }

    @Test func unresolvableReferencesAreSchemaErrors() throws {
        let validator = JSONSchemaValidator(schema: try JSONValue.parse(##"{"$ref": "#/definitions/missing"}"##))
        #expect(throws: JSONSchemaValidator.SchemaError.self) { try validator.validate(.int(1)) }
    }

    @Test func theVendoredNotebookSchemaIsUsable() throws {
        let validator = try SchemaFixtures.notebookValidator()
        let minimal = #"{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
        #expect(try validator.validate(JSONValue.parse(minimal)).isEmpty)
    }
}
