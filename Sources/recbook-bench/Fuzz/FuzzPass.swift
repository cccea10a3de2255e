import Foundation

/// One kind of input (notebooks or CSV files) run through workers until every input has run,
/// starting a new worker after each one that crashed or hung.
struct FuzzPass {
    let kind: String
    let count: Int
    let settings: Fuzz.Settings

    struct Outcome {
        var failures: [Fuzz.Failure] = []
        var slowest: (index: Int, micros: Int) = (0, 0)
        var peakKilobytes = 0
    }

    func run() throws -> Outcome {
        var outcome = Outcome()
        var next = 0
        while next < count { next = try runWorker(from: next, outcome: &outcome) }
        return outcome
    }

    /// Runs a worker on the inputs from `from`, recording what it reports.
    ///
    /// - Returns: Where the next worker starts: `count` when this one finished them all.
    private func runWorker(from: Int, outcome: inout Outcome) throws -> Int {
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: settings.executable)
        process.arguments = [
            "fuzz-worker", "--seed", "\(settings.seed)", "--kind", kind, "--from", "\(from)", "--to", "\(count)",
            "--memory-budget", "\(settings.memoryBudget)", "--corpus", settings.corpus,
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let lines = LineReader(out.fileHandleForReading), errors = LineReader(err.fileHandleForReading)
        var current: Int?
        while true {
            switch lines.next(timeout: settings.timeBudget) {
            case let .line(line):
                let fields = line.split(separator: " ").compactMap { Int($0) }
                if line.hasPrefix("B "), let index = fields.first {
                    current = index
                } else if line.hasPrefix("E "), fields.count == 3 {
                    current = nil
                    if let restart = record(index: fields[0], micros: fields[1], kilobytes: fields[2], outcome: &outcome) {
                        kill(process.processIdentifier, SIGKILL)
                        process.waitUntilExit()
                        return restart
                    }
                }
            case .end:
                process.waitUntilExit()
                guard let index = current ?? (process.terminationStatus == 0 ? nil : from) else { return count }
                let how = process.terminationReason == .uncaughtSignal
                    ? "the worker died of signal \(process.terminationStatus)" : "the worker exited with status \(process.terminationStatus)"
                // The runtime's own line ("Fatal error: …") says more than the backtrace after it.
                let written = errors.remaining().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                let said = written.first { $0.contains("Fatal error") || $0.contains("error:") } ?? written.last ?? ""
                outcome.failures.append(Fuzz.Failure(kind: kind, index: index, what: how + (said.isEmpty ? "" : ": " + said)))
                return index + 1
            case .timeout:
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let index = current ?? from
                outcome.failures.append(Fuzz.Failure(kind: kind, index: index, what: "no answer within the time budget of \(settings.timeBudget) s"))
                return index + 1
            }
        }
    }

    /// Records a finished input; returns where to restart when it failed a budget.
    private func record(index: Int, micros: Int, kilobytes: Int, outcome: inout Outcome) -> Int? {
        if micros > outcome.slowest.micros { outcome.slowest = (index, micros) }
        outcome.peakKilobytes = max(outcome.peakKilobytes, kilobytes)
        if Double(micros) > settings.timeBudget * 1_000_000 {
            outcome.failures.append(Fuzz.Failure(kind: kind, index: index, what: "took \(micros / 1000) ms, over the time budget"))
        }
        if kilobytes * 1024 > settings.memoryBudget {
            // The peak only grows: a fresh worker measures the inputs after this one.
            outcome.failures.append(Fuzz.Failure(kind: kind, index: index, what: "the worker's peak RSS reached \(kilobytes / 1024) MB"))
            return index + 1
        }
        return nil
    }
}

/// The lines a child writes to a pipe, read on a thread of their own so that waiting for the
/// next one can time out.
final class LineReader: @unchecked Sendable {
    enum Next { case line(String), end, timeout }

    private let condition = NSCondition()
    private var lines: [String] = []
    private var finished = false

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    condition.withLock { lines.append(line); condition.signal() }
                }
            }
            condition.withLock {
                if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
                finished = true
                condition.signal()
            }
        }
    }

    func next(timeout seconds: Double) -> Next {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while lines.isEmpty, !finished {
            if !condition.wait(until: deadline) { return lines.isEmpty ? .timeout : .line(lines.removeFirst()) }
        }
        return lines.isEmpty ? .end : .line(lines.removeFirst())
    }

    /// Every line read so far that was not taken, once the writer has finished (or after a second).
    func remaining() -> [String] {
        let deadline = Date().addingTimeInterval(1)
        condition.lock()
        defer { condition.unlock() }
        while !finished, condition.wait(until: deadline) {}
        return lines
    }
}
