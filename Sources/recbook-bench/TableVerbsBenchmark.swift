import Foundation
import Frames

/// `recbook-bench verbs --data DIR [repeat=3]`: times the table verbs' kernels in-process on a
/// MovieLens-shaped `ratings.csv` and `movies.csv` (benchmarks/table-verbs/generate.py writes them
/// at ML-25M size), the same operations benchmarks/table-verbs/reference.py times in pandas and polars.
/// Prints one line per operation: `recbook<TAB>operation<TAB>seconds` (best of `repeat`).
enum TableVerbsBenchmark {
    static func run(folder: URL, repeat count: Int) throws {
        let ratingColumns = [
            CSVColumn("userId", .int), CSVColumn("movieId", .int), CSVColumn("rating", .double), CSVColumn("timestamp", .int),
        ]
        let loadRatings = { try CSVReader().read(contentsOf: folder.appendingPathComponent("ratings.csv"), columns: ratingColumns) }
        report("load ratings", try best(1, loadRatings))
        let ratings = try loadRatings()
        let movies = try CSVReader().read(
            contentsOf: folder.appendingPathComponent("movies.csv"),
            columns: [CSVColumn("movieId", .int), CSVColumn("title", .string), CSVColumn("genres", .string)]
        )
        report("sort by userId, timestamp desc", try best(count) {
            try ratings.sorted(by: ["userId", SortKey("timestamp", ascending: false)])
        })
        report("group-by mean per movie", try best(count) {
            try ratings.aggregated(by: ["movieId"], [("mean", Aggregate(.mean, "rating"))])
        })
        report("join ratings to movies", try best(count) { try ratings.joined(with: movies, on: ["movieId"]) })
        report("explode genres, count per genre", try best(count) {
            try movies.exploded("genres", separator: "|").aggregated(by: ["genres"], [("movies", Aggregate(.count))])
        })
        report("distinct (userId, movieId)", try best(count) { try ratings.distinctRows(over: ["userId", "movieId"]) })
        report("value-counts rating", try best(count) { try ratings.valueCounts(of: ["rating"]) })
        report("top 20 by rating, timestamp", try best(count) {
            try ratings.top(20, by: [SortKey("rating", ascending: false), SortKey("timestamp", ascending: false)])
        })
    }

    /// The fastest of `count` runs of `body`, in seconds; the result is kept alive until timed.
    private static func best<T>(_ count: Int, _ body: () throws -> T) throws -> Double {
        var fastest = Double.infinity
        for _ in 0..<max(count, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try body()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            withExtendedLifetime(result) { fastest = min(fastest, elapsed) }
        }
        return fastest
    }

    private static func report(_ operation: String, _ seconds: Double) {
        // Written at once, unbuffered, so that a run.sh piping the lines sees each as it comes.
        FileHandle.standardOutput.write(Data("recbook\t\(operation)\t\(String(format: "%.3f", seconds))\n".utf8))
    }
}
