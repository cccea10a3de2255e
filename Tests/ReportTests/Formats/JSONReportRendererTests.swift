import Foundation
import NotebookCore
import RecbookSupport
import Testing
@testable import Report

@Suite struct JSONReportRendererTests {
    private let document: RenderedDocument
    private let json: JSONValue

    init() throws {
        document = JSONReportRenderer().render(try FormatFixtures.run(), name: FormatFixtures.name,
                                               source: FormatFixtures.source)
        json = try JSONValue.parse(String(decoding: document.main.contents, as: UTF8.self))
    }

    private static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { items } else { [] }
    }

    private var cells: [JSONValue] { Self.array(json["cells"]) }

    private func step(_ number: Int) throws -> JSONValue {
        try #require(cells.first { $0["type"] == "step" && $0["number"] == .int(number) })
    }

    @Test func theSchemaIsValidJSONThatTheValidatorFullySupports() throws {
        let schema = try JSONValue.parse(JSONReportRenderer.schema)
        #expect(schema["$schema"] == "http://json-schema.org/draft-07/schema#")
        // Applying it to a document reaches every definition; none uses an unsupported keyword.
        #expect(try SchemaFixtures.runValidator().validate(json).isEmpty)
    }

    @Test func everyMemberOfTheSchemaIsDocumented() throws {
        // Every declared member has a description, unless it is a `type` tag, a reference to a
        // described definition, or one of these leaves whose meaning its parent describes.
        let selfExplanatory: Set<String> = [
            "name", "label", "caption", "text", "values", "x", "y", "categories", "edges", "counts", "rows", "columns",
            "scale", "kind", "orientation", "at", "dashed", "startLine", "startColumn", "endLine", "endColumn",
        ]
        var undocumented: [String] = []
        func walk(_ schema: JSONValue, path: String) {
            if case .object(let properties)? = schema["properties"] {
                for (name, property) in properties {
                    if name != "type", property["description"] == nil, property["$ref"] == nil, !selfExplanatory.contains(name) {
                        undocumented.append(path + "/" + name)
                    }
                    walk(property, path: path + "/" + name)
                }
            }
            if case .object(let definitions)? = schema["definitions"] {
                for (name, definition) in definitions { walk(definition, path: path + "/" + name) }
            }
            if let items = schema["items"] { walk(items, path: path + "/items") }
            if case .array(let branches)? = schema["oneOf"] { branches.forEach { walk($0, path: path + "/oneOf") } }
        }
        walk(try JSONValue.parse(JSONReportRenderer.schema), path: "")
        #expect(undocumented.isEmpty, "\(undocumented)")
    }

    @Test func theDocumentMatchesItsSchema() throws {
        #expect(document.main.relativePath == "ratings.json")
        let failures = try SchemaFixtures.runValidator().validate(json)
        #expect(failures.isEmpty, "\(failures)")
        let timed = try JSONReportRenderer().json(for: FormatFixtures.run(includesTimings: true), source: nil).document
        #expect(try SchemaFixtures.runValidator().validate(timed).isEmpty)
    }

    @Test func headerNamesTheFormatTheNotebookAndTheProvenance() throws {
        #expect(json["format"] == "recbook-run")
        #expect(json["version"] == 1)
        #expect(json["title"] == .string(FormatFixtures.title))
        #expect(json["path"] == .string(FormatFixtures.path))
        #expect(json["succeeded"] == false)
        #expect(json["summary"] == [
            "steps": 4, "succeeded": 1, "reused": 1, "failed": 1, "notRun": 1, "expectations": 2, "expectationsHeld": 1,
        ])
        #expect(json["provenance"]?["seed"] == 42)
        #expect(json["provenance"]?["files"] == [["path": "data/ml-latest-small/ratings.csv", "sha256": .string(String(repeating: "ab12", count: 16))]])
        #expect(json["duration"] == nil)
    }

    @Test func cellsAreInNotebookOrder() throws {
        let types = cells.map { cell -> String in
            guard case .string(let type)? = cell["type"] else { return "?" }
            if case .string(let kind)? = cell["kind"] { return type + ":" + kind }
            return type
        }
        #expect(types == [
            "prose:heading", "prose:paragraph", "code", "step", "prose:heading", "prose:list", "step",
            "prose:htmlBlock", "step", "step", "prose:other",
        ])
        let paragraph = cells[1]
        // The paragraph's second line, "[in the SVD section][svd], … me@fig-x.org.", is 85 bytes long.
        #expect(paragraph["range"] == ["startLine": 7, "startColumn": 1, "endLine": 8, "endColumn": 85])
        #expect(paragraph["markdown"].map { if case .string(let text) = $0 { text.hasPrefix("Ratings are in @tbl-ratings") } else { false } } == true)
        #expect(paragraph["html"].map { if case .string(let html) = $0 { html.hasPrefix("<p>Ratings are in @tbl-ratings") } else { false } } == true)
        #expect(cells[10]["nodeType"] == "footnote_definition")
        #expect(cells[2] == ["type": "code", "language": "python", "info": "python",
                             "source": "ratings = pd.read_csv(\"ratings.csv\")\n", "line": 12])
        #expect(document.unresolvedReferences == ["@fig-missing"])
    }

    @Test func stepsCarryStatusSourceOutputsAndExpectations() throws {
        let load = try step(1)
        #expect(load["name"] == "load")
        #expect(load["info"] == "{load} as: ratings")
        #expect(load["source"] == "path: ratings.csv\nexpect: rows == 100836\n")
        #expect(load["binding"] == "ratings")
        #expect(load["status"] == "succeeded")
        #expect(load["cacheNote"] == "not in the cache")
        #expect(load["duration"] == nil)
        #expect(load["valueSummary"] == "table 100836 × 4")
        #expect(load["expectations"] == [["source": "rows == 100836", "passed": true, "detail": "rows = 100836"]])

        let table = try #require(Self.array(load["outputs"]).first)
        #expect(table["number"] == 1)
        #expect(table["anchor"] == "tbl-ratings")
        #expect(table["label"] == "ratings")
        #expect(table["columns"] == [["name": "userId", "numeric": true], ["name": "movieId", "numeric": true], ["name": "rating", "numeric": true]])
        #expect(table["rows"] == [["label": "0", "cells": ["1", "1", "4.0"]], ["label": "100835", "cells": ["610", "170875", "3.0"]]])
        #expect(table["rowEllipsisAfter"] == 1)
        #expect(table["shape"] == ["rows": 100_836, "columns": 3])

        let histogram = try step(2)
        #expect(histogram["status"] == "reused")
        #expect(histogram["reason"] == "unchanged: same parameters, inputs and data files")
        let outputs = Self.array(histogram["outputs"])
        #expect(outputs.map { $0["type"] } == ["text", "figure", "note"])
        let figure = outputs[1]
        #expect(figure["number"] == 1)
        #expect(figure["anchor"] == "fig-hist")
        #expect(figure["xAxis"] == [
            "label": "Rating", "scale": "linear", "includesZero": false, "format": "number", "categories": [],
        ])
        #expect(figure["marks"] == [
            ["type": "histogram", "name": "ratings", "edges": [0.5, 1.5, 2.5, 3.5, 4.5, 5.5], "counts": [4, 11, 26, 35, 17]],
            ["type": "rule", "orientation": "vertical", "at": nil, "label": "not finite"],
        ])
        if case .string(let svg)? = figure["svg"] {
            #expect(try XMLTree(svg).elements("svg").count == 1)
        } else {
            Issue.record("the figure has no SVG")
        }
        #expect(outputs[2] == ["type": "note", "kind": "warning", "markdown": "Compare with @tbl-ratings."])

        let svd = try step(3)
        #expect(svd["status"] == "failed")
        #expect(svd["message"] == .string(FormatFixtures.errorMessage))
        #expect(svd["reason"] == nil)
        let evaluate = try step(4)
        #expect(evaluate["status"] == "notRun")
        #expect(evaluate["reason"] == "step 3 (svd) failed")
    }

    @Test func durationsAppearOnlyWithTimings() throws {
        let timed = try JSONReportRenderer().json(for: FormatFixtures.run(includesTimings: true), source: nil).document
        #expect(timed["duration"] == 63.4)
        let steps = Self.array(timed["cells"]).filter { $0["type"] == "step" }
        #expect(steps.map { $0["duration"] } == [0.8, 1.5, 2.25, 0.0])
        // Without the source, prose has no Markdown member.
        #expect(Self.array(timed["cells"]).allSatisfy { $0["markdown"] == nil })
    }

    /// Ways a renderer could break its promises.
    enum Breakage: String, CaseIterable, Sendable {
        case unknownStatus, notRunWithoutReason, failedWithoutMessage, unknownMember, wrongVersion
        case negativeDuration, tableWithoutShape, unknownMarkType, proseWithoutHTML

        func apply(to json: JSONValue) -> JSONValue {
            switch self {
            case .unknownStatus: json.replacingElement(of: "cells", at: 3) { $0.setting("status", "odd") }
            case .notRunWithoutReason: json.replacingElement(of: "cells", at: 9) { $0.removing("reason") }
            case .failedWithoutMessage: json.replacingElement(of: "cells", at: 8) { $0.removing("message") }
            case .unknownMember: json.setting("extra", true)
            case .wrongVersion: json.setting("version", 2)
            case .negativeDuration: json.setting("duration", -1)
            case .tableWithoutShape:
                json.replacingElement(of: "cells", at: 3) { $0.replacingElement(of: "outputs", at: 0) { $0.removing("shape") } }
            case .unknownMarkType:
                json.replacingElement(of: "cells", at: 6) {
                    $0.replacingElement(of: "outputs", at: 1) { $0.setting("marks", [["type": "pie"]]) }
                }
            case .proseWithoutHTML: json.replacingElement(of: "cells", at: 1) { $0.removing("html") }
            }
        }
    }

    /// The schema rejects documents that break its promises.
    @Test(arguments: Breakage.allCases)
    func schemaRejectsBrokenDocuments(_ breakage: Breakage) throws {
        let broken = breakage.apply(to: json)
        #expect(broken != json, "the mutation changed nothing")
        #expect(try !SchemaFixtures.runValidator().validate(broken).isEmpty, "the broken document was accepted")
    }
}
