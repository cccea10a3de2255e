import Foundation
import Outputs
import RecbookSupport
import Synchronization
import Testing
@testable import NotebookCore

/// Counts the tracked values alive in this process.
let liveTrackedValues = Mutex(0)

/// A value whose storage announces when it is freed.
final class TrackedStorage: Sendable {
    init() { liveTrackedValues.withLock { $0 += 1 } }
    deinit { liveTrackedValues.withLock { $0 -= 1 } }
}

struct TrackedValue: NotebookValue {
    static let kind = ValueKind("tracked", doc: "A value whose release can be observed.")
    let storage = TrackedStorage()
    var summary: String { "tracked" }
    func encode(to writer: inout BinaryWriter) {}
    init() {}
    init(from reader: inout BinaryReader) throws {}
}

struct MakeTrackedStep: Step {
    static let name = "make"
    static let summary = "Makes a tracked value."
    static let produces: ValueKind? = TrackedValue.kind
    static let schema: ParameterSchema<Self> = []
    func run(in context: StepContext) throws -> (any NotebookValue)? { TrackedValue() }
}

/// Reads a tracked value and prints how many are alive while it runs.
struct ProbeStep: Step {
    static let name = "probe"
    static let summary = "Prints how many tracked values are alive."
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [.input(\.value, "value", kind: TrackedValue.kind, doc: "The value read.")]
    var value = ValueRef()
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        _ = try context.value(value, as: TrackedValue.self)
        context.print("alive: \(liveTrackedValues.withLock { $0 })")
        return nil
    }
}

@Suite(.serialized) struct ValueReleaseTests {
    static let registry = StepRegistry(steps: [MakeTrackedStep.self, ProbeStep.self], values: [TrackedValue.self])

    /// A checked notebook of `make NAME` and `probe NAME` steps, in that order.
    static func plan(_ steps: String...) throws -> CheckedNotebook {
        let source = steps.map { step in
            let words = step.split(separator: " ")
            return "```\(words[0])\n\(words[0] == "make" ? "as" : "value"): \(words[1])\n```"
        }.joined(separator: "\n")
        let (notebook, _) = NotebookLoader(registry: registry).load(text: source, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        let (plan, diagnostics) = Checker(registry: registry).check(try #require(notebook))
        return try #require(plan, "\(diagnostics)")
    }

    /// A value is released once every step that reads it has finished, and a value nothing
    /// reads at once: a run holds only the values still to be read.
    @Test func valuesAreReleasedAfterTheirLastReader() throws {
        let checked = try Self.plan("make a", "make b", "make unread", "probe a", "probe a", "probe b")
        #expect(liveTrackedValues.withLock { $0 } == 0)
        let run = Executor(registry: Self.registry).run(checked, options: ExecutionOptions(jobs: 1))
        // While the first two probes run, a and b are alive (the unread value is gone); while
        // the third runs, a's readers have all finished and only b is left.
        #expect(run.stepResults.map(\.outputs).suffix(3) == [[.text("alive: 2\n")], [.text("alive: 2\n")], [.text("alive: 1\n")]])
        #expect(liveTrackedValues.withLock { $0 } == 0)
    }

    /// With several jobs, a ready step that is the last reader of a value starts before the
    /// others, so the value is released before more is made; one job keeps notebook order.
    @Test func theLastReaderOfAValueStartsFirst() throws {
        let plan = try Self.plan("make a", "make b", "probe b", "probe a", "probe b")
        let steps = plan.steps
        // After step 1: steps 2 and 4 are ready; 4 is a's only reader, so it goes first.
        let readers = [1: 1, 2: 2]
        #expect(RunScheduler.startOrder(of: [steps[1], steps[3]], pendingReaders: readers).map(\.number) == [4, 2])
        // Step 3 reads b, but so does step 5: it releases nothing and keeps its place.
        #expect(RunScheduler.startOrder(of: [steps[1], steps[2], steps[3]], pendingReaders: readers).map(\.number) == [4, 2, 3])
        // Once step 3 has finished, step 5 is b's last reader.
        #expect(RunScheduler.startOrder(of: [steps[3], steps[4]], pendingReaders: [1: 1, 2: 1]).map(\.number) == [4, 5])
        #expect(RunScheduler.startOrder(of: [steps[1]], pendingReaders: readers).map(\.number) == [2])

        // One job runs them in notebook order: the probe of a sees both values alive.
        let serial = Executor(registry: Self.registry).run(plan, options: ExecutionOptions(jobs: 1))
        #expect(serial.stepResults.map(\.outputs)[3] == [.text("alive: 2\n")])
    }
}
