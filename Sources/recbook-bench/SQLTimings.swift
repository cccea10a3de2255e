import Foundation
import Frames

/// `recbook-bench sql`: what SQL over a MovieLens ratings table costs in the `sql` step's engine:
/// making the table visible to SQLite, scanning it, and grouping it.
enum SQLTimings {
    /// The queries timed, each with what it measures.
    static let queries: [(label: String, query: String)] = [
        ("make visible, read no row", "SELECT COUNT(*) AS n FROM ratings WHERE 0"),
        ("scan rows, read no column", "SELECT COUNT(*) AS n FROM ratings"),
        ("scan one column", "SELECT SUM(rating) AS total FROM ratings"),
        ("group by movie: count, mean", "SELECT movieId, COUNT(*) AS n, AVG(rating) AS mean FROM ratings GROUP BY movieId"),
        ("group by user: count, mean", "SELECT userId, COUNT(*) AS n, AVG(rating) AS mean FROM ratings GROUP BY userId"),
        ("top 10 movies, >= 50 ratings", """
            SELECT movieId, COUNT(*) AS n, AVG(rating) AS mean FROM ratings
            GROUP BY movieId HAVING n >= 50 ORDER BY mean DESC LIMIT 10
            """),
    ]

    /// Loads `ratings.csv` from `folder` and times each query over it, printing one line each.
    /// - Throws: ``DataError`` when the release cannot be read, ``SQLError`` when a query fails.
    static func run(folder: URL) throws {
        let clock = ContinuousClock()
        var start = clock.now
        let ratings = try MovieLens(directory: folder).load(.ratings).frame
        print("load ratings.csv (\(ratings.rowCount) rows): \(seconds(clock.now - start))")
        let limits = SQLLimits(seconds: 3_600, maxRows: 100_000_000)
        for (label, query) in queries {
            start = clock.now
            let result = try SQLQuery(query).run(over: [("ratings", ratings)], limits: limits)
            print("\(label.padding(toLength: 30, withPad: " ", startingAt: 0)) \(seconds(clock.now - start))  (\(result.rowCount) rows)")
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        return String(format: "%8.3f s", value)
    }
}
