import Foundation
import Testing

/// Ctrl-C during a long step stops the run promptly; the report records what happened and no
/// half-written file is left behind.
@Suite struct InterruptionTests {
    /// 400 users rating 100 movies each, and a matrix factorisation whose 1,000 ALS sweeps with
    /// 512 factors take minutes: long enough to be interrupted in the middle.
    static func writeLongNotebook(_ scratch: Scratch) throws {
        try scratch.write("data/movies.csv", "movieId,title,genres\n" + (1...100).map { "\($0),Movie \($0) (1999),Drama\n" }.joined())
        var ratings = "userId,movieId,rating,timestamp\n"
        for user in 1...400 {
            for movie in 1...100 { ratings += "\(user),\(movie),\(Double((user * 7 + movie * 3) % 9) / 2 + 1),\(user * 1000 + movie)\n" }
        }
        try scratch.write("data/ratings.csv", ratings)
        try scratch.write("long.md", """
            # A long run

            ```load
            data: data
            table: ratings
            as: ratings
            ```

            ```split
            ratings: ratings
            as: split
            ```

            ```train
            model: mf
            split: split
            factors: 512
            iterations: 1000
            as: mf
            ```

            ```evaluate
            model: mf
            ratings: split.test
            ```

            """)
    }

    @Test(.enabled(if: RecbookBinary.isRelease, "needs the release build"))
    func ctrlCStopsALongStepPromptlyAndTheReportSaysSo() throws {
        let scratch = try Scratch()
        try Self.writeLongNotebook(scratch)
        let process = Process()
        process.executableURL = try #require(RecbookBinary.executable)
        process.arguments = ["run", "long.md", "--output", "out", "--no-cache", "--quiet"]
        process.currentDirectoryURL = scratch.url
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Long enough for loading and splitting; the training takes minutes.
        Thread.sleep(forTimeInterval: 4)
        try #require(process.isRunning, "the run ended before it could be interrupted")
        let interrupted = Date()
        process.interrupt()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let seconds = Date().timeIntervalSince(interrupted)
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        #expect(seconds < 3, "the run took \(seconds) s to stop after Ctrl-C")
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted"))
        let report = try scratch.read("out/long.html")
        #expect(report.contains("interrupted (Ctrl-C) after"))
        #expect(report.contains("the run was interrupted (Ctrl-C) at step 3"))
        // Nothing half-written: no temporaries in the output directory or beside it.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: scratch.url.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers == [])
    }
}
