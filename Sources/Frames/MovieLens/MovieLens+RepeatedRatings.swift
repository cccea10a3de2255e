import Foundation

/// A (user, movie) pair that a ratings file rates more than once, with the lines that rate it.
public struct RepeatedRating: Sendable, Equatable {
    public var userId: Int
    public var movieId: Int
    /// The lines of the file (1-based, as editors count them) of each of its ratings, in file order.
    public var lines: [Int]

    public init(userId: Int, movieId: Int, lines: [Int]) {
        self.userId = userId
        self.movieId = movieId
        self.lines = lines
    }
}

extension MovieLens {
    /// The groups of rows that rate one (user, movie) pair, each group's rows ascending, the
    /// groups in the order of their first row.
    ///
    /// - Complexity: O(*n*) when the rows are in (user, movie) order, as in the ml-latest
    ///   releases; O(*n* log *n*) otherwise.
    static func repeatedPairs(userIds: [Int], movieIds: [Int]) -> [[Int]] {
        let count = min(userIds.count, movieIds.count)
        let ascending = (1..<max(count, 1)).allSatisfy { (userIds[$0 - 1], movieIds[$0 - 1]) < (userIds[$0], movieIds[$0]) }
        guard !ascending else { return [] }
        let order = (0..<count).sorted { (userIds[$0], movieIds[$0], $0) < (userIds[$1], movieIds[$1], $1) }
        var groups: [[Int]] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, userIds[order[end]] == userIds[order[start]], movieIds[order[end]] == movieIds[order[start]] {
                end += 1
            }
            if end - start > 1 { groups.append(Array(order[start..<end])) }
            start = end
        }
        return groups.sorted { $0[0] < $1[0] }
    }

    /// The pairs that `frame` (a ratings table read from `data` by `reader`) rates more than once,
    /// with their lines in the file.
    static func repeatedRatings(in frame: DataFrame, data: Data, reader: CSVReader, file: String) throws -> [RepeatedRating] {
        let userIds = try frame.ints("userId"), movieIds = try frame.ints("movieId")
        let groups = repeatedPairs(userIds: userIds, movieIds: movieIds)
        guard !groups.isEmpty else { return [] }
        let lines = try reader.lines(ofRows: groups.flatMap { $0 }, in: data, file: file)
        return groups.map { rows in
            RepeatedRating(userId: userIds[rows[0]], movieId: movieIds[rows[0]], lines: rows.map { lines[$0] ?? $0 + 1 })
        }
    }
}
