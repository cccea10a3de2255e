import Foundation
import RecbookSupport

/// How much memory one step may allocate for its largest structures, and the check memory-heavy
/// steps make against it before allocating.
///
/// A step estimates its allocation from the actual data (users, movies, ratings) and its
/// parameters, and refuses before allocating when the estimate is over the limit, saying what,
/// how much, and the limit, instead of aborting on a failed allocation. The limit is the
/// `RECBOOK_MEMORY_LIMIT` environment variable (`8G`, `512M`, `1.5T`, or bytes), else three
/// quarters of physical memory.
public struct MemoryBudget: Sendable, Equatable {
    /// The most bytes a step may plan to allocate.
    public var limit: Int
    /// Where the limit came from, as messages name it.
    public var source: String

    public init(limit: Int, source: String) {
        self.limit = limit
        self.source = source
    }

    public static let environmentVariable = "RECBOOK_MEMORY_LIMIT"

    /// The limit `RECBOOK_MEMORY_LIMIT` sets, else three quarters of physical memory.
    ///
    /// - Throws: ``StepError`` when the variable is set to something that is not a size.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MemoryBudget {
        if let text = environment[environmentVariable] {
            guard let bytes = parseSize(text) else {
                throw StepError("\(environmentVariable)='\(text)' is not a size; write bytes or a number with K, M, G or T, such as 8G")
            }
            return MemoryBudget(limit: bytes, source: environmentVariable)
        }
        let physical = ProcessInfo.processInfo.physicalMemory
        return MemoryBudget(limit: Int(clamping: physical / 4 * 3), source: "three quarters of physical memory")
    }

    /// Bytes from text such as `8G`, `512M`, `1.5T`, `100000` (binary multiples; a trailing `B` or
    /// `iB` is allowed); nil for anything else, a negative size, or one past `Int.max`.
    public static func parseSize(_ text: String) -> Int? {
        var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits.removeLast(suffix.count)
            break
        }
        var scale = 1.0
        if let last = digits.last, let power = ["K": 1.0, "M": 2.0, "G": 3.0, "T": 4.0][String(last)] {
            scale = pow(1024, power)
            digits.removeLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isNumber || $0 == "." }), let number = Double(digits) else { return nil }
        let bytes = number * scale
        guard bytes.isFinite, bytes >= 0, bytes < 9.2e18 else { return nil }
        return Int(bytes)
    }

    /// Throws when `estimate` is over the limit.
    ///
    /// - Throws: ``StepError`` naming what would be allocated, how much, and the limit.
    public func require(_ estimate: MemoryEstimate) throws {
        guard estimate.bytes > limit else { return }
        throw StepError(
            "\(estimate.what) would allocate about \(Format.bytes(estimate.bytes, decimals: 1)) (\(estimate.detail)), over the memory limit "
                + "of \(Format.bytes(limit, decimals: 1)) (\(source)); \(estimate.remedy), or raise the limit with \(Self.environmentVariable)")
    }
}

/// What a step is about to allocate, estimated from the data's sizes and its parameters.
public struct MemoryEstimate: Sendable, Equatable {
    /// What allocates, as a message begins: "train model: mf".
    public var what: String
    /// The estimate in bytes (saturating: an overflowing product is `Int.max`).
    public var bytes: Int
    /// How the estimate is made up: "(162,541 users + 59,047 movies) × 1,024 factors × 8 bytes × 3".
    public var detail: String
    /// What the author can lower: "lower 'factors'".
    public var remedy: String

    public init(_ what: String, bytes: Int, detail: String, remedy: String) {
        self.what = what
        self.bytes = bytes
        self.detail = detail
        self.remedy = remedy
    }

    /// The product of `factors`, saturating at `Int.max` instead of trapping on overflow.
    public static func product(_ factors: Int...) -> Int {
        factors.reduce(1) { total, factor in
            let (result, overflow) = total.multipliedReportingOverflow(by: max(factor, 0))
            return overflow ? Int.max : result
        }
    }

    /// The sum of `terms`, saturating at `Int.max`.
    public static func sum(_ terms: Int...) -> Int {
        terms.reduce(0) { total, term in
            let (result, overflow) = total.addingReportingOverflow(max(term, 0))
            return overflow ? Int.max : result
        }
    }
}
