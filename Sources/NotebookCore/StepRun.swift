import Foundation
import Outputs
import RecbookSupport
import RunModel
import Synchronization

/// The caller's event closure, carried to worker threads. Progress lines reach it from the
/// thread of the step that prints them, as ``Executor/init(registry:cache:onEvent:)`` says;
/// the closure is the caller's, so Swift cannot check it, hence `@unchecked`.
struct EventSink: @unchecked Sendable {
    let send: (ExecutionEvent) -> Void
}

/// A cached step value, read back (or recomputed) once, by the first step that needs it. Its
/// own lock is held while it loads, so a second reader waits for the first; recomputing a
/// damaged value loads its producer's inputs, each behind its own lock, so nothing re-enters.
final class CachedValue: Sendable {
    let handle: any CacheEntryHandle
    private let value = Mutex<(any NotebookValue)?>(nil)

    init(_ handle: any CacheEntryHandle) { self.handle = handle }

    func get(loading load: (any CacheEntryHandle) throws -> any NotebookValue) throws -> any NotebookValue {
        try value.withLock { stored in
            if let stored { return stored }
            let loaded = try load(handle)
            stored = loaded
            return loaded
        }
    }
}

/// What one run knows of a step that has finished (or will not run).
struct StepState: Sendable {
    /// A step's value: in memory, or still in the cache until a later step needs it.
    enum Slot: Sendable {
        case loaded(any NotebookValue)
        case cached(CachedValue)
    }

    var slot: Slot?
    var valueKey: String?
    var failed = false
}

/// One run of a checked notebook: its settings, and what its steps share while they run on
/// worker threads (their results, states and the files they read), behind one lock that is
/// never held while a step runs or a value loads.
final class StepRun: Sendable {
    struct Ledger: Sendable {
        var results: [Int: StepCellResult] = [:]
        var states: [Int: StepState] = [:]
        var files: [(path: String, sha256: String)] = []
        /// The first step that failed, without keep-going (or that Ctrl-C stopped).
        var stoppedAt: Int?
        /// The step that was running when Ctrl-C stopped the run (see ``Interruption``).
        var interruptedAt: Int?
        /// For each step whose value later steps read, how many of those steps have not
        /// finished yet. At zero the value is released (see ``StepRun/record(_:state:files:)``).
        var pendingReaders: [Int: Int] = [:]

        /// Why a step after `step` did not run: an error there, or Ctrl-C.
        func stopReason(at step: Int) -> String {
            if let interruptedAt { return "the run was interrupted (Ctrl-C) at step \(interruptedAt)" }
            return "the run stopped at step \(step) after an error; --keep-going runs the steps that do not depend on it"
        }
    }

    let plan: CheckedNotebook
    let options: ExecutionOptions
    let registry: StepRegistry
    let cache: (any StepCache)?
    let events: EventSink
    let ledger = Mutex(Ledger())

    init(plan: CheckedNotebook, options: ExecutionOptions, registry: StepRegistry, cache: (any StepCache)?, events: EventSink) {
        self.plan = plan
        self.options = options
        self.registry = registry
        self.cache = cache
        self.events = events
        ledger.withLock { ledger in
            for step in plan.steps {
                for producer in step.dependencies { ledger.pendingReaders[producer, default: 0] += 1 }
            }
        }
    }

    /// Records a finished step, and releases the value of every step it read whose readers
    /// have now all finished: expectations and inline values are measured as each step
    /// finishes, so nothing reads a value after its last reader, and a long notebook holds only
    /// the values still to be read (its peak memory is that of its widest stretch, not the sum
    /// of every value it made). A value no step reads is released at once.
    ///
    /// `alsoUpdate` changes the ledger in the same critical section (a failure's stop), so that
    /// the scheduler never sees the run stopped by a step whose failure is not yet recorded.
    func record(
        _ result: StepCellResult, state: StepState, files stepFiles: [(path: String, sha256: String)] = [],
        alsoUpdate: (inout Ledger) -> Void = { _ in }
    ) {
        let planned = plan.steps.first { $0.number == result.number }
        ledger.withLock { ledger in
            alsoUpdate(&ledger)
            ledger.results[result.number] = result
            var state = state
            if ledger.pendingReaders[result.number, default: 0] == 0 { state.slot = nil }
            ledger.states[result.number] = state
            ledger.files += stepFiles
            for producer in planned?.dependencies ?? [] {
                let left = ledger.pendingReaders[producer, default: 1] - 1
                ledger.pendingReaders[producer] = left
                if left == 0 { ledger.states[producer]?.slot = nil }
            }
        }
    }

    /// The step's cache key components, from the value keys of the steps it reads.
    func keyComponents(for planned: PlannedStep) -> CacheKeyComponents {
        let keys = ledger.withLock { ledger in planned.inputs.map { ($0.producer, ledger.states[$0.producer]?.valueKey) } }
        return Executor.keyComponents(for: planned, seed: plan.seed, includesTimings: options.includesTimings) { producer in
            keys.first { $0.0 == producer }?.1
        }
    }

    /// Takes a step from the cache: its outputs at once, its value only when an expectation
    /// or inline value (or a later step) needs it.
    func reuse(_ planned: PlannedStep, handle: any CacheEntryHandle, result: StepCellResult) {
        let block = planned.block
        var result = result
        let state = StepState(slot: handle.hasValue ? .cached(CachedValue(handle)) : nil, valueKey: handle.valueKey)
        result.status = .reused(reason: "unchanged: same parameters, inputs and data files")
        result.outputs = handle.outputs
        result.duration = handle.duration
        result.valueSummary = handle.valueSummary
        if planned.checksExpectations, !block.expectations.isEmpty {
            // Stored measurements answer most expectations; anything else reads the value.
            result.expectations = block.expectations.map { expectation in
                expectation.evaluate(measuring: { name in
                    if let stored = handle.measurements[name] { return .number(stored) }
                    return (try? self.value(of: state, step: block.number))?.measuredValue(name)
                })
            }
        }
        result.inlineValues = inlineValues(of: planned) { path, measurement in
            if path.isEmpty, let stored = handle.measurements[measurement] { return .number(stored) }
            let value = try self.value(of: state, step: block.number)
            return try Executor.follow(ValueRef(name: "", members: path, location: block.location), from: value).measuredValue(measurement)
        }
        record(result, state: state, files: handle.files)
    }

    /// Runs a step, records its result and stores it in the cache.
    func perform(_ planned: PlannedStep, components: CacheKeyComponents, result: StepCellResult) {
        let clock = ContinuousClock()
        let block = planned.block
        var result = result
        let start = clock.now
        defer { events.send(.ended(step: block.number)) }
        do {
            let (value, context) = try execute(planned)
            result.duration = Executor.seconds(clock.now - start)
            result.outputs = Executor.applyLabels(block, to: context.outputs)
            result.valueSummary = value?.summary
            if planned.checksExpectations, let value {
                result.expectations = block.expectations.map { $0.evaluate(measuring: value.measuredValue) }
            }
            if let value {
                result.inlineValues = inlineValues(of: planned) { path, measurement in
                    try Executor.follow(ValueRef(name: "", members: path, location: block.location), from: value).measuredValue(measurement)
                }
            }
            let fileRecords = context.filesRead.map { (path: $0.url.path, sha256: $0.sha256) }
            let valueKey = Executor.valueKey(components.key, files: fileRecords)
            record(result, state: StepState(slot: value.map(StepState.Slot.loaded), valueKey: valueKey), files: fileRecords)
            cache?.store(components, valueKey: valueKey, value: value, result: result, files: fileRecords)
        } catch {
            let seconds = Executor.seconds(clock.now - start)
            result.duration = seconds
            let interrupted = error is InterruptedError || Interruption.isRequested
            if interrupted {
                // Ctrl-C stops the run whatever --keep-going says; the step reads as interrupted.
                result.status = .failed(message: "interrupted (Ctrl-C) after \(Format.duration(seconds)); the run stopped here")
            } else {
                result.status = .failed(message: String(describing: error))
            }
            // The stop and the failure in one critical section: a dependent checked in between
            // would read "the run stopped" instead of "depends on … which failed".
            record(result, state: StepState(failed: true)) { ledger in
                if interrupted { ledger.interruptedAt = min(ledger.interruptedAt ?? block.number, block.number) }
                if !options.keepGoing || ledger.interruptedAt != nil {
                    ledger.stoppedAt = min(ledger.stoppedAt ?? block.number, block.number)
                }
            }
        }
    }

    /// The inline values prose takes from this step's value, measured by `measure` (a member
    /// path and a measurement name) and formatted as the prose asks.
    private func inlineValues(
        of planned: PlannedStep, measure: (_ path: [String], _ measurement: String) throws -> MeasuredValue?
    ) -> [String: InlineValueResult] {
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

    /// Runs one step with a fresh context.
    private func execute(_ planned: PlannedStep) throws -> (value: (any NotebookValue)?, context: StepContext) {
        let block = planned.block
        let events = events
        let context = StepContext(
            stepNumber: block.number, notebookDirectory: plan.notebook.directory,
            seed: Executor.stepSeed(planned, notebookSeed: plan.seed), includesTimings: options.includesTimings,
            outputDirectory: options.outputDirectory, memoryBudget: options.memoryBudget,
            blockLocation: block.location, parameterLocations: block.parameterLocations,
            resolver: { [self] reference in
                guard let input = planned.inputs.first(where: { $0.reference == reference }) else {
                    throw StepError("'\(reference)' is not an input of this step")
                }
                guard let producer = ledger.withLock({ $0.states[input.producer] }) else {
                    throw StepError("'\(reference)' has not been computed")
                }
                return try Executor.follow(reference, from: self.value(of: producer, step: input.producer))
            },
            isInput: { reference in planned.inputs.contains { $0.reference == reference } },
            progress: { progress in events.send(.progress(step: block.number, progress)) }
        )
        let produced = try planned.step.run(in: context)
        return (produced, context)
    }

    /// The value a step produced, reading it from the cache on first use.
    private func value(of state: StepState, step number: Int) throws -> any NotebookValue {
        switch state.slot {
        case let .loaded(value)?:
            return value
        case let .cached(cached)?:
            return try cached.get { handle in try loadCached(handle, step: number) }
        case nil:
            // Released after its last reader (see `record`): only the recomputation of a damaged
            // cached value of a later step asks again. Compute it afresh, reading its own
            // inputs the same way.
            guard !state.failed, let planned = plan.steps.first(where: { $0.number == number }),
                  let value = try execute(planned).value else {
                throw StepError("step \(number) produced no value")
            }
            return value
        }
    }

    /// Reads a cached value back. A damaged one is discarded and the step that produced it
    /// runs again (its result stored afresh under the same value key).
    private func loadCached(_ handle: any CacheEntryHandle, step number: Int) throws -> any NotebookValue {
        if let value = try? handle.loadValue(registry: registry) { return value }
        guard let planned = plan.steps.first(where: { $0.number == number }) else {
            throw StepError("the cached value of step \(number) is damaged")
        }
        events.send(.note(step: number, line: "the cached value of step \(number) was damaged; recomputing it"))
        let (value, context) = try execute(planned)
        guard let value else { throw StepError("step \(number) produced no value") }
        if let cache {
            let result = StepCellResult(
                number: number, name: planned.name, block: planned.block.code, binding: planned.block.binding?.name,
                status: .succeeded, outputs: Executor.applyLabels(planned.block, to: context.outputs),
                duration: handle.duration, valueSummary: value.summary
            )
            let fileRecords = context.filesRead.map { (path: $0.url.path, sha256: $0.sha256) }
            cache.store(keyComponents(for: planned), valueKey: handle.valueKey, value: value, result: result, files: fileRecords)
        }
        return value
    }

    /// The run's outcome: every cell in notebook order, with the provenance of what it read.
    func notebookRun(duration: Double) -> NotebookRun {
        let (results, files) = ledger.withLock { ($0.results, $0.files) }
        var seen = Set<String>()
        let uniqueFiles = files.filter { seen.insert($0.path).inserted }
        let cells: [CellResult] = plan.notebook.cells.compactMap { cell in
            switch cell {
            case let .prose(block): return .prose(block)
            case let .code(code): return .code(code)
            case let .step(step):
                guard var result = results[step.number] else { return nil }
                result.originalCells = step.originalCells
                return .step(result)
            }
        }
        return NotebookRun(
            title: plan.notebook.title,
            path: plan.notebook.path,
            cells: cells,
            provenance: Provenance(
                recbookVersion: RecbookVersion.current, seed: plan.seed,
                parameters: plan.parameters.map { ($0.name, $0.value) },
                files: Executor.ordered(uniqueFiles)
            ),
            duration: duration,
            includesTimings: options.includesTimings,
            allowsRawHTML: plan.notebook.allowsRawHTML
        )
    }
}
