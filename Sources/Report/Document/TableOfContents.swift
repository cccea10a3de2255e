/// The report's table of contents: the notebook's headings as nested lists of links.
struct TableOfContents {
    struct Entry {
        var level: Int
        /// The heading's plain text.
        var text: String
        var id: String
    }

    /// The `id` of the `nav` element.
    static let id = "contents"

    /// Headings deeper than this are left out, to keep the list short.
    static let deepestLevel = 4

    var entries: [Entry] = []

    /// A `nav` element, or nothing when there are no headings. The list sits in an open
    /// `<details>` so a reader can fold it away.
    func node() -> MarkupNode {
        let shown = entries.filter { $0.level <= Self.deepestLevel }
        guard !shown.isEmpty else { return .empty }
        return .element("nav", ["class": "toc", "id": Self.id, "aria-label": "Contents"], [
            .element("details", ["open": ""], [
                .element("summary", text: "Contents"),
                list(shown[...]),
            ]),
        ])
    }

    /// Nests entries by level. The first entry sets the level of its list; any deeper entries
    /// that follow become its children, whatever the jump in level (an `h2` followed by an `h4`
    /// still nests one step), so the lists are always well-formed.
    private func list(_ entries: ArraySlice<Entry>) -> MarkupNode {
        var items: [MarkupNode] = []
        var index = entries.startIndex
        while index < entries.endIndex {
            let entry = entries[index]
            var childEnd = index + 1
            while childEnd < entries.endIndex, entries[childEnd].level > entry.level { childEnd += 1 }
            let children = entries[(index + 1)..<childEnd]
            let link = MarkupNode.element("a", ["href": "#" + entry.id], text: entry.text)
            items.append(.element("li", children.isEmpty ? [link] : [link, list(children)]))
            index = childEnd
        }
        return .element("ol", items)
    }
}
