import Foundation
import NotebookCore
import Outputs
import RecbookSupport
import RunModel
import Testing
@testable import Report

/// The heat-map mark reaches every report format.
@Suite struct HeatmapFormatsTests {
    private let figure = Figure(title: "Mean rating", label: "heat", xAxis: Axis("decade"), yAxis: Axis("genre"), marks: [
        .heatmap(Heatmap(name: "mean", columns: ["1990", "2000"], rows: ["Drama", "<Horror>"], values: [3.5, 4, .nan, 2])),
    ])
    private var run: NotebookRun { ReportFixtures.run(figures: [figure]) }

    @Test func json() throws {
        let document = JSONReportRenderer().json(for: run, source: nil).document
        #expect(try SchemaFixtures.runValidator().validate(document).isEmpty)
        guard case .array(let cells)? = document["cells"], case .array(let outputs)? = cells.first?["outputs"] else {
            Issue.record("no outputs")
            return
        }
        let mark: JSONValue = [
            "type": "heatmap", "name": "mean", "columns": ["1990", "2000"], "rows": ["Drama", "<Horror>"],
            "values": [[3.5, 4.0], [nil, 2.0]],
        ]
        #expect(outputs.first?["marks"] == [mark])
        guard case .string(let svg)? = outputs.first?["svg"] else {
            Issue.record("no svg")
            return
        }
        #expect(try XMLTree(svg).nodes("//*[local-name()='g'][contains(@class, 'heatmap-cells')]/*").count == 3)
    }

    @Test func html() throws {
        let html = HTMLReportRenderer().render(run)
        #expect(html.contains("class=\"marks heatmap-cells\""))
        #expect(html.contains("&lt;Horror&gt;") && !html.contains("<Horror>"))
    }

    @Test func markdown() throws {
        let document = MarkdownReportRenderer().render(run, name: "nb", source: nil)
        let svg = String(decoding: try #require(document.attachments.first).contents, as: UTF8.self)
        #expect(try XMLTree(svg).nodes("//*[local-name()='g'][contains(@class, 'heatmap-cells')]/*").count == 3)
    }

    @Test func jupyter() throws {
        let notebook = JupyterNotebookRenderer().notebookJSON(for: run, source: nil).notebook
        #expect(try SchemaFixtures.notebookValidator().validate(notebook).isEmpty)
        let text = notebook.serialized(pretty: false)
        #expect(text.contains("heatmap-cells"))
        // The plain-text fallback is the shaded terminal drawing, with its legend.
        #expect(text.contains("mean:  ' ' [2, 2.4)"))
    }

    @Test func terminal() {
        let text = TerminalOutputRenderer(width: 60).render(.figure(figure))
        #expect(text.contains("█ [3.6, 4]"))
        #expect(text.contains("<Horror> ·"))
    }
}
