import Foundation
import RecbookSupport
import Testing
@testable import NotebookCore

/// A value that is a list of words, with its words known before running.
private struct WordsValue: NotebookValue {
    static let kind = ValueKind("words", doc: "Some words.", measurements: ["count"])
    var words: [String]
    var summary: String { "\(words.count) words" }
    func measurement(_ name: String) -> Double? { name == "count" ? Double(words.count) : nil }
    func encode(to writer: inout BinaryWriter) { writer.write(words) }
    init(words: [String]) { self.words = words }
    init(from reader: inout BinaryReader) throws { words = try reader.read([String].self) }
}

private struct WordsShape: ValueShape, Equatable { var words: [String] }

/// Text that remembers where it was written, so that a problem inside it can be pointed at: the
/// pattern an expression parameter follows.
private struct PositionedText: ParameterType {
    static let typeName = "text"
    static let jsonSchema: JSONValue = ["type": "string"]
    var text = ""
    var node = ParameterNode(.null, location: SourceLocation(file: "", line: 0, column: 0))
    init() {}
    init(parameter node: ParameterNode) throws(ParameterError) {
        text = try String(parameter: node)
        self.node = node
    }
    var canonicalText: String { text }

    /// Each space-separated word with the offset (in Unicode scalars) where it starts.
    var words: [(word: String, offset: Int)] {
        var result: [(String, Int)] = []
        var current = "", start = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if scalar == " " || scalar == "\n" {
                if !current.isEmpty { result.append((current, start)) }
                current = ""
            } else {
                if current.isEmpty { start = offset }
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { result.append((current, start)) }
        return result
    }
}

private struct WordsStep: Step {
    static let name = "words"
    static let summary = "Some words."
    static let produces: ValueKind? = WordsValue.kind
    static let schema: ParameterSchema<Self> = [.parameter(\.words, "words", doc: "The words.")]
    var words: [String] = []
    func analyse(_ context: AnalysisContext) -> (any ValueShape)? { WordsShape(words: words) }
    func run(in context: StepContext) throws -> (any NotebookValue)? { WordsValue(words: words) }
}

/// Picks words out of `from`; every word of `text` must be one of them.
private struct PickStep: Step {
    static let name = "pick"
    static let summary = "Pick words."
    static let produces: ValueKind? = WordsValue.kind
    static let schema: ParameterSchema<Self> = [
        .input(\.from, "from", kind: WordsValue.kind, doc: "Where to pick from."),
        .parameter(\.text, "text", doc: "The words to pick.", required: true),
    ]
    var from = ValueRef()
    var text = PositionedText()

    /// One check for both phases: before running with the shape the checker knows, at run time
    /// with the real words.
    func check(_ available: [String], _ context: AnalysisContext) {
        for (word, offset) in text.words where !available.contains(word) {
            context.error("no word '\(word)'", at: text.node.location(atOffset: offset))
        }
    }

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        guard let shape = context.shape(of: from, as: WordsShape.self) else { return nil }
        check(shape.words, context)
        return WordsShape(words: text.words.map(\.word))
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let words = try context.value(from, as: WordsValue.self).words
        let analysis = context.analysis { _ in nil }
        check(words, analysis)
        try analysis.throwIfErrors()
        return WordsValue(words: text.words.map(\.word))
    }
}

/// Words known only when running: the checker has no shape for them.
private struct LateWordsStep: Step {
    static let name = "late-words"
    static let summary = "Words known only at run time."
    static let produces: ValueKind? = WordsValue.kind
    static let schema: ParameterSchema<Self> = [.parameter(\.words, "words", doc: "The words.")]
    var words: [String] = []
    func run(in context: StepContext) throws -> (any NotebookValue)? { WordsValue(words: words) }
}

private let analysisRegistry = StepRegistry(
    steps: [WordsStep.self, PickStep.self, LateWordsStep.self], values: [WordsValue.self]
)

private func diagnostics(_ text: String) -> [String] {
    let (notebook, loaded) = NotebookLoader(registry: analysisRegistry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { return loaded.map(\.description) }
    let (_, checked) = Checker(registry: analysisRegistry).check(notebook)
    return (loaded + checked).sortedByLocation().map(\.description)
}

@Suite struct AnalysisTests {
    private let words = "```words\nwords: [alpha, beta, gamma]\nas: w\n```\n"

    @Test(arguments: [
        // A plain scalar: the word's own column.
        ("```pick\nfrom: w\ntext: alpha delta\n```\n", "nb.md:7:13: error: no word 'delta'"),
        // A quoted scalar: one column further for the quote.
        ("```pick\nfrom: w\ntext: \"alpha delta\"\n```\n", "nb.md:7:14: error: no word 'delta'"),
        // A literal block: the line and column inside the block.
        ("```pick\nfrom: w\ntext: |\n  alpha\n    beta delta\n```\n", "nb.md:9:10: error: no word 'delta'"),
        // A folded plain scalar over two lines.
        ("```pick\nfrom: w\ntext: alpha\n  delta\n```\n", "nb.md:8:3: error: no word 'delta'"),
        // Non-ASCII text before the problem: columns count characters, not bytes.
        ("```pick\nfrom: w\ntext: \"é delta\"\n```\n", "nb.md:7:10: error: no word 'delta'"),
    ])
    func problemsPointInsideTheText(body: String, expected: String) {
        let found = diagnostics(words + body)
        #expect(found.last == expected, "\(found)")
    }

    @Test func shapesFlowThroughSteps() {
        // The second pick sees only what the first one picked.
        let found = diagnostics(words + "```pick\nfrom: w\ntext: alpha beta\nas: p\n```\n```pick\nfrom: p\ntext: gamma\n```\n")
        #expect(found == ["nb.md:12:7: error: no word 'gamma'"])
    }

    @Test func anUnknownShapeIsNotCheckedBeforeRunning() {
        #expect(diagnostics("```late-words\nwords: [a]\nas: w\n```\n```pick\nfrom: w\ntext: zzz\n```\n") == [])
    }

    @Test func aStepWithInvalidParametersIsNotAnalysed() {
        // The misspelt parameter is the only problem reported; the analysis does not run.
        let found = diagnostics(words + "```pick\nfrom: w\ntxt: delta\n```\n")
        #expect(found == ["nb.md:7:1: error: unknown parameter 'txt' for step 'pick'; did you mean 'text'?"])
    }

    @Test func runTimeChecksReadAsTheCheckersDo() throws {
        let text = "```late-words\nwords: [a]\nas: w\n```\n```pick\nfrom: w\ntext: a zzz\n```\n"
        let (notebook, _) = NotebookLoader(registry: analysisRegistry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        let loaded = try #require(notebook)
        let plan = try #require(Checker(registry: analysisRegistry).check(loaded).plan)
        let run = Executor(registry: analysisRegistry).run(plan)
        let failure = run.cells.compactMap { cell -> String? in
            if case let .step(result) = cell, case let .failed(message) = result.status { return message }
            return nil
        }
        #expect(failure == ["nb.md:7:9: error: no word 'zzz'"])
    }
}
