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
    /// A value is released once every step that reads it has finished, and a value nothing
    /// reads at once: a run holds only the values still to be read.
    @Test func valuesAreReleasedAfterTheirLastReader() throws {
        let registry = StepRegistry(steps: [MakeTrackedStep.self, ProbeStep.self], values: [TrackedValue.self])
        let source = """
        ```make
        as: a
        ```
        ```make
        as: b
        ```
        ```make
        as: unread
        ```
        ```probe
        value: a
        ```
        ```probe
        value: a
        ```
        ```probe
        value: b
        ```
        """
        let (notebook, _) = NotebookLoader(registry: registry).load(text: source, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        let (plan, diagnostics) = Checker(registry: registry).check(try #require(notebook))
        let checked = try #require(plan, "\(diagnostics)")
        #expect(liveTrackedValues.withLock { $0 } == 0)
        let run = Executor(registry: registry).run(checked, options: ExecutionOptions(jobs: 1))
        // While the first two probes run, a and b are alive (the unread value is gone); while
        // the third runs, a's readers have all finished and only b is left.
        #expect(run.stepResults.map(\.outputs).suffix(3) == [[.text("alive: 2\n")], [.text("alive: 2\n")], [.text("alive: 1\n")]])
        #expect(liveTrackedValues.withLock { $0 } == 0)
    }
}
