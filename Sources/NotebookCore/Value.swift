import RecbookSupport

/// The kind of a value that flows between steps: a table, a split, a model, …
///
/// Kinds are compared by name. A kind may refine others (a factorisation is also a model, so
/// a step that takes any model accepts it) and may expose named members (`split.train`), which
/// the checker follows without running anything.
public struct ValueKind: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let doc: String
    /// Kinds this one can stand in for.
    public let refines: [ValueKind]
    /// Members reachable with `value.member`, and their kinds.
    public let members: [String: ValueKind]
    /// Names an `expect:` line may test on a value of this kind (for example `rows`, `rmse`).
    public let measurements: [String]
    /// How an `expect:` line names one element of a value of this kind, when it can
    /// (`COLUMN[ROW]` for a table's cell), for documentation; nil when it cannot.
    public let indexedMeasurements: String?

    public init(
        _ name: String, doc: String, refines: [ValueKind] = [], members: [String: ValueKind] = [:],
        measurements: [String] = [], indexedMeasurements: String? = nil
    ) {
        self.name = name
        self.doc = doc
        self.refines = refines
        self.members = members
        self.measurements = measurements
        self.indexedMeasurements = indexedMeasurements
    }

    /// Whether `name` is a measurement of this kind: one of ``measurements`` (any name when the
    /// list is empty), or an indexed name (`mean_rating[0]`) when the kind has them.
    public func accepts(measurement name: String) -> Bool {
        if measurements.isEmpty || measurements.contains(name) { return true }
        return indexedMeasurements != nil && name.hasSuffix("]") && name.contains("[")
    }

    /// True when a value of this kind can be passed where `other` is expected.
    public func conforms(to other: ValueKind) -> Bool {
        if self == other || other == .any { return true }
        return refines.contains { $0.conforms(to: other) }
    }

    /// The kind with its indefinite article, for messages: "a table", "an embedding".
    public var withArticle: String {
        let first = name.first.map { "aeiou".contains($0) } ?? false
        return (first ? "an " : "a ") + name
    }

    public var description: String { name }

    public static func == (lhs: ValueKind, rhs: ValueKind) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Accepts every kind.
    public static let any = ValueKind("value", doc: "Any value.")
}

/// A value a step produces and later steps consume.
///
/// Values are immutable once produced, and serialisable so that the cache can store them
/// (`BinaryCodable`). A value may expose members (`split.train`) and measurements that
/// expectations test (`rows == 81200`).
public protocol NotebookValue: Sendable, BinaryCodable {
    static var kind: ValueKind { get }
    /// One line for the report and the plan, for example "table 100836 × 4".
    var summary: String { get }
    /// The member with this name, if the kind declares it.
    func member(_ name: String) -> (any NotebookValue)?
    /// The named measurement, for `expect:` lines.
    func measurement(_ name: String) -> Double?
    /// The named measurement as a number or text; by default ``measurement(_:)``'s number.
    /// Values with text to test (a table's string cells) answer here.
    func measuredValue(_ name: String) -> MeasuredValue?
    /// The names `measurement(_:)` answers; by default the kind's list. The cache stores these
    /// values so that a reused step's expectations are checked without reading its value back.
    var measurementNames: [String] { get }
}

extension NotebookValue {
    public func member(_ name: String) -> (any NotebookValue)? { nil }
    public func measurement(_ name: String) -> Double? { nil }
    public func measuredValue(_ name: String) -> MeasuredValue? { measurement(name).map(MeasuredValue.number) }
    public var kind: ValueKind { Self.kind }
    public var measurementNames: [String] { Self.kind.measurements }

    /// Every measurement this value answers, by name.
    public var measurements: [String: Double] {
        var result: [String: Double] = [:]
        for name in measurementNames { result[name] = measurement(name) }
        return result
    }
}

/// A value type's measurements, each named once with how it is taken. The kind's
/// ``ValueKind/measurements`` list and the value's ``NotebookValue/measurement(_:)`` are both
/// read from it, so the names the checker accepts are the names a value answers.
public struct MeasurementTable<Value>: Sendable {
    public typealias Measure = @Sendable (Value) -> Double

    private let entries: [(name: String, measure: Measure)]

    /// - Parameter entries: each measurement's name and how to take it, in the order `recbook
    ///   steps` and error messages list them.
    public init(_ entries: KeyValuePairs<String, Measure>) {
        self.entries = entries.map { ($0.key, $0.value) }
    }

    /// The measurements' names, in order.
    public var names: [String] { entries.map(\.name) }

    /// The named measurement of `value`; nil for a name the table lacks.
    public func measure(_ name: String, of value: Value) -> Double? {
        entries.first { $0.name == name }.map { $0.measure(value) }
    }
}

/// A value whose measurements are listed in a ``MeasurementTable``: its `measurement(_:)` reads
/// the table, and its kind lists the table's names (`measurements: RatingSplit.measurementTable.names`).
public protocol TabulatedMeasurements: NotebookValue {
    static var measurementTable: MeasurementTable<Self> { get }
}

extension TabulatedMeasurements {
    public func measurement(_ name: String) -> Double? { Self.measurementTable.measure(name, of: self) }
}
