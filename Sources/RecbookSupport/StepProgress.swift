/// How far a long piece of work has got: rows read, epochs trained, users evaluated.
///
/// Steps report it through their context (`StepContext.progress`); the terminal shows it beside
/// the running step with an estimate of the time left. It never reaches a report.
public struct StepProgress: Sendable, Equatable {
    /// What is being counted, in the plural, as a reader would say it: "rows read", "epochs".
    public var activity: String
    /// How many are done.
    public var completed: Int
    /// How many there are in all, when that is known; without it there is no estimate.
    public var total: Int?
    /// A short note on the latest unit, for example "val_loss 0.0412".
    public var detail: String?

    public init(_ activity: String, completed: Int, of total: Int? = nil, detail: String? = nil) {
        self.activity = activity
        self.completed = max(0, completed)
        self.total = total.map { max(0, $0) }
        self.detail = detail
    }

    /// The share done, in 0...1; nil without a total.
    public var fraction: Double? {
        guard let total else { return nil }
        guard total > 0 else { return 1 }
        return min(1, Double(completed) / Double(total))
    }

    /// The seconds still to go, extrapolated from the rate so far: `elapsed` seconds for the
    /// share done. Nil when nothing is done yet or the total is unknown.
    public func secondsLeft(afterElapsed elapsed: Double) -> Double? {
        guard let fraction, fraction > 0, elapsed.isFinite, elapsed >= 0 else { return nil }
        return elapsed * (1 - fraction) / fraction
    }

    /// "batches 3,400 of 25,200 (13%)": the counts and the share.
    public var counts: String {
        var text = activity + " " + Format.grouped(completed)
        if let total {
            text += " of " + Format.grouped(total)
            if let fraction { text += " (\(Int((fraction * 100).rounded(.down)))%)" }
        }
        return text
    }

    /// "batches 3,400 of 25,200 (13%), epoch 3 of 20": the counts, the share and the detail.
    public var text: String {
        guard let detail, !detail.isEmpty else { return counts }
        return counts + ", " + detail
    }
}
