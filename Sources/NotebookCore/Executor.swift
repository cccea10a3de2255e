import Foundation
import Outputs
import RecbookSupport
import RunModel

/// What the executor reports while it runs, for a live terminal display.
public enum ExecutionEvent: Sendable {
    case started(step: Int, name: String, of: Int)
    /// How far the running step has got (rows read, epochs, users evaluated). Sent from the
    /// thread the step runs on, so steps running in parallel send them concurrently.
    case progress(step: Int, StepProgress)
    /// A line about a step that is not one of its outputs (a damaged cache entry recomputed).
    case note(step: Int, line: String)
    /// The step has stopped running, from its own thread. Its `.finished` comes later, in
    /// notebook order, once the steps before it have finished too.
    case ended(step: Int)
    case finished(StepCellResult)
}

/// Options for one run.
public struct ExecutionOptions: Sendable {
    /// Run the steps that do not depend on a failed one, instead of stopping at the first error.
    public var keepGoing: Bool
    /// Whether renderers will include timings (off for byte-identical reports).
    public var includesTimings: Bool
    /// How many steps may run at once. Independent steps (neither reads the other's value, even
    /// indirectly) run in parallel; results are the same for any value, since each step's
    /// outcome depends only on its parameters, inputs and seed.
    public var jobs: Int
    /// Where the report goes (`--output`), and with it the files steps write (see ``Step/writesFiles``).
    public var outputDirectory: URL
    /// The memory a step may plan to allocate; nil for ``MemoryBudget/fromEnvironment(_:)``.
    public var memoryBudget: MemoryBudget?

    /// `output/` in the working directory, as `recbook run` writes by default.
    public static var defaultOutputDirectory: URL { URL(fileURLWithPath: "output") }

    public init(
        keepGoing: Bool = false, includesTimings: Bool = true, jobs: Int = 1,
        outputDirectory: URL = ExecutionOptions.defaultOutputDirectory, memoryBudget: MemoryBudget? = nil
    ) {
        self.memoryBudget = memoryBudget
        self.keepGoing = keepGoing
        self.includesTimings = includesTimings
        self.jobs = jobs
        self.outputDirectory = outputDirectory
    }
}

/// Runs a checked notebook's steps — in order, or with `jobs` above one, each as soon as the
/// steps it reads from have finished — and collects what happened into a ``NotebookRun``.
///
/// A step that throws is reported in its place. Without `keepGoing` the run stops there and
/// later steps are marked as not run; with it, only the steps that depend on the failed one
/// (directly or through others) are skipped.
///
/// With a cache, a step whose parameters, inputs and files are unchanged is reused: its outputs
/// come back at once and its value is read only if a later step that runs needs it. A damaged
/// cached value is never trusted: the step that produced it is run again. A step that writes
/// files (``Step/writesFiles``) always runs, its inputs read back from the cache.
public struct Executor {
    public let registry: StepRegistry
    let cache: (any StepCache)?
    let onEvent: (ExecutionEvent) -> Void

    var cacheStore: (any StepCache)? { cache }

    /// - Parameters:
    ///   - cache: where results are reused from and stored; nil to run everything.
    ///   - onEvent: called as steps start and finish (on the calling thread, in notebook
    ///     order), and with progress lines from the running step (on its worker thread).
    public init(registry: StepRegistry, cache: (any StepCache)? = nil, onEvent: @escaping (ExecutionEvent) -> Void = { _ in }) {
        self.registry = registry
        self.cache = cache
        self.onEvent = onEvent
    }

    /// Runs the plan's steps. Everything one run shares between its worker threads lives in a
    /// ``StepRun`` made for it, so an executor holds no state between runs.
    public func run(_ plan: CheckedNotebook, options: ExecutionOptions = ExecutionOptions()) -> NotebookRun {
        let clock = ContinuousClock()
        let start = clock.now
        let run = StepRun(plan: plan, options: options, registry: registry, cache: cache, events: EventSink(send: onEvent))
        var scheduler = RunScheduler(run: run, jobs: max(1, options.jobs))
        scheduler.runAll()
        cache?.flush()
        return run.notebookRun(duration: Self.seconds(clock.now - start))
    }

    /// Files in a stable order (steps may finish in any order when they run in parallel).
    static func ordered(_ files: [(path: String, sha256: String)]) -> [(path: String, sha256: String)] {
        files.sorted { $0.path < $1.path }
    }

    static func keyComponents(
        for planned: PlannedStep, seed: Int, includesTimings: Bool, valueKey: (Int) -> String?
    ) -> CacheKeyComponents {
        CacheKeyComponents(
            recbookVersion: RecbookVersion.cacheIdentity,
            stepName: planned.name,
            identity: planned.identity,
            seed: String(Self.stepSeed(planned, notebookSeed: seed)),
            includesTimings: includesTimings,
            parameters: planned.step.canonicalParameters.map { .init(name: $0.name, value: $0.value) },
            inputs: planned.inputs.map { .init(name: $0.reference.canonicalText, value: valueKey($0.producer) ?? "?") }
        )
    }

    static func stepSeed(_ planned: PlannedStep, notebookSeed: Int) -> UInt64 {
        SeededGenerator.derive(UInt64(bitPattern: Int64(notebookSeed)), planned.identity)
    }

    static func valueKey(_ key: String, files: [(path: String, sha256: String)]) -> String {
        var hasher = KeyHasher()
        hasher.combine("step", key)
        for record in files { hasher.combine(record.path, record.sha256) }
        return hasher.finalize()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func follow(_ reference: ValueRef, from value: any NotebookValue) throws -> any NotebookValue {
        var current = value
        var path = reference.name
        for member in reference.members {
            guard let next = current.member(member) else {
                throw StepError("'\(path)' has no member '\(member)'")
            }
            current = next
            path += "." + member
        }
        return current
    }

    /// Gives the block's `label:` names to its figures and tables in order — a `fig-` name to
    /// the next figure, a `tbl-` name to the next table, any other to whichever comes next —
    /// and its `caption:` to the step's first figure if it has one, else to its first table
    /// (replacing any caption the step gave it). A step that shows a table and the chart of it
    /// is captioned on the chart, which is what prose around it describes. As in Quarto,
    /// `label: fig-NAME` is cited as `@fig-NAME`; the output's label is NAME.
    static func applyLabels(_ block: StepBlock, to outputs: [Output]) -> [Output] {
        var labels = block.labels
        let captioned = outputs.firstIndex { if case .figure = $0 { true } else { false } }
            ?? outputs.firstIndex { if case .table = $0 { true } else { false } }
        func takeLabel(prefix: String) -> String? {
            guard let index = labels.firstIndex(where: { $0.hasPrefix(prefix) || !($0.hasPrefix("fig-") || $0.hasPrefix("tbl-")) }) else {
                return nil
            }
            let label = labels.remove(at: index)
            for kind in ["fig-", "tbl-"] where label.hasPrefix(kind) { return String(label.dropFirst(kind.count)) }
            return label
        }
        return outputs.enumerated().map { index, output in
            let caption = index == captioned ? block.caption : nil
            switch output {
            case var .figure(figure):
                if let label = takeLabel(prefix: "fig-") { figure.label = label }
                if let caption { figure.caption = caption }
                return .figure(figure)
            case var .table(table):
                if let label = takeLabel(prefix: "tbl-") { table.label = label }
                if let caption { table.caption = caption }
                return .table(table)
            default:
                return output
            }
        }
    }
}

/// What `recbook plan` says about one step: what it reads and makes, and whether a run now
/// would run it or reuse its cached result.
public struct PlanEntry: Sendable {
    public var number: Int
    public var name: String
    /// Each input as `parameter ← reference (step N)`.
    public var consumes: [(parameter: String, reference: String, producer: Int)]
    /// The binding and kind it produces, if any.
    public var produces: (name: String?, kind: String)?
    public var willRun: Bool
    public var reason: String
}

extension Executor {
    /// Works out, without running anything, which steps a run would reuse from the cache and
    /// which it would run, and why. Reading the cache and hashing data files is all it does.
    public func plan(_ checked: CheckedNotebook, includesTimings: Bool = true) -> [PlanEntry] {
        var valueKeys: [Int: String] = [:]
        var entries: [PlanEntry] = []
        for planned in checked.steps {
            let consumes = planned.inputs.map { ($0.parameter, $0.reference.canonicalText, $0.producer) }
            let produces = planned.producedKind.map { (planned.block.binding?.name, $0.name) }
            var entry = PlanEntry(number: planned.number, name: planned.name, consumes: consumes, produces: produces, willRun: true, reason: "")
            if let running = planned.inputs.first(where: { valueKeys[$0.producer] == nil }) {
                entry.reason = "its input '\(running.reference.canonicalText)' comes from step \(running.producer), which runs"
            } else if cacheStore != nil, type(of: planned.step).writesFiles {
                entry.reason = "it writes files, so it runs every time"
            } else if let cache = cacheStore {
                let components = Self.keyComponents(for: planned, seed: checked.seed, includesTimings: includesTimings) { valueKeys[$0] }
                switch cache.lookup(components) {
                case let .hit(handle):
                    entry.willRun = false
                    entry.reason = "unchanged"
                    valueKeys[planned.number] = handle.valueKey
                case let .miss(reason):
                    entry.reason = reason
                }
            } else {
                entry.reason = "caching is off"
            }
            entries.append(entry)
        }
        return entries
    }
}
