import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup that must be well-formed XML (SVG charts, and the report, which recbook writes
/// as XML-compatible HTML) and answers XPath queries, so tests can assert on structure rather
/// than on substrings.
struct XMLTree {
    let document: XMLDocument

    /// - Throws: the parser's error when `markup` is not well-formed.
    init(_ markup: String) throws {
        document = try XMLDocument(xmlString: markup, options: [.nodePreserveWhitespace])
    }

    /// Nodes matching `xpath`. SVG elements live in the SVG namespace, so queries on charts use
    /// `local-name()`, for example `//*[local-name()='rect']`.
    func nodes(_ xpath: String) throws -> [XMLNode] {
        try document.nodes(forXPath: xpath)
    }

    /// The string values of nodes matching `xpath`.
    func strings(_ xpath: String) throws -> [String] {
        try nodes(xpath).map { $0.stringValue ?? "" }
    }

    /// Elements named `name` (in any namespace).
    func elements(_ name: String) throws -> [XMLElement] {
        try nodes("//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
    }
}

extension XMLElement {
    /// The value of attribute `name`. (On Linux, `attribute(forName:)` finds nothing on elements in
    /// a default namespace such as SVG's, so this searches the list itself.)
    func attributeValue(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }

    /// The value of attribute `name` as a number, or nil.
    func number(_ name: String) -> Double? {
        attributeValue(name).flatMap(Double.init)
    }
}
