import RecbookSupport
import RunModel

/// The report's footer: what produced it. recbook's version, the notebook, the seed, the
/// parameters as used and every data file with its SHA-256, so that a reader can reproduce the
/// run or tell that two reports came from the same inputs.
struct ProvenanceFooter {
    static let id = "provenance"

    let run: NotebookRun

    func node() -> MarkupNode {
        let provenance = run.provenance
        var facts: [MarkupNode] = [
            .element("dt", text: "recbook"), .element("dd", text: provenance.recbookVersion),
            .element("dt", text: "Notebook"), .element("dd", [.element("code", text: run.path)]),
            .element("dt", text: "Seed"),
            .element("dd", text: provenance.seed.map { String($0) } ?? "none"),
        ]
        if run.includesTimings, run.duration.isFinite, run.duration >= 0 {
            facts += [.element("dt", text: "Run time"), .element("dd", text: Format.duration(run.duration))]
        }
        return .element("footer", ["class": "provenance", "id": Self.id], [
            .element("h2", text: "Provenance"),
            .element("dl", facts),
            .element("h3", text: "Parameters"),
            provenance.parameters.isEmpty
                ? .element("p", text: "No parameters.")
                : table(headers: ["Name", "Value"], rows: provenance.parameters.map {
                    [.element("code", text: $0.name), .element("code", text: $0.value)]
                }),
            .element("h3", text: "Data files"),
            provenance.files.isEmpty
                ? .element("p", text: "No data files were read.")
                : table(headers: ["File", "SHA-256"], rows: provenance.files.map {
                    [.element("code", text: $0.path), .element("code", ["class": "digest"], text: $0.sha256)]
                }),
        ])
    }

    private func table(headers: [String], rows: [[MarkupNode]]) -> MarkupNode {
        .element("table", [
            .element("thead", [.element("tr", headers.map { .element("th", text: $0) })]),
            .element("tbody", rows.map { cells in .element("tr", cells.map { .element("td", [$0]) }) }),
        ])
    }
}
