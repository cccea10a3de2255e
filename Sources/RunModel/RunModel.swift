import Foundation
import NotebookMarkdown
import Outputs
import RecbookSupport

/// Everything a renderer needs to write a report: the notebook's cells in order, each with what
/// happened when it ran. Renderers (HTML, terminal, Markdown, ipynb, JSON) read only this.
public struct NotebookRun: Sendable {
    /// The notebook's title (front matter `title:`, else its first heading, else its file name).
    public var title: String
    /// The notebook's path as given on the command line.
    public var path: String
    public var cells: [CellResult]
    public var provenance: Provenance
    /// Wall time of the whole run, in seconds.
    public var duration: Double
    /// Whether renderers should include timings. With `--no-timings`, two runs over the same
    /// inputs must render byte-identical reports.
    public var includesTimings: Bool
    /// Whether the notebook is trusted to put raw HTML in a report as written (front matter
    /// `allow-raw-html: true`, or `--allow-raw-html`). Otherwise renderers reduce it to harmless
    /// HTML, so a report is safe to open whoever wrote the notebook.
    public var allowsRawHTML: Bool
    /// The most memory the process held resident during the run, in bytes, when measured
    /// (``ResourceUsage/peakResidentBytes()``); a timing-like detail, dropped with timings.
    public var peakResidentBytes: Int?
    /// Whether published reports say which steps were reused from the cache and why the others
    /// ran (`--show-cache`). Off by default: that describes the run, not the analysis, and a
    /// reader of the report has no use for it (the terminal always says it).
    public var showsCacheDetails = false

    public init(
        title: String, path: String, cells: [CellResult], provenance: Provenance,
        duration: Double, includesTimings: Bool = true, allowsRawHTML: Bool = false
    ) {
        self.title = title
        self.path = path
        self.cells = cells
        self.provenance = provenance
        self.duration = duration
        self.includesTimings = includesTimings
        self.allowsRawHTML = allowsRawHTML
    }

    /// The run without what depends on how it was run rather than on what it computed:
    /// timings, and whether a step was reused from the cache. Reports rendered from it are
    /// byte-identical for identical inputs (`--no-timings`).
    public func withoutRunDetails() -> NotebookRun {
        var copy = self
        copy.includesTimings = false
        copy.duration = 0
        copy.peakResidentBytes = nil
        copy.cells = cells.map { cell in
            guard case var .step(step) = cell else { return cell }
            step.duration = nil
            step.cacheNote = nil
            if case .reused = step.status { step.status = .succeeded }
            return .step(step)
        }
        return copy
    }

    /// The run as a published report shows it: a step reused from the cache reads as having
    /// succeeded, with the time the run that computed it took, and no step carries a cache note.
    /// The total duration is the sum of the steps' times when any was reused (the wall time of
    /// a run that read them from the cache says nothing about the analysis). Unchanged with
    /// ``showsCacheDetails``.
    public func published() -> NotebookRun {
        guard !showsCacheDetails else { return self }
        var copy = self
        var anyReused = false
        copy.cells = cells.map { cell in
            guard case var .step(step) = cell else { return cell }
            step.cacheNote = nil
            if case .reused = step.status {
                step.status = .succeeded
                anyReused = true
            }
            return .step(step)
        }
        if anyReused {
            copy.duration = copy.stepResults.compactMap(\.duration).filter { $0.isFinite && $0 >= 0 }.reduce(0, +)
        }
        return copy
    }

    public var stepResults: [StepCellResult] {
        cells.compactMap { if case let .step(step) = $0 { step } else { nil } }
    }

    /// True when every step succeeded (or was reused) and every expectation held.
    public var succeeded: Bool {
        stepResults.allSatisfy { step in
            switch step.status {
            case .succeeded, .reused:
                step.expectations.allSatisfy(\.passed) && step.inlineValues.values.allSatisfy { if case .value = $0 { true } else { false } }
            case .failed, .notRun: false
            }
        }
    }
}

/// One cell of the report, in notebook order.
public enum CellResult: Sendable {
    /// A top-level Markdown block, rendered as prose.
    case prose(MarkdownBlock)
    /// A fenced block in another language (for example the original Python), shown, not run.
    case code(FencedCode)
    /// A step block and what happened when it ran.
    case step(StepCellResult)
}

/// A step block's source and results.
public struct StepCellResult: Sendable {
    /// The step's number, 1-based, shown as "In [n]".
    public var number: Int
    /// The registered step name, for example `svd`.
    public var name: String
    /// The block as written: info string and body.
    public var block: FencedCode
    /// The name its value was bound to with `as:`, if any.
    public var binding: String?
    public var status: StepStatus
    public var outputs: [Output]
    /// Seconds the step took (for a reused step: the time of the run that computed it).
    public var duration: Double?
    /// A one-line description of the value it produced, for example "table 100836 × 4".
    public var valueSummary: String?
    public var expectations: [ExpectationResult]
    /// For a step that ran while caching was on: why it could not be reused
    /// ("parameter 'k' changed", "not in the cache").
    public var cacheNote: String?
    /// The inline values prose takes from this step's value, by their text (`split.train`),
    /// as the prose shows them.
    public var inlineValues: [String: InlineValueResult] = [:]
    /// The cells of the original notebook this step mirrors (`original-cell:`), shown beside
    /// its own number.
    public var originalCells: [Int] = []

    public init(
        number: Int, name: String, block: FencedCode, binding: String?, status: StepStatus,
        outputs: [Output] = [], duration: Double? = nil, valueSummary: String? = nil,
        expectations: [ExpectationResult] = [], cacheNote: String? = nil
    ) {
        self.number = number
        self.name = name
        self.block = block
        self.binding = binding
        self.status = status
        self.outputs = outputs
        self.duration = duration
        self.valueSummary = valueSummary
        self.expectations = expectations
        self.cacheNote = cacheNote
    }
}

/// An inline value as the report shows it, or why it could not be shown.
public enum InlineValueResult: Sendable, Hashable {
    case value(String)
    case problem(String)
}

public enum StepStatus: Sendable, Hashable {
    case succeeded
    /// Its results came from the cache; the reason says why that was allowed.
    case reused(reason: String)
    /// It threw. The message names the file and row, or the parameter, where it can.
    case failed(message: String)
    /// It was not run, because a step it depends on failed, or the run stopped earlier.
    case notRun(reason: String)
}

/// An `expect:` line checked after its step ran.
public struct ExpectationResult: Sendable, Hashable {
    /// The expectation as written, for example `rmse < 0.97`.
    public var source: String
    public var passed: Bool
    /// What was measured, for example `rmse = 0.9628`.
    public var detail: String

    public init(source: String, passed: Bool, detail: String) {
        self.source = source
        self.passed = passed
        self.detail = detail
    }
}

/// What the report's footer records, so a reader can tell exactly what produced it.
public struct Provenance: Sendable, Hashable {
    public var recbookVersion: String
    public var seed: Int?
    /// The notebook parameters as used, in declaration order.
    public var parameters: [(name: String, value: String)]
    /// Every data file a step read, with its SHA-256.
    public var files: [(path: String, sha256: String)]

    public init(
        recbookVersion: String, seed: Int?, parameters: [(name: String, value: String)],
        files: [(path: String, sha256: String)]
    ) {
        self.recbookVersion = recbookVersion
        self.seed = seed
        self.parameters = parameters
        self.files = files
    }

    public static func == (lhs: Provenance, rhs: Provenance) -> Bool {
        lhs.recbookVersion == rhs.recbookVersion && lhs.seed == rhs.seed
            && lhs.parameters.elementsEqual(rhs.parameters, by: { $0 == $1 })
            && lhs.files.elementsEqual(rhs.files, by: { $0 == $1 })
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(recbookVersion)
        hasher.combine(seed)
        for parameter in parameters { hasher.combine(parameter.name); hasher.combine(parameter.value) }
        for file in files { hasher.combine(file.path); hasher.combine(file.sha256) }
    }
}

/// recbook's version, recorded in reports and part of every cache key.
public enum RecbookVersion {
    public static let current = "0.1.0"

    /// The version plus a fingerprint of the running executable (its size and modification
    /// time), so that a rebuilt recbook — whose steps may compute differently — never reuses
    /// results cached by another build, even before its version number changes.
    public static let cacheIdentity: String = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue,
              let modified = attributes[.modificationDate] as? Date else { return current }
        return "\(current)+\(size).\(Int(modified.timeIntervalSince1970))"
    }()
}
