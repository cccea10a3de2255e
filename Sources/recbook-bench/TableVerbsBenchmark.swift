import Foundation
import Frames

/// `recbook-bench verbs --data DIR [repeat=3] [only=TEXT]`: times the table verbs' kernels
/// in-process on a MovieLens-shaped `ratings.csv` and `movies.csv` (benchmarks/table-verbs/generate.py
/// writes them at ML-25M size), the operations benchmarks/table-verbs/reference.py times in pandas
/// and polars. Prints one line per operation, `recbook<TAB>operation<TAB>seconds`, the best of
/// `repeat` runs; `only` keeps the operations whose name contains it.
enum TableVerbsBenchmark {
    static func run(folder: URL, repeat count: Int, only: String?) throws {
        func time(_ operation: String, times: Int = count, _ body: () throws -> Any) throws {
            guard only.map({ operation.contains($0) }) ?? true else { return }
            var fastest = Double.infinity
            for _ in 0..<max(times, 1) {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = try body()
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                withExtendedLifetime(result) { fastest = min(fastest, elapsed) }
            }
            // Written at once, unbuffered, so that run.sh sees each line as it comes.
            FileHandle.standardOutput.write(Data("recbook\t\(operation)\t\(String(format: "%.3f", fastest))\n".utf8))
        }

        let ratingColumns = [
            CSVColumn("userId", .int), CSVColumn("movieId", .int), CSVColumn("rating", .double), CSVColumn("timestamp", .int),
        ]
        let loadRatings = { try CSVReader().read(contentsOf: folder.appendingPathComponent("ratings.csv"), columns: ratingColumns) }
        try time("load ratings", times: 1) { try loadRatings() }
        let ratings = try loadRatings()
        let movies = try CSVReader().read(
            contentsOf: folder.appendingPathComponent("movies.csv"),
            columns: [CSVColumn("movieId", .int), CSVColumn("title", .string), CSVColumn("genres", .string)]
        )
        let liked = try Expression(parsing: "rating >= 4 and timestamp >= 1262304000").checkedCondition(against: ratings.schema)
        try time("filter rating >= 4 since 2010") { try ratings.filtered(by: liked) }
        try time("sort by userId, timestamp desc") { try ratings.sorted(by: ["userId", SortKey("timestamp", ascending: false)]) }
        try time("group-by mean per movie") { try ratings.aggregated(by: ["movieId"], [("mean", Aggregate(.mean, "rating"))]) }
        try time("join ratings to movies") { try ratings.joined(with: movies, on: ["movieId"]) }
        try time("explode genres, count per genre") {
            try movies.exploded("genres", separator: "|").aggregated(by: ["genres"], [("movies", Aggregate(.count))])
        }
        try time("join, explode genres, mean per genre") {
            try ratings.joined(with: movies, on: ["movieId"]).exploded("genres", separator: "|")
                .aggregated(by: ["genres"], [("ratings", Aggregate(.count)), ("mean", Aggregate(.mean, "rating"))])
        }
        try time("distinct (userId, movieId)") { try ratings.distinctRows(over: ["userId", "movieId"]) }
        try time("value-counts rating") { try ratings.valueCounts(of: ["rating"]) }
        try time("top 20 by rating, timestamp") {
            try ratings.top(20, by: [SortKey("rating", ascending: false), SortKey("timestamp", ascending: false)])
        }
    }
}
