/// A small tree of HTML or SVG elements that escapes every text and attribute value as it is
/// written.
///
/// Renderers build documents from these nodes instead of concatenating strings, so escaping is
/// the default and trusting markup is the visible exception (``trusted(_:)``). Attribute order is
/// the order written, which keeps output byte-for-byte deterministic.
struct MarkupNode: Sendable {
    /// How empty elements are closed: HTML needs `<td></td>`, XML (and SVG) allows `<rect/>`.
    enum Syntax: Sendable {
        case html
        case xml
    }

    private indirect enum Kind: Sendable {
        case element(name: String, attributes: [(String, String)], children: [MarkupNode])
        case text(String)
        case trusted(String)
        case fragment([MarkupNode])
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// An element. Attributes whose value is `nil` are left out; an empty value is written as
    /// `name=""`, which is how boolean attributes such as `open` are spelled.
    /// - Parameters:
    ///   - name: the tag name, a literal from recbook's code (never data).
    ///   - attributes: names (literals) and values (escaped when written).
    ///   - children: the element's content.
    static func element(
        _ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ children: [MarkupNode] = []
    ) -> MarkupNode {
        let present = attributes.compactMap { pair in pair.value.map { (pair.key, $0) } }
        return MarkupNode(.element(name: name, attributes: present, children: children))
    }

    /// An element without attributes.
    static func element(_ name: String, _ children: [MarkupNode]) -> MarkupNode {
        MarkupNode(.element(name: name, attributes: [], children: children))
    }

    /// An element with attributes assembled at run time, in order; nil values are left out.
    static func element(
        _ name: String, attributeList attributes: [(String, String?)], _ children: [MarkupNode] = []
    ) -> MarkupNode {
        let present = attributes.compactMap { name, value in value.map { (name, $0) } }
        return MarkupNode(.element(name: name, attributes: present, children: children))
    }

    /// An element whose only content is escaped text.
    static func element(
        _ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String
    ) -> MarkupNode {
        element(name, attributes, [.text(text)])
    }

    /// Text from data, escaped when written.
    static func text(_ text: String) -> MarkupNode {
        MarkupNode(.text(text))
    }

    /// Markup written as is. Only for HTML that cmark-gfm rendered (its tagfilter has already
    /// removed dangerous tags) and for SVG or HTML that recbook's own renderers produced.
    static func trusted(_ markup: String) -> MarkupNode {
        MarkupNode(.trusted(markup))
    }

    /// Several nodes written one after another.
    static func fragment(_ nodes: [MarkupNode]) -> MarkupNode {
        MarkupNode(.fragment(nodes))
    }

    /// Nothing; convenient where a part is optional.
    static let empty = MarkupNode(.fragment([]))

    /// The markup as a string.
    func rendered(as syntax: Syntax = .html) -> String {
        var output = ""
        write(to: &output, syntax: syntax)
        return output
    }

    /// Appends the markup to `output`.
    func write(to output: inout String, syntax: Syntax) {
        switch kind {
        case .text(let text):
            output += HTMLEscaping.text(text)
        case .trusted(let markup):
            output += markup
        case .fragment(let nodes):
            for node in nodes { node.write(to: &output, syntax: syntax) }
        case let .element(name, attributes, children):
            output += "<" + name
            for (attribute, value) in attributes {
                output += " " + attribute + "=\"" + HTMLEscaping.attribute(value) + "\""
            }
            if children.isEmpty, syntax == .xml || Self.voidElements.contains(name) {
                output += "/>"
            } else {
                output += ">"
                for child in children { child.write(to: &output, syntax: syntax) }
                output += "</" + name + ">"
            }
            if Self.lineBreakingElements.contains(name) { output += "\n" }
        }
    }

    /// HTML elements that never have content. Written as `<meta/>`, which HTML accepts and which
    /// keeps the whole report parseable as XML (the tests rely on that).
    private static let voidElements: Set<String> = ["meta", "br", "hr", "img", "link", "input", "col", "wbr"]

    /// Elements followed by a line break, so the written document reads well and diffs line by
    /// line. None of them appears inside `<pre>`, where a break would change the content.
    private static let lineBreakingElements: Set<String> = [
        "html", "head", "body", "meta", "title", "style", "script", "header", "nav", "main", "footer",
        "section", "article", "aside", "div", "p", "figure", "figcaption", "details", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tr",
        "svg", "g", "rect", "line", "polyline", "circle", "text",
    ]
}
