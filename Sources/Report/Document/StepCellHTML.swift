import Outputs
import RecbookSupport
import RunModel

/// Writes one step cell: the "In [n]" prompt, the source in a `<details>` whose summary names
/// the step, its status and time, then any status message or error box, the outputs in
/// order, the expectations, and the value it produced.
///
/// The source is open by default: a step's source is a few lines of parameters that say what was
/// computed, the part of a Jupyter cell a reader looks at first, so hiding it would hide the
/// analysis. The summary line stays visible when a reader folds it.
struct StepCellHTML {
    let includesTimings: Bool
    let outputs: OutputHTML

    func node(
        for step: StepCellResult, id: String, cellIndex: Int, catalog: OutputCatalog,
        linker: inout CrossReferenceLinker
    ) -> MarkupNode {
        var body: [MarkupNode] = [source(step)]
        body.append(statusDetail(step))
        body.append(cacheNote(step))
        if !step.outputs.isEmpty {
            var nodes: [MarkupNode] = []
            for (index, output) in step.outputs.enumerated() {
                nodes.append(outputs.node(for: output, entry: catalog.entry(cell: cellIndex, output: index),
                                          linker: &linker))
            }
            body.append(.element("div", ["class": "outputs"], nodes))
        }
        body.append(expectations(step.expectations))
        body.append(valueSummary(step))
        return .element("section", [
            "class": "cell step \(Self.statusClass(step.status))", "id": id,
            "aria-label": "Step \(step.number): \(step.name)",
        ], [
            prompt(step),
            .element("div", ["class": "cell-body"], body),
        ])
    }

    /// "In [n]:", and under it the original notebook's cells the step mirrors ("orig. [2]").
    private func prompt(_ step: StepCellResult) -> MarkupNode {
        var nodes: [MarkupNode] = [.text("In [\(step.number)]:")]
        if let cells = StepPresentation.originalCells(of: step) {
            nodes.append(.element("span", [
                "class": "original-cell", "title": "The original notebook's cell In \(cells)",
            ], [.text("orig. "), .element("span", ["class": "cells"], text: cells)]))
        }
        return .element("div", ["class": "prompt"], nodes)
    }

    static func statusClass(_ status: StepStatus) -> String {
        switch status {
        case .succeeded: "succeeded"
        case .reused: "reused"
        case .failed: "failed"
        case .notRun: "not-run"
        }
    }

    private func source(_ step: StepCellResult) -> MarkupNode {
        // The binding is shown once, in the value summary under the outputs. The spaces between
        // the parts keep the line readable where the stylesheet does not apply (reader views).
        var summary: [MarkupNode] = [.element("span", ["class": "step-name"], text: step.name), .text(" "), badge(step.status)]
        if let timing = StepPresentation.timing(of: step, includesTimings: includesTimings) {
            summary += [.text(" "), .element("span", ["class": "timing"], text: timing)]
        }
        var code: [MarkupNode] = [.element("span", ["class": "info"], text: step.block.info), .text("\n")]
        code.append(.text(step.block.literal))
        return .element("details", ["class": "source", "open": ""], [
            .element("summary", summary),
            .element("pre", ["class": "step-source"], [.element("code", code)]),
        ])
    }

    private func badge(_ status: StepStatus) -> MarkupNode {
        let text = switch status {
        case .succeeded: "✓ succeeded"
        case .reused: "↺ reused"
        case .failed: "✗ failed"
        case .notRun: "– not run"
        }
        // A reused step's reason is also the badge's tooltip, readable while the source is folded.
        var reason: String?
        if case .reused(let why) = status { reason = why }
        return .element("span", ["class": "badge \(Self.statusClass(status))", "title": reason], text: text)
    }

    private func statusDetail(_ step: StepCellResult) -> MarkupNode {
        switch step.status {
        case .succeeded:
            return .empty
        case .reused(let reason):
            return .element("p", ["class": "status-note reused"], text: "Reused from the cache: " + reason)
        case .failed(let message):
            return .element("div", ["class": "error-box", "role": "alert"], [
                .element("p", ["class": "error-title"], text: "Step \(step.number) (\(step.name)) failed"),
                .element("pre", ["class": "error-message"], text: message),
            ])
        case .notRun(let reason):
            return .element("p", ["class": "status-note not-run"], text: "Not run: " + reason)
        }
    }

    /// Why a step that ran could not be taken from the cache, in small print: it explains a
    /// slow run without drawing the eye.
    private func cacheNote(_ step: StepCellResult) -> MarkupNode {
        guard let note = StepPresentation.cacheNote(of: step) else { return .empty }
        return .element("p", ["class": "status-note cache-note"], text: "Not reused: " + note)
    }

    private func expectations(_ results: [ExpectationResult]) -> MarkupNode {
        guard !results.isEmpty else { return .empty }
        let items = results.map { result -> MarkupNode in
            let passed = result.passed
            var parts: [MarkupNode] = [
                .element("span", ["class": "mark", "aria-label": passed ? "passed" : "failed"], text: passed ? "✓" : "✗"),
                .text(" "),
                .element("code", text: result.source),
            ]
            if !result.detail.isEmpty {
                parts.append(.text(" "))
                parts.append(.element("span", ["class": "detail"], text: "(" + result.detail + ")"))
            }
            return .element("li", ["class": passed ? "passed" : "failed"], parts)
        }
        return .element("ul", ["class": "expectations", "aria-label": "Expectations"], items)
    }

    /// "→ ratings: table 100836 × 4".
    private func valueSummary(_ step: StepCellResult) -> MarkupNode {
        guard let text = StepPresentation.valueText(of: step) else { return .empty }
        return .element("p", ["class": "value-summary"], text: "→ " + text)
    }
}
