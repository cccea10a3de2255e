import Foundation
import NotebookCore

/// `recbook-bench fuzz`: mutated notebooks through `check`, and mutated MovieLens files through
/// `load`, each in a worker process, failing on any crash, any input over the time budget, and
/// any input that takes the worker's memory over the budget.
///
///     recbook-bench fuzz [--seed S] [--notebooks N] [--csv M] [--time-budget SECONDS]
///                        [--memory-budget BYTES|8G] [--corpus notebooks] [--failures DIR]
///
/// A worker runs a range of inputs in order; when it dies (a trap, an abort, a failed
/// allocation) or stops answering within the time budget, the input it was on is the culprit: it
/// is saved under `--failures`, and a new worker goes on from the next one. Prints the counts and
/// exits non-zero when anything failed.
enum Fuzz {
    struct Settings {
        var seed: UInt64 = 1
        var notebooks = 1_000
        var csv = 200
        var timeBudget: Double = 10
        var memoryBudget = 2 << 30
        var corpus = "notebooks"
        var failures = "fuzz-failures"
        var executable = CommandLine.arguments[0]
    }

    struct Failure {
        var kind: String
        var index: Int
        var what: String
    }

    static func run(_ options: [String: String]) throws {
        var settings = Settings()
        if let value = options["seed"] { settings.seed = try number(value, "seed") }
        if let value = options["notebooks"] { settings.notebooks = try number(value, "notebooks") }
        if let value = options["csv"] { settings.csv = try number(value, "csv") }
        if let value = options["time-budget"] { settings.timeBudget = try number(value, "time-budget") }
        if let value = options["memory-budget"] {
            guard let bytes = MemoryBudget.parseSize(value) else { throw FuzzError("--memory-budget expects bytes or a size such as 2G, got '\(value)'") }
            settings.memoryBudget = bytes
        }
        settings.corpus = options["corpus"] ?? settings.corpus
        settings.failures = options["failures"] ?? settings.failures
        let clock = ContinuousClock(), start = clock.now
        var failures: [Failure] = []
        var slowest: [String: (index: Int, micros: Int)] = [:]
        var peak = 0
        for (kind, count) in [("notebook", settings.notebooks), ("csv", settings.csv)] where count > 0 {
            let pass = FuzzPass(kind: kind, count: count, settings: settings)
            let outcome = try pass.run()
            failures += outcome.failures
            slowest[kind] = outcome.slowest
            peak = max(peak, outcome.peakKilobytes)
        }
        let seconds = (clock.now - start).components.seconds
        print("fuzz seed \(settings.seed): \(settings.notebooks) notebook inputs through check, \(settings.csv) CSV inputs through load, "
            + "in \(seconds) s; peak worker RSS \(peak / 1024) MB")
        for (kind, slow) in slowest.sorted(by: { $0.key < $1.key }) {
            print("  slowest \(kind) input: #\(slow.index), \(slow.micros / 1000) ms")
        }
        try save(failures, settings: settings)
        guard failures.isEmpty else {
            for failure in failures { print("FAIL \(failure.kind) #\(failure.index): \(failure.what)") }
            print("\(failures.count) failing input\(failures.count == 1 ? "" : "s"), saved under \(settings.failures)/")
            exit(1)
        }
        print("no crash, no input over \(settings.timeBudget) s, no worker over \(settings.memoryBudget >> 20) MB")
    }

    /// Writes each failing input (and its `--param` arguments) for reproduction.
    static func save(_ failures: [Failure], settings: Settings) throws {
        guard !failures.isEmpty else { return }
        let directory = URL(fileURLWithPath: settings.failures)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let inputs = FuzzInputs(seed: settings.seed, corpus: URL(fileURLWithPath: settings.corpus))
        for failure in failures {
            let stem = directory.appendingPathComponent("\(failure.kind)-\(settings.seed)-\(failure.index)")
            if failure.kind == "csv" {
                let input = inputs.csv(failure.index)
                try Data(input.bytes).write(to: stem.appendingPathExtension(input.file))
            } else {
                let input = inputs.notebook(failure.index)
                try Data(input.bytes).write(to: stem.appendingPathExtension("md"))
                try (input.parameters.map { "--param \($0)" }.joined(separator: "\n") + "\n" + failure.what + "\n")
                    .write(to: stem.appendingPathExtension("txt"), atomically: true, encoding: .utf8)
            }
        }
    }

    static func number<T: LosslessStringConvertible>(_ text: String, _ name: String) throws -> T {
        guard let value = T(text) else { throw FuzzError("--\(name) expects a number, got '\(text)'") }
        return value
    }
}

struct FuzzError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
