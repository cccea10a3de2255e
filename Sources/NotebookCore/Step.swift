import Foundation
import Outputs
import RecbookSupport

/// A typed notebook step: a value type whose stored properties are its parameters.
///
/// A step declares its name, documentation, a ``ParameterSchema`` binding each documented
/// parameter to a property, and the kind of value it produces. `recbook steps`, the checker,
/// the JSON Schema and the executor are all generated from this one declaration.
///
/// ```swift
/// struct SVDStep: Step {
///     static let name = "svd"
///     static let summary = "Truncated SVD of a centred rating matrix."
///     static let produces: ValueKind? = .factorisation
///     static let schema: ParameterSchema<Self> = [
///         .input(\.matrix, "matrix", kind: .ratingMatrix, doc: "The centred user × movie matrix."),
///         .parameter(\.k, "k", doc: "Singular triplets to keep.", .atLeast(1)),
///     ]
///     var matrix = ValueRef()
///     var k = 50
///     func run(in context: StepContext) throws -> (any NotebookValue)? { … }
/// }
/// ```
public protocol Step: ParameterGroup {
    /// The name used in a block's info string.
    static var name: String { get }
    /// One line for `recbook steps`.
    static var summary: String { get }
    /// Longer documentation (Markdown), shown by `recbook steps NAME`.
    static var discussion: String { get }
    /// An example block body, shown by `recbook steps NAME`.
    static var example: String { get }
    /// A heading under which `recbook steps` lists the step.
    static var category: String { get }
    /// The kind of value the step produces, or nil if it only shows outputs.
    static var produces: ValueKind? { get }
    static var schema: ParameterSchema<Self> { get }
    /// Whether the step has effects outside the report (it writes files into the output
    /// directory, say). The executor runs such a step even when its cached result is unchanged,
    /// reading its inputs back from the cache, so that its files are written on every run.
    /// By default false.
    static var writesFiles: Bool { get }

    /// A step with every parameter at its default.
    init()

    /// The kind this configured step produces; by default ``produces``.
    func producedKind() -> ValueKind?

    /// Static analysis, run by the checker before anything runs: reports problems that depend on
    /// the inputs (an unknown column, an ill-typed expression) to `context`, pointing at where
    /// they are written, and returns what is known of the value the step will produce (a
    /// table's columns, say), or nil when nothing is known beyond its kind. By default nil.
    func analyse(_ context: AnalysisContext) -> (any ValueShape)?

    /// Runs the step: reads inputs through `context`, emits outputs, returns its value.
    /// - Throws: any error; its description is shown in the step's place in the report.
    func run(in context: StepContext) throws -> (any NotebookValue)?
}

extension Step {
    public static var discussion: String { "" }
    public static var example: String { "" }
    public static var category: String { "General" }
    public static var writesFiles: Bool { false }
    public func producedKind() -> ValueKind? { Self.produces }
    public func analyse(_ context: AnalysisContext) -> (any ValueShape)? { nil }
}

/// A problem with a step's parameters taken together.
public struct ParameterProblem: Sendable, Hashable {
    /// The parameter the problem is about; the checker points at where it is written, or at the
    /// block when it is missing.
    public var parameter: String
    public var message: String

    public init(_ parameter: String, _ message: String) {
        self.parameter = parameter
        self.message = message
    }
}

/// An error a step raises about its own parameters or inputs.
public struct StepError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a running step sees: its inputs, a place to put outputs, its seed, and the files it read.
public final class StepContext {
    /// The step's number in the notebook, 1-based.
    public let stepNumber: Int
    /// The directory relative paths are resolved against.
    public let notebookDirectory: URL
    /// A seed for this step, derived from the notebook's seed and the step's identity (its
    /// binding name), so adding a step re-seeds no other. Steps with a `seed:` parameter use it
    /// instead when it is given.
    public let seed: UInt64
    /// Whether the report shows timings. A step that reports a measured time (a model's fit
    /// time, say) leaves it out when this is false, so that reports stay byte-identical.
    public let includesTimings: Bool
    /// The directory the report is written to (`recbook run --output`); steps that write files
    /// (see ``Step/writesFiles``) put them here.
    public let outputDirectory: URL
    /// The memory budget the run was given; nil for ``MemoryBudget/fromEnvironment(_:)``.
    let memoryBudget: MemoryBudget?

    /// Where the step's block starts (its opening fence).
    public let blockLocation: SourceLocation
    /// Where each of the step's parameters is written, by name.
    public let parameterLocations: [String: SourceLocation]

    public private(set) var outputs: [Output] = []
    public private(set) var filesRead: [(url: URL, sha256: String)] = []

    private let resolver: (ValueRef) throws -> any NotebookValue
    private let inputTest: (ValueRef) -> Bool
    private let progressHandler: (StepProgress) -> Void

    init(
        stepNumber: Int, notebookDirectory: URL, seed: UInt64, includesTimings: Bool = true,
        outputDirectory: URL = ExecutionOptions.defaultOutputDirectory, memoryBudget: MemoryBudget? = nil,
        blockLocation: SourceLocation = SourceLocation(file: "", line: 0, column: 0),
        parameterLocations: [String: SourceLocation] = [:],
        resolver: @escaping (ValueRef) throws -> any NotebookValue,
        isInput: @escaping (ValueRef) -> Bool,
        progress: @escaping (StepProgress) -> Void
    ) {
        self.stepNumber = stepNumber
        self.notebookDirectory = notebookDirectory
        self.seed = seed
        self.includesTimings = includesTimings
        self.outputDirectory = outputDirectory
        self.memoryBudget = memoryBudget
        self.blockLocation = blockLocation
        self.parameterLocations = parameterLocations
        self.resolver = resolver
        self.inputTest = isInput
        self.progressHandler = progress
    }

    /// An analysis context over the real shapes of the step's inputs, for checking at run time
    /// what the checker could not know in advance; its problems read as the checker's would.
    /// Call ``AnalysisContext/throwIfErrors()`` after the analysis.
    public func analysis(shapes: @escaping (ValueRef) -> (any ValueShape)?) -> AnalysisContext {
        AnalysisContext(
            notebookDirectory: notebookDirectory, blockLocation: blockLocation,
            parameterLocations: parameterLocations, isInput: inputTest, shape: shapes
        )
    }

    /// Whether `reference` is one of the step's inputs, which it can read with ``value(_:as:)``:
    /// every reference its parameters require is, and an optional one (``OptionalReference``)
    /// is when an earlier step bound a value of its kind by that name.
    public func isInput(_ reference: ValueRef) -> Bool { inputTest(reference) }

    /// Where the value of the parameter `name` is written; the block's start when it is not.
    public func location(ofParameter name: String) -> SourceLocation {
        parameterLocations[name] ?? blockLocation
    }

    /// A context for running a step's code outside a notebook (in tests and tools): references
    /// resolve to `values` by name (members followed as in a notebook), and every value given is
    /// an input, whatever its kind (pass only the ones a step reads); progress lines are dropped.
    public static func standalone(
        values: [String: any NotebookValue] = [:], seed: UInt64 = 0,
        directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), includesTimings: Bool = true,
        outputDirectory: URL = ExecutionOptions.defaultOutputDirectory, memoryBudget: MemoryBudget? = nil
    ) -> StepContext {
        StepContext(
            stepNumber: 1, notebookDirectory: directory, seed: seed, includesTimings: includesTimings,
            outputDirectory: outputDirectory, memoryBudget: memoryBudget,
            resolver: { reference in
                guard let value = values[reference.name] else {
                    throw StepError("'\(reference)' is not bound in this standalone context")
                }
                return try Executor.follow(reference, from: value)
            },
            isInput: { reference in
                guard let value = values[reference.name] else { return false }
                return (try? Executor.follow(reference, from: value)) != nil
            },
            progress: { _ in }
        )
    }

    /// The value `reference` names, as `type`.
    /// - Throws: ``StepError`` if it is not of that type (the checker normally prevents this).
    public func value<T>(_ reference: ValueRef, as type: T.Type = T.self) throws -> T {
        let value = try resolver(reference)
        guard let typed = value as? T else {
            throw StepError("'\(reference)' is \(value.kind.withArticle), which this step cannot use here")
        }
        return typed
    }

    /// The value `reference` names, whatever its type.
    public func anyValue(_ reference: ValueRef) throws -> any NotebookValue {
        try resolver(reference)
    }

    /// Adds an output after the ones emitted so far.
    public func emit(_ output: Output) { outputs.append(output) }

    /// Appends a line of printed text, joining consecutive lines into one text output, the way
    /// a notebook cell's `print` calls collect into one stream.
    public func print(_ line: String = "") {
        if case let .text(existing)? = outputs.last {
            outputs[outputs.count - 1] = .text(existing + line + "\n")
        } else {
            outputs.append(.text(line + "\n"))
        }
    }

    /// Reports how far the step has got, for the terminal's live display (which adds the time
    /// left); never part of the report. Cheap enough to call per batch: the terminal throttles.
    public func progress(_ progress: StepProgress) { progressHandler(progress) }

    /// Reports `completed` of `total` units of `activity` done ("rows read", "epochs").
    public func progress(_ activity: String, completed: Int, of total: Int? = nil, detail: String? = nil) {
        progressHandler(StepProgress(activity, completed: completed, of: total, detail: detail))
    }
    /// Refuses, before anything is allocated, what would allocate more than the run's memory
    /// budget (see ``MemoryBudget``).
    ///
    /// - Throws: ``StepError`` saying what, how much, and the limit.
    public func requireMemory(_ estimate: MemoryEstimate) throws {
        try (memoryBudget ?? MemoryBudget.fromEnvironment()).require(estimate)
    }


    /// Records that the step read `url`, hashing it for the report's provenance footer and the
    /// cache. Call it for every data file a step reads.
    public func recordRead(of url: URL) throws {
        let path = url.standardizedFileURL.path
        guard !filesRead.contains(where: { $0.url.standardizedFileURL.path == path }) else { return }
        filesRead.append((url.standardizedFileURL, try Digest.sha256(fileAt: url)))
    }

    /// Resolves a path parameter against the notebook's directory.
    public func url(for path: FilePath) -> URL { path.resolved(against: notebookDirectory) }
}
