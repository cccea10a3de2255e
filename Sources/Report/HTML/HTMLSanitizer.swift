/// Reduces HTML written by a notebook's author (raw HTML in prose, as cmark-gfm passes it
/// through) to an allow-list of harmless elements and attributes, so that a report is safe to
/// open whoever wrote the notebook.
///
/// The fragment is tokenized as a browser would (``HTMLTokenizer``) and written out again from
/// the tokens: allowed tags with their allowed attributes, always double-quoted and escaped;
/// text with every `<` escaped. Nothing else reaches the output, so what a browser parses is
/// exactly what was judged, whatever tricks the input played on the tokenizer. In particular:
/// - no script can run: no `<script>`, no event-handler attribute (`onerror`, `ontoggle`, …), no
///   `javascript:` or `data:` link (a `data:image/…` picture is allowed: images run no script);
/// - nothing reaches outside the prose: no `<base>`, `<form>`, `<meta>`, `<link>`, `<style>` or
///   `style` attribute, no frames, objects, embeds, SVG or MathML, no media elements;
/// - elements are balanced: an end tag with no open element is dropped, and ``finish()``
///   closes what is still open, so prose cannot close or swallow the report around it.
///
/// A sanitizer may be fed consecutive fragments (the blocks of a run of prose): elements opened
/// in one may close in a later one, as `<details>` … `</details>` around Markdown does.
struct HTMLSanitizer {
    /// What one fragment became.
    struct Result: Equatable {
        var html: String
        /// Whether an element, attribute or URL was removed, or a tag cut off (comments, stray
        /// end tags and the spelling of attributes do not count). A fragment with nothing
        /// removed may be shown as its author wrote it.
        var removedSomething: Bool
    }

    /// Elements kept, with the attributes each may carry besides ``globalAttributes``.
    static let allowedElements: [String: Set<String>] = {
        var elements: [String: Set<String>] = [:]
        let plain = [
            "p", "div", "span", "section", "br", "hr", "b", "i", "u", "s", "strike", "em", "strong", "small",
            "big", "mark", "sub", "sup", "kbd", "samp", "var", "code", "pre", "tt", "cite", "dfn", "abbr",
            "h1", "h2", "h3", "h4", "h5", "h6", "ul", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
            "tr", "caption", "summary", "figure", "figcaption", "ruby", "rt", "rp", "wbr", "center",
        ]
        for name in plain { elements[name] = [] }
        elements["a"] = ["href"]
        elements["img"] = ["src", "alt", "width", "height"]
        elements["ol"] = ["start", "type", "reversed"]
        elements["li"] = ["value"]
        elements["td"] = ["colspan", "rowspan", "headers", "valign", "width"]
        elements["th"] = ["colspan", "rowspan", "headers", "scope", "valign", "width", "abbr"]
        elements["col"] = ["span", "width"]
        elements["colgroup"] = ["span", "width"]
        elements["details"] = ["open"]
        elements["blockquote"] = ["cite"]
        elements["q"] = ["cite"]
        elements["ins"] = ["cite", "datetime"]
        elements["del"] = ["cite", "datetime"]
        elements["time"] = ["datetime"]
        // Task-list checkboxes, as cmark-gfm writes them; ``isAllowedInput(_:)`` checks the type.
        elements["input"] = ["type", "checked", "disabled"]
        return elements
    }()

    /// Attributes any allowed element may carry. `name` is not among them: it would let prose
    /// shadow properties of `document` that the report's script uses.
    static let globalAttributes: Set<String> = [
        "id", "class", "title", "lang", "dir", "align", "aria-label", "aria-hidden",
        // cmark-gfm marks footnotes with these.
        "data-footnote-ref", "data-footnotes", "data-footnote-backref",
    ]

    /// Attributes holding a URL, with the schemes each accepts (a relative URL is always accepted).
    static let urlAttributes: [String: Set<String>] = [
        "href": ["http", "https", "mailto"],
        "src": ["http", "https", "data"],
        "cite": ["http", "https"],
    ]

    /// Elements dropped together with everything inside them: their content is code, styling,
    /// or fallback that only shows when the dropped element fails.
    static let droppedWithContent: Set<String> = HTMLTokenizer.rawTextElements.union([
        "template", "svg", "math", "object", "applet", "frameset", "frame", "select", "datalist", "plaintext",
    ])

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Open elements, innermost last.
    private var openElements: [String] = []

    /// Sanitizes one fragment on its own, closing whatever it leaves open.
    /// - Parameter html: the fragment.
    /// - Returns: the safe fragment and whether anything was removed.
    /// - Complexity: O(n) in the length of `html`.
    static func sanitize(_ html: String) -> Result {
        var sanitizer = HTMLSanitizer()
        var result = sanitizer.feed(html)
        result.html += sanitizer.finish()
        return result
    }

    /// Sanitizes the next fragment of a sequence; elements it leaves open stay open for the next.
    /// - Complexity: O(n) in the length of `html`.
    mutating func feed(_ html: String) -> Result {
        var output: [UInt8] = []
        output.reserveCapacity(html.utf8.count)
        var removed = false
        var tokenizer = HTMLTokenizer(Array(html.utf8))
        /// The dropped element whose content is being skipped, and how deeply it is nested.
        var skipping: (name: String, depth: Int)?
        while let token = tokenizer.next() {
            if let current = skipping {
                switch token {
                case let .startTag(name, _, selfClosing) where name == current.name && !selfClosing:
                    skipping?.depth += 1
                case let .endTag(name) where name == current.name:
                    skipping = current.depth > 1 ? (current.name, current.depth - 1) : nil
                default:
                    break
                }
                continue
            }
            switch token {
            case let .text(text):
                Self.appendEscaped(text, quotes: false, to: &output)
            case .ignored:
                break
            case .truncated:
                removed = true
            case let .startTag(name, attributes, selfClosing):
                if Self.droppedWithContent.contains(name) {
                    removed = true
                    // A self-closing `<svg/>` or `<math/>` has no content; in HTML the slash means nothing.
                    if !(selfClosing && (name == "svg" || name == "math")) { skipping = (name, 1) }
                    continue
                }
                removed = startTag(name, attributes, to: &output) || removed
            case let .endTag(name):
                // An end tag with no open element is dropped: it could only close the report around.
                if let index = openElements.lastIndex(of: name) {
                    for element in openElements[index...].reversed() { Self.appendEndTag(element, to: &output) }
                    openElements.removeSubrange(index...)
                }
            }
        }
        return Result(html: String(decoding: output, as: UTF8.self), removedSomething: removed)
    }

    /// End tags for the elements still open, innermost first; the sanitizer is then empty.
    mutating func finish() -> String {
        var output: [UInt8] = []
        for element in openElements.reversed() { Self.appendEndTag(element, to: &output) }
        openElements = []
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes an allowed start tag with its allowed attributes; returns whether anything was removed.
    private mutating func startTag(_ name: String, _ attributes: [HTMLTokenizer.Attribute], to output: inout [UInt8]) -> Bool {
        guard let allowed = Self.allowedElements[name], name != "input" || Self.isAllowedInput(attributes) else {
            return true
        }
        var removed = false
        var seen: Set<String> = []
        output += Array("<\(name)".utf8)
        for attribute in attributes {
            // A browser keeps the first of repeated attributes.
            guard seen.insert(attribute.name).inserted else { continue }
            guard allowed.contains(attribute.name) || Self.globalAttributes.contains(attribute.name) else {
                removed = true
                continue
            }
            if let schemes = Self.urlAttributes[attribute.name], !Self.isAllowedURL(attribute.value ?? [], schemes: schemes, element: name) {
                removed = true
                continue
            }
            output += Array(" \(attribute.name)".utf8)
            if let value = attribute.value {
                output += Array("=\"".utf8)
                Self.appendEscaped(value, quotes: true, to: &output)
                output.append(UInt8(ascii: "\""))
            }
        }
        if Self.voidElements.contains(name) {
            output += Array(" />".utf8)
        } else {
            output.append(UInt8(ascii: ">"))
            openElements.append(name)
        }
        return removed
    }

    private static func appendEndTag(_ name: String, to output: inout [UInt8]) {
        output += Array("</\(name)>".utf8)
    }

    /// Only checkboxes: any other input is a form control that invites typing into a report.
    static func isAllowedInput(_ attributes: [HTMLTokenizer.Attribute]) -> Bool {
        guard let type = attributes.first(where: { $0.name == "type" })?.value else { return false }
        return CharacterReferences.decode(type).lowercased() == "checkbox"
    }

    /// Whether a URL attribute's value (as written) is safe: after decoding character references
    /// and removing what a browser's URL parser removes (leading and trailing controls and spaces,
    /// tabs and line breaks anywhere), it has no scheme or one of `schemes`. A `data:` URL is
    /// accepted only as an image's source with an image type.
    static func isAllowedURL(_ raw: ArraySlice<UInt8>, schemes: Set<String>, element: String) -> Bool {
        let url = CharacterReferences.decode(raw).unicodeScalars
            .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
            .drop { $0.value <= 0x20 }
        guard let scheme = scheme(of: url) else { return true }
        guard schemes.contains(scheme) else { return false }
        if scheme == "data" {
            let rest = String(String.UnicodeScalarView(url.dropFirst("data:".count))).lowercased()
            return element == "img" && rest.hasPrefix("image/")
        }
        return true
    }

    /// The lower-cased scheme of `url` (`[A-Za-z][A-Za-z0-9+.-]*` before a `:`), or nil when it
    /// has none and is relative.
    static func scheme<URL: Collection<Unicode.Scalar>>(of url: URL) -> String? {
        guard let first = url.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        var scheme = String.UnicodeScalarView()
        for scalar in url {
            if scalar == ":" { return String(scheme).lowercased() }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar) else {
                return nil
            }
            scheme.append(scalar)
        }
        return nil
    }

    /// Copies text or an attribute value, escaping what could end it or open markup: `<`, an `&`
    /// that starts no complete character reference, and in attribute values `"` and `>`. Control
    /// characters HTML forbids become U+FFFD, as ``HTMLEscaping`` does.
    static func appendEscaped(_ raw: ArraySlice<UInt8>, quotes: Bool, to output: inout [UInt8]) {
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            switch byte {
            case UInt8(ascii: "<"): output += Array("&lt;".utf8)
            case UInt8(ascii: ">") where quotes: output += Array("&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: output += Array("&quot;".utf8)
            case UInt8(ascii: "&") where !CharacterReferences.startsCompleteReference(raw, at: index):
                output += Array("&amp;".utf8)
            case 0x09, 0x0A, 0x0D: output.append(byte)
            case 0x00..<0x20: output += Array("\u{FFFD}".utf8)
            default: output.append(byte)
            }
            index += 1
        }
    }
}
