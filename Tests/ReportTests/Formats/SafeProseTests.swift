import Foundation
import NotebookCore
import NotebookMarkdown
import Outputs
import RunModel
import Testing
@testable import Report

/// Raw HTML in prose, through every report format: payloads are removed in each, harmless HTML
/// survives, and a trusted notebook's HTML is left as written.
@Suite struct SafeProseTests {
    static let source = """
    # Results <img src=x onerror="document.title='h1'">

    <details open ontoggle="document.title='details'">
    <summary>More</summary>

    Inside, <img src=x onerror="document.title='img'"> and [a link](javascript:alert(1)).

    </details>

    Safe: H<sub>2</sub>O, <kbd>Ctrl</kbd>, <sup>2</sup>.

    <svg onload="document.title='svg'"><circle r="1"/></svg>

    ```python
    x = 1
    ```

    <video><source onerror="document.title='video'"></video>Note[^n].

    [^n]: A footnote <input autofocus onfocus="document.title='input'">

    """

    static let payloadMarkers = ["onerror", "ontoggle", "onload", "onfocus", "javascript:", "<svg", "<video", "<input", "document.title"]

    static func run(allowsRawHTML: Bool = false) throws -> NotebookRun {
        let document = try MarkdownParser.parse(source, path: "n.md")
        let cells: [CellResult] = document.blocks.map { block in
            if case .fencedCode(let code) = block.kind { .code(code) } else { .prose(block) }
        }
        return NotebookRun(
            title: "Results", path: "n.md", cells: cells,
            provenance: Provenance(recbookVersion: "0", seed: nil, parameters: [], files: []), duration: 0,
            includesTimings: false, allowsRawHTML: allowsRawHTML
        )
    }

    static func rendered(_ format: ReportFormat, allowsRawHTML: Bool = false) throws -> String {
        let document = format.render(try run(allowsRawHTML: allowsRawHTML), name: "n", source: source)
        return String(decoding: document.main.contents, as: UTF8.self)
    }

    @Test(arguments: ReportFormat.allCases)
    func noPayloadSurvivesInAnyFormat(_ format: ReportFormat) throws {
        let text = try Self.rendered(format)
        for marker in Self.payloadMarkers {
            #expect(!text.contains(marker), "\(format.rawValue) still contains \(marker)")
        }
    }

    @Test func harmlessHTMLStillRendersInTheHTMLReport() throws {
        let html = try Self.rendered(.html)
        #expect(html.contains(#"<h1 id="top">Results <img src="x" /></h1>"#))
        #expect(html.contains("<details open>\n<summary>More</summary>\n"))
        #expect(html.contains(#"<p>Inside, <img src="x" /> and <a>a link</a>.</p>"#))
        #expect(html.contains("</details>\n"))
        #expect(html.contains("<p>Safe: H<sub>2</sub>O, <kbd>Ctrl</kbd>, <sup>2</sup>.</p>"))
        #expect(html.contains(##"<sup class="footnote-ref"><a href="#fn-n" id="fnref-n" data-footnote-ref>1</a></sup>"##))
    }

    @Test func theMarkdownReportKeepsSafeProseAsWritten() throws {
        let markdown = try Self.rendered(.markdown)
        // Safe prose is copied as written; prose that lost something is its safe HTML.
        #expect(markdown.contains("Safe: H<sub>2</sub>O, <kbd>Ctrl</kbd>, <sup>2</sup>."))
        #expect(markdown.hasPrefix("# Results \n\n"))
        #expect(markdown.contains("<details open>\n<summary>More</summary>\n"))
        #expect(markdown.contains(#"<p>Inside, <img src="x" /> and <a>a link</a>.</p>"#))
        // The footnote lost its input, so it is shown as HTML, not as its definition.
        #expect(!markdown.contains("[^n]: A footnote"))
        #expect(markdown.contains("A footnote"))
    }

    @Test func theJSONReportGivesSafeHTMLAndMarkdown() throws {
        let json = try Self.rendered(.json)
        #expect(json.contains(#""markdown": "Safe: H<sub>2</sub>O, <kbd>Ctrl</kbd>, <sup>2</sup>.""#))
        #expect(json.contains(#""html": "<p>Inside, <img src=\"x\" /> and <a>a link</a>.</p>\n""#))
    }

    @Test func aTrustedNotebookKeepsItsHTML() throws {
        let html = try Self.rendered(.html, allowsRawHTML: true)
        #expect(html.contains(#"<details open ontoggle="document.title='details'">"#))
        #expect(html.contains(#"<svg onload="document.title='svg'"><circle r="1"/></svg>"#))
        let markdown = try Self.rendered(.markdown, allowsRawHTML: true)
        #expect(markdown.contains("[^n]: A footnote <input autofocus onfocus=\"document.title='input'\">"))
    }

    @Test func notesAreSanitizedEvenInATrustedNotebook() {
        let renderer = HTMLReportRenderer(noteRenderer: { _ in #"<p>Top: <img src=x onerror="alert(1)"></p>"# })
        var run = FormatFixturesRun.withNote()
        run.allowsRawHTML = true
        let html = renderer.render(run)
        #expect(html.contains(#"<p>Top: <img src="x" /></p>"#))
        #expect(!html.contains("onerror"))
    }

    /// The policy allows exactly the page's own scripts, by the SHA-256 of their text.
    /// Expected hashes from Python:
    /// `base64.b64encode(hashlib.sha256(script.encode()).digest())` for each script's text.
    @Test func theContentSecurityPolicyNamesThePageScriptsByHash() throws {
        let html = try Self.rendered(.html)
        let printing = "IS6I6+iefQgnm32GXfUoNGLaPMRVmbglcZcgjBP8QPM="
        let reload = "5JNJ3tgbf5RUWr2PdYavU5ozHB5vMxv6TS1R8Niu2IU="
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-\#(printing)&#39;; style-src &#39;unsafe-inline&#39;; img-src * &#39;self&#39; data:; base-uri &#39;none&#39;; form-action &#39;none&#39;"/>"#))
        // The policy comes before anything that could run.
        let policy = try #require(html.range(of: "Content-Security-Policy"))
        let firstScript = try #require(html.range(of: "<script>"))
        #expect(policy.lowerBound < firstScript.lowerBound)
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(PageScripts.liveReport.contentSecurityPolicy()
            == "default-src 'none'; script-src 'sha256-\(printing)' 'sha256-\(reload)'; style-src 'unsafe-inline'; "
            + "img-src * 'self' data:; base-uri 'none'; form-action 'none'; connect-src 'self'")
        let live = HTMLReportRenderer(scripts: .liveReport).render(try Self.run())
        #expect(live.contains("<script>" + PageScripts.liveReload + "</script>"))
    }

    @Test func theDiagnosticsPageEscapesAndCarriesThePolicy() {
        let page = DiagnosticsPage.render(path: "<x>.md", diagnostics: ["<x>.md:1:1: error: <img src=x onerror=alert(1)>"], scripts: .liveOnly)
        #expect(page.contains("<pre>&lt;x&gt;.md:1:1: error: &lt;img src=x onerror=alert(1)&gt;</pre>"))
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("<script>" + PageScripts.liveReload + "</script>"))
    }
}

/// A run with one step that wrote a note, for the note tests.
enum FormatFixturesRun {
    static func withNote() -> NotebookRun {
        let code = FencedCode(info: "notes", language: "notes", literal: "", fenceLine: 1, fenceColumn: 1,
                              bodyFirstLine: 2, bodyColumn: 1, fence: "```")
        let step = StepCellResult(
            number: 1, name: "notes", block: code, binding: nil, status: .succeeded,
            outputs: [.note(Note(.info, markdown: "ignored"))], duration: nil, valueSummary: nil, expectations: [], cacheNote: nil
        )
        return NotebookRun(title: "T", path: "n.md", cells: [.step(step)],
                           provenance: Provenance(recbookVersion: "0", seed: nil, parameters: [], files: []), duration: 0)
    }
}
