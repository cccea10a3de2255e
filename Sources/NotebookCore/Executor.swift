import Foundation
import Outputs
import RecbookSupport

/// What the executor reports while it runs, for a live terminal display.
public enum ExecutionEvent: Sendable {
    case started(step: Int, name: String, of: Int)
    /// A progress line from the running step (for example an epoch log).
    case progress(step: Int, line: String)
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
public final class Executor: @unchecked Sendable {
    public let registry: StepRegistry
    private let cache: StepCache?
    private let onEvent: (ExecutionEvent) -> Void

    var cacheStore: StepCache? { cache }

    /// A step's value: in memory, or still in the cache until a later step needs it.
    private enum Slot {
        case loaded(any NotebookValue)
        case cached(CacheEntryHandle)
    }

    private struct StepState {
        var slot: Slot?
        var valueKey: String?
        var failed = false
    }

    // State of the current run. What steps running in parallel share (`states`, `results`,
    // `files`, `stoppedAt`) is guarded by `lock`.
    private var plan: CheckedNotebook?
    private var includesTimings = true
    private var memoryBudget: MemoryBudget?
    private var outputDirectory = ExecutionOptions.defaultOutputDirectory
    private let lock = NSRecursiveLock()
    private var results: [Int: StepCellResult] = [:]
    private var files: [(path: String, sha256: String)] = []
    private var stoppedAt: Int?
    /// The step that was running when Ctrl-C stopped the run (see ``Interruption``).
    private var interruptedAt: Int?
    private var states: [Int: StepState] = [:]

    /// - Parameters:
    ///   - cache: where results are reused from and stored; nil to run everything.
    ///   - onEvent: called on the calling thread as steps start and finish.
    public init(registry: StepRegistry, cache: StepCache? = nil, onEvent: @escaping (ExecutionEvent) -> Void = { _ in }) {
        self.registry = registry
        self.cache = cache
        self.onEvent = onEvent
    }

    public func run(_ plan: CheckedNotebook, options: ExecutionOptions = ExecutionOptions()) -> NotebookRun {
        let clock = ContinuousClock()
        let runStart = clock.now
        self.plan = plan
        includesTimings = options.includesTimings
        outputDirectory = options.outputDirectory
        memoryBudget = options.memoryBudget
        states = [:]
        results = [:]
        files = []
        stoppedAt = nil
        interruptedAt = nil
        defer { self.plan = nil; states = [:]; results = [:]; files = [] }
        var pending = plan.steps
        var running = 0
        var nextToReport = 0
        let finished = DispatchSemaphore(value: 0)
        let jobs = max(1, options.jobs)

        // `.finished` events go out in notebook order, from this thread. Without keep-going,
        // every step after the first failure reads as not run — also one that a parallel worker
        // had already finished — so the outcome is the same as a run one step at a time.
        var firstFailure: Int?
        func reportInOrder() {
            while nextToReport < plan.steps.count, var result = lock.withLock({ self.results[plan.steps[nextToReport].number] }) {
                if let firstFailure, !options.keepGoing || lock.withLock({ interruptedAt != nil }) {
                    result = StepCellResult(
                        number: result.number, name: result.name, block: result.block, binding: result.binding,
                        status: .notRun(reason: stopReason(at: firstFailure))
                    )
                    lock.withLock { self.results[result.number] = result }
                } else if case .failed = result.status {
                    firstFailure = result.number
                }
                onEvent(.finished(result))
                nextToReport += 1
            }
        }

        while !pending.isEmpty || running > 0 {
            var dispatched = false
            var index = 0
            while index < pending.count {
                let planned = pending[index]
                let block = planned.block
                var result = StepCellResult(
                    number: block.number, name: block.name, block: block.code, binding: block.binding?.name, status: .succeeded
                )
                if Interruption.isRequested { lock.withLock { stoppedAt = stoppedAt ?? block.number; interruptedAt = interruptedAt ?? block.number } }
                let (stop, producers) = lock.withLock { (stoppedAt, planned.inputs.map { ($0, states[$0.producer]) }) }
                if let stop {
                    result.status = .notRun(reason: stopReason(at: stop))
                    record(result, state: StepState(failed: true))
                    pending.remove(at: index)
                    continue
                }
                if let blocked = producers.first(where: { $0.1?.failed == true }) {
                    let what: String
                    if case .failed? = lock.withLock({ self.results[blocked.0.producer]?.status }) { what = "which failed" } else { what = "which did not run" }
                    result.status = .notRun(reason: "depends on '\(blocked.0.reference.name)' from step \(blocked.0.producer), \(what)")
                    record(result, state: StepState(failed: true))
                    pending.remove(at: index)
                    continue
                }
                // Not ready until every producer has finished; later steps may still be.
                guard producers.allSatisfy({ $0.1 != nil }), running < jobs else {
                    index += 1
                    continue
                }
                pending.remove(at: index)
                onEvent(.started(step: block.number, name: block.name, of: plan.steps.count))
                let components = keyComponents(for: planned)
                if cache != nil, type(of: planned.step).writesFiles {
                    result.cacheNote = "it writes files, so it runs every time"
                } else if let cache {
                    switch cache.lookup(components) {
                    case let .hit(handle):
                        var state = StepState(slot: handle.hasValue ? .cached(handle) : nil, valueKey: handle.valueKey)
                        result.status = .reused(reason: "unchanged: same parameters, inputs and data files")
                        result.outputs = handle.outputs
                        result.duration = handle.duration
                        result.valueSummary = handle.valueSummary
                        if planned.checksExpectations, !block.expectations.isEmpty {
                            // Stored measurements answer most expectations; anything else reads the value.
                            result.expectations = block.expectations.map { expectation in
                                expectation.evaluate(measuring: { name in
                                    if let stored = handle.measurements[name] { return .number(stored) }
                                    return (try? self.load(&state, step: block.number))?.measuredValue(name)
                                })
                            }
                        }
                        result.inlineValues = inlineValues(of: planned) { path, measurement in
                            if path.isEmpty, let stored = handle.measurements[measurement] { return .number(stored) }
                            return try Self.follow(ValueRef(name: "", members: path, location: block.location), from: self.load(&state, step: block.number)).measuredValue(measurement)
                        }
                        record(result, state: state, files: handle.files)
                        continue
                    case let .miss(reason):
                        result.cacheNote = reason
                    }
                }
                running += 1
                dispatched = true
                let job = StepJob(planned: planned, components: components, result: result, keepGoing: options.keepGoing)
                // A thread of its own, so `jobs` steps really run at once (a shared pool may
                // hold back a second task while the first blocks in BLAS or I/O).
                let worker = Thread { [self] in
                    perform(job)
                    finished.signal()
                }
                worker.stackSize = 16 << 20
                worker.start()
            }
            reportInOrder()
            if !dispatched, running > 0 {
                finished.wait()
                running -= 1
                // Collect any other completions without blocking.
                while running > 0, finished.wait(timeout: .now()) == .success { running -= 1 }
            }
        }
        reportInOrder()

        cache?.flush()
        let (finalResults, finalFiles) = lock.withLock { (self.results, self.files) }
        var seen = Set<String>()
        let uniqueFiles = finalFiles.filter { seen.insert($0.path).inserted }
        let cells: [CellResult] = plan.notebook.cells.compactMap { cell in
            switch cell {
            case let .prose(block): return .prose(block)
            case let .code(code): return .code(code)
            case let .step(step): return finalResults[step.number].map(CellResult.step)
            }
        }
        return NotebookRun(
            title: plan.notebook.title,
            path: plan.notebook.path,
            cells: cells,
            provenance: Provenance(
                recbookVersion: RecbookVersion.current, seed: plan.seed,
                parameters: plan.parameters.map { ($0.name, $0.value) },
                files: Self.ordered(uniqueFiles)
            ),
            duration: Self.seconds(clock.now - runStart),
            includesTimings: options.includesTimings,
            allowsRawHTML: plan.notebook.allowsRawHTML
        )
    }

    /// Why a step after `step` did not run: an error there, or Ctrl-C.
    private func stopReason(at step: Int) -> String {
        if let interrupted = lock.withLock({ interruptedAt }) {
            return "the run was interrupted (Ctrl-C) at step \(interrupted)"
        }
        return "the run stopped at step \(step) after an error; --keep-going runs the steps that do not depend on it"
    }

    /// A step to run on a worker thread, with what the scheduler worked out for it.
    private struct StepJob: @unchecked Sendable {
        var planned: PlannedStep
        var components: CacheKeyComponents
        var result: StepCellResult
        var keepGoing: Bool
    }

    /// Runs a step, records its result and stores it in the cache.
    private func perform(_ job: StepJob) {
        let clock = ContinuousClock()
        let (planned, components, keepGoing) = (job.planned, job.components, job.keepGoing)
        let block = planned.block
        var result = job.result
        let start = clock.now
        do {
            let (value, context) = try execute(planned)
            result.duration = Self.seconds(clock.now - start)
            result.outputs = Self.applyLabels(block, to: context.outputs)
            result.valueSummary = value?.summary
            if planned.checksExpectations, let value {
                result.expectations = block.expectations.map { $0.evaluate(measuring: value.measuredValue) }
            }
            if let value {
                result.inlineValues = inlineValues(of: planned) { path, measurement in
                    try Self.follow(ValueRef(name: "", members: path, location: block.location), from: value).measuredValue(measurement)
                }
            }
            let fileRecords = context.filesRead.map { (path: $0.url.path, sha256: $0.sha256) }
            let valueKey = Self.valueKey(components.key, files: fileRecords)
            record(result, state: StepState(slot: value.map(Slot.loaded), valueKey: valueKey), files: fileRecords)
            cache?.store(components, valueKey: valueKey, value: value, result: result, files: fileRecords)
        } catch {
            let seconds = Self.seconds(clock.now - start)
            result.duration = seconds
            if error is InterruptedError || Interruption.isRequested {
                // Ctrl-C stops the run whatever --keep-going says; the step reads as interrupted.
                result.status = .failed(message: "interrupted (Ctrl-C) after \(Format.duration(seconds)); the run stopped here")
                lock.withLock { interruptedAt = min(interruptedAt ?? block.number, block.number) }
            } else {
                result.status = .failed(message: String(describing: error))
            }
            lock.withLock { if !keepGoing || interruptedAt != nil { stoppedAt = min(stoppedAt ?? block.number, block.number) } }
            record(result, state: StepState(failed: true))
        }
    }

    /// The inline values prose takes from this step's value, measured by `measure` (a member
    /// path and a measurement name) and formatted as the prose asks.
    private func inlineValues(
        of planned: PlannedStep, measure: (_ path: [String], _ measurement: String) throws -> MeasuredValue?
    ) -> [String: InlineValueResult] {
        guard let plan else { return [:] }
        var results: [String: InlineValueResult] = [:]
        for inline in plan.inlineValues where inline.step == planned.number {
            do {
                guard let measured = try measure(inline.members, inline.measurement) else {
                    results[inline.value.text] = .problem("the value has no measurement '\(inline.measurement)'")
                    continue
                }
                results[inline.value.text] = .value(try inline.value.rendered(measured))
            } catch {
                results[inline.value.text] = .problem("\(error)")
            }
        }
        return results
    }

    private func record(_ result: StepCellResult, state: StepState, files stepFiles: [(path: String, sha256: String)] = []) {
        lock.withLock {
            results[result.number] = result
            states[result.number] = state
            files += stepFiles
        }
    }

    /// Files in a stable order (steps may finish in any order when they run in parallel).
    static func ordered(_ files: [(path: String, sha256: String)]) -> [(path: String, sha256: String)] {
        files.sorted { $0.path < $1.path }
    }

    /// Runs one step with a fresh context.
    private func execute(_ planned: PlannedStep) throws -> (value: (any NotebookValue)?, context: StepContext) {
        guard let plan else { throw StepError("no run in progress") }
        let block = planned.block
        let context = StepContext(
            stepNumber: block.number, notebookDirectory: plan.notebook.directory,
            seed: stepSeed(planned), includesTimings: includesTimings, outputDirectory: outputDirectory,
            memoryBudget: memoryBudget, blockLocation: block.location, parameterLocations: block.parameterLocations,
            resolver: { [unowned self] reference in
                guard let input = planned.inputs.first(where: { $0.reference == reference }) else {
                    throw StepError("'\(reference)' is not an input of this step")
                }
                // Reading a cached value back (or recomputing a damaged one) happens under the
                // lock, so two steps that need the same value read it once. The lock is
                // recursive: recomputing runs the producer's step, which resolves its own inputs.
                let value: any NotebookValue = try self.lock.withLock {
                    guard var producer = self.states[input.producer] else {
                        throw StepError("'\(reference)' has not been computed")
                    }
                    let value = try self.load(&producer, step: input.producer)
                    self.states[input.producer] = producer
                    return value
                }
                return try Self.follow(reference, from: value)
            },
            isInput: { reference in planned.inputs.contains { $0.reference == reference } },
            progress: { [onEvent] line in onEvent(.progress(step: block.number, line: line)) }
        )
        let value = try planned.step.run(in: context)
        return (value, context)
    }

    /// The value a step produced, reading it from the cache on first use. A damaged cached
    /// value is discarded and the step that produced it runs again.
    private func load(_ state: inout StepState, step number: Int) throws -> any NotebookValue {
        switch state.slot {
        case let .loaded(value)?:
            return value
        case let .cached(handle)?:
            if let value = try? handle.loadValue(registry: registry) {
                state.slot = .loaded(value)
                return value
            }
            guard let planned = plan?.steps.first(where: { $0.number == number }) else {
                throw StepError("the cached value of step \(number) is damaged")
            }
            onEvent(.progress(step: number, line: "the cached value of step \(number) was damaged; recomputing it"))
            let (value, context) = try execute(planned)
            guard let value else { throw StepError("step \(number) produced no value") }
            state.slot = .loaded(value)
            if let cache {
                let result = StepCellResult(
                    number: number, name: planned.name, block: planned.block.code, binding: planned.block.binding?.name,
                    status: .succeeded, outputs: Self.applyLabels(planned.block, to: context.outputs),
                    duration: handle.duration, valueSummary: value.summary
                )
                let fileRecords = context.filesRead.map { (path: $0.url.path, sha256: $0.sha256) }
                cache.store(keyComponents(for: planned), valueKey: handle.valueKey, value: value, result: result, files: fileRecords)
            }
            return value
        case nil:
            throw StepError("step \(number) produced no value")
        }
    }

    private func stepSeed(_ planned: PlannedStep) -> UInt64 {
        Self.stepSeed(planned, notebookSeed: plan?.seed ?? 0)
    }

    /// The step's cache key components: recbook's version, the step's name and parameters, its
    /// seed, and the keys of the values it reads (which cover the files their producers read).
    private func keyComponents(for planned: PlannedStep) -> CacheKeyComponents {
        let keys = lock.withLock { planned.inputs.map { ($0.producer, states[$0.producer]?.valueKey) } }
        return Self.keyComponents(for: planned, seed: plan?.seed ?? 0, includesTimings: includesTimings) { producer in
            keys.first { $0.0 == producer }?.1
        }
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
