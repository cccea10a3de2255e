import RecbookSupport

/// The scripts a report page runs, and the Content-Security-Policy that lets no other script run.
///
/// The policy names each script by its SHA-256, so an inline script or event handler that
/// slipped into the page any other way (raw HTML in prose, a value from data) does not run.
/// It also keeps the page from loading anything but pictures: no frames, objects or forms
/// unless the notebook is trusted, no `<base>`, and no requests except the live reload's.
public struct PageScripts: Sendable, Hashable {
    /// The scripts' source text, each the whole content of one `<script>` element.
    let sources: [String]
    /// Whether a script fetches from the page's own server (the live reload).
    let fetchesFromOrigin: Bool

    /// A report opened from a file: the script that opens every `<details>` for printing.
    public static let report = PageScripts(sources: [expandDetailsBeforePrinting], fetchesFromOrigin: false)

    /// A report served by `recbook watch`: it also reloads itself when the server's version
    /// number moves on.
    public static let liveReport = PageScripts(sources: [expandDetailsBeforePrinting, liveReload], fetchesFromOrigin: true)

    /// A page with nothing to print specially that reloads itself (`watch`'s error page).
    public static let liveOnly = PageScripts(sources: [liveReload], fetchesFromOrigin: true)

    /// Opens every `<details>` when the page is printed; CSS alone cannot in every browser.
    static let expandDetailsBeforePrinting =
        #"addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true})})"#

    /// Polls `/_recbook/version` every second and reloads the page when the number changes.
    static let liveReload = """
    (function(){var v=null;setInterval(function(){fetch('/_recbook/version',{cache:'no-store'})\
    .then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t})\
    .catch(function(){})},1000)})();
    """

    /// The policy for a page that runs these scripts.
    /// - Parameter allowsEmbeds: the page shows a trusted notebook's raw HTML, which may embed
    ///   frames and media from elsewhere (their scripts run in their own origin, never the page's).
    public func contentSecurityPolicy(allowsEmbeds: Bool = false) -> String {
        let hashes = sources.map { "'sha256-\(Digest.sha256Base64($0))'" }.joined(separator: " ")
        var directives = [
            "default-src 'none'",
            "script-src \(hashes)",
            "style-src 'unsafe-inline'",
            "img-src * 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
        if fetchesFromOrigin { directives.append("connect-src 'self'") }
        if allowsEmbeds { directives += ["media-src * 'self' data:", "frame-src *"] }
        return directives.joined(separator: "; ")
    }

    /// The `<meta>` element that applies the policy; it must come before any script.
    func policyNode(allowsEmbeds: Bool = false) -> MarkupNode {
        .element("meta", ["http-equiv": "Content-Security-Policy", "content": contentSecurityPolicy(allowsEmbeds: allowsEmbeds)])
    }

    /// One `<script>` element per script, in order.
    var scriptNodes: [MarkupNode] {
        sources.map { .element("script", [.trusted($0)]) }
    }
}
