import Foundation
import RecbookSupport
import RunModel

/// Decides, on the calling thread, when each step of one run starts: as soon as the steps it
/// reads from have finished and fewer than `jobs` are running, each on a worker thread of its
/// own. It reports finished steps in notebook order.
struct RunScheduler {
    let run: StepRun
    let jobs: Int
    private var pending: [PlannedStep]
    private var running = 0
    private var nextToReport = 0
    /// The first failed step reported so far.
    private var firstFailure: Int?
    private let finished = DispatchSemaphore(value: 0)

    init(run: StepRun, jobs: Int) {
        self.run = run
        self.jobs = jobs
        pending = run.plan.steps
    }

    /// Runs every step, returning when all have finished or been marked as not run.
    mutating func runAll() {
        while !pending.isEmpty || running > 0 {
            let dispatched = dispatchReady()
            reportInOrder()
            if !dispatched, running > 0 {
                finished.wait()
                running -= 1
                // Collect any other completions without blocking.
                while running > 0, finished.wait(timeout: .now()) == .success { running -= 1 }
            }
        }
        reportInOrder()
    }

    /// What may happen to a pending step now.
    private enum Readiness {
        case ready
        /// A step it reads from has not finished yet.
        case waiting
        /// It will not run, for this reason.
        case skipped(String)
    }

    private func readiness(of planned: PlannedStep) -> Readiness {
        if Interruption.isRequested {
            let number = planned.block.number
            run.ledger.withLock { ledger in
                ledger.stoppedAt = ledger.stoppedAt ?? number
                ledger.interruptedAt = ledger.interruptedAt ?? number
            }
        }
        let (stop, producers, results, stopReason, interrupted) = run.ledger.withLock { ledger in
            (ledger.stoppedAt, planned.inputs.map { ($0, ledger.states[$0.producer]) }, ledger.results,
             ledger.stoppedAt.map(ledger.stopReason(at:)), ledger.interruptedAt != nil)
        }
        // After Ctrl-C nothing more runs, whatever it depends on: say so.
        if interrupted, let stopReason { return .skipped(stopReason) }
        // A dependent of a failed step is told so first: --keep-going would not run it either.
        if let blocked = producers.first(where: { $0.1?.failed == true }) {
            let what: String
            if case .failed? = results[blocked.0.producer]?.status { what = "which failed" } else { what = "which did not run" }
            return .skipped("depends on '\(blocked.0.reference.name)' from step \(blocked.0.producer), \(what)")
        }
        if stop != nil, let stopReason {
            return .skipped(stopReason)
        }
        return producers.allSatisfy({ $0.1 != nil }) ? .ready : .waiting
    }

    /// Goes through the pending steps once, starting those that are ready and marking those
    /// that will not run; true when it started a step on a worker.
    ///
    /// One job at a time runs the steps in notebook order. With more, the ready steps start in
    /// ``startOrder(of:pendingReaders:)``: the last reader of a value goes first, so that the
    /// value is released before steps that only add to what is held.
    private mutating func dispatchReady() -> Bool {
        var ready: [PlannedStep] = []
        var index = 0
        while index < pending.count {
            let planned = pending[index]
            switch readiness(of: planned) {
            case let .skipped(reason):
                var skipped = Self.result(of: planned)
                skipped.status = .notRun(reason: reason)
                run.record(skipped, state: StepState(failed: true))
                pending.remove(at: index)
            case .waiting:
                index += 1
            case .ready:
                ready.append(planned)
                index += 1
            }
        }
        if jobs > 1, ready.count > 1 {
            ready = Self.startOrder(of: ready, pendingReaders: run.ledger.withLock { $0.pendingReaders })
        }
        var dispatched = false
        for planned in ready where running < jobs {
            pending.removeAll { $0.number == planned.number }
            if start(planned, result: Self.result(of: planned)) { dispatched = true }
        }
        return dispatched
    }

    /// A step's result before it runs.
    private static func result(of planned: PlannedStep) -> StepCellResult {
        let block = planned.block
        return StepCellResult(number: block.number, name: block.name, block: block.code, binding: block.binding?.name, status: .succeeded)
    }

    /// The order in which to start ready steps: first those that are the last unfinished reader
    /// of some step's value (finishing them releases it), then the others; notebook order within
    /// each. A run's peak memory is that of its widest stretch, and a step that releases a value
    /// narrows it (as Dask orders tasks to free their inputs early).
    static func startOrder(of ready: [PlannedStep], pendingReaders: [Int: Int]) -> [PlannedStep] {
        func releases(_ planned: PlannedStep) -> Bool { planned.dependencies.contains { pendingReaders[$0] == 1 } }
        return ready.filter(releases) + ready.filter { !releases($0) }
    }

    /// Starts a step: takes it from the cache when it can (false), else runs it on a worker
    /// thread (true).
    private mutating func start(_ planned: PlannedStep, result: StepCellResult) -> Bool {
        var result = result
        run.events.send(.started(step: planned.number, name: planned.name, of: run.plan.steps.count))
        let components = run.keyComponents(for: planned)
        if run.cache != nil, type(of: planned.step).writesFiles {
            result.cacheNote = "it writes files, so it runs every time"
        } else if let cache = run.cache {
            switch cache.lookup(components) {
            case let .hit(handle):
                run.reuse(planned, handle: handle, result: result)
                return false
            case let .miss(reason):
                result.cacheNote = reason
            }
        }
        running += 1
        let (run, finished, job) = (run, finished, result)
        // A thread of its own, so `jobs` steps really run at once (a shared pool may hold
        // back a second task while the first blocks in BLAS or I/O).
        let worker = Thread {
            run.perform(planned, components: components, result: job)
            // The step's working arrays and the values no later step reads are freed now;
            // hand their pages back so that the next steps start from what is really held.
            ResourceUsage.releaseFreedMemory()
            finished.signal()
        }
        worker.stackSize = 16 << 20
        worker.start()
        return true
    }

    /// Sends `.finished` events in notebook order. Without keep-going, every step after the
    /// first failure reads as not run — also one that a parallel worker had already finished
    /// — so the outcome is the same as a run one step at a time.
    private mutating func reportInOrder() {
        let steps = run.plan.steps
        while nextToReport < steps.count,
              var result = run.ledger.withLock({ $0.results[steps[nextToReport].number] }) {
            // A step already marked not run keeps its reason: "depends on … which failed" is the
            // true one for a dependent, and --keep-going would not run it either.
            let alreadyNotRun = if case .notRun = result.status { true } else { false }
            let (interrupted, reason) = run.ledger.withLock { ledger in
                (ledger.interruptedAt != nil, firstFailure.map(ledger.stopReason(at:)))
            }
            if let reason, !run.options.keepGoing || interrupted, !alreadyNotRun {
                result = StepCellResult(
                    number: result.number, name: result.name, block: result.block, binding: result.binding,
                    status: .notRun(reason: reason)
                )
                let replaced = result
                run.ledger.withLock { $0.results[replaced.number] = replaced }
            } else if case .failed = result.status {
                firstFailure = result.number
            }
            run.events.send(.finished(result))
            nextToReport += 1
        }
    }
}
