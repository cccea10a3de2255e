import Foundation
import Outputs
import RunModel
import Testing
@testable import NotebookCore

@Suite struct ExecutorTests {
    func run(_ source: String, keepGoing: Bool = false, seed: String? = nil) throws -> NotebookRun {
        let overrides = seed.map { [ParameterOverride(name: "seed", value: $0)] } ?? []
        let (plan, diagnostics) = check(source, overrides: overrides)
        let checked = try #require(plan, "\(diagnostics)")
        return Executor(registry: testRegistry).run(checked, options: ExecutionOptions(keepGoing: keepGoing))
    }

    @Test func runsStepsInOrderAndPassesValues() throws {
        let result = try run("""
        ```constant
        value: 2
        as: two
        ```
        ```add
        a: two
        b: two
        times: 3
        as: twelve
        expect: [value == 12, value > 100]
        ```
        ```pair
        first: 5
        as: p
        ```
        ```add
        a: p.first
        b: twelve
        ```
        """)
        let steps = result.stepResults
        #expect(steps.map(\.status) == [.succeeded, .succeeded, .succeeded, .succeeded])
        #expect(steps[0].outputs == [.text("value: 2.0\n")])
        #expect(steps[1].outputs == [.text("sum: 12.0\n")])
        #expect(steps[3].outputs == [.text("sum: 17.0\n")])
        #expect(steps[1].expectations.map(\.passed) == [true, false])
        #expect(steps[1].valueSummary == "number 12.0")
        #expect(!result.succeeded)
    }

    @Test func expectIfSkipsExpectationsWhenItsParameterIsFalse() throws {
        let source = """
        ---
        params:
          reference: true
        ---
        ```constant
        value: 3
        as: three
        expect: value == 4
        expect-if: reference
        ```
        """
        let (plan, _) = check(source)
        let checked = try #require(plan)
        let on = Executor(registry: testRegistry).run(checked)
        #expect(on.stepResults[0].expectations.map(\.passed) == [false])
        let (offPlan, _) = check(source, overrides: [ParameterOverride(name: "reference", value: "false")])
        let off = Executor(registry: testRegistry).run(try #require(offPlan))
        #expect(off.stepResults[0].expectations.isEmpty)
        #expect(off.succeeded)

        let (_, diagnostics) = check("```constant\nvalue: 1\nexpect: value == 1\nexpect-if: refrence\n```\n")
        #expect(diagnostics == ["nb.md:4:12: error: 'expect-if' names 'refrence', which is not a notebook parameter"])
    }

    let failing = """
    ```constant
    value: 1
    as: one
    ```
    ```fail
    message: the data file is broken
    as: broken
    ```
    ```add
    a: broken
    b: one
    as: after
    ```
    ```add
    a: one
    b: one
    as: independent
    ```
    ```show
    value: after
    ```
    """

    @Test func stopsAtTheFirstFailure() throws {
        let result = try run(failing)
        let statuses = result.stepResults.map(\.status)
        #expect(statuses[0] == .succeeded)
        #expect(statuses[1] == .failed(message: "the data file is broken"))
        let stopped = StepStatus.notRun(reason: "the run stopped at step 2 after an error; --keep-going runs the steps that do not depend on it")
        // A step that depends on the failed one is told so: --keep-going would not run it either.
        #expect(Array(statuses[2...]) == [
            .notRun(reason: "depends on 'broken' from step 2, which failed"),
            stopped,
            .notRun(reason: "depends on 'after' from step 3, which did not run"),
        ])
        #expect(!result.succeeded)
    }

    @Test func keepGoingSkipsOnlyDependents() throws {
        let result = try run(failing, keepGoing: true)
        let statuses = result.stepResults.map(\.status)
        #expect(statuses[2] == .notRun(reason: "depends on 'broken' from step 2, which failed"))
        #expect(statuses[3] == .succeeded)
        #expect(statuses[4] == .notRun(reason: "depends on 'after' from step 3, which did not run"))
        #expect(result.cells.count == 5)
    }

    @Test func seedsAreDerivedPerStepAndReproducible() throws {
        let source = "```random\nas: a\n```\n```random\nas: b\n```\n"
        func values(_ run: NotebookRun) -> [String?] { run.stepResults.map(\.valueSummary) }
        let first = try run(source, seed: "7")
        let again = try run(source, seed: "7")
        let other = try run(source, seed: "8")
        #expect(values(first) == values(again))
        #expect(values(first)[0] != values(first)[1])
        #expect(values(first) != values(other))
    }

    @Test func labelsAndCaptionsGoToFiguresAndTablesInOrder() {
        let block = StepBlock(
            number: 1, name: "x",
            code: .init(info: "x", language: "x", literal: "", fenceLine: 1, fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```"),
            location: .init(file: "nb.md", line: 1, column: 1), entries: [], binding: nil, expectations: [],
            labels: ["fig-a", "tbl-b"], caption: "First"
        )
        let figure = Figure(title: "t", marks: [])
        let table = TableOutput(columns: [], rows: [])
        let labelled = Executor.applyLabels(block, to: [.text("x"), .figure(figure), .table(table)])
        guard case let .figure(f) = labelled[1], case let .table(t) = labelled[2] else {
            Issue.record("outputs changed kind")
            return
        }
        #expect(f.label == "a" && f.caption == "First")
        #expect(t.label == "b" && t.caption == nil)
        // A fig- label skips a table that comes first.
        var second = block
        second.labels = ["fig-only"]
        let skipped = Executor.applyLabels(second, to: [.table(table), .figure(figure)])
        guard case let .table(t2) = skipped[0], case let .figure(f2) = skipped[1] else { return }
        #expect(t2.label == nil && f2.label == "only")
    }
}

/// A step that waits a little and records how many such steps were running at once.
struct SlowStep: Step {
    static let name = "slow"
    static let summary = "Waits, then produces a number."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = [.parameter(\.value, "value", doc: "The number.")]
    var value = 1.0
    static let tracker = ConcurrencyTracker()
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        Self.tracker.enter()
        defer { Self.tracker.leave() }
        Thread.sleep(forTimeInterval: 0.2)
        return NumberValue(value: value)
    }
}

final class ConcurrencyTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    func enter() { lock.lock(); current += 1; peak = max(peak, current); lock.unlock() }
    func leave() { lock.lock(); current -= 1; lock.unlock() }
    func reset() { lock.lock(); peak = 0; lock.unlock() }
    var observedPeak: Int { lock.lock(); defer { lock.unlock() }; return peak }
}

@Suite(.serialized) struct ParallelExecutorTests {
    let registry = StepRegistry(
        steps: [ConstantStep.self, AddStep.self, FailStep.self, ShowStep.self, SlowStep.self, RendezvousStep.self],
        values: [NumberValue.self]
    )

    func plan(_ source: String) throws -> CheckedNotebook {
        let (notebook, _) = NotebookLoader(registry: registry).load(text: source, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        let (plan, diagnostics) = Checker(registry: registry).check(try #require(notebook))
        return try #require(plan, "\(diagnostics)")
    }

    @Test func independentStepsRunAtOnceAndReportInNotebookOrder() throws {
        let checked = try plan("""
        ```slow
        value: 1
        as: a
        ```
        ```slow
        value: 2
        as: b
        ```
        ```add
        a: a
        b: b
        as: c
        ```
        """)
        SlowStep.tracker.reset()
        var order: [Int] = []
        let run = Executor(registry: registry, onEvent: { if case let .finished(result) = $0 { order.append(result.number) } })
            .run(checked, options: ExecutionOptions(jobs: 2))
        #expect(order == [1, 2, 3])
        #expect(run.stepResults.map(\.outputs) == [[], [], [.text("sum: 3.0\n")]])

        SlowStep.tracker.reset()
        _ = Executor(registry: registry).run(checked, options: ExecutionOptions(jobs: 1))
        #expect(SlowStep.tracker.observedPeak == 1)
    }

    @Test func twoJobsRunTwoIndependentStepsAtTheSameTime() throws {
        // Each step waits for the other to have started: only concurrent execution lets both
        // finish before the (generous) deadline.
        let checked = try plan("""
        ```rendezvous
        as: a
        ```
        ```rendezvous
        as: b
        ```
        """)
        RendezvousStep.arrivals.reset()
        let run = Executor(registry: registry).run(checked, options: ExecutionOptions(jobs: 2))
        #expect(run.stepResults.map(\.valueSummary) == ["number 1.0", "number 1.0"], "\(run.stepResults.map(\.status))")
    }

    @Test func failuresMeanTheSameWithAnyNumberOfJobs() throws {
        let checked = try plan("""
        ```constant
        value: 1
        as: one
        ```
        ```fail
        as: broken
        ```
        ```add
        a: broken
        b: one
        as: after
        ```
        ```add
        a: one
        b: one
        as: independent
        ```
        """)
        for keepGoing in [false, true] {
            let statuses = [1, 2, 4].map { jobs in
                Executor(registry: registry).run(checked, options: ExecutionOptions(keepGoing: keepGoing, jobs: jobs)).stepResults.map(\.status)
            }
            // Every status is the same whatever the number of jobs, even for step 4, which a
            // parallel run may have finished before step 2 failed.
            #expect(statuses[0] == statuses[1] && statuses[1] == statuses[2], "\(statuses)")
            #expect(statuses[0][2] == .notRun(reason: "depends on 'broken' from step 2, which failed"))
            #expect(statuses[0][3] == (keepGoing ? .succeeded
                : .notRun(reason: "the run stopped at step 2 after an error; --keep-going runs the steps that do not depend on it")))
        }
    }
}

/// A step that arrives, then waits until two have arrived: 1 when it met the other, 0 if not.
struct RendezvousStep: Step {
    static let name = "rendezvous"
    static let summary = "Waits for a second step to start."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = []
    static let arrivals = Arrivals()
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        NumberValue(value: Self.arrivals.arriveAndWait(for: 2, timeout: 20) ? 1 : 0)
    }
}

final class Arrivals: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0
    func reset() { condition.lock(); count = 0; condition.unlock() }
    func arriveAndWait(for expected: Int, timeout: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        count += 1
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while count < expected {
            if !condition.wait(until: deadline) { return count >= expected }
        }
        return true
    }

    @Test func aCaptionGoesOnTheFirstFigureElseOnTheFirstTable() {
        let block = StepBlock(
            number: 1, name: "x",
            code: .init(info: "x", language: "x", literal: "", fenceLine: 1, fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```"),
            location: .init(file: "nb.md", line: 1, column: 1), entries: [], binding: nil, expectations: [],
            labels: [], caption: "Block"
        )
        let table = TableOutput(columns: [], rows: [])
        let figure = Figure(title: "t", caption: "the step's own", marks: [])
        func captions(_ outputs: [Output]) -> [String?] {
            Executor.applyLabels(block, to: outputs).map { output in
                switch output {
                case .figure(let figure): figure.caption
                case .table(let table): table.caption
                default: "not captioned"
                }
            }
        }
        // A table before the figure (compare's table and chart): the figure is what prose describes.
        #expect(captions([.table(table), .figure(figure), .figure(figure)]) == [nil, "Block", "the step's own"])
        #expect(captions([.text("x"), .table(table), .table(table)]) == ["not captioned", "Block", nil])
        var uncaptioned = block
        uncaptioned.caption = nil
        #expect(Executor.applyLabels(uncaptioned, to: [.figure(figure)]) == [.figure(figure)])
    }
}
