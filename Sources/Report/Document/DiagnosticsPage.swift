/// The page `recbook watch` serves while a notebook has errors: the diagnostics, and the
/// scripts (and Content-Security-Policy) of a report.
public enum DiagnosticsPage {
    /// - Parameters:
    ///   - path: the notebook's path.
    ///   - diagnostics: each problem as `check` prints it.
    ///   - scripts: the page's scripts, usually ``PageScripts/liveOnly``.
    /// - Returns: a complete HTML document; every string from the notebook is escaped.
    public static func render(path: String, diagnostics: [String], scripts: PageScripts) -> String {
        let document = MarkupNode.fragment([
            .trusted("<!DOCTYPE html>\n"),
            .element("html", ["lang": "en"], [
                .element("head", [
                    .element("meta", ["charset": "utf-8"]),
                    scripts.policyNode(),
                    .element("title", text: path + ": errors"),
                    .element("style", [.trusted(stylesheet)]),
                ]),
                .element("body", [
                    .element("h1", text: path + " has errors"),
                    .element("p", text: "Nothing was run. Fix the notebook and save it; this page reloads."),
                    .element("pre", text: diagnostics.joined(separator: "\n")),
                    .fragment(scripts.scriptNodes),
                ]),
            ]),
        ])
        return document.rendered(as: .html)
    }

    private static let stylesheet = """
    body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
    pre{background:#fff3f3;border-left:4px solid #c62828;padding:1rem;white-space:pre-wrap}
    """
}
