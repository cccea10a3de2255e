import Foundation
import Outputs
import RecbookSupport
import RunModel

/// What a step's cache key is made of, kept so that a miss can say what changed.
public struct CacheKeyComponents: Sendable, Hashable, Codable {
    public var recbookVersion: String
    public var stepName: String
    /// Identifies the step across edits: its binding name, else its name and position.
    public var identity: String
    public var seed: String
    /// Whether the run shows timings: steps that report measured times compute different outputs.
    public var includesTimings: Bool = true
    public var parameters: [Pair]
    /// Each input reference with the key of the value it read.
    public var inputs: [Pair]

    public struct Pair: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
    }

    /// The key: a SHA-256 over every component.
    public var key: String {
        var hasher = KeyHasher()
        hasher.combine("recbook", recbookVersion)
        hasher.combine("step", stepName)
        hasher.combine("seed", seed)
        hasher.combine("timings", includesTimings ? "on" : "off")
        for parameter in parameters { hasher.combine("parameter:" + parameter.name, parameter.value) }
        for input in inputs { hasher.combine("input:" + input.name, input.value) }
        return hasher.finalize()
    }

    /// The release part of a version with a build fingerprint: "0.1.0" of "0.1.0+1234.5678".
    static func release(_ version: String) -> String {
        String(version.prefix { $0 != "+" })
    }

    /// Why these components differ from `previous`, in words: "parameter 'k' changed".
    public func differences(from previous: CacheKeyComponents) -> [String] {
        var reasons: [String] = []
        if previous.recbookVersion != recbookVersion {
            // Every other component follows from a new recbook, so it is the whole reason.
            let (old, new) = (Self.release(previous.recbookVersion), Self.release(recbookVersion))
            return [old == new ? "recbook was rebuilt" : "recbook changed from \(old) to \(new)"]
        }
        if previous.stepName != stepName { reasons.append("the step changed from '\(previous.stepName)' to '\(stepName)'") }
        if previous.seed != seed { reasons.append("its seed changed") }
        if previous.includesTimings != includesTimings {
            reasons.append(includesTimings ? "timings are shown again" : "timings are left out")
        }
        let old = Dictionary(previous.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        for parameter in parameters where old[parameter.name] != parameter.value {
            reasons.append("parameter '\(parameter.name)' changed")
        }
        let oldInputs = Dictionary(previous.inputs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        for input in inputs where oldInputs[input.name] != input.value {
            reasons.append(oldInputs[input.name] == nil ? "it reads a new input '\(input.name)'" : "input '\(input.name)' changed")
        }
        return reasons
    }
}

/// A cache entry found for a step: its outputs at once, its value on demand.
public protocol CacheEntryHandle: AnyObject, Sendable {
    var valueKey: String { get }
    var hasValue: Bool { get }
    var outputs: [Output] { get }
    var duration: Double? { get }
    var valueSummary: String? { get }
    /// The value's measurements, stored so reused expectations need not read the value.
    var measurements: [String: Double] { get }
    var files: [(path: String, sha256: String)] { get }
    /// Reads the value back. Throws when the stored value is damaged; the executor then
    /// recomputes it.
    func loadValue(registry: StepRegistry) throws -> any NotebookValue
}

/// The outcome of looking a step up.
public enum CacheLookup: Sendable {
    case hit(CacheEntryHandle)
    /// Not reusable; the reason says why, for the terminal ("parameter 'k' changed").
    case miss(reason: String)
}

/// Where the executor reuses and stores step results.
public protocol StepCache: AnyObject, Sendable {
    /// The entry for these components, if one exists, is intact, and every file it read is
    /// unchanged; otherwise why not.
    func lookup(_ components: CacheKeyComponents) -> CacheLookup
    /// Stores a step's results; it may finish in the background.
    func store(
        _ components: CacheKeyComponents, valueKey: String, value: (any NotebookValue)?,
        result: StepCellResult, files: [(path: String, sha256: String)]
    )
    /// Waits until everything stored so far is written.
    func flush()
}
