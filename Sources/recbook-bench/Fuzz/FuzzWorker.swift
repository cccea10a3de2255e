import Foundation
import Frames
import NotebookCore
import RecommenderSteps

/// The child process of a fuzz pass: runs inputs `from..<to` of one kind in order, and says on
/// standard output when each begins and ends, so that the parent knows which input a crash or
/// a hang belongs to.
///
/// Lines: `B <index>` before an input, `E <index> <microseconds> <peak RSS in KB>` after it.
enum FuzzWorker {
    static func run(_ options: [String: String]) throws {
        let seed = options["seed"].flatMap(UInt64.init) ?? 1
        let from = options["from"].flatMap(Int.init) ?? 0, to = options["to"].flatMap(Int.init) ?? 0
        let kind = options["kind"] ?? "notebook"
        if let budget = options["memory-budget"].flatMap(Int.init) { limitMemory(to: budget) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("recbook-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputs = FuzzInputs(seed: seed, corpus: URL(fileURLWithPath: options["corpus"] ?? "notebooks"))
        let clock = ContinuousClock()
        for index in from..<to {
            say("B \(index)")
            let start = clock.now
            if kind == "csv" {
                try runCSV(inputs.csv(index), in: scratch)
            } else {
                try runNotebook(inputs.notebook(index), in: scratch)
            }
            let elapsed = clock.now - start
            let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            say("E \(index) \(micros) \(peakResidentKilobytes())")
        }
    }

    /// Loads and checks a notebook as `recbook check` does, rendering every diagnostic.
    static func runNotebook(_ input: (bytes: [UInt8], parameters: [String]), in scratch: URL) throws {
        let path = scratch.appendingPathComponent("nb.md").path
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))
        let registry = RecommenderRegistry.registry
        let (notebook, loaded) = NotebookLoader(registry: registry).load(path: path)
        _ = loaded.map { $0.rendered(source: notebook?.source) }
        guard let notebook else { return }
        let overrides = input.parameters.compactMap(ParameterOverride.init(argument:))
        let (_, checked) = Checker(registry: registry).check(notebook, overrides: overrides, workingDirectory: scratch)
        _ = checked.map { $0.rendered(source: notebook.source) }
    }

    /// Writes a small release with one file mutated and loads every table of it, as `load` does.
    static func runCSV(_ input: (file: String, bytes: [UInt8]), in scratch: URL) throws {
        let release = scratch.appendingPathComponent("release")
        try? FileManager.default.removeItem(at: release)
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        let isDat = input.file.hasSuffix(".dat")
        for file in FuzzInputs.releaseFiles where file.name.hasSuffix(isDat ? ".dat" : ".csv") {
            let bytes = file.name == input.file ? input.bytes : Array(file.text.utf8)
            try Data(bytes).write(to: release.appendingPathComponent(file.name))
        }
        for table in MovieLens.Table.allCases {
            do {
                _ = try MovieLens(directory: release).load(table)
            } catch {
                _ = String(describing: error)
            }
        }
        // The same file read as any delimited file, its types inferred.
        _ = try? CSVReader().read(contentsOf: release.appendingPathComponent(input.file), options: CSVTableOptions())
    }

    /// Caps the process's data segment (heap and private mappings), so that an unbounded
    /// allocation fails at once, as a crash the parent sees, instead of exhausting the machine.
    static func limitMemory(to bytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        #if os(Linux)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_DATA.rawValue), &limit)
        #else
        _ = setrlimit(RLIMIT_DATA, &limit)
        #endif
    }

    static func peakResidentKilobytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage.ru_maxrss
    }

    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
