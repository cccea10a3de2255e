import Foundation
import NotebookCore
import NotebookMarkdown
import RecbookSupport
import RunModel
import Testing
@testable import Report

@Suite struct JupyterNotebookRendererTests {
    private let document: RenderedDocument
    private let notebook: JSONValue

    init() throws {
        document = JupyterNotebookRenderer().render(try FormatFixtures.run(), name: FormatFixtures.name,
                                                    source: FormatFixtures.source)
        notebook = try JSONValue.parse(String(decoding: document.main.contents, as: UTF8.self))
    }

    private var cells: [JSONValue] {
        if case .array(let cells)? = notebook["cells"] { cells } else { [] }
    }

    private func cell(id: String) throws -> JSONValue {
        try #require(cells.first { $0["id"] == .string(id) })
    }

    private static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { items } else { [] }
    }

    /// A multiline string joined back into one string.
    private static func text(_ value: JSONValue?) -> String {
        array(value).map { if case .string(let line) = $0 { line } else { "" } }.joined()
    }

    @Test func isAValidNbformat45Notebook() throws {
        #expect(document.main.relativePath == "ratings.ipynb")
        #expect(document.attachments.isEmpty)
        let failures = try SchemaFixtures.notebookValidator().validate(notebook)
        #expect(failures.isEmpty, "\(failures)")
        #expect(notebook["nbformat"] == 4)
        #expect(notebook["nbformat_minor"] == 5)
    }

    @Test func isWrittenAsJupyterWritesNotebooks() throws {
        let text = String(decoding: document.main.contents, as: UTF8.self)
        #expect(text.hasPrefix("{\n \"cells\": [\n  {\n"))
        #expect(text.hasSuffix("}\n"))
        // Keys sorted at every level, as json.dumps(sort_keys=True) writes them.
        func checkSorted(_ value: JSONValue) {
            switch value {
            case .object(let members):
                let keys = members.map(\.key)
                #expect(keys == keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
                members.forEach { checkSorted($0.value) }
            case .array(let items):
                items.forEach(checkSorted)
            default:
                break
            }
        }
        checkSorted(notebook)
    }

    @Test func cellsFollowTheNotebookWithUniqueStableIDs() throws {
        let kinds = cells.map { cell -> String in
            guard case .string(let type)? = cell["cell_type"], case .string(let id)? = cell["id"] else { return "?" }
            return type + ":" + id
        }
        #expect(kinds == [
            "markdown:title", "markdown:markdown-2", "markdown:markdown-3", "code:step-1", "markdown:markdown-4",
            "code:step-2", "markdown:markdown-5", "code:step-3", "code:step-4", "markdown:markdown-6",
            "markdown:provenance",
        ])
    }

    @Test func proseIsMarkdownWithPlainReferences() throws {
        let title = Self.text(try cell(id: "title")["source"])
        #expect(title.hasPrefix("# Ratings at a glance\n\n`notebooks/ratings.md` · 4 steps:"))
        #expect(title.contains("**This run did not succeed.** See step 3 (svd)."))
        let prose = Self.text(try cell(id: "markdown-2")["source"])
        #expect(prose.hasPrefix("Ratings are in Table 1 and plotted in Figure 1[^src]; the model is described\n"))
        // Each cell renders on its own, so it carries the link definitions it may use.
        #expect(prose.hasSuffix("\n\n[svd]: #spread-of-ratings"))
        #expect(Self.text(try cell(id: "markdown-3")["source"]) == "```python\nratings = pd.read_csv(\"ratings.csv\")\n```")
        #expect(Self.text(try cell(id: "markdown-4")["source"]).hasPrefix("## Spread of ratings\n\n- one: Table 1\n"))
        #expect(Self.text(try cell(id: "markdown-6")["source"]) == "[^src]: GroupLens; see Figure 1.")
        #expect(document.unresolvedReferences == ["@fig-missing"])
    }

    @Test func stepsAreCodeCellsWithTheirBlockAsSource() throws {
        let load = try cell(id: "step-1")
        #expect(Self.array(load["source"]) == ["# recbook: {load} as: ratings\n", "path: ratings.csv\n", "expect: rows == 100836"])
        #expect(load["execution_count"] == 1)
        #expect(load["metadata"]?["recbook"]?["status"] == "succeeded")
        #expect(load["metadata"]?["recbook"]?["cacheNote"] == "not in the cache")
        #expect(load["metadata"]?["recbook"]?["duration"] == nil)
        #expect(try cell(id: "step-4")["execution_count"] == .null)
    }

    @Test func outputsUseTheMatchingOutputTypes() throws {
        let load = Self.array(try cell(id: "step-1")["outputs"])
        #expect(load.map { $0["output_type"] } == ["display_data", "display_data", "display_data", "execute_result"])
        let table = try #require(load[1]["data"])
        #expect(Self.text(table["text/html"]).hasPrefix("<p class=\"caption\"><strong>Table 1.</strong> The first and last ratings</p>\n<div class=\"table-scroll\"><table class=\"dataframe\">"))
        #expect(Self.text(table["text/plain"]).hasPrefix("Table 1. The first and last ratings\n        userId  movieId  rating\n0 "))
        #expect(Self.text(load[2]["data"]?["text/markdown"]) == "- ✓ `rows == 100836` (rows = 100836)")
        #expect(Self.text(load[3]["data"]?["text/plain"]) == "ratings: table 100836 × 4")
        #expect(load[3]["execution_count"] == 1)

        let histogram = Self.array(try cell(id: "step-2")["outputs"])
        #expect(histogram.map { $0["output_type"] } == ["display_data", "stream", "display_data", "display_data", "display_data"])
        #expect(Self.text(histogram[0]["data"]?["text/plain"]) == "Reused from the cache: unchanged: same parameters, inputs and data files")
        #expect(histogram[1]["name"] == "stdout")
        #expect(Self.array(histogram[1]["text"]) == ["Minimum rating: 0.5\n", "Maximum rating: 5.0\n"])
        let svg = Self.text(histogram[2]["data"]?["image/svg+xml"])
        #expect(try XMLTree(svg).elements("svg").count == 1)
        let chartText = Self.text(histogram[2]["data"]?["text/plain"])
        #expect(chartText.contains("Ratings"))
        #expect(Self.text(histogram[3]["data"]?["text/markdown"]) == "**Figure 1.** How often each rating is given")
        #expect(Self.text(histogram[4]["data"]?["text/markdown"]) == "**Warning:** Compare with Table 1.")
    }

    @Test func aFailedStepEndsInAnErrorOutput() throws {
        let svd = Self.array(try cell(id: "step-3")["outputs"])
        #expect(svd.map { $0["output_type"] } == ["error", "display_data", "display_data"])
        #expect(svd[0]["ename"] == "StepFailed")
        #expect(svd[0]["evalue"] == .string(FormatFixtures.errorMessage))
        #expect(Self.array(svd[0]["traceback"]) == [
            "Step 3 (svd) failed:", "ratings.csv:12:3: error: bad value </script>", "```", "k must be at most 3",
        ])
        let notRun = Self.array(try cell(id: "step-4")["outputs"])
        #expect(notRun.map { Self.text($0["data"]?["text/plain"]) } == ["Not run: step 3 (svd) failed"])
    }

    @Test func metadataDescribesRecbookAndTheProvenance() throws {
        let metadata = try #require(notebook["metadata"])
        #expect(metadata["kernelspec"]?["name"] == "recbook")
        #expect(metadata["kernelspec"]?["language"] == "yaml")
        #expect(metadata["language_info"]?["name"] == "yaml")
        #expect(metadata["title"] == .string(FormatFixtures.title))
        let recbook = try #require(metadata["recbook"])
        #expect(recbook["seed"] == 42)
        #expect(recbook["notebook"] == .string(FormatFixtures.path))
        #expect(recbook["parameters"] == [["name": "k", "value": "5"], ["name": "data", "value": "data/<ml>|small"]])
        #expect(recbook["succeeded"] == false)
        #expect(recbook["duration"] == nil)
        let timed = try JupyterNotebookRenderer().notebookJSON(for: FormatFixtures.run(includesTimings: true), source: nil).notebook
        #expect(timed["metadata"]?["recbook"]?["duration"] == 63.4)
        #expect(timed["cells"].map { Self.array($0)[3]["metadata"]?["recbook"]?["duration"] } == 0.8)
    }

    @Test func withoutTheSourceTheNotebookIsStillValid() throws {
        let (fallback, unresolved) = JupyterNotebookRenderer().notebookJSON(for: try FormatFixtures.run(), source: nil)
        #expect(try SchemaFixtures.notebookValidator().validate(fallback).isEmpty)
        #expect(unresolved == ["@fig-missing"])
        let prose = Self.array(fallback["cells"])[1]
        #expect(Self.text(prose["source"]).hasPrefix("<p>Ratings are in Table 1 and plotted in Figure 1"))
    }

    @Test func slashesAreNotEscapedAndBackslashesSurvive() throws {
        let tricky = "</script> and a literal <\\/ and C:\\path\n"
        let block = FencedCode(info: "echo", language: "echo", literal: "", fenceLine: 1, fenceColumn: 1,
                               bodyFirstLine: 2, bodyColumn: 1, fence: "```")
        let run = NotebookRun(
            title: "T", path: "t.md",
            cells: [.step(StepCellResult(number: 1, name: "echo", block: block, binding: nil, status: .succeeded,
                                         outputs: [.text(tricky)]))],
            provenance: Provenance(recbookVersion: "0.1.0", seed: nil, parameters: [], files: []), duration: 0
        )
        let text = String(decoding: JupyterNotebookRenderer().render(run, name: "t", source: nil).main.contents, as: UTF8.self)
        #expect(text.contains(#""</script> and a literal <\\/ and C:\\path\n""#))
        let parsed = try JSONValue.parse(text)
        let stream = Self.array(Self.array(parsed["cells"])[1]["outputs"]).first
        #expect(Self.text(stream?["text"]) == tricky)
    }

    /// Ways a renderer could break a notebook.
    enum Breakage: String, CaseIterable, Sendable {
        case noNbformat, executionCountAsText, unknownOutputType, cellIDWithASpace, markdownCellWithoutSource
        case streamWithoutAName, tracebackAsAString, outputsOnAMarkdownCell, kernelspecWithoutDisplayName

        func apply(to notebook: JSONValue) -> JSONValue {
            switch self {
            case .noNbformat: notebook.removing("nbformat")
            case .executionCountAsText: notebook.replacingCell(3) { $0.setting("execution_count", "1") }
            case .unknownOutputType: notebook.replacingCell(3) { $0.replacingOutput(0) { $0.setting("output_type", "bogus") } }
            case .cellIDWithASpace: notebook.replacingCell(0) { $0.setting("id", "two words") }
            case .markdownCellWithoutSource: notebook.replacingCell(1) { $0.removing("source") }
            case .streamWithoutAName: notebook.replacingCell(5) { $0.replacingOutput(1) { $0.removing("name") } }
            case .tracebackAsAString: notebook.replacingCell(7) { $0.replacingOutput(0) { $0.setting("traceback", "boom") } }
            case .outputsOnAMarkdownCell: notebook.replacingCell(1) { $0.setting("outputs", []) }
            case .kernelspecWithoutDisplayName: notebook.setting("metadata", ["kernelspec": ["name": "recbook"]])
            }
        }
    }

    /// The schema check has teeth: notebooks broken in the ways a renderer could break them fail it.
    @Test(arguments: Breakage.allCases)
    func schemaRejectsBrokenNotebooks(_ breakage: Breakage) throws {
        let broken = breakage.apply(to: notebook)
        #expect(broken != notebook, "the mutation changed nothing")
        #expect(try !SchemaFixtures.notebookValidator().validate(broken).isEmpty, "the broken notebook was accepted")
    }
}

/// Small edits of JSON documents, for building invalid notebooks.
extension JSONValue {
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key: key, value: value))
        }
        return .object(members)
    }

    func removing(_ key: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.key != key })
    }

    func replacingElement(of key: String, at index: Int, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        guard case .array(var items)? = self[key], items.indices.contains(index) else { return self }
        items[index] = transform(items[index])
        return setting(key, .array(items))
    }

    func replacingCell(_ index: Int, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        replacingElement(of: "cells", at: index, transform)
    }

    func replacingOutput(_ index: Int, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        replacingElement(of: "outputs", at: index, transform)
    }
}
