import NotebookCore
import Outputs
import RecbookSupport

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

    /// The id of step `number`'s section.
    static func id(forStep number: Int) -> String {
        "step-\(number)"
    }

    func node(
        for step: StepCellResult, id: String, cellIndex: Int, catalog: OutputCatalog,
        linker: inout CrossReferenceLinker
    ) -> MarkupNode {
        var body: [MarkupNode] = [source(step)]
        body.append(statusDetail(step))
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
            .element("div", ["class": "prompt"], text: "In [\(step.number)]:"),
            .element("div", ["class": "cell-body"], body),
        ])
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
        if let timing = timing(step) {
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
        return .element("span", ["class": "badge \(Self.statusClass(status))"], text: text)
    }

    /// "2.41 s", or "computed in 2.41 s" for a result taken from the cache; nil when timings
    /// are off or unknown, and for a step that did not run.
    private func timing(_ step: StepCellResult) -> String? {
        guard includesTimings, let duration = step.duration, duration.isFinite, duration >= 0 else { return nil }
        switch step.status {
        case .succeeded, .failed: return Format.duration(duration)
        case .reused: return "computed in " + Format.duration(duration)
        case .notRun: return nil
        }
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
        let binding = step.binding.flatMap { $0.isEmpty ? nil : $0 }
        let summary = step.valueSummary.flatMap { $0.isEmpty ? nil : $0 }
        let text: String
        switch (binding, summary) {
        case let (binding?, summary?): text = "→ \(binding): \(summary)"
        case let (binding?, nil): text = "→ \(binding)"
        case let (nil, summary?): text = "→ \(summary)"
        case (nil, nil): return .empty
        }
        return .element("p", ["class": "value-summary"], text: text)
    }
}
