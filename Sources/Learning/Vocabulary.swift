import RecbookSupport

/// A two-way map between external integer ids (user ids, movie ids) and dense indices 0..<count.
///
/// The ids are kept sorted and unique, so index `i` is the i-th smallest id, exactly as
/// scikit-learn's `LabelEncoder` numbers its classes. Models work on indices; only loading and
/// rendering see the external ids.
public struct IdVocabulary: Sendable {
    /// The known ids in ascending order; an id's index is its position here.
    public let ids: [Int]
    private let lookup: Lookup

    /// How an id finds its index: a table indexed by the id itself when the ids are
    /// non-negative and not much sparser than their count (MovieLens' user and movie ids), a
    /// hash map otherwise.
    private enum Lookup: Sendable {
        /// `table[id]` is the id's index, or −1; ids at or beyond `table.count` are unknown.
        case table([Int32])
        case hashed([Int: Int])
    }

    /// Creates a vocabulary of the distinct ids in a sequence.
    ///
    /// - Complexity: O(n + largest id) when the ids are non-negative and the largest is below
    ///   8n + 2²⁰ (a counting pass, no sort); O(n log n) otherwise.
    public init(_ ids: some Sequence<Int>) {
        let values = Array(ids)
        if let table = Self.denseTable(values) {
            var sorted: [Int] = []
            sorted.reserveCapacity(table.count / 2)
            var indices = table
            for id in table.indices where table[id] >= 0 {
                indices[id] = Int32(sorted.count)
                sorted.append(id)
            }
            self.ids = sorted
            lookup = .table(indices)
        } else {
            let sorted = Array(Set(values)).sorted()
            self.ids = sorted
            lookup = .hashed(Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) }))
        }
    }

    /// A table over 0...largest id with 0 at each id present and −1 elsewhere, when the ids are
    /// dense enough for one (and fewer than 2³¹); nil otherwise.
    private static func denseTable(_ ids: [Int]) -> [Int32]? {
        guard let low = ids.min(), let high = ids.max(), low >= 0, ids.count < Int(Int32.max),
              high < 8 * ids.count + (1 << 20) else { return nil }
        var table = [Int32](repeating: -1, count: high + 1)
        for id in ids { table[id] = 0 }
        return table
    }

    /// The number of distinct ids.
    public var count: Int { ids.count }

    /// Whether an id is known.
    public func contains(_ id: Int) -> Bool { index(of: id) != nil }

    /// The dense index of an id, or `nil` when the id is unknown.
    ///
    /// - Complexity: O(1) (on average, for sparse ids).
    @inline(__always)
    public func index(of id: Int) -> Int? {
        switch lookup {
        case let .table(table):
            guard id >= 0, id < table.count else { return nil }
            let index = table[id]
            return index >= 0 ? Int(index) : nil
        case let .hashed(indexById):
            return indexById[id]
        }
    }

    /// The dense indices of many ids, like `LabelEncoder.transform`.
    ///
    /// - Throws: ``VocabularyError/unknownId(_:position:)`` naming the first unknown id and its
    ///   position in `ids`.
    public func indices(of ids: [Int]) throws -> [Int] {
        if case let .table(table) = lookup {
            var indices = [Int](repeating: 0, count: ids.count)
            for (position, id) in ids.enumerated() {
                guard id >= 0, id < table.count, table[id] >= 0 else { throw VocabularyError.unknownId(id, position: position) }
                indices[position] = Int(table[id])
            }
            return indices
        }
        return try ids.enumerated().map { position, id in
            guard let index = index(of: id) else { throw VocabularyError.unknownId(id, position: position) }
            return index
        }
    }

    /// The id at a dense index, like `LabelEncoder.inverse_transform`.
    ///
    /// - Precondition: `0 <= index < count`, as for an array subscript.
    public func id(at index: Int) -> Int {
        precondition(index >= 0 && index < ids.count, "index \(index) out of range 0..<\(ids.count)")
        return ids[index]
    }
}

extension IdVocabulary: Equatable {
    public static func == (lhs: IdVocabulary, rhs: IdVocabulary) -> Bool { lhs.ids == rhs.ids }
}

extension IdVocabulary: BinaryCodable {
    /// Writes the sorted ids as raw little-endian 64-bit integers.
    public func encode(to writer: inout BinaryWriter) {
        writer.writeArray(ids.map { Int64($0) })
    }

    /// Reads the ids back, rejecting a list that is not strictly increasing.
    public init(from reader: inout BinaryReader) throws {
        let ids = try reader.readArray(Int64.self).map { Int($0) }
        guard zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw BinaryDecodingError.invalid("vocabulary ids are not strictly increasing")
        }
        self.init(ids)
    }
}

/// Errors raised when mapping ids through an ``IdVocabulary``.
public enum VocabularyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An id that the vocabulary does not contain, at a position of the input.
    case unknownId(Int, position: Int)

    public var description: String {
        switch self {
        case let .unknownId(id, position):
            return "unknown id \(id) at position \(position): it was not seen when the vocabulary was built"
        }
    }
}
