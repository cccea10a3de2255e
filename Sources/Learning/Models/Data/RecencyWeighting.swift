import Foundation
import RecbookSupport

/// Weights a user's ratings by how recent they are within that user's own history.
///
/// The latest rating has weight 1; each earlier one decays towards a floor:
/// w(a) = floor + (1 − floor) · 2^(−a / halfLife), where `a` counts the user's ratings made after
/// it. Counting ratings rather than days follows MovieLens habits: users rate in bursts, and
/// the next ratings resemble the last burst more than the first one.
///
/// Only the order of each user's own history is used, so this is available at prediction time
/// for any user, including one folded in from a handful of ratings given oldest first.
public struct RecencyWeighting: Sendable, Equatable {
    /// How many later ratings halve the decaying part of a rating's weight; must be positive.
    public var halfLife: Double
    /// The weight that old ratings decay to, in [0, 1].
    public var floor: Double

    public init(halfLife: Double, floor: Double = 0) {
        self.halfLife = halfLife
        self.floor = floor
    }

    /// The weight of a rating followed by `laterRatings` ratings of the same user.
    public func weight(laterRatings: Int) -> Double {
        floor + (1 - floor) * Foundation.exp2(-Double(laterRatings) / halfLife)
    }

    /// The weights of a history of `count` ratings, oldest first.
    public func weights(count: Int) -> [Double] {
        (0..<count).map { weight(laterRatings: count - 1 - $0) }
    }

    func validate() throws {
        try require(halfLife > 0 && halfLife.isFinite, "recency half-life must be positive, got \(halfLife)")
        try require(floor >= 0 && floor <= 1, "recency floor must lie in [0, 1], got \(floor)")
    }
}

extension RecencyWeighting {
    /// The weights of every position of a set of histories, or all ones when `weighting` is nil.
    static func weights(of histories: UserHistories, _ weighting: RecencyWeighting?) -> [Double] {
        guard let weighting else { return [Double](repeating: 1, count: histories.ratingCount) }
        var result = [Double](repeating: 1, count: histories.ratingCount)
        for user in 0..<histories.userCount {
            let range = histories.range(ofUser: user)
            for position in range { result[position] = weighting.weight(laterRatings: range.upperBound - 1 - position) }
        }
        return result
    }

    static func write(_ weighting: RecencyWeighting?, to writer: inout BinaryWriter) {
        writer.write(weighting != nil)
        if let weighting {
            writer.write(weighting.halfLife)
            writer.write(weighting.floor)
        }
    }

    static func read(from reader: inout BinaryReader) throws -> RecencyWeighting? {
        guard try reader.read(Bool.self) else { return nil }
        let weighting = RecencyWeighting(halfLife: try reader.read(Double.self), floor: try reader.read(Double.self))
        do { try weighting.validate() } catch { throw BinaryDecodingError.invalid("\(error)") }
        return weighting
    }
}
