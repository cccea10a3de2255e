/// Ratings as they come from a file: one row per (user, item, rating, time), with external ids.
///
/// This is the input of ``RatingDataset`` (training) and of the evaluation helpers (test). Rows
/// keep their file order; nothing is deduplicated or sorted here.
public struct RatingLog: Sendable, Equatable {
    /// The external user id of each row (MovieLens `userId`).
    public private(set) var userIds: [Int]
    /// The external item id of each row (MovieLens `movieId`).
    public private(set) var itemIds: [Int]
    /// The rating of each row.
    public private(set) var ratings: [Double]
    /// The time of each row, in any monotonic unit (seconds in MovieLens). Only the order of a
    /// user's rows matters to the models.
    public private(set) var timestamps: [Int]

    /// Creates a log from parallel columns.
    ///
    /// - Throws: ``ModelError/invalidData(_:)`` when the columns differ in length or a rating is
    ///   not finite (the message names the row).
    public init(userIds: [Int], itemIds: [Int], ratings: [Double], timestamps: [Int]) throws {
        guard userIds.count == itemIds.count, userIds.count == ratings.count, userIds.count == timestamps.count else {
            throw ModelError.invalidData(
                "columns differ in length: \(userIds.count) users, \(itemIds.count) items, \(ratings.count) ratings, \(timestamps.count) timestamps")
        }
        if let row = ratings.firstIndex(where: { !$0.isFinite }) {
            throw ModelError.invalidData("row \(row) has rating \(ratings[row])")
        }
        self.userIds = userIds
        self.itemIds = itemIds
        self.ratings = ratings
        self.timestamps = timestamps
    }

    /// An empty log.
    public init() {
        userIds = []
        itemIds = []
        ratings = []
        timestamps = []
    }

    /// The number of rows.
    public var count: Int { userIds.count }

    /// The rows at the given positions, in that order (for example one part of a ``RowSplit``).
    ///
    /// - Precondition: every position is in `0..<count`.
    public func rows(_ positions: some Sequence<Int>) -> RatingLog {
        var result = RatingLog()
        for position in positions { result.append(row: position, of: self) }
        return result
    }

    /// The rows for which `isIncluded` holds, in order.
    public func filter(_ isIncluded: (_ userId: Int, _ itemId: Int) -> Bool) -> RatingLog {
        rows(userIds.indices.filter { isIncluded(userIds[$0], itemIds[$0]) })
    }

    /// This log's rows followed by another's.
    public func appending(_ other: RatingLog) -> RatingLog {
        var result = self
        result.userIds += other.userIds
        result.itemIds += other.itemIds
        result.ratings += other.ratings
        result.timestamps += other.timestamps
        return result
    }

    private mutating func append(row: Int, of other: RatingLog) {
        userIds.append(other.userIds[row])
        itemIds.append(other.itemIds[row])
        ratings.append(other.ratings[row])
        timestamps.append(other.timestamps[row])
    }
}
