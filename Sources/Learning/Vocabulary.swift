import RecbookSupport

/// A two-way map between external integer ids (user ids, movie ids) and dense indices 0..<count.
///
/// The ids are kept sorted and unique, so index `i` is the i-th smallest id, exactly as
/// scikit-learn's `LabelEncoder` numbers its classes. Models work on indices; only loading and
/// rendering see the external ids.
public struct IdVocabulary: Sendable {
    /// The known ids in ascending order; an id's index is its position here.
    public let ids: [Int]
    private let indexById: [Int: Int]

    /// Creates a vocabulary of the distinct ids in a sequence.
    ///
    /// - Complexity: O(n log n) for n ids.
    public init(_ ids: some Sequence<Int>) {
        let sorted = Array(Set(ids)).sorted()
        self.ids = sorted
        self.indexById = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    }

    /// The number of distinct ids.
    public var count: Int { ids.count }

    /// Whether an id is known.
    public func contains(_ id: Int) -> Bool { indexById[id] != nil }

    /// The dense index of an id, or `nil` when the id is unknown.
    ///
    /// - Complexity: O(1) on average.
    public func index(of id: Int) -> Int? { indexById[id] }

    /// The dense indices of many ids, like `LabelEncoder.transform`.
    ///
    /// - Throws: ``VocabularyError/unknownId(_:position:)`` naming the first unknown id and its
    ///   position in `ids`.
    public func indices(of ids: [Int]) throws -> [Int] {
        try ids.enumerated().map { position, id in
            guard let index = indexById[id] else { throw VocabularyError.unknownId(id, position: position) }
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
