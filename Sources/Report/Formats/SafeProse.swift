import NotebookMarkdown
import RunModel

/// A run's prose as every report format may show it: the raw HTML an author wrote reduced to
/// harmless HTML (``HTMLSanitizer``), unless the notebook is trusted
/// (``NotebookRun/allowsRawHTML``).
///
/// A run of consecutive prose blocks is sanitized as one sequence, so that `<details>` in one
/// block may close in a later one; the sequence is closed after its last block, before the next
/// code or step cell. Headings are sanitized on their own.
///
/// The Markdown, ipynb and JSON reports copy prose as written; for a block from which anything
/// was removed they show the sanitized HTML instead (``isSafeAsWritten(cell:)``), so that the
/// same payload is caught in every format.
struct SafeProse {
    /// Sanitized HTML of each prose cell, by cell index; empty when the notebook is trusted.
    private var html: [Int: String] = [:]
    /// Sanitized inline HTML of each heading cell, by cell index.
    private var headingHTML: [Int: String] = [:]
    /// Cells from which something was removed.
    private var unsafe: Set<Int> = []

    init(run: NotebookRun) {
        guard !run.allowsRawHTML else { return }
        var sequence = HTMLSanitizer()
        var lastInSequence: Int?
        func closeSequence() {
            if let last = lastInSequence { html[last, default: ""] += sequence.finish() }
            lastInSequence = nil
        }
        for (index, cell) in run.cells.enumerated() {
            guard case let .prose(block) = cell else {
                closeSequence()
                continue
            }
            if case let .heading(_, _, inlineHTML) = block.kind {
                let inline = HTMLSanitizer.sanitize(inlineHTML)
                let whole = HTMLSanitizer.sanitize(block.html)
                headingHTML[index] = inline.html
                html[index] = whole.html
                if inline.removedSomething || whole.removedSomething { unsafe.insert(index) }
                continue
            }
            let result = sequence.feed(block.html)
            html[index] = result.html
            if result.removedSomething { unsafe.insert(index) }
            lastInSequence = index
        }
        closeSequence()
    }

    /// The HTML to show for prose cell `index`, whose block is `block`.
    func html(cell index: Int, block: MarkdownBlock) -> String {
        html[index] ?? block.html
    }

    /// The inline HTML to show inside heading cell `index`.
    func headingHTML(cell index: Int, inlineHTML: String) -> String {
        headingHTML[index] ?? inlineHTML
    }

    /// Whether prose cell `index` may be shown as its author wrote it: nothing was removed from it.
    func isSafeAsWritten(cell index: Int) -> Bool {
        !unsafe.contains(index)
    }

    /// HTML a step wrote (a note rendered from Markdown): always sanitized, trusted notebook or
    /// not, because a note quotes data, and data is never trusted.
    static func stepHTML(_ html: String) -> String {
        HTMLSanitizer.sanitize(html).html
    }
}
