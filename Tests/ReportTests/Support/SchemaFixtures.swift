import Foundation
import RecbookSupport
@testable import Report

/// The schemas the format tests validate against.
enum SchemaFixtures {
    /// Jupyter's nbformat 4.5 schema, vendored in `Fixtures/` (see the README there).
    static func notebookValidator() throws -> JSONSchemaValidator {
        guard let url = Bundle.module.url(forResource: "nbformat.v4.5.schema", withExtension: "json", subdirectory: "Fixtures")
        else { throw JSONSchemaValidator.SchemaError(message: "the nbformat schema is missing from the test bundle") }
        let schema = try JSONValue.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        // nbformat's schema has three members where a keyword belongs: `item` (for `items`) under
        // `authors`, and `source_hidden` and `outputs_hidden` beside `properties` under a cell's
        // `jupyter` metadata. JSON Schema validators ignore unknown keywords, so nbformat does too.
        return JSONSchemaValidator(schema: schema, ignoring: ["item", "source_hidden", "outputs_hidden"])
    }

    /// recbook's own schema of the JSON report.
    static func runValidator() throws -> JSONSchemaValidator {
        JSONSchemaValidator(schema: try JSONValue.parse(JSONReportRenderer.schema))
    }
}
