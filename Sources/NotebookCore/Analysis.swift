import Foundation
import RecbookSupport

/// What is known of a value before anything runs, beyond its kind: for example a table's columns
/// and their types.
///
/// The checker asks each step for the shape of the value it produces, given the shapes of its
/// inputs (``Step/analyse(_:)``), so that a mistake several steps downstream of a `load` — a
/// filter on a misspelt column — is reported by `recbook check` at the line and column where it
/// is written. A value whose shape cannot be known in advance (the result of a SQL query, say)
/// has none; steps that read it check it at run time instead, with the same messages.
public protocol ValueShape: Sendable {
    /// The shape of the member `name` (`split.train`), when known.
    func member(_ name: String) -> (any ValueShape)?
    /// Why an `expect:` line cannot test the measurement `name` on a value of this shape (a
    /// table cell `ratng[0]` of a table without that column), or nil when it can or nothing is known.
    func problem(withMeasurement name: String) -> String?
}

extension ValueShape {
    public func member(_ name: String) -> (any ValueShape)? { nil }
    public func problem(withMeasurement name: String) -> String? { nil }
}

/// The shape of a value known only through its members: a split's `train`, `val` and `test`
/// tables, say.
public struct MemberShapes: ValueShape {
    public var members: [String: any ValueShape]

    public init(_ members: [String: any ValueShape]) { self.members = members }

    public func member(_ name: String) -> (any ValueShape)? { members[name] }
}

/// What a step's analysis sees: the shapes of its inputs, where its parameters are written, and
/// a place to report problems.
///
/// The checker makes one for each step before anything runs; a step can make one at run time
/// too (``StepContext/analysis(shapes:)``), from the real shapes of its inputs, so that one
/// piece of code checks a step in both phases and reports problems in the same words and places.
public final class AnalysisContext {
    /// The directory relative paths are resolved against.
    public let notebookDirectory: URL
    /// Where the step's block starts (its opening fence).
    public let blockLocation: SourceLocation
    /// Problems reported so far.
    public private(set) var diagnostics: [Diagnostic] = []

    /// The names bound by earlier steps, with their kinds, for a "did you mean" when a step
    /// names something that is none of them. Empty at run time.
    public let boundKinds: [String: ValueKind]

    private let parameterLocations: [String: SourceLocation]
    private let resolveShape: (ValueRef) -> (any ValueShape)?
    private let resolveInput: (ValueRef) -> Bool

    /// - Parameters:
    ///   - boundKinds: the names bound by earlier steps, with their kinds.
    ///   - isInput: whether a reference is one of the step's inputs; by default every one is.
    ///   - shape: the shape of an input, when known.
    public init(
        notebookDirectory: URL, blockLocation: SourceLocation, parameterLocations: [String: SourceLocation],
        boundKinds: [String: ValueKind] = [:], isInput: @escaping (ValueRef) -> Bool = { _ in true },
        shape: @escaping (ValueRef) -> (any ValueShape)?
    ) {
        self.notebookDirectory = notebookDirectory
        self.blockLocation = blockLocation
        self.parameterLocations = parameterLocations
        self.boundKinds = boundKinds
        self.resolveInput = isInput
        self.resolveShape = shape
    }

    /// Whether `reference` is one of the step's inputs: every reference its parameters require
    /// is, and an optional one (``OptionalReference``) is when an earlier step bound a value of
    /// its kind by that name.
    public func isInput(_ reference: ValueRef) -> Bool { resolveInput(reference) }

    /// The shape of the value `reference` names, or nil when nothing is known of it.
    public func shape(of reference: ValueRef) -> (any ValueShape)? { resolveShape(reference) }

    /// The shape of `reference` as `type`, or nil when unknown or of another type.
    public func shape<T: ValueShape>(of reference: ValueRef, as type: T.Type) -> T? {
        resolveShape(reference) as? T
    }

    /// Where the value of the parameter `name` is written; the block's start when it is not.
    public func location(ofParameter name: String) -> SourceLocation {
        parameterLocations[name] ?? blockLocation
    }

    /// Resolves a path parameter against the notebook's directory.
    public func url(for path: FilePath) -> URL { path.resolved(against: notebookDirectory) }

    /// Reports an error at `location` (the parameter's place, or a place inside its text).
    public func error(_ message: String, at location: SourceLocation, id: String = "invalid-parameter") {
        diagnostics.append(.error(at: location, message, id: id))
    }

    /// Reports a warning at `location`.
    public func warning(_ message: String, at location: SourceLocation, id: String = "invalid-parameter") {
        diagnostics.append(.warning(at: location, message, id: id))
    }

    /// Whether any error has been reported.
    public var hasErrors: Bool { diagnostics.hasErrors }

    /// Throws the errors reported so far, if any, as one ``LocatedStepError``.
    public func throwIfErrors() throws {
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw LocatedStepError(errors) }
    }
}

/// A run-time error that points into the notebook, shown as the checker shows its problems:
/// `notebook.md:12:9: error: no column 'ratng'; did you mean 'rating'?`.
public struct LocatedStepError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(_ message: String, at location: SourceLocation, id: String = "run-time") {
        diagnostics = [.error(at: location, message, id: id)]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
