import Outputs
import RunModel

/// Numbers a run's figures and tables in order of appearance, gives each an `id`, and records
/// the labels prose can refer to with `@fig-NAME` and `@tbl-NAME`.
///
/// Built before any HTML is written, so a reference may point forward to a later figure.
struct OutputCatalog {
    enum Kind: Sendable {
        case figure
        case table

        /// The word in captions and references: "Figure", "Table".
        var name: String {
            switch self {
            case .figure: "Figure"
            case .table: "Table"
            }
        }

        /// The prefix of references and ids: `fig`, `tbl`.
        var referencePrefix: String {
            switch self {
            case .figure: "fig"
            case .table: "tbl"
            }
        }
    }

    struct Entry: Sendable {
        var kind: Kind
        /// 1-based, counted separately for figures and tables.
        var number: Int
        var id: String

        /// "Figure 3".
        var title: String { "\(kind.name) \(number)" }
    }

    private struct OutputKey: Hashable {
        var cell: Int
        var output: Int
    }

    private var entries: [OutputKey: Entry] = [:]
    private var labelled: [String: Entry] = [:]
    /// The figures prose takes from the run (`` `=split.train` ``), by their text after `=`.
    private(set) var inlineValues: [String: InlineValueResult] = [:]

    /// Catalogues every figure and table in `cells`.
    /// - Parameters:
    ///   - cells: the run's cells, in order.
    ///   - slugger: hands out unique ids; labelled outputs get `fig-NAME` / `tbl-NAME` (slugged),
    ///     others `figure-N` / `table-N`.
    init(cells: [CellResult], slugger: inout AnchorSlugger) {
        var figureCount = 0
        var tableCount = 0
        for (cellIndex, cell) in cells.enumerated() {
            guard case .step(let step) = cell else { continue }
            inlineValues.merge(step.inlineValues) { _, later in later }
            for (outputIndex, output) in step.outputs.enumerated() {
                let kind: Kind
                let label: String?
                let number: Int
                switch output {
                case .figure(let figure):
                    figureCount += 1
                    (kind, label, number) = (.figure, figure.label, figureCount)
                case .table(let table):
                    tableCount += 1
                    (kind, label, number) = (.table, table.label, tableCount)
                case .text, .note:
                    continue
                }
                let id: String
                if let label, !label.isEmpty {
                    id = slugger.unique(kind.referencePrefix + "-" + AnchorSlugger.slug(label))
                } else {
                    id = slugger.unique(kind.name.lowercased() + "-\(number)")
                }
                let entry = Entry(kind: kind, number: number, id: id)
                entries[OutputKey(cell: cellIndex, output: outputIndex)] = entry
                // The first output with a label owns it.
                if let label, !label.isEmpty, labelled[kind.referencePrefix + "-" + label] == nil {
                    labelled[kind.referencePrefix + "-" + label] = entry
                }
            }
        }
    }

    /// The number and id of output `output` of the step in cell `cell`; nil for text and notes.
    func entry(cell: Int, output: Int) -> Entry? {
        entries[OutputKey(cell: cell, output: output)]
    }

    /// The figure or table a reference such as `fig-ratings` names, if any.
    func resolve(_ reference: String) -> Entry? {
        labelled[reference]
    }

    /// The inline value written as `` `=TEXT` ``: its rendered figure, or why there is none
    /// (the step failed, or its value lacks the measurement).
    func inlineValue(_ text: String) -> InlineValueResult {
        inlineValues[text] ?? .problem("not computed: the step that makes it did not run")
    }
}
