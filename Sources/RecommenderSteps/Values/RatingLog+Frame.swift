import Frames
import Learning

extension RatingLog {
    /// The ratings of a table with userId, movieId, rating and timestamp columns.
    ///
    /// - Throws: ``Frames/DataError`` naming a missing or mistyped column,
    ///   ``Learning/ModelError/invalidData(_:)`` for a rating that is not finite.
    init(frame: DataFrame) throws {
        try self.init(
            userIds: try frame.ints("userId"), itemIds: try frame.ints("movieId"),
            ratings: try frame.doubles("rating"), timestamps: try frame.timestamps("timestamp"))
    }

    /// Held-out ratings, which need no time: userId, movieId and rating columns, each row's
    /// position standing for its time.
    ///
    /// - Throws: as ``init(frame:)``.
    init(heldOut frame: DataFrame) throws {
        try self.init(
            userIds: try frame.ints("userId"), itemIds: try frame.ints("movieId"),
            ratings: try frame.doubles("rating"), timestamps: Array(0..<frame.rowCount))
    }
}
