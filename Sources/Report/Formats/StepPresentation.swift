import RecbookSupport
import RunModel

/// What every report format says about a step besides its outputs, worded once.
enum StepPresentation {
    /// "2.41 s", or "computed in 2.41 s" for a result taken from the cache; nil when timings
    /// are off or unknown, and for a step that did not run.
    static func timing(of step: StepCellResult, includesTimings: Bool) -> String? {
        guard includesTimings, let duration = step.duration, duration.isFinite, duration >= 0 else { return nil }
        switch step.status {
        case .succeeded, .failed: return Format.duration(duration)
        case .reused: return "computed in " + Format.duration(duration)
        case .notRun: return nil
        }
    }

    /// Why a step that ran could not be taken from the cache; nil for steps that were reused or
    /// not run, and when caching was off.
    static func cacheNote(of step: StepCellResult) -> String? {
        guard let note = step.cacheNote, !note.isEmpty else { return nil }
        switch step.status {
        case .succeeded, .failed: return note
        case .reused, .notRun: return nil
        }
    }

    /// The original notebook's cells the step mirrors, as brackets a reader can find there:
    /// "[2]", "[4, 5]", "[29–38]" (runs of three or more consecutive cells joined by a dash);
    /// nil when it mirrors none.
    static func originalCells(of step: StepCellResult) -> String? {
        guard !step.originalCells.isEmpty else { return nil }
        var parts: [String] = []
        var run: [Int] = []
        func flush() {
            if run.count >= 3 { parts.append("\(run[0])–\(run[run.count - 1])") } else { parts += run.map(String.init) }
            run = []
        }
        for cell in step.originalCells {
            if let last = run.last, cell != last + 1 { flush() }
            run.append(cell)
        }
        flush()
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// The name the step's value was bound to and a description of it, either possibly absent;
    /// nil when there is neither, and for a step that failed or did not run (it has no value).
    static func value(of step: StepCellResult) -> (binding: String?, summary: String?)? {
        switch step.status {
        case .succeeded, .reused: break
        case .failed, .notRun: return nil
        }
        let binding = step.binding.flatMap { $0.isEmpty ? nil : $0 }
        let summary = step.valueSummary.flatMap { $0.isEmpty ? nil : $0 }
        if binding == nil, summary == nil { return nil }
        return (binding, summary)
    }

    /// "ratings: table 100836 × 4", "ratings", or "table 100836 × 4"; nil when there is neither.
    static func valueText(of step: StepCellResult) -> String? {
        guard let value = value(of: step) else { return nil }
        return [value.binding, value.summary].compactMap { $0 }.joined(separator: ": ")
    }
}
