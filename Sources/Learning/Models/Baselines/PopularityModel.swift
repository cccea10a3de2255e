import LinearAlgebra
import RecbookSupport

/// Ranks items by how many training users rated them, the same list for everyone.
///
/// The floor every personalised model must clear: on ml-latest-small's time-aware split it
/// reaches recall@10 ≈ 0.047.
public struct PopularityModel: HistoryScoredRecommender {
    /// Hyper-parameters.
    public struct Configuration: Sendable, Equatable {
        /// Count only ratings at or above this value; nil counts every rating.
        public var minimumRating: Double?

        public init(minimumRating: Double? = nil) {
            self.minimumRating = minimumRating
        }
    }

    public let configuration: Configuration
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    /// The number of counted training ratings of each item.
    public let counts: [Int]

    /// Counts the ratings of each item.
    ///
    /// - Complexity: O(ratings).
    public init(fitting data: RatingDataset, configuration: Configuration = Configuration()) throws {
        try require(configuration.minimumRating.map(\.isFinite) ?? true, "minimum rating must be finite")
        self.configuration = configuration
        users = data.users
        items = data.items
        histories = data.histories
        var counts = [Int](repeating: 0, count: data.itemCount)
        for (item, rating) in zip(data.histories.items, data.histories.ratings)
        where configuration.minimumRating.map({ rating >= $0 }) ?? true {
            counts[item] += 1
        }
        self.counts = counts
    }

    public func scores(for user: UserRepresentation) throws -> [Double] { counts.map(Double.init) }
}

extension PopularityModel: BinaryCodable {
    static let formatTag = "popularity"
    static let formatVersion: UInt16 = 1

    /// Header, the minimum rating (a flag, then the value), vocabularies and histories, counts.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(configuration.minimumRating != nil)
        writer.write(configuration.minimumRating ?? 0)
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.writeArray(counts.map { Int64($0) })
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        let hasMinimum = try reader.read(Bool.self)
        let minimum = try reader.read(Double.self)
        configuration = Configuration(minimumRating: hasMinimum ? minimum : nil)
        (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        counts = try reader.readArray(Int64.self).map { Int($0) }
        guard counts.count == items.count else {
            throw BinaryDecodingError.invalid("\(counts.count) popularity counts for \(items.count) items")
        }
    }
}
