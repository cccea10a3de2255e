import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Report

@Suite struct TableOfContentsTests {
    /// The list structure of a TOC built from headings at `levels`: "(" opens a list, ")" closes
    /// it, and each item is its heading's text (h0, h1, … in order).
    private func structure(_ levels: [Int]) throws -> String {
        let toc = TableOfContents(entries: levels.enumerated().map {
            TableOfContents.Entry(level: $0.element, text: "h\($0.offset)", id: "h\($0.offset)")
        })
        let markup = toc.node().rendered()
        guard !markup.isEmpty else { return "" }
        func walk(_ node: XMLNode) -> String {
            let children = (node.children ?? []).filter { $0.kind == .element }
            switch node.name {
            case "ol": return "(" + children.map(walk).joined(separator: " ") + ")"
            case "li": return children.map(walk).joined(separator: " ")
            case "a": return node.stringValue ?? ""
            default: return children.map(walk).joined()
            }
        }
        let list = try #require(try XMLTree(markup).nodes("/nav/details/ol").first)
        return walk(list)
    }

    @Test(arguments: [
        ([2, 2, 2], "(h0 h1 h2)"),
        ([2, 3, 3, 2], "(h0 (h1 h2) h3)"),
        ([2, 4, 3, 2], "(h0 (h1 h2) h3)"),
        ([3, 2, 3], "(h0 h1 (h2))"),
        ([1, 2, 3, 4, 5], "(h0 (h1 (h2 (h3))))"),
        ([], ""),
    ])
    func nestsByLevelWhateverTheJumps(levels: [Int], expected: String) throws {
        #expect(try structure(levels) == expected)
    }
}
