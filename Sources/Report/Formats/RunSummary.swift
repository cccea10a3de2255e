import RecbookSupport
import RunModel

/// The one-line account of a run that heads every report: "4 steps: 1 succeeded, 1 reused,
/// 1 failed, 1 not run · 1 of 2 expectations held · 1 min 03 s".
struct RunSummary {
    /// The summary line, without the notebook's path.
    let line: String
    /// The steps a reader should look at: those that failed and those whose expectations did
    /// not all hold, with their cell indices, in order.
    let troubled: [(cell: Int, step: StepCellResult)]
    /// Whether the run succeeded (``NotebookRun/succeeded``).
    let succeeded: Bool

    init(_ run: NotebookRun) {
        let steps = run.stepResults
        var counts: [(String, Int)] = [("succeeded", 0), ("reused", 0), ("failed", 0), ("not run", 0)]
        for step in steps {
            switch step.status {
            case .succeeded: counts[0].1 += 1
            case .reused: counts[1].1 += 1
            case .failed: counts[2].1 += 1
            case .notRun: counts[3].1 += 1
            }
        }
        var line = "\(steps.count) step" + (steps.count == 1 ? "" : "s")
        let parts = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
        if !parts.isEmpty { line += ": " + parts.joined(separator: ", ") }
        let expectations = steps.flatMap(\.expectations)
        if !expectations.isEmpty {
            let held = expectations.filter(\.passed).count
            line += " · \(held) of \(expectations.count) expectation" + (expectations.count == 1 ? "" : "s") + " held"
        }
        if run.includesTimings, run.duration.isFinite, run.duration >= 0 {
            line += " · " + Format.duration(run.duration)
            if let peak = run.peakResidentBytes { line += " · peak memory " + Format.bytes(peak) }
        }
        self.line = line
        self.troubled = run.cells.indices.compactMap { index -> (cell: Int, step: StepCellResult)? in
            guard case .step(let step) = run.cells[index] else { return nil }
            if case .failed = step.status { return (index, step) }
            return step.expectations.allSatisfy(\.passed) ? nil : (index, step)
        }
        self.succeeded = run.succeeded
    }
}
