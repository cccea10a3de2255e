import Foundation
import Outputs
import RecbookSupport
import RunModel
import Testing
@testable import NotebookCore

/// A step that reads a text file holding a number, recording the read for the cache.
struct ReadNumberStep: Step {
    static let name = "read-number"
    static let summary = "Reads a number from a file."
    static let produces: ValueKind? = NumberValue.kind
    static let schema: ParameterSchema<Self> = [.parameter(\.file, "file", doc: "The file.", required: true)]
    var file = FilePath("")
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let url = context.url(for: file)
        try context.recordRead(of: url)
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = Double(text) else { throw StepError("\(file.path): expected a number") }
        ReadNumberStep.reads.increment()
        return NumberValue(value: value)
    }
    static let reads = Counter()
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}

/// A step with an effect outside the report: it writes its input into the output directory.
struct WriteNumberStep: Step {
    static let name = "write-number"
    static let summary = "Writes a number into the output directory."
    static let produces: ValueKind? = nil
    static let writesFiles = true
    static let schema: ParameterSchema<Self> = [.input(\.value, "value", kind: NumberValue.kind, doc: "The number.")]
    var value = ValueRef()
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let number = try context.value(value, as: NumberValue.self)
        try FileManager.default.createDirectory(at: context.outputDirectory, withIntermediateDirectories: true)
        try Format.shortest(number.value).write(
            to: context.outputDirectory.appendingPathComponent("number.txt"), atomically: true, encoding: .utf8
        )
        context.print("wrote number.txt")
        return nil
    }
}

let cacheRegistry = StepRegistry(
    steps: [ConstantStep.self, AddStep.self, ReadNumberStep.self, ShowStep.self, WriteNumberStep.self],
    values: [NumberValue.self]
)

/// A scratch folder holding a notebook and its data, run through the real loader, checker,
/// executor and on-disk cache.
struct CacheFixture {
    let directory: URL
    var notebook: URL { directory.appendingPathComponent("nb.md") }
    var cacheDirectory: URL { directory.appendingPathComponent(".recbook-cache/nb") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func notebookText(k: Int = 2, version: String = "") -> String {
        """
        ---
        params:
          k: \(k)
        ---
        ```read-number
        file: data.txt
        as: x
        ```
        ```constant
        value: ${k}
        as: k
        ```
        ```add
        a: x
        b: k
        as: sum
        ```
        ```show
        value: sum
        ```
        """
    }

    /// Runs the notebook and returns each step's status and cache note.
    func run(overrides: [ParameterOverride] = [], cache: Bool = true) throws -> [(StepStatus, String?)] {
        let (notebook, diagnostics) = NotebookLoader(registry: cacheRegistry).load(path: self.notebook.path)
        let loaded = try #require(notebook, "\(diagnostics)")
        let (plan, problems) = Checker(registry: cacheRegistry).check(loaded, overrides: overrides)
        let checked = try #require(plan, "\(problems)")
        let store = cache ? FileStepCache(directory: FileStepCache.directory(for: loaded)) : nil
        let run = Executor(registry: cacheRegistry, cache: store).run(checked, options: ExecutionOptions(outputDirectory: outputDirectory))
        return run.stepResults.map { ($0.status, $0.cacheNote) }
    }

    var outputDirectory: URL { directory.appendingPathComponent("output") }

    /// The plan `recbook plan` would print: whether each step would run, and why.
    func plan() throws -> [(Bool, String)] {
        let (notebook, _) = NotebookLoader(registry: cacheRegistry).load(path: self.notebook.path)
        let loaded = try #require(notebook)
        let checked = try #require(Checker(registry: cacheRegistry).check(loaded).plan)
        let store = FileStepCache(directory: FileStepCache.directory(for: checked.notebook))
        return Executor(registry: cacheRegistry, cache: store).plan(checked).map { ($0.willRun, $0.reason) }
    }

    static func isReused(_ status: StepStatus) -> Bool {
        if case .reused = status { return true }
        return false
    }
}

@Suite(.serialized) struct CacheTests {
    @Test func unchangedRerunReusesEverything() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        let first = try fixture.run()
        #expect(first.map(\.1) == ["not in the cache", "not in the cache", "not in the cache", "not in the cache"])
        let second = try fixture.run()
        #expect(second.allSatisfy { CacheFixture.isReused($0.0) })
        // The cache folder is ignored by git.
        let ignore = try String(contentsOf: fixture.directory.appendingPathComponent(".recbook-cache/.gitignore"), encoding: .utf8)
        #expect(ignore.contains("*"))
    }

    @Test func changedDataFileRerunsItsReaderAndDependents() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        try fixture.write("data.txt", "41\n")
        let rerun = try fixture.run()
        #expect(rerun[0].1 == "\(fixture.directory.lastPathComponent)/data.txt changed")
        #expect(CacheFixture.isReused(rerun[1].0))
        #expect(rerun[2].1 == "input 'x' changed")
        #expect(rerun[3].1 == "input 'sum' changed")
    }

    @Test func changedParameterRerunsOnlyWhatUsesIt() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        let rerun = try fixture.run(overrides: [ParameterOverride(name: "k", value: "3")])
        #expect(CacheFixture.isReused(rerun[0].0))
        #expect(rerun[1].1 == "parameter 'value' changed")
        #expect(rerun[2].1 == "input 'k' changed")
    }

    @Test func editingTheLastBlockRerunsOnlyIt() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        try fixture.write("nb.md", fixture.notebookText().replacingOccurrences(of: "b: k\nas: sum", with: "b: k\ntimes: 2\nas: sum"))
        let rerun = try fixture.run()
        #expect(rerun[0...1].allSatisfy { CacheFixture.isReused($0.0) })
        #expect(rerun[2].1 == "parameter 'times' changed")
        #expect(rerun[3].1 == "input 'sum' changed")
    }

    @Test func aNewRecbookVersionInvalidatesEverything() throws {
        var components = CacheKeyComponents(
            recbookVersion: "0.1.0", stepName: "svd", identity: "svd", seed: "1",
            parameters: [.init(name: "k", value: "50")], inputs: [.init(name: "matrix", value: "abc")]
        )
        let old = components
        components.recbookVersion = "0.2.0"
        #expect(components.key != old.key)
        #expect(components.differences(from: old) == ["recbook changed from 0.1.0 to 0.2.0"])
        var rebuilt = old
        rebuilt.recbookVersion = "0.1.0+123.456"
        #expect(rebuilt.key != old.key)
        #expect(rebuilt.differences(from: old) == ["recbook was rebuilt"])
    }

    @Test func damagedEntriesAreRecomputedNotTrusted() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        // Truncate every entry file.
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.cacheDirectory.path)
        for file in files where file.hasSuffix(".entry") {
            let url = fixture.cacheDirectory.appendingPathComponent(file)
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
        }
        let rerun = try fixture.run()
        #expect(rerun.map(\.1) == Array(repeating: "its cache entry was damaged", count: 4))
        #expect(rerun.allSatisfy { $0.0 == .succeeded })
    }

    @Test func aDamagedValueIsRecomputedWhenADependentNeedsIt() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        // Flip a byte in every stored value (same size, so only the checksum can tell).
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.cacheDirectory.path) where file.hasSuffix(".value") {
            let url = fixture.cacheDirectory.appendingPathComponent(file)
            var data = try Data(contentsOf: url)
            data[data.count - 70] ^= 0xFF
            try data.write(to: url)
        }
        // Editing the last block makes it run, so it needs 'sum' from the cache.
        try fixture.write("nb.md", fixture.notebookText() + "\n")
        let readsBefore = ReadNumberStep.reads.count
        try fixture.write("nb.md", fixture.notebookText().replacingOccurrences(of: "```show\nvalue: sum", with: "```add\na: sum\nb: sum"))
        let rerun = try fixture.run()
        #expect(rerun[3].0 == .succeeded)
        #expect(rerun[0...2].allSatisfy { CacheFixture.isReused($0.0) })
        // 'sum' was recomputed from 'x' and 'k', which were recomputed in turn.
        #expect(ReadNumberStep.reads.count == readsBefore + 1)
    }

    @Test func aStepThatWritesFilesRunsEvenWhenUnchanged() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText() + "\n```write-number\nvalue: sum\n```\n")
        let written = fixture.outputDirectory.appendingPathComponent("number.txt")
        _ = try fixture.run()
        #expect(try String(contentsOf: written, encoding: .utf8) == "42.0")

        try FileManager.default.removeItem(at: written)
        let readsBefore = ReadNumberStep.reads.count
        #expect(try fixture.plan().map(\.1) == ["unchanged", "unchanged", "unchanged", "unchanged", "it writes files, so it runs every time"])
        let rerun = try fixture.run()
        #expect(rerun[0...3].allSatisfy { CacheFixture.isReused($0.0) })
        #expect(rerun[4].0 == .succeeded)
        #expect(rerun[4].1 == "it writes files, so it runs every time")
        // It wrote its file again, reading 'sum' back from the cache: nothing upstream ran.
        #expect(try String(contentsOf: written, encoding: .utf8) == "42.0")
        #expect(ReadNumberStep.reads.count == readsBefore)
    }

    /// The cache key each step was stored under, by its identity, from the cache's index.
    private func keys(_ fixture: CacheFixture) throws -> [String: String] {
        let data = try Data(contentsOf: fixture.cacheDirectory.appendingPathComponent("index.json"))
        let index = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        return index.compactMapValues { $0["key"] as? String }
    }

    @Test func anEntryCopiedOverAnotherIsNotTrusted() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        let keys = try keys(fixture)
        let (x, k) = (try #require(keys["x"]), try #require(keys["k"]))
        // A valid entry, sealed with its own checksum, in the place of another.
        let entry = { (key: String) in fixture.cacheDirectory.appendingPathComponent("\(key).entry") }
        try FileManager.default.removeItem(at: entry(x))
        try FileManager.default.copyItem(at: entry(k), to: entry(x))
        let readsBefore = ReadNumberStep.reads.count
        let rerun = try fixture.run()
        #expect(rerun[0].0 == .succeeded)
        #expect(rerun[0].1 == "its cache entry belongs to another step")
        #expect(rerun[1...].allSatisfy { CacheFixture.isReused($0.0) })
        #expect(ReadNumberStep.reads.count == readsBefore + 1)
    }

    @Test func aValueCopiedOverAnotherIsNotTrusted() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        let keys = try keys(fixture)
        let (x, k) = (try #require(keys["x"]), try #require(keys["k"]))
        // Both are numbers, so the copy has the right size, kind and checksum: only the key tells.
        let value = { (key: String) in fixture.cacheDirectory.appendingPathComponent("\(key).value") }
        try FileManager.default.removeItem(at: value(x))
        try FileManager.default.copyItem(at: value(k), to: value(x))
        // Editing 'add' makes it run, so it reads 'x' back from the cache.
        try fixture.write("nb.md", fixture.notebookText().replacingOccurrences(of: "b: k\nas: sum", with: "b: k\ntimes: 3\nas: sum"))
        let readsBefore = ReadNumberStep.reads.count
        let rerun = try fixture.run()
        #expect(rerun[2].0 == .succeeded)
        // 'x' was recomputed from its file instead of read as 2.
        #expect(ReadNumberStep.reads.count == readsBefore + 1)
    }

    @Test func temporariesOfKilledRunsAreRemovedOnTheNextRun() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        // A process that has exited: its temporaries are stale.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let mine = ProcessInfo.processInfo.processIdentifier
        let names = [".abc.entry.\(dead).12345.tmp", ".abc.entry.\(mine).12345.tmp", ".notes.tmp"]
        for name in names { try fixture.write(".recbook-cache/nb/\(name)", "partial") }
        try fixture.write(".recbook-cache/.gitignore.\(dead).7.tmp", "partial")
        _ = try fixture.run()
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.cacheDirectory.path)
        #expect(!left.contains(names[0]))
        #expect(left.contains(names[1]) && left.contains(names[2]))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent(".recbook-cache/.gitignore.\(dead).7.tmp").path))
    }

    @Test func noCacheRunsEverything() throws {
        let fixture = try CacheFixture()
        try fixture.write("data.txt", "40\n")
        try fixture.write("nb.md", fixture.notebookText())
        _ = try fixture.run()
        let rerun = try fixture.run(cache: false)
        #expect(rerun.allSatisfy { $0.0 == .succeeded && $0.1 == nil })
    }
}

/// Figures with missing points carry NaN; the cache must still store and reuse them.
struct GapStep: Step {
    static let name = "gap"
    static let summary = "Draws a figure with a missing point."
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = []
    func run(in context: StepContext) throws -> (any NotebookValue)? {
        context.emit(.figure(Figure(title: "gap", marks: [.line(Series(name: "s", x: [1, 2], y: [1, .nan]))])))
        return nil
    }
}

@Suite struct CacheNonFiniteTests {
    @Test func outputsWithNaNAreCached() throws {
        let registry = StepRegistry(steps: [GapStep.self], values: [])
        let fixture = try CacheFixture()
        try fixture.write("nb.md", "```gap\n```\n")
        func run() throws -> StepStatus {
            let (notebook, _) = NotebookLoader(registry: registry).load(path: fixture.notebook.path)
            let loaded = try #require(notebook)
            let (plan, _) = Checker(registry: registry).check(loaded)
            let run = Executor(registry: registry, cache: FileStepCache(directory: FileStepCache.directory(for: loaded))).run(try #require(plan))
            guard case let .figure(figure)? = run.stepResults[0].outputs.first, case let .line(series)? = figure.marks.first else {
                Issue.record("the figure did not come back")
                return .succeeded
            }
            #expect(series.y[1].isNaN)
            return run.stepResults[0].status
        }
        #expect(try run() == .succeeded)
        #expect(CacheFixture.isReused(try run()))
    }
}
