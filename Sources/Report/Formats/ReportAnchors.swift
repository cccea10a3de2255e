import NotebookMarkdown
import RunModel

/// The ids and numbers every report format gives the same run: which heading is the title, an
/// id per step and per heading, the figure and table numbering with its labels, and the colour
/// of each series name.
///
/// HTML and Markdown reports link to these ids, and all formats number figures and tables
/// through the same ``OutputCatalog``, so "Figure 3" is the same figure in every format, and
/// colour series through the same ``SeriesColours``, so a series is the same colour in each.
struct ReportAnchors {
    /// The index of the cell that is the notebook's title, if any (see ``titleHeadingIndex(in:)``).
    let titleCell: Int?
    /// Whether the title cell's heading says what the title says, so that reports show the
    /// heading's own markup as the title; otherwise they show the title's text.
    let titleShowsHeading: Bool
    /// Ids of the steps' sections, by cell index.
    let stepIDs: [Int: String]
    /// Ids of the headings, by cell index (the title heading has none).
    let headingIDs: [Int: String]
    /// Numbers and ids of the figures and tables, and their labels.
    let catalog: OutputCatalog
    /// The colour of each series name, the same in every figure of the run.
    let seriesColours: SeriesColours

    /// Ids the HTML report gives its title, table of contents and footer.
    static let reservedIDs = ["top", TableOfContents.id, ProvenanceFooter.id]

    /// Assigns ids in a fixed order (reserved ids, steps, headings, figures and tables) so that
    /// they do not depend on how a format walks the run.
    init(run: NotebookRun) {
        var slugger = AnchorSlugger()
        for reserved in Self.reservedIDs { _ = slugger.unique(reserved) }
        var stepIDs: [Int: String] = [:]
        for (index, cell) in run.cells.enumerated() {
            if case .step(let step) = cell { stepIDs[index] = slugger.unique(Self.id(forStep: step.number)) }
        }
        let titleCell = Self.titleHeadingIndex(in: run)
        var headingIDs: [Int: String] = [:]
        for (index, cell) in run.cells.enumerated() where index != titleCell {
            guard case .prose(let block) = cell, case let .heading(_, text, _) = block.kind else { continue }
            headingIDs[index] = slugger.uniqueSlug(for: text)
        }
        self.titleCell = titleCell
        self.titleShowsHeading = titleCell.map { Self.heading(run.cells[$0], says: run.title) } ?? false
        self.stepIDs = stepIDs
        self.headingIDs = headingIDs
        self.catalog = OutputCatalog(cells: run.cells, slugger: &slugger)
        self.seriesColours = SeriesColours(run: run)
    }

    /// The id step `number`'s section would have if nothing else claimed it first.
    static func id(forStep number: Int) -> String {
        "step-\(number)"
    }

    /// The id of the step in cell `index`.
    func stepID(cell index: Int, number: Int) -> String {
        stepIDs[index] ?? Self.id(forStep: number)
    }

    /// The index of a level-1 heading that opens the notebook and repeats its title, in full or
    /// in part ("Which recommender?" under the title "Which recommender? An honest comparison"):
    /// reports show the title once rather than twice, and the table of contents starts below it
    /// instead of nesting every section under a repeat of the title. A heading that says
    /// something else stays.
    static func titleHeadingIndex(in run: NotebookRun) -> Int? {
        guard let first = run.cells.first, case .prose(let block) = first,
              case let .heading(level, text, _) = block.kind, level == 1
        else { return nil }
        let heading = normalized(text), title = normalized(run.title)
        guard !heading.isEmpty, heading.hasPrefix(title) || title.hasPrefix(heading) else { return nil }
        return 0
    }

    /// Lowercased, without surrounding spaces and trailing punctuation.
    private static func normalized(_ text: String) -> String {
        var result = text.lowercased().trimmingCharacters(in: .whitespaces)
        while let last = result.last, ".:;!?,".contains(last) || last.isWhitespace { result.removeLast() }
        return result
    }

    private static func heading(_ cell: CellResult, says title: String) -> Bool {
        guard case .prose(let block) = cell, case let .heading(_, text, _) = block.kind else { return false }
        return text.trimmingCharacters(in: .whitespaces) == title.trimmingCharacters(in: .whitespaces)
    }
}
