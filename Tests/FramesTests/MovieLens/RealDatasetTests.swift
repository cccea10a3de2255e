import Foundation
import Testing
@testable import Frames

/// Checks against the real ml-latest-small release, when it is present next to the package
/// (`../shared/datasets/ml-latest-small`). Expected values are the original notebook's outputs.
@Suite("ml-latest-small")
struct RealDatasetTests {
    static let directory = packageRoot.appendingPathComponent("../shared/datasets/ml-latest-small").standardizedFileURL

    /// The nearest folder above this file that holds `Package.swift`.
    static var packageRoot: URL {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }

    static var isPresent: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("ratings.csv").path)
    }

    @Test(
        "shapes and known cells of the real release",
        .enabled(if: isPresent, "ml-latest-small is absent from ../shared/datasets; skipping the real-data check")
    )
    func shapes() throws {
        let release = try MovieLens(directory: Self.directory)
        #expect(release.layout == .csv)

        let movies = try release.load(.movies).frame
        #expect(movies.rowCount == 9742)
        #expect(movies.columnCount == 3)
        #expect(try movies.strings("title")[0] == "Toy Story (1995)")
        #expect(try movies.strings("genres")[0] == "Adventure|Animation|Children|Comedy|Fantasy")
        #expect(try movies.ints("movieId")[9740] == 193_587)
        #expect(try movies.strings("title")[9740] == "Bungo Stray Dogs: Dead Apple (2018)")

        var ratings = try release.load(.ratings).frame
        #expect(ratings.rowCount == 100_836)
        #expect(ratings.columnCount == 4)
        #expect(try ratings.ints("movieId")[100_832] == 168_248)
        #expect(try ratings.doubles("rating")[100_832] == 5.0)
        #expect(ratings.duplicateRowCount() == 0)
        #expect(ratings.nullCounts().map(\.count) == [0, 0, 0, 0])
        #expect(try ratings.uniqueCount("userId") == 610)
        #expect(try ratings.uniqueCount("movieId") == 9724)

        let tags = try release.load(.tags).frame
        #expect(tags.rowCount == 3683)
        #expect(tags.columnCount == 4)
        #expect(try tags.strings("tag")[1] == "Highly quotable")

        // In[7]: pd.merge(movies, ratings, on='movieId').head() after to_datetime.
        try ratings.convertToTimestamps("timestamp")
        let merged = try movies.joined(with: ratings, on: ["movieId"])
        #expect(merged.rowCount == 100_836)
        // The cells of its first five rows as a preview shows them (the preview itself is
        // TableSteps' TablePreview; its cutting is tested there).
        func head(_ column: Int) -> [String] { CellFormatting.format((0..<5).map { merged.cell(row: $0, column: column) }) }
        #expect(merged.columnNames == ["movieId", "title", "genres", "userId", "rating", "timestamp"])
        #expect(head(3) == ["1", "5", "7", "15", "17"])
        #expect(head(4) == ["4.0", "4.0", "4.5", "2.5", "4.5"])
        #expect(head(5)[1] == "1996-11-08 06:36:02")

        // The "Info" line of the SVD recommendations: 97 ratings, average 4.27, for Dr. Strangelove (750).
        let statistics = try ratings.groupStatistics(of: "rating", by: "movieId")
        let row = try #require(try statistics.ints("movieId").firstIndex(of: 750))
        #expect(try statistics.ints("count")[row] == 97)
        #expect(String(format: "%.2f", try statistics.doubles("mean")[row]) == "4.27")

        // In[2]: the movies preview's shape.
        #expect(movies.rowCount == 9742)
        #expect(movies.columnCount == 3)
    }

    @Test(
        "benchmark: parse, sort, merge and count duplicates on ratings.csv",
        .enabled(if: isPresent && ProcessInfo.processInfo.environment["FRAMES_BENCHMARK"] != nil)
    )
    func benchmark() throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("ratings.csv"))
        let reader = CSVReader()
        let columns = [
            CSVColumn("userId", .int), CSVColumn("movieId", .int), CSVColumn("rating", .double), CSVColumn("timestamp", .int),
        ]
        let ratings = try reader.read(data, file: "ratings.csv", columns: columns)
        let movies = try MovieLens(directory: Self.directory).load(.movies).frame
        // The machine may be shared: report the thread's CPU time beside the wall time.
        func cpuMilliseconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
        }
        func best(_ label: String, _ body: () throws -> Void) rethrows {
            var bestWall = Double.infinity, bestCPU = Double.infinity
            for _ in 0..<20 {
                let start = DispatchTime.now().uptimeNanoseconds
                let startCPU = cpuMilliseconds()
                try body()
                bestCPU = min(bestCPU, cpuMilliseconds() - startCPU)
                bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            print("\(label): best of 20 \(String(format: "%.2f", bestWall)) ms wall, \(String(format: "%.2f", bestCPU)) ms CPU")
        }
        try best("parse ratings.csv") { _ = try reader.read(data, file: "ratings.csv", columns: columns) }
        try best("parse ratings.csv, types inferred") { _ = try reader.read(data, file: "ratings.csv") }
        try best("sort by userId, timestamp") { _ = try ratings.sorted(by: ["userId", "timestamp"]) }
        try best("join movies with ratings") { _ = try movies.joined(with: ratings, on: ["movieId"]) }
        best("duplicate rows") { _ = ratings.duplicateRowCount() }
    }

    /// A large ratings file (ml-25m's, or a synthetic one of the same shape) named by
    /// `FRAMES_BENCHMARK_FILE`, to check that reading scales linearly.
    static let largeFile = ProcessInfo.processInfo.environment["FRAMES_BENCHMARK_FILE"]

    @Test("benchmark: a large ratings file", .enabled(if: largeFile != nil))
    func largeBenchmark() throws {
        let url = URL(fileURLWithPath: try #require(Self.largeFile))
        let columns = [
            CSVColumn("userId", .int), CSVColumn("movieId", .int), CSVColumn("rating", .double), CSVColumn("timestamp", .int),
        ]
        var start = DispatchTime.now().uptimeNanoseconds
        let ratings = try CSVReader().read(contentsOf: url, columns: columns)
        let parse = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        start = DispatchTime.now().uptimeNanoseconds
        let sorted = try ratings.sorted(by: ["userId", "timestamp"])
        let sort = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("\(url.lastPathComponent): \(ratings.rowCount) rows parsed in \(String(format: "%.2f", parse)) s, sorted in \(String(format: "%.2f", sort)) s")
        #expect(sorted.rowCount == ratings.rowCount)
    }
}
