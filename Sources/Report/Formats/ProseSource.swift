import NotebookMarkdown
import RunModel

/// The Markdown source of a run's prose, cut out of the notebook's text by each block's range, so
/// that the Markdown and ipynb reports show prose as it was written rather than as HTML.
///
/// cmark-gfm keeps no block for link reference definitions (`[movielens]: https://…`), and it
/// gathers footnote definitions into one final block whose range spans whatever lies between
/// them. Lines that belong to no cell and open with `[` are therefore collected as
/// ``definitions``, and the footnote block's own text is left empty: a report writes the
/// definitions once, where the footnotes would be, so links and footnotes keep working.
struct ProseSource {
    /// The Markdown of each prose cell, by cell index. A prose cell without an entry (no source
    /// text, or a range outside it) falls back to its HTML.
    private let markdownByCell: [Int: String]
    /// Link reference and footnote definitions that belong to no block, each with its
    /// continuation lines, in source order.
    let definitions: [String]

    /// The link reference definitions among ``definitions``.
    var linkDefinitions: [String] { definitions.filter { !Self.isFootnoteDefinition($0) } }

    /// The footnote definitions (`[^note]: …`) among ``definitions``.
    var footnoteDefinitions: [String] { definitions.filter(Self.isFootnoteDefinition) }

    /// - Parameters:
    ///   - run: the run whose prose to find.
    ///   - source: the notebook's text, as read from its file; nil when unknown.
    init(run: NotebookRun, source: String?) {
        guard let source else {
            markdownByCell = [:]
            definitions = []
            return
        }
        let lines = Self.lines(of: source)
        // claimed[n] is true when line n (1-based) belongs to a cell or the front matter.
        var claimed = [Bool](repeating: false, count: lines.count + 2)
        func claim(_ first: Int, _ last: Int) {
            guard first <= last else { return }
            for line in max(1, first)...min(last, lines.count + 1) { claimed[line] = true }
        }
        if let end = Self.frontMatterEnd(lines) { claim(1, end) }

        var markdownByCell: [Int: String] = [:]
        for (index, cell) in run.cells.enumerated() {
            switch cell {
            case .prose(let block):
                if case .other("footnote_definition") = block.kind {
                    markdownByCell[index] = ""
                    continue
                }
                let range = block.range
                guard range.startLine >= 1, range.startLine <= range.endLine, range.endLine <= lines.count else { continue }
                claim(range.startLine, range.endLine)
                markdownByCell[index] = lines[(range.startLine - 1)...(range.endLine - 1)].joined(separator: "\n")
            case .code(let code):
                claim(code.fenceLine, code.closingFenceLine)
            case .step(let step):
                claim(step.block.fenceLine, step.block.closingFenceLine)
            }
        }

        var definitions: [String] = []
        var line = 1
        while line <= lines.count {
            guard !claimed[line], !Self.isBlank(lines[line - 1]) else { line += 1; continue }
            var end = line
            while end < lines.count, !claimed[end + 1], !Self.isBlank(lines[end]) { end += 1 }
            if Self.opensDefinition(lines[line - 1]) {
                definitions.append(lines[(line - 1)...(end - 1)].joined(separator: "\n"))
            }
            line = end + 1
        }
        self.markdownByCell = markdownByCell
        self.definitions = definitions
    }

    /// The Markdown of prose cell `index`, without a trailing line break; nil when it must be
    /// shown from its HTML instead. The footnote block's text is empty: its definitions are in
    /// ``definitions``.
    func markdown(cell index: Int) -> String? {
        markdownByCell[index]
    }

    /// `text` split into lines the way cmark numbers them: a leading byte order mark dropped,
    /// CRLF and lone CR ending lines as LF does.
    static func lines(of text: String) -> [Substring] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // Swift treats "\r\n" as one Character, so splitting on newlines handles all three endings.
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The last line of a leading `---` … `---` (or `...`) front matter block, if there is one.
    private static func frontMatterEnd(_ lines: [Substring]) -> Int? {
        guard lines.count >= 2, trimmedTrailing(lines[0]) == "---" else { return nil }
        return (2...lines.count).first { number in
            let line = trimmedTrailing(lines[number - 1])
            return line == "---" || line == "..."
        }
    }


    /// A link reference definition or footnote definition starts with up to three spaces and `[`.
    private static func opensDefinition(_ line: Substring) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        return indent <= 3 && line.dropFirst(indent).first == "["
    }

    private static func isFootnoteDefinition(_ definition: String) -> Bool {
        definition.drop { $0 == " " }.hasPrefix("[^")
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    private static func trimmedTrailing(_ line: Substring) -> Substring {
        var line = line
        while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
        return line
    }
}
