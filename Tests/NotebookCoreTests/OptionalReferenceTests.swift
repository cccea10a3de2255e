import Foundation
import Outputs
import RecbookSupport
import Testing
@testable import NotebookCore

/// Words, any of which may name a number bound earlier: the pattern of a SQL query's names.
private struct Words: ParameterType, ValueReferencing {
    static let typeName = "words"
    static let jsonSchema: JSONValue = ["type": "string"]
    var words: [ValueRef] = []
    init() {}
    init(parameter node: ParameterNode) throws(ParameterError) {
        guard let text = node.scalar else { throw Self.mismatch(node) }
        words = text.split(separator: " ").map { word in
            let parts = word.split(separator: ".").map(String.init)
            return ValueRef(name: parts[0], members: Array(parts.dropFirst()), location: node.location)
        }
    }
    var canonicalText: String { words.map(\.canonicalText).joined(separator: " ") }
    var references: [ValueRef] { [] }
    var optionalReferences: [OptionalReference] { words.map { OptionalReference($0, kind: NumberValue.kind) } }
}

/// Adds up the numbers the words name, each once; the other words count nothing.
private struct SumOfStep: Step {
    static let name = "sum-of"
    static let summary = "Adds the numbers its words name."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = [.parameter(\.words, "words", doc: "Words.", required: true)]
    var words = Words()
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        var total = 0.0
        for word in Set(words.words) where context.isInput(word) {
            total += try context.value(word, as: NumberValue.self).value
        }
        context.print("sum: \(Format.shortest(total))")
        return NumberValue(value: total)
    }
}

private let registry = StepRegistry(
    steps: [ConstantStep.self, PairStep.self, SumOfStep.self, ReadNumberStep.self], values: [NumberValue.self, PairValue.self]
)

private func plan(_ text: String) throws -> CheckedNotebook {
    let (notebook, loaded) = NotebookLoader(registry: registry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    let parsed = try #require(notebook, "\(loaded)")
    let (plan, checked) = Checker(registry: registry).check(parsed)
    return try #require(plan, "\(checked)")
}

@Suite struct OptionalReferenceTests {
    private let notebook = """
        ```constant
        value: 2
        as: a
        ```
        ```pair
        first: 10
        second: 20
        as: p
        ```
        ```sum-of
        words: a b p p.second a later
        as: s
        ```
        ```constant
        value: 1000
        as: later
        ```
        """

    @Test func theNamesBoundEarlierAsTheirKindAreInputs() throws {
        let sum = try plan(notebook).steps[2]
        // 'b' is bound nowhere, 'p' is a pair rather than a number, 'later' is bound after the
        // step, and 'a' is named twice: only 'a' and 'p.second' are inputs.
        #expect(sum.inputs.map(\.reference.canonicalText) == ["a", "p.second"])
        #expect(sum.inputs.map(\.parameter) == ["words", "words"])
        #expect(sum.dependencies == [1, 2])
    }

    @Test func theStepReadsItsOptionalInputsWhenRun() throws {
        let run = Executor(registry: registry).run(try plan(notebook), options: ExecutionOptions(jobs: 2))
        #expect(run.stepResults[2].outputs == [.text("sum: 22.0\n")])
    }

    @Test func anUnknownMemberOfAnOptionalReferenceIsNoError() throws {
        let steps = try plan("```pair\nas: p\n```\n```sum-of\nwords: p.third p.first\n```\n").steps
        #expect(steps[1].inputs.map(\.reference.canonicalText) == ["p.first"])
    }

    @Test func aChangeUpstreamOfAnOptionalInputRerunsTheStep() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        let text = "```read-number\nfile: data.txt\nas: x\n```\n```sum-of\nwords: x y\n```\n"
        try fixture.write("nb.md", text)
        func run() throws -> [String?] {
            let (loaded, _) = NotebookLoader(registry: registry).load(path: fixture.notebook.path)
            let notebook = try #require(loaded)
            let checked = try #require(Checker(registry: registry).check(notebook).plan)
            let cache = FileStepCache(directory: FileStepCache.directory(for: notebook))
            return Executor(registry: registry, cache: cache).run(checked).stepResults.map(\.cacheNote)
        }
        _ = try run()
        try fixture.write("data.txt", "41\n")
        #expect(try run() == ["\(fixture.directory.lastPathComponent)/data.txt changed", "input 'x' changed"])
    }
}
